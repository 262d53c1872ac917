"""The Markdown report reads well in a pull-request comment and cannot be hijacked by sources."""

from __future__ import annotations

import re

from citecheck.report import render
from citecheck.report.markdown import LIST_LIMIT, md
from report_samples import HOSTILE, hostile_report, sample_report


def test_it_opens_with_a_summary_table_of_counts():
    text = render(sample_report(), "md")
    assert text.startswith("# citecheck report: seeds/china-latin-america-green-cooperation-2022.txt\n")
    assert "| References | 5 |" in text
    assert "| Links: broken | 1 |" in text
    assert "| inconsistent | 1 |" in text


def test_broken_links_show_the_archived_copy_and_its_date():
    text = render(sample_report(), "md")
    section = text.split("## Broken links", 1)[1].split("\n## ", 1)[0]
    assert "**cofco2022**" in section
    assert "Archived copy: [2022-02-28 09:30:00 UTC](http://127.0.0.1:8080/pywb/20220228093000/" in section
    assert "**guancha2012**" in section and "No archived copy found." in section


def test_inconsistent_figures_put_claim_and_source_side_by_side_with_the_numbers_in_bold():
    text = render(sample_report(), "md")
    section = text.split("## Inconsistent figures", 1)[1].split("\n## ", 1)[0]
    assert "- **Paper:** This investment is worth **US\\\\\\$15.5 billion** and will reduce" in section
    assert "asciende a **1.550 millones de dólares** y evitará" in section
    assert "**Diagnosis:** the source says 15.5亿美元" in section


def test_repaired_urls_are_a_table_of_raw_and_repaired_forms():
    text = render(sample_report(), "md")
    assert (
        "| xinhua2021celac | htt\u200bp://ww\u200bw.govgovcn/xinwen/20 21 - 12 / 08 / content\\_5659408 html | "
        "[http://www.gov.cn/xinwen/2021-12/08/content\\_5659408.htm](http://www.gov.cn/xinwen/2021-12/08/content_5659408.htm)"
        " | confirmed by a web archive |"
    ) in text


def test_source_text_cannot_inject_html_links_or_break_tables():
    text = render(hostile_report(), "md")
    assert "<script" not in text and "<img" not in text and "<svg" not in text
    assert not re.search(r"(?<!\\)\]\(javascript:", text)
    for line in text.splitlines():
        if line.startswith("| ") and "How sure" not in line and "---" not in line:
            assert len(re.findall(r"(?<!\\)\|", line)) in (3, 5), line


def test_md_escapes_markdown_and_html():
    assert md("a|b *c* <d> $e") == "a\\|b \\*c\\* &lt;d&gt; \\$e"
    assert "\n" not in md(HOSTILE + "\nnext")


def test_long_lists_are_cut_to_keep_the_comment_short():
    from dataclasses import replace

    report = sample_report()
    warning = next(f for f in report.findings if f.kind.value == "parse-warning")
    many = report.findings + tuple(replace(warning, message=f"warning {i}") for i in range(LIST_LIMIT + 20))
    text = render(replace(report, findings=many), "md")
    assert f"and {21} more" in text
