"""The limiter's schedule, run on a fake clock (no waiting), and its concurrency on real threads."""

from __future__ import annotations

import threading
import time

import pytest

from citecheck.sources.ratelimit import HostBlocked, RateLimiter


class FakeTime:
    def __init__(self):
        self.now = 0.0
        self.lock = threading.Lock()

    def clock(self):
        with self.lock:
            return self.now

    def sleep(self, seconds):
        with self.lock:
            self.now += seconds


def starts(limiter, fake, calls):
    out = []
    for host, purpose in calls:
        with limiter.slot(host, purpose):
            out.append(round(fake.clock(), 6))
    return out


def test_requests_to_one_host_start_min_interval_apart():
    fake = FakeTime()
    limiter = RateLimiter(min_interval=1.5, clock=fake.clock, sleep=fake.sleep)
    assert starts(limiter, fake, [("a", "live")] * 3) == [0.0, 1.5, 3.0]


def test_other_hosts_do_not_wait_for_each_other():
    fake = FakeTime()
    limiter = RateLimiter(min_interval=5, clock=fake.clock, sleep=fake.sleep)
    assert starts(limiter, fake, [("a", "live"), ("b", "live"), ("c", "live")]) == [0.0, 0.0, 0.0]


def test_a_purpose_budget_applies_on_top_of_the_host_interval():
    fake = FakeTime()
    limiter = RateLimiter(
        min_interval=0.1, purpose_intervals={"cdx": 2.5}, clock=fake.clock, sleep=fake.sleep
    )
    assert starts(limiter, fake, [("ia", "cdx"), ("ia", "live"), ("ia", "cdx")]) == [0.0, 0.1, 2.5]


def test_grouped_purposes_share_one_budget():
    fake = FakeTime()
    limiter = RateLimiter(
        min_interval=0,
        purpose_intervals={"snapshot": 0.125},
        purpose_groups={"timegate": "snapshot"},
        clock=fake.clock,
        sleep=fake.sleep,
    )
    assert starts(limiter, fake, [("ia", "timegate"), ("ia", "snapshot"), ("ia", "timegate")]) == [
        0.0,
        0.125,
        0.25,
    ]


def test_deferring_a_host_holds_every_request_until_then():
    fake = FakeTime()
    limiter = RateLimiter(min_interval=0, clock=fake.clock, sleep=fake.sleep)
    limiter.defer("ia", 60)
    assert starts(limiter, fake, [("other", "live"), ("ia", "cdx")]) == [0.0, 60.0]
    limiter.defer("ia", 10)  # a shorter wait never shortens a longer one already promised
    assert limiter.not_before("ia") == 70.0


def test_a_blocked_host_raises_instead_of_waiting():
    limiter = RateLimiter()
    limiter.block("ia", "asked for an hour of silence")
    with pytest.raises(HostBlocked, match="an hour"):
        with limiter.slot("ia"):
            pass


def test_concurrency_per_host_is_capped_on_real_threads():
    limiter = RateLimiter(per_host_concurrency=2, min_interval=0)
    peak, current, lock = [0], [0], threading.Lock()

    def work():
        with limiter.slot("a"):
            with lock:
                current[0] += 1
                peak[0] = max(peak[0], current[0])
            time.sleep(0.03)
            with lock:
                current[0] -= 1

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert peak[0] == 2


def test_ready_at_tells_when_a_host_can_be_asked_without_reserving():
    fake = FakeTime()
    limiter = RateLimiter(min_interval=3, clock=fake.clock, sleep=fake.sleep)
    with limiter.slot("a"):
        pass
    assert limiter.ready_at("a") == 3.0 and limiter.ready_at("a") == 3.0 and limiter.ready_at("b") == 0.0


def test_threads_that_wake_late_together_after_a_stall_still_start_min_interval_apart():
    # the process stalls (descheduled on a busy machine) until 0.45 s: the requests planned for
    # 0.1 s and 0.2 s wake together, and must not reach the host in one burst
    stall_until = time.monotonic() + 0.45

    def stalled_sleep(seconds):
        time.sleep(seconds)
        time.sleep(max(0.0, stall_until - time.monotonic()))

    limiter = RateLimiter(min_interval=0.1, per_host_concurrency=3, sleep=stalled_sleep)
    starts: list[float] = []

    def one():
        with limiter.slot("a.org"):
            starts.append(time.monotonic())

    threads = [threading.Thread(target=one) for _ in range(3)]
    for thread in threads:
        thread.start()
        time.sleep(0.01)
    for thread in threads:
        thread.join()
    starts.sort()
    assert min(b - a for a, b in zip(starts, starts[1:], strict=False)) >= 0.1 - 0.005
