"""The HTML report in headless Chromium: no console errors, injected scripts never run, screenshots.

Chromium is installed by ``.ci/run`` (Debian's ``chromium``); when it is missing these
tests fail, they do not skip.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess

import pytest

from citecheck.report import render
from report_samples import HOSTILE, hostile_report, sample_report

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _chromium(tmp_path, *args: str, timeout: float = 30) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)


def _console(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def _dump(tmp_path, page: str, name: str) -> tuple[str, list[str]]:
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    done = _chromium(tmp_path, "--dump-dom", path.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, _console(done.stderr)


def _title(dom: str) -> str:
    match = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert match, dom[:500]
    return html.unescape(match.group(1))


def test_chromium_is_installed():
    assert shutil.which("chromium") or shutil.which("/usr/bin/chromium"), "install chromium (see .ci/run)"


def test_the_checks_below_would_see_a_script_that_runs(tmp_path):
    # Control: the same hostile text pasted unescaped does run, and the scan sees it
    # (alert() is neutralised: a modal dialog would hang headless Chromium).
    page = (
        f"<!DOCTYPE html><html><head><title>t</title></head><body>{HOSTILE.replace(chr(0xD800), '').replace('alert(1)', 'void 0')}"
        "<script>console.error('control')</script></body></html>"
    )
    dom, console = _dump(tmp_path, page, "control.html")
    assert _title(dom) == "PWNED" and 'data-pwned="1"' in dom
    assert any("control" in line for line in console)


def test_the_seed_like_report_loads_with_no_console_errors(tmp_path):
    dom, console = _dump(tmp_path, render(sample_report(), "html"), "report.html")
    assert console == []
    assert _title(dom).startswith("citecheck report: seeds/china-latin-america")
    assert "Inconsistent figures (1)" in dom


def test_a_script_injected_by_a_hostile_source_page_does_not_run(tmp_path):
    dom, console = _dump(tmp_path, render(hostile_report(), "html"), "hostile.html")
    assert "PWNED" not in _title(dom).replace("document.title='PWNED'", "")
    assert _title(dom).startswith("citecheck report: <script>")
    assert 'data-pwned="1"' not in dom
    assert console == []


def test_screenshots_on_a_laptop_and_a_phone_are_saved(tmp_path):
    path = tmp_path / "report.html"
    path.write_text(render(sample_report(), "html"), encoding="utf-8")
    for name, size in (("laptop.png", "1280,900"), ("phone.png", "390,844")):
        shot = tmp_path / name
        done = _chromium(
            tmp_path, f"--screenshot={shot}", f"--window-size={size}", "--hide-scrollbars", path.as_uri()
        )
        assert done.returncode == 0, done.stderr[-2000:]
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
