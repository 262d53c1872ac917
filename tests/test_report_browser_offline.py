"""The HTML report of an offline run, in headless Chromium: it says plainly nothing was verified."""

from __future__ import annotations

import re

import pytest

from citecheck.config import VerifyOptions
from citecheck.pipeline import verify
from citecheck.report import render
from test_report_browser import _chromium, _dump

pytestmark = pytest.mark.browser

PAPER = (
    "Exports rose by 12% in 2021.[^1] Imports fell by 3%.[^2]\n\n"
    "[^1]: Ministry of Commerce, «Exports 2021», 2022, https://www.example.org/exports-2021.html\n"
    "[^2]: Customs Office, «Imports 2021», 2022, https://www.example.net/imports-2021.html\n"
)


def test_an_offline_report_opens_with_nothing_was_verified_and_is_screenshotted(tmp_path):
    paper = tmp_path / "paper.md"
    paper.write_text(PAPER, encoding="utf-8")
    report = verify(paper, VerifyOptions(offline=True, cache_dir=tmp_path / "cache"))
    page = render(report, "html")
    dom, console = _dump(tmp_path, page, "offline.html")
    assert console == []
    text = re.sub(r"<[^>]+>", " ", dom.split("<main>", 1)[1])
    words = " ".join(text.split())
    assert words.index("Nothing was verified.") < words.index("references")
    assert "2 of 2 links could not be checked: no network" in words
    path = tmp_path / "offline.html"
    shot = tmp_path / "offline.png"
    done = _chromium(
        tmp_path, f"--screenshot={shot}", "--window-size=1280,900", "--hide-scrollbars", path.as_uri()
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
