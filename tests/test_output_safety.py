"""Output safety (issue 6 part 4): whatever a paper or a source contains, the outputs stay sound.

BibTeX always reads back; the HTML report never turns text into markup; JSON is valid
UTF-8; file names derived from a paper's name never leave their directory.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.config import VerifyOptions
from citecheck.findings import build_findings
from citecheck.model import LinkResult, LinkState, Reference, Report, SourceCheck, Url
from citecheck.pipeline import output_paths, safe_stem, write_outputs
from citecheck.report import render
from citecheck.report.html import _TAGS
from report_samples import HOSTILE, sample_parts

# The seed's own character mix plus everything that is special somewhere.
SEED_CHARS = "ÿŷŸ«»“”‘’—·、。，：；（）《》亿万美元 "
SPECIAL = "{}@%\\#$&_^~<>\"'`|[]*\n\r\t\x00\x07\u2028\ud800"
text = st.text(alphabet=st.sampled_from(list(SEED_CHARS + SPECIAL) + list("abcXYZ0129.,:/")), max_size=60)
any_text = st.text(max_size=60)

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _reference(i: int, title: str, author: str, url: str) -> Reference:
    return Reference(
        key=f"ref{i}",
        entry_type="webpage",
        raw=title,
        note_id=f"p1n{i}",
        authors=(author,) if author.strip() else (),
        title=title or None,
        container=title or None,
        url=Url(raw=url, repaired=url, complete=True),
        access_date="2022-02-20",
    )


def _report(refs, paper="paper.txt") -> Report:
    checks = [
        SourceCheck(r.key, r.url.repaired, link=LinkResult(r.url.repaired, LinkState.BROKEN, r.title or "x"))
        for r in refs
    ]
    return Report(
        paper=paper,
        generated_at="2026-11-28T12:00:00Z",
        references=tuple(refs),
        checks=tuple(checks),
        findings=tuple(build_findings(refs, checks, [])),
    )


@FAST
@given(st.lists(st.tuples(text, text, text), min_size=1, max_size=4))
def test_the_written_bibtex_always_reads_back_entry_for_entry(tmp_path_factory, items):
    tmp = tmp_path_factory.mktemp("bib")
    refs = [
        _reference(i, title, author, "http://www.example.org/" + url)
        for i, (title, author, url) in enumerate(items)
    ]
    options = VerifyOptions(report_dir=tmp / "r", bib_dir=tmp / "b", formats=())
    (bib_path,) = write_outputs(_report(refs), refs, options)
    library = bibtexparser.parse_string(bib_path.read_text(encoding="utf-8"))
    assert library.failed_blocks == []
    assert [entry.key for entry in library.entries] == [r.key for r in refs]


def test_the_seed_hostile_title_survives_a_bibtex_round_trip(tmp_path):
    title = "50% of {US} @ C:\\temp\\ #1 & more } { unbalanced"
    refs = [_reference(0, title, "Wu Zhicheng", "http://www.example.org/a%20b")]
    (bib_path,) = write_outputs(
        _report(refs), refs, VerifyOptions(report_dir=tmp_path, bib_dir=tmp_path, formats=())
    )
    (entry,) = bibtexparser.parse_string(bib_path.read_text(encoding="utf-8")).entries
    assert entry.key == "ref0"
    assert "50" in entry["title"] and "US" in entry["title"]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@FAST
@given(st.lists(st.tuples(any_text, any_text, any_text), min_size=1, max_size=3), any_text)
def test_the_html_report_never_turns_paper_or_source_text_into_markup(items, paper):
    refs = [_reference(i, HOSTILE + title, author, url) for i, (title, author, url) in enumerate(items)]
    page = render(_report(refs, paper=paper + HOSTILE), "html")
    parser = _Tags()
    parser.feed(page)
    for tag, attrs in parser.tags:
        assert tag in _TAGS or tag in ("html", "head", "meta", "title", "style", "body"), tag
        assert not any(name.startswith("on") for name in attrs), attrs
        if "href" in attrs:
            assert attrs["href"].startswith(("http://", "https://"))
    page.encode("utf-8")


@FAST
@given(any_text, st.lists(any_text, max_size=3))
def test_the_json_report_is_valid_utf8_whatever_the_text(title, warnings):
    refs, claims, checks, figures = sample_parts()
    refs = [Reference(key="k", entry_type="misc", raw=title, title=title, warnings=tuple(warnings)), *refs]
    report = Report(
        paper=title,
        generated_at="2026-11-28T12:00:00Z",
        references=tuple(refs),
        checks=tuple(checks),
        figures=tuple(figures),
        findings=tuple(build_findings(refs, checks, figures, claims, document_warnings=warnings)),
    )
    data = render(report, "json").encode("utf-8")  # strict: a lone surrogate would raise
    assert json.loads(data.decode("utf-8"))["references"][0]["key"] == "k"


names = st.lists(
    st.sampled_from(list("./\\:~ab \x00") + ["..", "../", "\u202e", "論文", ".txt"]), max_size=12
).map("".join)


@FAST
@given(names)
def test_file_names_derived_from_a_paper_name_stay_in_their_directory(tmp_path_factory, name):
    base = tmp_path_factory.getbasetemp()
    options = VerifyOptions(
        report_dir=base / "reports", bib_dir=base / "refs", formats=("html", "md", "json")
    )
    paths = output_paths(Report(paper=name, generated_at="x"), options)
    for key, path in paths.items():
        directory = (options.bib_dir if key == "bib" else options.report_dir).resolve()
        assert path.parent == directory
        assert not path.name.startswith(".")
        assert "/" not in path.name and "\\" not in path.name and "\x00" not in path.name


def test_a_paper_named_to_climb_out_writes_inside_the_report_dir(tmp_path):
    options = VerifyOptions(report_dir=tmp_path / "reports", bib_dir=tmp_path / "refs", formats=("md",))
    refs, *_ = sample_parts()
    written = write_outputs(_report(refs[:1], paper="../../../../tmp/evil\x00.txt"), refs[:1], options)
    assert [p.parent for p in written] == [(tmp_path / "refs").resolve(), (tmp_path / "reports").resolve()]
    assert safe_stem("../../../../tmp/evil\x00.txt") == "evil"
    assert not Path("/tmp/evil.md").exists()
