"""Source text from fetched bodies: HTML main text, PDF text, charsets, sniffing, bad input.

Pages come from a real HTTP server on 127.0.0.1 (so the Content-Type header is what a
server really sent) or straight from the fixture files in tests/data/figures.
"""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from citecheck.sources.text import decode, normalise_charset, sniff, to_text

DATA = Path(__file__).parent / "data" / "figures"


class _Pages(BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802 (http.server API)
        body, ctype, *extra = self.routes.get(self.path, (b"not found", "text/plain"))
        self.send_response(200 if self.path in self.routes else 404)
        if ctype:
            self.send_header("Content-Type", ctype)
        for name, value in (extra[0] if extra else {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def pages():
    argentina = (DATA / "argentina-renewables-gbk.html").read_bytes()
    _Pages.routes = {
        "/panama": ((DATA / "panama-epc-gb2312.html").read_bytes(), "text/html"),
        "/argentina-header": (argentina, "text/html; charset=GBK"),
        "/argentina-lying-header": (argentina, "text/html; charset=utf-8"),
        "/carbon-big5": ((DATA / "carbon-market-big5.html").read_bytes(), "text/html"),
        "/report.pdf-as-html": ((DATA / "carbon-market-en.pdf").read_bytes(), "text/html; charset=utf-8"),
        "/html-as-pdf": (b"<!DOCTYPE html><html><body><p>The plant has 828 MW.</p></body></html>", "application/pdf"),
        "/latin1-lie": ("<html><body><p>Capacidade de 4.995 MW em São Paulo</p></body></html>".encode(),
                        "text/html; charset=ISO-8859-1"),
        "/pt-header": (b"<html><body><p>Capacity: 1.200 MW</p></body></html>", "text/html",
                       {"Content-Language": "pt-BR"}),
        "/pt-text-header": (b"Capacidade: 1.200 MW", "text/plain; charset=utf-8",
                            {"Content-Language": "pt"}),
    }  # fmt: skip
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def fetch(base, path):
    r = requests.get(base + path, timeout=5)
    return to_text(
        r.content, r.headers.get("Content-Type"), r.url, content_language=r.headers.get("Content-Language")
    )


def test_gb2312_page_is_decoded_as_gb18030_and_keeps_only_the_article(pages):
    st = fetch(pages, "/panama")
    assert st.charset == "gb18030"
    assert "合同金额约为1.08亿美元" in st.text
    assert st.title == "中国能建签约巴拿马110兆瓦光伏项目"
    for boilerplate in ("首页", "新闻中心", "版权所有", "pageviews", "960px", "010-5809"):
        assert boilerplate not in st.text


def test_gbk_page_declared_only_in_the_http_header_is_read(pages):
    st = fetch(pages, "/argentina-header")
    assert st.charset == "gb18030"
    assert "总装机容量为5181.74兆瓦" in st.text
    assert "经济商务处" not in st.text  # <nav>
    assert "布宜诺斯艾利斯" not in st.text  # <footer>


def test_a_header_that_lies_about_the_charset_is_not_believed(pages):
    st = fetch(pages, "/argentina-lying-header")
    assert "总装机容量为5181.74兆瓦" in st.text
    assert st.charset == "gb18030"


def test_big5_page_with_meta_charset_is_read(pages):
    st = fetch(pages, "/carbon-big5")
    assert "年覆蓋二氧化碳排放量約45億噸" in st.text
    assert "分享到" not in st.text


def test_latin1_declared_page_that_is_really_utf8_is_read_as_utf8(pages):
    st = fetch(pages, "/latin1-lie")
    assert "São Paulo" in st.text


def test_a_pdf_served_as_html_and_html_served_as_pdf_are_both_read(pages):
    pdf = fetch(pages, "/report.pdf-as-html")
    assert pdf.content_type == "application/pdf"
    assert "2,162 key emitters" in pdf.text
    html = fetch(pages, "/html-as-pdf")
    assert html.content_type == "text/html"
    assert html.text == "The plant has 828 MW."


def test_table_cells_are_separated_and_rows_are_their_own_lines():
    st = to_text((DATA / "argentina-renewables-gbk.html").read_bytes(), "text/html; charset=gbk")
    assert "风电 | 74%" in st.text
    assert "太阳能光伏 | 13%" in st.text


def test_a_byte_order_mark_wins_over_the_declarations():
    body = b"\xef\xbb\xbf" + "<html><body><p>装机容量150万千瓦</p></body></html>".encode()
    st = to_text(body, "text/html; charset=big5")
    assert st.text == "装机容量150万千瓦"


@pytest.mark.parametrize(
    ("body", "ctype"),
    [
        (b"", "text/html"),
        (b"", None),
        (b"\x00\x01\x02\xff" * 1000, "application/octet-stream"),
        (b"%PDF-1.4\n garbage that is not a pdf", "application/pdf"),
        (b"<html><body><script>var x = 1;</script></body></html>", "text/html"),
    ],
)
def test_empty_or_garbage_bodies_give_empty_text_without_an_exception(body, ctype):
    st = to_text(body, ctype, "http://127.0.0.1/x")
    assert st.text == ""
    assert st.url == "http://127.0.0.1/x"


def test_broken_markup_is_read_as_far_as_it_goes():
    st = to_text(b"<<<<>>>><p<p<p" * 1000 + b"<p>The plant has 828 MW.", "text/html")
    assert isinstance(st.text, str)


def test_garbage_pdf_has_empty_text():
    assert to_text(b"%PDF-1.4\n garbage", "application/pdf").text == ""


def test_plain_text_in_gbk_is_detected_without_any_declaration():
    text = "据中国海关统计，2021年中国与拉美地区进出口总额达4515.91亿美元，同比增长41.1%。" * 3
    st = to_text(text.encode("gbk"), None)
    assert "4515.91亿美元" in st.text


def test_a_50_mb_html_page_is_read_up_to_the_cap_quickly():
    para = "<p>The wind farm has 35 turbines and 125 MW of capacity.</p>\n"
    body = ("<html><body>" + para * (50 * 1024 * 1024 // len(para))).encode()
    start = time.perf_counter()
    st = to_text(body, "text/html")
    assert time.perf_counter() - start < 30
    assert st.text.startswith("The wind farm has 35 turbines")
    assert len(st.text) < 5 * 1024 * 1024


def test_charset_names_map_to_the_supersets_browsers_use():
    assert normalise_charset("GB2312") == "gb18030"
    assert normalise_charset("gbk") == "gb18030"
    assert normalise_charset("Big5") == "cp950"
    assert normalise_charset("ISO-8859-1") == "cp1252"
    assert normalise_charset("x-unknown") is None


def test_decode_falls_back_to_detection_when_nothing_is_declared():
    text, enc = decode(
        "可再生能源发电满足了全国百分之十三的电力需求，共有一百八十七个项目。".encode("gb18030")
    )
    assert "可再生能源" in text and enc == "gb18030"


def test_sniffing_looks_at_the_bytes_not_the_label():
    assert sniff(b"%PDF-1.7", "text/html") == "pdf"
    assert sniff(b"  <!doctype html><title>x</title>", "application/pdf") == "html"
    assert sniff(b"plain words", "text/plain") == "text"
    assert sniff(b"\x00" * 100, None) == "binary"


# ---- the language a source declares -------------------------------------------------------


def test_the_html_lang_attribute_is_the_declared_language():
    st = to_text(
        b'<!DOCTYPE html><html class="no-js" lang="pt-BR"><body><p>A usina tem 1.200 MW.</p></body></html>'
    )
    assert st.language == "pt-BR"
    assert to_text(b'<html xml:lang="es"><body><p>Tiene 1.200 MW.</p></body></html>').language == "es"


def test_a_content_language_meta_declares_the_language_when_the_html_element_does_not():
    body = (
        b'<html><head><meta http-equiv="Content-Language" content="es-AR"></head><body><p>x</p></body></html>'
    )
    assert to_text(body, "text/html", content_language="en").language == "es-AR"


def test_the_html_lang_attribute_wins_over_the_content_language_header():
    body = b'<html lang="zh-CN"><body><p>\xe8\xa3\x85\xe6\x9c\xba</p></body></html>'
    assert to_text(body, "text/html", content_language="en-US").language == "zh-CN"


def test_the_content_language_header_a_server_sends_is_the_fallback(pages):
    assert fetch(pages, "/pt-header").language == "pt-BR"
    assert fetch(pages, "/pt-text-header").language == "pt"
    assert fetch(pages, "/panama").language is None  # declares nothing


def test_a_page_without_any_declaration_has_no_language():
    assert to_text(b"<html><body><p>The plant has 828 MW.</p></body></html>").language is None
    assert to_text(b"%PDF-1.4 garbage").language is None


def test_a_lang_attribute_that_is_not_a_tag_is_ignored():
    assert to_text(b'<html lang=""><body><p>x</p></body></html>').language is None
    assert to_text(b'<html data-lang="pt"><body><p>x</p></body></html>').language is None


def test_thousands_of_unclosed_html_tags_are_read_quickly():
    start = time.perf_counter()
    st = to_text(b"<html" * 20000 + b"<p>1.200 MW</p>", "text/html")
    assert time.perf_counter() - start < 5 and st.language is None


def test_verify_reads_a_source_in_the_language_only_its_content_language_header_states(pages, tmp_path):
    from citecheck.config import VerifyOptions
    from citecheck.model import Verdict
    from citecheck.pipeline import verify

    paper = tmp_path / "paper.md"
    paper.write_text(
        "# Plants\n\nThe plant has a capacity of 1,200 MW.[^1]\n\n"
        f"[^1]: Ministry of Energy, “Capacity report”, {pages}/pt-header, accessed 20 February 2022.\n",
        encoding="utf-8",
    )
    options = VerifyOptions(
        archives=(),
        cdx=(),
        allow_private=True,
        min_interval=0.0,
        cache_dir=tmp_path / "cache",
        report_dir=tmp_path / "reports",
        bib_dir=tmp_path / "references",
    )
    report = verify(paper, options)
    [figure] = [f for f in report.figures if f.claim_quantity is not None]
    # "Capacity: 1.200 MW" is English to a guesser (1.2 MW); the header says pt-BR: 1200 MW
    assert figure.verdict is Verdict.CONSISTENT, figure.explanation
