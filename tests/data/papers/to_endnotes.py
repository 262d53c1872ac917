"""Turn the footnotes of a .docx into endnotes (what Word's "Convert to endnotes" does).

    python3 to_endnotes.py IN.docx OUT.docx

``word/footnotes.xml`` becomes ``word/endnotes.xml`` (``w:footnote`` -> ``w:endnote``,
``w:footnoteRef`` -> ``w:endnoteRef``), the marks in ``word/document.xml`` become
``w:endnoteReference``, and the package's relationships and content types follow.
"""

import sys
import zipfile

RENAMES = {
    "word/footnotes.xml": "word/endnotes.xml",
    "word/_rels/footnotes.xml.rels": "word/_rels/endnotes.xml.rels",
}


def convert(data: bytes, name: str) -> bytes:
    if name in ("word/document.xml", "word/footnotes.xml"):
        for old, new in (
            (b"w:footnoteReference", b"w:endnoteReference"),
            (b"w:footnoteRef", b"w:endnoteRef"),
            (b"w:footnotes", b"w:endnotes"),
            (b"w:footnote ", b"w:endnote "),
            (b"w:footnote>", b"w:endnote>"),
            (b"FootnoteReference", b"EndnoteReference"),
            (b"FootnoteText", b"EndnoteText"),
        ):
            data = data.replace(old, new)
    if name in ("word/_rels/document.xml.rels", "[Content_Types].xml"):
        data = data.replace(b"footnotes.xml", b"endnotes.xml").replace(b"/footnotes", b"/endnotes")
        data = data.replace(b"footnotes+xml", b"endnotes+xml")
    return data


def main(src: str, dst: str) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = convert(zin.read(info), info.filename)
            zout.writestr(RENAMES.get(info.filename, info.filename), data)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
