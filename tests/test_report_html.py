"""The HTML report: self-contained, every source text escaped, the evidence beside each problem."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from citecheck.model import Report
from citecheck.report import render
from citecheck.report.html import CSP, a, el, esc
from report_samples import HOSTILE, hostile_report, sample_report


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._stack: list[str] = []
        self.marks: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._stack.append(tag)

    def handle_endtag(self, tag):
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        if self._stack and self._stack[-1] == "mark":
            self.marks.append(data)


def _parse(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    return collector


def test_the_page_is_self_contained_with_a_strict_csp_and_no_external_resources():
    page = render(sample_report(), "html")
    parsed = _parse(page)
    metas = [attrs for tag, attrs in parsed.tags if tag == "meta"]
    assert {"http-equiv": "Content-Security-Policy", "content": CSP} in metas
    assert "script-src 'none'" in CSP and "default-src 'none'" in CSP
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert any(attrs.get("name") == "viewport" for attrs in metas)
    assert "<style>" in page and "@media (max-width" in page


def test_the_summary_has_counts_and_an_inline_svg_chart_of_verdicts():
    parsed = _parse(render(sample_report(), "html"))
    svgs = [attrs for tag, attrs in parsed.tags if tag == "svg"]
    assert any(
        attrs["aria-label"] == "Figures by verdict: consistent 1, inconsistent 1, not-found 0, unverifiable 1"
        for attrs in svgs
    )


def test_a_broken_link_shows_its_archived_copy_and_the_snapshot_date():
    page = render(sample_report(), "html")
    section = page.split('id="broken"', 1)[1].split("</section>", 1)[0]
    assert (
        'href="http://127.0.0.1:8080/pywb/20220228093000/http://www.cofco.com/cn/News/AllNews/Latest/2022/0110/51147.html"'
        in section
    )
    assert "2022-02-28 09:30:00 UTC" in section


def test_inconsistent_figures_highlight_both_numbers_and_explain_in_plain_words():
    page = render(sample_report(), "html")
    section = page.split('id="figures"', 1)[1].split("</section>", 1)[0]
    parsed = _parse(section)
    assert parsed.marks == ["US\\$15.5 billion", "1.550 millones de dólares"]
    text = "".join(parsed.text)
    assert "the source says 15.5亿美元 = US$1.55 billion; the paper's US$15.5 billion is 10× larger" in text


def test_repaired_urls_show_raw_and_repaired_and_every_reference_has_its_fields():
    page = render(sample_report(), "html")
    repairs = page.split('id="repairs"', 1)[1].split("</section>", 1)[0]
    assert "http://www.govgovcn/xinwen/20 21 - 12 / 08 / content_5659408 html" in repairs
    assert "confirmed by a web archive" in repairs
    refs = page.split('id="references"', 1)[1]
    for key in ("cofco2022", "guancha2012", "reve2019", "xinhua2021celac", "carbon2021"):
        assert f'id="ref-{key}"' in refs
    assert "Jiangsu Social Sciences" in refs


def test_nothing_from_a_hostile_source_becomes_markup():
    page = render(hostile_report(), "html")
    parsed = _parse(page)
    assert not [tag for tag, _ in parsed.tags if tag in ("script", "img", "iframe", "textarea")]
    svgs_with_onload = [attrs for tag, attrs in parsed.tags if any(k.startswith("on") for k in attrs)]
    assert svgs_with_onload == []
    hrefs = [attrs["href"] for tag, attrs in parsed.tags if tag == "a"]
    assert all(href.startswith(("http://", "https://")) for href in hrefs)
    assert not any("javascript:" in href.lower() for href in hrefs)
    # the hostile text is shown, as text
    assert "<script>document.title='PWNED'" in "".join(parsed.text)
    assert "\x00" not in page and "\ud800" not in page
    page.encode("utf-8")


def test_a_repaired_url_that_breaks_out_of_its_attribute_stays_inside_it():
    page = render(hostile_report(), "html")
    assert 'href="http://127.0.0.1/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in page


def test_the_builder_escapes_text_and_attributes_and_refuses_event_handlers():
    assert el("p", HOSTILE).count("<") == 2
    assert str(el("a", "x", href='"><b>')) == '<a href="&quot;&gt;&lt;b&gt;">x</a>'
    assert str(a("x", "javascript:alert(1)")) == '<span class="url">x</span>'
    assert esc(esc("<")) == "&lt;"
    with pytest.raises(ValueError):
        el("script", "x")
    with pytest.raises(ValueError):
        el("p", "x", onclick="alert(1)")


def test_an_empty_report_still_renders_a_complete_page():
    page = render(Report(paper="empty.txt", generated_at="2026-11-28T12:00:00Z"), "html")
    assert page.rstrip().endswith("</html>")
    assert "No references found." in page
