"""The corpus run's parts on their own: inputs, sharding, the coordinator's cache, summary, progress,
and the CLI's one-line errors (no cluster needed)."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner

from citecheck.cli import cli
from citecheck.corpus.inputs import find_papers
from citecheck.corpus.ownership import MemoryCache, apply_writes, cached_link
from citecheck.corpus.progress import RunProgress
from citecheck.corpus.sharding import host_of, plan_shards, registered_domain
from citecheck.corpus.summary import CorpusSummary, HostRow, PaperRow, render_csv, render_html
from citecheck.errors import InputError
from citecheck.model import LinkResult, LinkState
from citecheck.sources.bodies import LIVE_BODY_NS
from citecheck.sources.cache import LIVE, Cache

NOTE = "Exports reached 5,181.74 tonnes.[^1]\n\n[^1]: Ministry. (2021). Report. http://a.org/r, accessed 1 May 2022.\n"


def test_a_directory_gives_every_paper_in_a_format_citecheck_reads_recursively(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.md").write_text(NOTE)
    (tmp_path / "a" / "b" / "two.tex").write_text("\\footnote{x}")
    (tmp_path / "a" / "figure.png").write_bytes(b"\x89PNG")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.md").write_text(NOTE)
    assert [p.name for p in find_papers([tmp_path])] == ["two.tex", "one.md"]  # in path order
    hidden = tmp_path / ".papers"
    hidden.mkdir()
    (hidden / "three.md").write_text(NOTE)
    assert [p.name for p in find_papers([hidden])] == ["three.md"]  # a hidden directory given is read


def test_a_manifest_lists_papers_relative_to_itself_with_comments_and_each_paper_once(tmp_path):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "x.md").write_text(NOTE)
    (tmp_path / "p" / "y.txt").write_text("Plain text paper with a note.ÿ\n\nÿ «Title», 2021\n")
    manifest = tmp_path / "all.manifest"
    manifest.write_text("# journal issue 4\np/x.md\n\np/y.txt\np/x.md\n")
    assert [p.name for p in find_papers([manifest, tmp_path / "p" / "x.md"])] == ["x.md", "y.txt"]


def test_a_text_file_is_a_manifest_only_when_every_line_names_an_existing_file(tmp_path):
    (tmp_path / "x.md").write_text(NOTE)
    (tmp_path / "list.txt").write_text("x.md\n")
    (tmp_path / "paper.txt").write_text("x.md is discussed below.\nx.md\n")
    assert [p.name for p in find_papers([tmp_path / "list.txt"])] == ["x.md"]
    assert [p.name for p in find_papers([tmp_path / "paper.txt"])] == ["paper.txt"]


def test_a_missing_input_is_one_line_naming_it(tmp_path):
    with pytest.raises(InputError, match=r"^no such paper, directory or manifest: .*missing\.md$"):
        find_papers([tmp_path / "missing.md"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="name no paper"):
        find_papers([tmp_path / "empty"])


def test_every_url_of_one_registered_domain_lands_in_one_shard_chain():
    urls = [f"http://www.stats.gov.cn/{i}" for i in range(5)] + [
        f"https://data.stats.gov.cn/{i}" for i in range(5)
    ]
    urls += [f"http://127.0.0.{n}:8000/p{i}" for n in (2, 3) for i in range(4)]
    plan = plan_shards(urls, chains=8, batch=3)
    homes: dict[str, set[int]] = {}
    for index, chain in enumerate(plan):
        assert all(1 <= len(batch) <= 3 for batch in chain)
        for batch in chain:
            for url in batch:
                homes.setdefault(registered_domain(url), set()).add(index)
    assert homes.keys() == {"stats.gov.cn", "127.0.0.2", "127.0.0.3"}
    assert all(len(chains) == 1 for chains in homes.values())
    assert sorted(u for chain in plan for batch in chain for u in batch) == sorted(urls)
    assert host_of("HTTP://Data.Stats.Gov.CN/x") == "data.stats.gov.cn"


def test_a_memory_cache_keeps_the_state_history_as_the_real_cache_does(tmp_path):
    memory = MemoryCache({("history", "http://a.org/"): [("broken", "2026-01-01T00:00:00Z")]})
    assert memory.record_state("http://a.org/", "broken", "2026-01-02T00:00:00Z") == (
        "2026-01-01T00:00:00Z",
        2,
    )
    with Cache(tmp_path / "cache") as cache:
        cache.record_state("http://a.org/", "broken", "2026-01-01T00:00:00Z")
        assert cache.record_state("http://a.org/", "broken", "2026-01-02T00:00:00Z") == (
            "2026-01-01T00:00:00Z",
            2,
        )
    with Cache(tmp_path / "applied") as cache:
        assert apply_writes(cache, memory.writes) == 1
        assert cache.history("http://a.org/") == [
            ("broken", "2026-01-01T00:00:00Z"),
            ("broken", "2026-01-02T00:00:00Z"),
        ]


def test_a_cached_reachable_page_answers_a_run_that_reads_it_only_with_its_body(tmp_path):
    ok = LinkResult(
        url="http://a.org/r", state=LinkState.OK, reason="200", status=200, final_url="http://a.org/r"
    )
    with Cache(tmp_path / "cache") as cache:
        cache.set(LIVE, ok.url, ok)
        assert cached_link(cache, ok.url, want_body=False).from_cache is True
        assert cached_link(cache, ok.url, want_body=True) is None
        cache.set(LIVE_BODY_NS, ok.url, (b"<p>5,181.74 tonnes</p>", "text/html"))
        assert cached_link(cache, ok.url, want_body=True).state is LinkState.OK


def _summary() -> CorpusSummary:
    papers = [
        PaperRow("b.md", "md/b.json", 3, 3, {"ok": 2, "broken": 1}, {"consistent": 1}, {"broken": 1}, 1, 1),
        PaperRow("a.md", "md/a.json", 2, 1, {"ok": 1}, {}, {}, 0, 0),
    ]
    hosts = [HostRow("127.0.0.2", 3, 2, {"ok": 2, "broken": 1})]
    return CorpusSummary(papers, hosts, {"unique_urls": 3, "cited_urls": 4})


def test_the_csv_has_one_row_per_paper_and_one_column_per_state_verdict_and_finding():
    rows = render_csv(_summary(), "papers").splitlines()
    assert rows[0] == (
        "paper,report,references,urls,failing,status,error,links_broken,links_ok,"
        "figures_consistent,findings_broken"
    )
    assert rows[1:] == ["b.md,md/b.json,3,3,1,1,,1,2,1,1", "a.md,md/a.json,2,1,0,0,,0,1,0,0"]
    assert render_csv(_summary(), "hosts").splitlines() == [
        "host,urls,papers,links_broken,links_ok",
        "127.0.0.2,3,2,1,2",
    ]


def test_the_html_summary_links_each_report_and_sorts_by_any_column():
    page = render_html(_summary())
    assert '<a href="md/b.json">md/b.json</a>' in page
    assert page.count('<table class="sortable"') == 2
    assert '<td data-v="3">3</td>' in page and "localeCompare" in page
    assert "<li>unique urls: 3</li>" in page


def test_progress_shows_every_stage_and_an_estimate_of_the_time_left():
    out = io.StringIO()
    ticks = iter([0.0, 10.0, 10.0, 20.0, 20.0])
    board = RunProgress(out, tty=False, clock=lambda: next(ticks), quiet_interval=0)
    board.total("papers", 4)
    board.total("urls", 4)
    board.advance("papers", 4)
    board.advance("urls", 2)
    lines = out.getvalue().splitlines()
    assert lines[0] == "corpus: papers 4/4 parsed · URLs 0/4 checked · ETA 10 s"
    assert lines[1] == "corpus: papers 4/4 parsed · URLs 2/4 checked · ETA 7 s"


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["missing.md"], "citecheck: error: no such paper, directory or manifest: missing.md"),
        (
            ["{paper}", "--save-warc", "out.warc.gz"],
            "citecheck: error: --save-warc is not available for corpus runs; record a WARC with verify",
        ),
        (
            ["{paper}", "--report-dir", ".", "--format", "md"],  # p.md's Markdown report would be p.md
            "citecheck: error: refusing to overwrite the input p.md with an output; choose another directory",
        ),
    ],
)
def test_the_cli_says_in_one_line_why_a_corpus_run_cannot_start(tmp_path, monkeypatch, args, line):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.md").write_text(NOTE)
    result = CliRunner().invoke(cli, ["corpus", *[a.format(paper="p.md") for a in args]])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [line]


def test_the_corpus_summary_json_round_trips():
    data = json.loads(__import__("citecheck.corpus.summary", fromlist=["x"]).render_json(_summary()))
    assert data["run"] == {"unique_urls": 3, "cited_urls": 4}
    assert [p["paper"] for p in data["papers"]] == ["b.md", "a.md"]


def _batch(probes: dict, holdover: dict):
    from citecheck.corpus.ownership import Write
    from citecheck.corpus.stages import LiveBatch
    from citecheck.sources.live import PROBE

    writes = [Write(PROBE, key, text, None) for key, text in probes.items()]
    writes.append(Write(LIVE, "http://a.org/1", "not a probe", None))
    return LiveBatch({}, {}, writes, 0, 0.0, holdover)


def test_a_shard_hands_its_next_batch_every_probe_made_so_far_and_the_waits_its_last_batch_left():
    from citecheck.corpus.stages import carry
    from citecheck.sources.live import PROBE

    first = carry(_batch({"a.org/x/": "soft 404 text"}, {"a.org": 0.05}))
    second = carry(_batch({"b.org/y/": "other"}, {"b.org": 0.02}), first)
    # the third batch must not probe a.org/x/ again (a batch two steps back made that probe)
    assert second.probes == {(PROBE, "a.org/x/"): "soft 404 text", (PROBE, "b.org/y/"): "other"}
    assert second.holdover == {"b.org": 0.02} and not second.pause


def test_a_live_batch_taking_a_host_over_waits_out_the_holdover_and_hands_on_its_own(origin):
    import time

    from citecheck.config import resolve_options
    from citecheck.corpus.stages import Handover, live_batch

    options = resolve_options(
        None, None, allowed_hosts=("127.0.0.0/8",), min_interval=0.5, retries=0, use_cache=False, workers=2
    )
    url = origin.url("/page/holdover")
    began = time.monotonic()
    result = live_batch([url], set(), {}, options, Handover(holdover={"127.0.0.1": 0.3}))
    arrived = [r.time for r in origin.requests() if r.path == "/page/holdover"]
    assert result.links[url].state is LinkState.OK
    assert len(arrived) == 1 and arrived[0] - began >= 0.3
    # the next batch must wait what is left of this request's 0.5 s
    assert 0 < result.holdover["127.0.0.1"] <= 0.5


def test_a_live_batch_holds_batch_urls_of_each_domain_of_its_chain_and_at_most_batch_per_thread():
    ten_hosts = [f"http://127.0.0.{n}/p{i}" for i in range(40) for n in range(2, 12)]
    (chain,) = plan_shards(ten_hosts, chains=1, batch=8, threads=4)
    # a batch lasts about 8 intervals of each host, not 8 URLs shared by ten hosts
    assert [len(b) for b in chain] == [32] * 12 + [16]
    (chain,) = plan_shards(ten_hosts, chains=1, batch=8, threads=16)
    assert [len(b) for b in chain] == [80] * 5
    for batch in chain:
        per_host: dict[str, int] = {}
        for url in batch:
            per_host[host_of(url)] = per_host.get(host_of(url), 0) + 1
        assert set(per_host.values()) == {8}


def test_workers_a_corpus_run_starts_have_the_statistical_profiler_off():
    # sys._current_frames many times a second can deadlock a CPython 3.11 process that starts
    # threads while the garbage collector runs (CPython issue 106883); a live batch starts threads
    dask = pytest.importorskip("dask")
    from citecheck.corpus.engine import worker_config

    with worker_config():
        assert dask.config.get("distributed.worker.profile.enabled") is False


WARM_CHECK = r"""
import sys
from pathlib import Path
from citecheck.config import resolve_options
from citecheck.corpus.stages import finish_paper, parse_stage, warm_up
from citecheck.model import LinkResult, LinkState, SourceCheck

warm_up()
before = set(sys.modules)
paper = Path(sys.argv[1])
options = resolve_options(None, None, report_dir=paper.parent / "r", bib_dir=paper.parent / "b",
                          formats=("json", "md", "html"), use_cache=False)
parsed = parse_stage(0, str(paper), options)
(ref,) = parsed.parsed.references
url = ref.url.repaired or ref.url.raw
check = SourceCheck(ref.key, url, LinkResult(url, LinkState.OK, "HTTP 200", status=200, content_type="text/html"))
page = b"<html><body><p>In 2021 exports reached 5,181.74 tonnes.</p></body></html>"
out = finish_paper(0, parsed, [check], {("live", url): (page, "text/html")}, set(), options)
assert out.report.figures, "the source's figure was not read"
print("\n".join(sorted(m for m in set(sys.modules) - before if m.split(".")[0] in {"citecheck", "bs4"})))
"""


def test_a_worker_warmed_up_imports_nothing_more_to_parse_a_paper_and_write_its_report(tmp_path):
    # a worker's first paper would otherwise pay ~0.7 s of imports, once per worker of the run
    import subprocess
    import sys

    paper = tmp_path / "p.md"
    paper.write_text(NOTE)
    done = subprocess.run(
        [sys.executable, "-c", WARM_CHECK, str(paper)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []


class _HeldTask:
    """A submitted task that has not finished (the test looks at what was submitted, and when)."""

    def add_done_callback(self, fn) -> None:
        pass


class _SubmitLog:
    def __init__(self) -> None:
        self.submitted: list[tuple] = []

    def submit(self, fn, *args, **kwargs):
        self.submitted.append(args)
        return _HeldTask()


def test_a_papers_report_task_goes_out_once_its_checks_are_final_while_other_urls_are_still_checked(tmp_path):
    from citecheck.config import resolve_options
    from citecheck.corpus.engine import _KEY_SEP, CorpusOptions, _Reports, _Run
    from citecheck.corpus.stages import cited_work, parse_stage
    from citecheck.model import SourceCheck

    papers = []
    for name, host in (("a.md", "a.org"), ("b.md", "b.org")):
        (tmp_path / name).write_text(NOTE.replace("a.org", host))
        papers.append(tmp_path / name)
    options = resolve_options(None, None, report_dir=tmp_path / "r", bib_dir=tmp_path / "b")
    parsed = [parse_stage(i, str(p), options) for i, p in enumerate(papers)]
    works = [cited_work(p) for p in parsed]
    dask = _SubmitLog()
    run = _Run(papers, CorpusOptions(verify=options), dask, Cache(tmp_path / "cache"), RunProgress(None))
    url_a, url_b = (w.references[0].url.repaired or w.references[0].url.raw for w in works)
    run.links[url_b] = LinkResult(url_b, LinkState.BROKEN, "HTTP 404")  # the cache answered b.org
    reports = _Reports(run, works, parsed, in_flight=2)

    def archive_check(index: int, url: str) -> SourceCheck:
        check = SourceCheck(f"{index}{_KEY_SEP}{works[index].references[0].key}", url)
        run.archive_checks[check.reference_key] = check
        return check

    reports.checks_in([archive_check(0, url_a)])
    assert dask.submitted == []  # paper a waits for the live result of its URL
    reports.checks_in([archive_check(1, url_b)])
    assert [args[0] for args in dask.submitted] == [1]  # paper b's checks are final
    run.links[url_a] = LinkResult(url_a, LinkState.BROKEN, "HTTP 404")
    reports.links_in([url_a])
    assert [args[0] for args in dask.submitted] == [1, 0]
    (check,) = dask.submitted[1][2]
    assert check.link is run.links[url_a]  # the task reads the live result it waited for
    reports.abort()


def test_while_urls_are_checked_one_report_task_per_worker_is_out_and_the_next_goes_when_it_returns(tmp_path):
    # a CPU task holding a worker's interpreter lock delays that worker's live requests
    from citecheck.config import resolve_options
    from citecheck.corpus.engine import CorpusOptions, _Reports, _Run
    from citecheck.corpus.stages import ParseOutcome

    papers = [tmp_path / f"{n}.md" for n in range(3)]
    options = resolve_options(None, None, report_dir=tmp_path / "r", bib_dir=tmp_path / "b")
    works = [cited_work_without_urls(i) for i in range(3)]  # final at once: no URL to wait for

    class Returning(_SubmitLog):
        def submit(self, fn, *args, **kwargs):
            self.submitted.append(args)
            return self

        def add_done_callback(self, fn):
            self.callback = fn

    dask = Returning()
    run = _Run(papers, CorpusOptions(verify=options), dask, Cache(tmp_path / "cache"), RunProgress(None))
    reports = _Reports(run, works, [ParseOutcome(i, None) for i in range(3)], in_flight=1)
    assert [args[0] for args in dask.submitted] == [0]
    reports.in_flight -= 1  # the task came back (as the collector counts it)
    reports._pump()
    assert [args[0] for args in dask.submitted] == [0, 1]
    reports.abort()


def cited_work_without_urls(index: int):
    from citecheck.corpus.stages import CitedWork

    return CitedWork(index, (), frozenset(), None)
