"""How fast citecheck checks links under its own politeness limits, and next to LinkChecker.

500 URLs over 20 hosts (127.0.0.1 .. 127.0.0.20: the test origin server, run in a process of
its own, listens on each) with added latency per answer. Three cases (``--case``, default all):

* ``interval``: 0.1 s between requests to one host, 2 at a time, 50 ms latency (target <= 1.1x);
* ``no-interval``: no per-host interval, 2 at a time, 50 ms latency (target <= 1.2x);
* ``concurrency``: no interval, 4 at a time, 200 ms latency: per-host concurrency (<= 1.2x).

For each: citecheck's wall time, the ideal time under the same per-host limits (a schedule where
every request starts as early as the minimum interval and the per-host concurrency allow),
their ratio, requests per URL, a warm re-run from the cache (target: zero requests), and the
same list through LinkChecker (installed on first use in ``benchmarks/.venv-linkchecker``), twice:
with its default throttling (it waits a random 0.1-0.6 s between requests to one host whatever
the rate asked) and at a matched per-host rate (the server opts in with the ``LinkChecker``
header LinkChecker honours, and ``maxrequestspersecond`` is set so that its mean wait, 3.5 / rate,
equals citecheck's interval).

    python benchmarks/check_speed.py [--case interval --urls 500 --hosts 20 --no-linkchecker]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import venv
from pathlib import Path

from citecheck.sources.cache import Cache
from citecheck.sources.fetcher import FetchConfig, Fetcher
from citecheck.sources.live import check_links

ROOT = Path(__file__).resolve().parent.parent
ORIGIN = ROOT / "tests" / "servers" / "origin.py"

LC_VENV = Path(__file__).resolve().parent / ".venv-linkchecker"


def ideal_time(per_host: int, interval: float, concurrency: int, latency: float) -> float:
    """Earliest finish for ``per_host`` requests to one host under the same limits."""
    starts: list[float] = []
    for k in range(per_host):
        start = k * interval
        if k >= concurrency:
            start = max(start, starts[k - concurrency] + latency)
        starts.append(start)
    return (starts[-1] + latency) if starts else 0.0


class RemoteOrigin:
    """The test origin server in a process of its own, so it does not share our GIL."""

    def __init__(self, latency: float, hosts: int, headers: tuple[str, ...] = ()) -> None:
        extra = [arg for header in headers for arg in ("--header", header)]
        self.proc = subprocess.Popen(
            [sys.executable, str(ORIGIN), "--latency", str(latency), "--hosts", str(hosts), *extra],
            stdout=subprocess.PIPE,
            text=True,
        )
        self.port = int(self.proc.stdout.readline())

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def _get(self, path: str) -> dict:
        with urllib.request.urlopen(self.url(path), timeout=10) as answer:
            return json.loads(answer.read())

    def reset(self) -> None:
        self._get("/__reset")

    def request_count(self) -> int:
        return int(self._get("/__stats")["requests"])

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def make_urls(server: RemoteOrigin, n_urls: int, hosts: list[str]) -> list[str]:
    return [server.url(f"/page/bench/{n}.html", host=hosts[n % len(hosts)]) for n in range(n_urls)]


def run_citecheck(urls, args, cache_dir: str, interval: float) -> tuple[float, int]:
    config = FetchConfig(
        allowed_hosts=("127.0.0.0/8",),
        min_interval=interval,
        per_host_concurrency=args.concurrency,
        retries=1,
        offline_probe_host=None,
    )
    with Fetcher(config) as fetcher, Cache(cache_dir) as cache:
        started = time.perf_counter()
        results = check_links(urls, fetcher, cache, workers=args.hosts * args.concurrency)
        elapsed = time.perf_counter() - started
        bad = [r for r in results.values() if r.state.value != "ok"]
        if bad:
            print(f"  warning: {len(bad)} URLs not ok, e.g. {bad[0].url}: {bad[0].reason}")
        return elapsed, fetcher.request_count


def ensure_linkchecker() -> Path | None:
    exe = LC_VENV / "bin" / "linkchecker"
    if not exe.exists():
        print("  installing LinkChecker into", LC_VENV)
        venv.create(LC_VENV, with_pip=True)
        subprocess.run([str(LC_VENV / "bin" / "pip"), "install", "-q", "LinkChecker"], check=False)
    return exe if exe.exists() else None


def run_linkchecker(exe: Path, urls, args, interval: float, *, matched: bool) -> float:
    work = Path(tempfile.mkdtemp(prefix="citecheck-lc-"))
    work.chmod(0o755)  # LinkChecker drops root privileges to "nobody"
    page = work / "links.html"
    page.write_text(
        "<html><body>" + "".join(f'<a href="{u}">{n}</a>\n' for n, u in enumerate(urls)) + "</body></html>"
    )
    page.chmod(0o644)
    rc = work / "linkcheckerrc"
    rc.write_text(
        "[checking]\n"
        f"threads={args.hosts * args.concurrency}\n"
        f"maxrequestspersecond={linkchecker_rate(interval, matched):g}\n"
        "timeout=20\n"
        "[filtering]\n"
        "checkextern=1\n"
        "[output]\n"
        "status=0\n"
    )
    rc.chmod(0o644)
    started = time.perf_counter()
    subprocess.run(
        [str(exe), "-f", str(rc), "--check-extern", "-r", "1", "--no-warnings", "-o", "none", str(page)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - started


def linkchecker_rate(interval: float, matched: bool) -> float:
    """LinkChecker's ``maxrequestspersecond``: it waits uniform(1/rate, 6/rate) between requests
    to one host (mean 3.5/rate), never less than 0.1-0.6 s unless the server opts in."""
    if interval <= 0:
        return 1000.0
    return 3.5 / interval if matched else 1 / interval


CASES = {
    "interval": {"interval": 0.1, "concurrency": 2, "latency": 0.05, "target": 1.1},
    "no-interval": {"interval": 0.0, "concurrency": 2, "latency": 0.05, "target": 1.2},
    "concurrency": {"interval": 0.0, "concurrency": 4, "latency": 0.2, "target": 1.2},
}


def run_case(name: str, args) -> None:
    case = CASES[name]
    args.interval, args.concurrency, args.latency = case["interval"], case["concurrency"], case["latency"]
    hosts = [f"127.0.0.{n}" for n in range(1, args.hosts + 1)]
    server = RemoteOrigin(args.latency, args.hosts)
    try:
        urls = make_urls(server, args.urls, hosts)
        per_host = -(-args.urls // args.hosts)
        ideal = ideal_time(per_host, args.interval, args.concurrency, args.latency)
        print(
            f"[{name}] {args.urls} URLs, {args.hosts} hosts, latency {args.latency * 1000:.0f} ms, "
            f"min interval {args.interval} s, {args.concurrency} per host; ideal {ideal:.3f} s"
        )
        cold, requests_per_url = [], []
        warm_requests = warm_time = None
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as cache_dir:
                server.reset()
                elapsed, _sent = run_citecheck(urls, args, cache_dir, args.interval)
                cold.append(elapsed)
                requests_per_url.append(server.request_count() / args.urls)
                server.reset()
                warm_time, _ = run_citecheck(urls, args, cache_dir, args.interval)
                warm_requests = server.request_count()
        median = statistics.median(cold)
        print(
            f"  citecheck cold: median {median:.3f} s ({', '.join(f'{t:.3f}' for t in cold)}); "
            f"ratio to ideal {median / ideal:.3f} (target <= {case['target']})"
        )
        print(
            f"  requests per URL {statistics.median(requests_per_url):.3f} (one soft-404 probe per host "
            f"directory); warm (cache) {warm_time:.3f} s, {warm_requests} requests"
        )
    finally:
        server.stop()
    if args.no_linkchecker:
        return
    exe = ensure_linkchecker()
    if exe is None:
        print("  LinkChecker: could not be installed; no comparison")
        return
    for matched in (False, True):
        headers = ("LinkChecker:rate-opt-in",) if matched else ()
        server = RemoteOrigin(args.latency, args.hosts, headers)
        try:
            urls = make_urls(server, args.urls, hosts)
            times, lc_requests = [], []
            for _ in range(args.lc_repeat):
                server.reset()
                times.append(run_linkchecker(exe, urls, args, args.interval, matched=matched))
                lc_requests.append(server.request_count() / args.urls)
        finally:
            server.stop()
        lc = statistics.median(times)
        how = (
            f"matched per-host rate (maxrequestspersecond={linkchecker_rate(args.interval, True):g}, server opt-in)"
            if matched
            else "default throttling (waits 0.1-0.6 s between requests to one host)"
        )
        print(
            f"  LinkChecker, {how}: median {lc:.3f} s ({', '.join(f'{t:.3f}' for t in times)}), "
            f"{statistics.median(lc_requests):.3f} requests per URL; citecheck / LinkChecker {median / lc:.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", choices=[*CASES, "all"], default="all")
    parser.add_argument("--urls", type=int, default=500)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lc-repeat", type=int, default=1)
    parser.add_argument("--no-linkchecker", action="store_true")
    args = parser.parse_args()
    for name in CASES if args.case == "all" else [args.case]:
        run_case(name, args)


if __name__ == "__main__":
    main()
