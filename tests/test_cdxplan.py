"""The index-query planner: fewer CDX queries, the same snapshot as one query per URL.

Pure tests: an in-memory index answers the planned queries with the semantics CDX servers
document (rows sorted by URL key then time; ``matchType=prefix``; ``limit`` counts the rows
left after the filter; ``from`` is inclusive; pagination in blocks). The same plans run against
a real pywb in ``test_archive.py``.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.sources.archive import Capture, choose_capture
from citecheck.sources.cdxplan import CdxPlanner, decided, host_group, path_key


class MemoryIndex:
    """A CDX index in memory: rows of ``(host, key, timestamp, status, original)``."""

    def __init__(self, captures, *, block: int = 3):
        self.rows = sorted(
            (host_group(url), path_key(url), stamp, status, url) for url, stamp, status in captures
        )
        self.block = block  # rows per page of the pagination API
        self.asked: list = []

    def _capture(self, row) -> Capture:
        host, key, stamp, status, url = row
        return Capture(url, stamp, status, "text/html", None, key=f"{host})" + key)

    def answer(self, query):
        self.asked.append(query)
        host = host_group(query.url)
        if query.match == "prefix":
            bare = query.url.split("://", 1)[1]
            want = "/" + bare.split("/", 1)[1] if "/" in bare else "/"
            rows = [r for r in self.rows if r[0] == host and r[1].startswith(want)]
        else:
            want = path_key(query.url)
            rows = [r for r in self.rows if r[0] == host and r[1] == want]
        if not query.plain:
            rows = [r for r in rows if not 400 <= r[3] < 600]  # the error-capture filter
        if query.from_ts:
            rows = [r for r in rows if r[2] >= query.from_ts]
        if query.count:
            return -(-len(rows) // self.block)
        if query.page is not None:
            rows = rows[query.page * self.block : (query.page + 1) * self.block]
        elif query.limit:
            rows = rows[: query.limit]
        return [self._capture(r) for r in rows]


def run_plan(planner: CdxPlanner, index: MemoryIndex) -> dict:
    """Every query the plan needs, answered by ``index``: ``{url: rows}``."""
    todo = list(planner.initial())
    found: dict = {}
    while todo:
        query = todo.pop(0)
        answer = index.answer(query)
        if query.count:
            todo.extend(planner.page_reads(query, answer))
            continue
        outcome = planner.settle(query, answer)
        assert not set(outcome.resolved) & set(found), "a URL is settled once"
        found.update(outcome.resolved)
        todo.extend(outcome.follow_up)
    return found


def choices(found: dict, dates: dict) -> dict:
    return {
        (url, date): (lambda c: c and (c.url, c.timestamp))(choose_capture(found.get(url, []), date))
        for url, ds in dates.items()
        for date in ds
    }


# -- keys ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    [
        "http://www.news.org/World/Story.html",  # host case, www., path case
        "https://news.org:443/world/story.html",  # scheme and its default port
        "http://news.org/world/story.html#comments",  # a place in the page
        "http://news.org/world/./x/../story.html",  # dot segments
        "http://news.org//world//story.html",  # doubled slashes
        "http://news.org/world/%73tory.html",  # an escaped unreserved letter
    ],
)
def test_spellings_of_one_page_share_one_index_key(spelling):
    assert path_key(spelling) == "/world/story.html"


def test_query_arguments_are_compared_in_sorted_order_and_an_empty_query_is_none():
    assert path_key("http://a.org/list.php?page=2&cat=5") == path_key("http://a.org/list.php?cat=5&page=2")
    assert path_key("http://a.org/list.php?") == "/list.php"


def test_a_trailing_slash_names_the_same_page_but_the_root_keeps_its_slash():
    assert path_key("http://a.org/news/") == "/news" and path_key("http://a.org") == "/"


def test_non_ascii_paths_are_compared_percent_encoded():
    assert path_key("http://a.org/新闻/1.html") == "/%e6%96%b0%e9%97%bb/1.html"


def test_hosts_group_with_their_port_unless_it_is_the_default():
    assert (
        host_group("http://a.org:80/x") == "a.org"
        and host_group("http://127.0.0.1:8123/x") == "127.0.0.1:8123"
    )


# -- the plan -----------------------------------------------------------------------------------


def test_urls_of_one_host_share_one_prefix_query_on_their_common_path():
    planner = CdxPlanner(
        {
            "http://gov.example/article/2021/1.shtml": ["2022-02-20"],
            "http://gov.example/article/2022/7.shtml": ["2022-03-01"],
            "http://gov.example/article/2021/9.shtml": [None],
            "http://other.example/only.html": [None],
        }
    )
    queries = planner.initial()
    assert [(q.match, q.url, len(q.targets)) for q in queries] == [
        ("prefix", "http://gov.example/article/202", 3),
        ("exact", "http://other.example/only.html", 1),
    ]
    assert all(q.limit for q in queries)  # every answer is bounded


def test_per_url_method_asks_one_unbounded_query_per_url():
    planner = CdxPlanner({"http://a.org/1": [None], "http://a.org/2": [None]}, grouped=False)
    assert [(q.match, q.plain, q.limit) for q in planner.initial()] == [("exact", True, None)] * 2


def test_a_cut_answer_settles_the_urls_sorting_before_its_last_row_and_splits_the_rest():
    site = [(f"http://big.example/p/{n:03d}.html", "20200101000000", 200) for n in range(40)]
    index = MemoryIndex(site)
    cited = {"http://big.example/p/003.html": [None], "http://big.example/p/031.html": [None],
             "http://big.example/p/038.html": [None]}  # fmt: skip
    planner = CdxPlanner(cited, limit=10)
    (first,) = planner.initial()
    outcome = planner.settle(first, index.answer(first))
    assert list(outcome.resolved) == ["http://big.example/p/003.html"]  # before the 10th row
    follow = outcome.follow_up
    assert [(q.match, q.url) for q in follow] == [("prefix", "http://big.example/p/03")]
    assert choices(run_plan(CdxPlanner(cited, limit=10), MemoryIndex(site)), cited) == choices(
        run_plan(CdxPlanner(cited, grouped=False), MemoryIndex(site)), cited
    )


def test_a_url_whose_captures_straddle_the_cut_is_asked_again_not_settled_on_half_its_rows():
    rows = [("http://a.org/k/1.html", "20100101000000", 200), ("http://a.org/k/2.html", "20100101000000", 200),
            ("http://a.org/k/2.html", "20200101000000", 200), ("http://a.org/k/3.html", "20100101000000", 200)]  # fmt: skip
    cited = {"http://a.org/k/1.html": [None], "http://a.org/k/2.html": [None]}
    found = run_plan(CdxPlanner(cited, limit=2), MemoryIndex(rows))  # the cut falls inside 2.html
    assert choose_capture(found["http://a.org/k/2.html"], None).timestamp == "20200101000000"


def test_urls_that_differ_only_in_their_query_are_asked_one_by_one_without_pagination():
    rows = [(f"http://forum.example/view.php?id={n}", "20200101000000", 200) for n in range(30)]
    cited = {f"http://forum.example/view.php?id={n}": [None] for n in (3, 17, 25)}
    index = MemoryIndex(rows)
    found = run_plan(CdxPlanner(cited, limit=5), index)
    assert [q.match for q in index.asked] == ["prefix", "exact", "exact", "exact"]
    assert all(len(found[url]) == 1 for url in cited)


def test_with_pagination_urls_one_prefix_cannot_separate_are_read_page_by_page():
    rows = [(f"http://forum.example/view.php?id={n}", "20200101000000", 200) for n in range(12)]
    cited = {f"http://forum.example/view.php?id={n}": [None] for n in (1, 4, 5, 8, 10, 11)}
    index = MemoryIndex(rows, block=6)
    found = run_plan(CdxPlanner(cited, limit=5, paginate=True), index)
    kinds = [("count" if q.count else "page" if q.page is not None else q.match) for q in index.asked]
    assert kinds == ["prefix", "count", "page", "page"]  # 4 queries for 6 URLs, not 7
    assert choices(found, cited) == choices(
        run_plan(CdxPlanner(cited, grouped=False), MemoryIndex(rows)), cited
    )


def test_a_page_captured_more_often_than_the_limit_is_read_by_time_until_its_date_is_decided():
    stamps = [f"20{y:02d}0101000000" for y in range(5, 25)]  # 20 captures, 2005..2024
    rows = [("http://busy.example/", s, 200) for s in stamps]
    cited = {"http://busy.example/": ["2012-06-01"]}
    index = MemoryIndex(rows)
    found = run_plan(CdxPlanner(cited, limit=4), index)
    assert [q.from_ts for q in index.asked] == [None, "20080101000000", "20110101000000"]
    assert choose_capture(found["http://busy.example/"], "2012-06-01").timestamp == "20120101000000"


def test_error_captures_are_left_out_but_redirect_only_pages_still_get_their_redirect():
    rows = [("http://a.org/moved", "20200101000000", 301), ("http://a.org/gone", "20200101000000", 404),
            ("http://a.org/ok", "20200101000000", 200)]  # fmt: skip
    cited = {url: [None] for url, _, _ in rows}
    found = run_plan(CdxPlanner(cited), MemoryIndex(rows))
    assert choices(found, cited) == choices(
        run_plan(CdxPlanner(cited, grouped=False), MemoryIndex(rows)), cited
    )
    assert choose_capture(found["http://a.org/moved"], None).status == 301


def test_rows_the_archive_keys_differently_send_their_urls_to_per_url_queries():
    planner = CdxPlanner({"http://a.org/x.html": [None], "http://a.org/y.html": [None]})
    (query,) = planner.initial()
    odd = Capture("http://a.org/x.html", "20200101000000", 200, key="org,a)/x.html;v=1")
    fine = Capture("http://a.org/y.html", "20200101000000", 200, key="org,a)/y.html")
    outcome = planner.settle(query, [odd, fine])
    assert outcome.mismatch and list(outcome.resolved) == ["http://a.org/y.html"]
    assert [(q.url, q.plain) for q in outcome.follow_up] == [("http://a.org/x.html", True)]


def test_decided_needs_a_good_capture_after_every_access_date():
    rows = [Capture("u", "20200101000000", 200), Capture("u", "20230101000000", 404)]
    assert not decided(rows, ["2021-01-01"])  # an error capture after the date proves nothing


# -- the same choices as the per-URL method, on generated sites ----------------------------------

_paths = st.lists(st.sampled_from(["a", "ab", "n", "x.html", "?id=1", "?id=2"]), min_size=1, max_size=2).map(lambda parts: "/" + "/".join(parts).replace("/?", "?"))  # fmt: skip
_stamp = st.integers(2005, 2024).map(lambda y: f"{y}0601000000")
_capture = st.tuples(st.sampled_from(["h1.example", "www.h1.example", "h2.example"]), _paths, _stamp,
                     st.sampled_from([200, 200, 200, 301, 404, 503]))  # fmt: skip
_date = st.one_of(st.none(), st.integers(2004, 2025).map(lambda y: f"{y}-02-20"))


@settings(max_examples=300, deadline=None)
@given(
    captures=st.lists(_capture, max_size=60),
    cited=st.lists(
        st.tuples(st.sampled_from(["h1.example", "h2.example", "h3.example"]), _paths, _date),
        min_size=1,
        max_size=12,
    ),  # fmt: skip
    limit=st.integers(2, 8),
    block=st.integers(1, 5),
)
def test_planned_queries_choose_exactly_what_one_query_per_url_chooses(captures, cited, limit, block):
    archived = [(f"http://{h}{p}", s, status) for h, p, s, status in captures]
    dates: dict = {}
    for host, path, date in cited:
        dates.setdefault(f"http://{host}{path}", []).append(date)
    per_url = choices(run_plan(CdxPlanner(dates, grouped=False), MemoryIndex(archived, block=block)), dates)
    for paginate in (False, True):
        index = MemoryIndex(archived, block=block)
        planned = choices(run_plan(CdxPlanner(dates, limit=limit, paginate=paginate), index), dates)
        assert planned == per_url
