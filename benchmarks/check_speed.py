"""How fast citecheck checks links under its own politeness limits, and next to LinkChecker.

500 URLs over 20 hosts (127.0.0.1 .. 127.0.0.20: the test origin server, run in a process of
its own, listens on each) with 50 ms of added latency per answer. Prints citecheck's wall time, the ideal time under
the same per-host limits (a schedule where every request starts as early as the minimum
interval and the per-host concurrency allow), their ratio (target <= 1.2), requests per URL,
a warm re-run from the cache (target: zero requests), and the same list through LinkChecker
(installed on first use in ``benchmarks/.venv-linkchecker``; target: citecheck <= 0.5x).

    python benchmarks/check_speed.py [--urls 500 --hosts 20 --no-linkchecker]
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

    def __init__(self, latency: float, hosts: int) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(ORIGIN), "--latency", str(latency), "--hosts", str(hosts)],
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


def run_linkchecker(exe: Path, urls, args, interval: float) -> float:
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
        f"maxrequestspersecond={1 / interval if interval > 0 else 1000:g}\n"
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=500)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument(
        "--interval", type=float, default=0.1, help="min seconds between requests to one host"
    )
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-linkchecker", action="store_true")
    args = parser.parse_args()

    hosts = [f"127.0.0.{n}" for n in range(1, args.hosts + 1)]
    server = RemoteOrigin(args.latency, args.hosts)
    try:
        urls = make_urls(server, args.urls, hosts)
        per_host = -(-args.urls // args.hosts)
        ideal = ideal_time(per_host, args.interval, args.concurrency, args.latency)
        print(
            f"{args.urls} URLs, {args.hosts} hosts, latency {args.latency * 1000:.0f} ms, "
            f"min interval {args.interval} s, {args.concurrency} per host"
        )
        print(f"ideal time under these limits: {ideal:.3f} s")

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
            f"citecheck cold: median {median:.3f} s over {args.repeat} runs ({', '.join(f'{t:.3f}' for t in cold)})"
        )
        print(f"ratio to ideal: {median / ideal:.3f}  (target <= 1.2)")
        print(
            f"requests per URL (cold): {statistics.median(requests_per_url):.3f}  (includes one soft-404 probe per host directory)"
        )
        print(f"citecheck warm (cache): {warm_time:.3f} s, {warm_requests} requests")

        if not args.no_linkchecker:
            exe = ensure_linkchecker()
            if exe is None:
                print("LinkChecker: could not be installed; no comparison")
                return
            times, lc_requests = [], []
            for _ in range(args.repeat):
                server.reset()
                times.append(run_linkchecker(exe, urls, args, args.interval))
                lc_requests.append(server.request_count() / args.urls)
            lc = statistics.median(times)
            print(
                f"LinkChecker: median {lc:.3f} s ({', '.join(f'{t:.3f}' for t in times)}), "
                f"{statistics.median(lc_requests):.3f} requests per URL"
            )
            print(f"citecheck / LinkChecker wall time: {median / lc:.3f}  (target <= 0.5)")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
