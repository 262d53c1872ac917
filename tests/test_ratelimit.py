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


class OvershootingSleep(FakeTime):
    """A fake clock whose first sleep wakes ``late`` seconds after it was due (a busy process)."""

    def __init__(self, late):
        super().__init__()
        self.late = late

    def sleep(self, seconds):
        super().sleep(seconds + self.late)
        self.late = 0.0


def test_a_request_let_go_late_delays_the_next_by_its_lateness_not_by_a_whole_interval():
    fake = OvershootingSleep(late=0.3)
    limiter = RateLimiter(min_interval=1, clock=fake.clock, sleep=fake.sleep)
    # the second request wakes 0.3 s late; the third keeps its place, 1 s after the second
    assert starts(limiter, fake, [("a", "live")] * 3) == [0.0, 1.3, 2.3]


def test_the_next_request_waits_one_interval_from_when_the_one_before_it_was_really_sent():
    limiter = RateLimiter(min_interval=0.1, per_host_concurrency=2)
    sent: list[float] = []

    def one(delay):
        with limiter.turn("a.org") as turn:
            time.sleep(delay)  # a new connection or a stalled process: the bytes leave late
            sent.append(time.monotonic())
            turn.sent()

    first = threading.Thread(target=one, args=(0.25,))
    first.start()
    time.sleep(0.01)
    second = threading.Thread(target=one, args=(0.0,))
    second.start()
    first.join()
    second.join()
    # let go at 0.1 s, the second would have reached the host before the first
    assert sent[1] - sent[0] >= 0.1


def test_a_turn_left_without_sending_lets_the_next_request_go_on_its_schedule():
    limiter = RateLimiter(min_interval=0.05, per_host_concurrency=2)
    with limiter.turn("a.org"):
        began = time.monotonic()  # the connection failed: nothing was sent
    with limiter.turn("a.org") as turn:
        turn.sent()
    assert time.monotonic() - began < 1.0


def test_a_limiter_taking_over_a_host_waits_out_the_interval_the_previous_one_began():
    before, after = FakeTime(), FakeTime()
    old = RateLimiter(min_interval=1, clock=before.clock, sleep=before.sleep)
    with old.slot("a"):
        pass
    before.sleep(0.4)
    handed = old.holdover()
    assert handed == {"a": pytest.approx(0.6)}
    new = RateLimiter(min_interval=1, clock=after.clock, sleep=after.sleep)
    new.resume(handed)
    assert starts(new, after, [("a", "live"), ("b", "live")]) == [0.6, 0.6]


def test_two_requests_on_new_connections_reach_the_server_an_interval_apart_when_the_first_connects_slowly(
    origin,
):
    from citecheck.sources.fetcher import Fetcher
    from citecheck.sources.guard import default_resolver
    from servers.origin import loopback_fetch_config

    slow = [True]

    def resolver(host, port):  # the first connection takes an interval to set up
        if slow[0]:
            slow[0] = False
            time.sleep(0.2)
        return default_resolver(host, port)

    config = loopback_fetch_config(min_interval=0.2, per_host_concurrency=2, retries=0)
    with Fetcher(config, resolver=resolver) as fetcher:
        threads = [
            threading.Thread(
                target=fetcher.fetch, args=(origin.url(f"/page/slow-connect-{n}", host="slow.localhost"),)
            )
            for n in range(2)
        ]
        for thread in threads:
            thread.start()
            time.sleep(0.02)
        for thread in threads:
            thread.join()
    stamps = sorted(r.time for r in origin.requests() if r.path.startswith("/page/slow-connect-"))
    # let go 0.2 s apart, the second would arrive with the first (a gap near zero)
    assert len(stamps) == 2 and stamps[1] - stamps[0] >= 0.2 / 2
