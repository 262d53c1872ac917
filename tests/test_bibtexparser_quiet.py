"""bibtexparser's own log records never reach stderr: citecheck says what matters in one line.

Reading, the library logs a broken block over several lines ("Parsing of `@misc` block (line 3)
aborted …") and drops a second entry with a used key without a word; writing 10,000 entries or
more, it logs a warning about its own deep copies, which is about citecheck's use of it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from citecheck.bibliography import export
from citecheck.model import Reference
from citecheck.references.bibfile import references_from_bibtex

BAD_BIB = """@misc{good2021,
  title = {Good}, year = {2021}, url = {https://www.example.org/a}
}
@misc{bad2021,
  title = {Bad, year = {2021}

@misc{good2021,
  title = {Again}, year = {2021}
}
@misc{last2022,
  title = {Last}, year = {2022}
}
"""


def test_parse_of_a_bib_with_a_broken_block_prints_our_line_not_the_librarys(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text(BAD_BIB, encoding="utf-8")
    script = Path(sys.executable).parent / "citecheck"
    done = subprocess.run([str(script), "parse", str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Parsing of `@misc` block" not in done.stderr and "aborted on line" not in done.stderr
    assert (
        "line 4: an entry that is not valid BibTeX was skipped (Unexpected block start: `@misc`."
        in done.stderr
    )
    assert "line 7: a second entry with the key good2021 was skipped (keys must be unique)" in done.stderr


def test_a_skipped_block_is_a_warning_on_the_reference_before_it():
    refs = references_from_bibtex(BAD_BIB)
    assert [r.key for r in refs] == ["good2021", "last2022"]
    assert len(refs[0].warnings) == 2 and refs[1].warnings == ()


def test_writing_ten_thousand_entries_logs_nothing_about_the_librarys_copies(capfd, caplog):
    refs = [
        Reference(key=f"k{i}", entry_type="misc", raw="x", title=f"T{i}", year=2020) for i in range(10_000)
    ]
    text = export(refs, "bibtex")
    assert text.count("@misc{") == 10_000
    assert capfd.readouterr().err == ""
    assert [r.getMessage()[:40] for r in caplog.records if r.name.startswith("bibtexparser")] == []
