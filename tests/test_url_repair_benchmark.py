"""The URL-repair benchmark's targets hold on both halves of the pool (benchmarks/url_repair.py)."""

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import url_repair  # noqa: E402


@pytest.fixture(scope="module")
def pool():
    return url_repair.load_pool()


def test_the_pool_holds_a_few_hundred_clean_urls_split_into_two_halves(pool):
    assert len(pool) >= 340
    halves = {url_repair.half(u) for u, _ in pool}
    assert halves == {"dev", "held-out"}


@pytest.mark.parametrize("name", ["dev", "held-out"])
def test_damaged_urls_in_note_lines_meet_the_issue_targets(pool, name):
    rng = random.Random(f"test-{name}")
    items = [d for u, _ in pool if url_repair.half(u) == name for d in url_repair.damage(u, rng, 1)]
    score = url_repair.score(items)
    assert score.ok["lossless"] / score.n["lossless"] >= 0.97
    assert score.ok["lossy"] / score.n["lossy"] >= 0.97
    assert score.lossy_complete / score.n["lossy"] <= 0.02  # the benchmark's 1% over 4x the lines
