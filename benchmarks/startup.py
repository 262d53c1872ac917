"""Start-up: how long the command takes before and around its work.

Usage: python benchmarks/startup.py [--runs N]

Times, side by side in one run (the commands alternate, so load on the machine hits them alike):
bare Python start-up, ``citecheck --version``, ``citecheck --help``, ``citecheck parse`` of the
seed, and a warm ``citecheck verify`` of the seed (``--offline`` against a cache filled by a first
run: nothing leaves the machine). Prints the median wall time and the median CPU time of each
child process, and each command's time over bare Python. Targets (issue 14): ``--help`` at most
80 ms over bare Python, warm ``verify`` of the seed at most 0.35 s wall.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "china-latin-america-green-cooperation-2022.txt"
CITECHECK = [str(Path(sys.executable).with_name("citecheck"))]  # the console script users run


#: as a user's machine runs it: with byte-code caching (PYTHONDONTWRITEBYTECODE would make every
#: run compile every module from source, which is not start-up but a setting of this machine)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(argv: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        verify = [
            *CITECHECK, "verify", str(SEED), "--offline", "-q", "--fail-on", "none",
            "--cache-dir", str(out / "cache"), "--report-dir", str(out / "reports"), "--bib-dir", str(out / "bib"),
        ]  # fmt: skip
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "citecheck --version": [*CITECHECK, "--version"],
            "citecheck --help": [*CITECHECK, "--help"],
            "citecheck parse seed": [*CITECHECK, "parse", str(SEED), "-o", str(out / "seed.bib")],
            "citecheck verify seed (warm, offline)": verify,
        }
        timed(verify)  # fills the cache (and the byte-code caches)
        for argv in commands.values():
            timed(argv)
        walls: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, argv in commands.items():
                wall, cpu = timed(argv)
                walls[name].append(wall)
                cpus[name].append(cpu)
    base = statistics.median(walls["python -c pass"])
    print(
        f"medians of {args.runs} alternating runs (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    print(f"{'command':40} {'wall':>8} {'cpu':>8} {'over python':>12}")
    for name in commands:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        print(f"{name:40} {wall * 1000:6.0f} ms {cpu * 1000:6.0f} ms {(wall - base) * 1000:9.0f} ms")
    print("targets: --help <= 80 ms over python; warm verify of the seed <= 350 ms wall")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
