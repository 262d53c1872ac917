#!/usr/bin/env bash
# Rebuild every fixture in this folder from the Markdown papers (Debian: pandoc,
# texlive-latex-base, texlive-latex-recommended, lmodern). The outputs are committed, so the
# tests need none of these tools; run this after changing generate.py.
set -euo pipefail
cd "$(dirname "$0")"
python3 generate.py
FROM="-f markdown+autolink_bare_uris"
for P in energy-transition trade-finance resource-policy; do
    pandoc "$P.md" $FROM -o "$P.docx"
    pandoc "$P.md" $FROM -H header.tex -V geometry:margin=2.5cm -o "$P-footnotes.pdf"
    pandoc "$P.md" $FROM -H header.tex -V geometry:margin=2.5cm -V classoption=twocolumn -o "$P-twocolumn.pdf"
    pandoc "$P.md" $FROM -H header.tex -V geometry:margin=2.5cm --lua-filter endnotes.lua -o "$P-endnotes.pdf"
done
python3 to_endnotes.py energy-transition.docx energy-transition-endnotes.docx
pandoc tracked-changes.md $FROM -o tracked-changes.docx
