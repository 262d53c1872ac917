"""Progress of a whole corpus run on stderr: papers parsed, URLs checked, archive look-ups,
reports written, and an estimate of the time left.

On a terminal the line is redrawn in place (at most 5 times a second); otherwise one line is
written at most every ``quiet_interval`` seconds and when a stage completes.

>>> import io
>>> out = io.StringIO()
>>> board = RunProgress(out, tty=False, clock=iter([0, 1, 2, 3]).__next__)
>>> board.total("papers", 2); board.advance("papers", 2)
>>> out.getvalue().strip()
'corpus: papers 2/2 parsed'
"""

from __future__ import annotations

import sys
import threading
import time

_LABELS = (
    ("papers", "papers {}/{} parsed"),
    ("urls", "URLs {}/{} checked"),
    ("archive", "archive {}/{} looked up"),
    ("reports", "reports {}/{} written"),
)


class RunProgress:
    """Thread-safe counters with a one-line display; ``stream=None`` shows nothing."""

    def __init__(
        self, stream=sys.stderr, *, tty: bool | None = None, clock=time.monotonic, quiet_interval=5.0
    ):
        self.stream = stream
        self.tty = bool(tty if tty is not None else getattr(stream, "isatty", lambda: False)())
        self._clock = clock
        self._start = clock()
        self._last = -1e9
        self._quiet = quiet_interval
        self._lock = threading.Lock()
        self.done: dict[str, int] = {}
        self.totals: dict[str, int] = {}
        self._drawn = False

    def note(self, line: str) -> None:
        """One line of its own (e.g. the dashboard address)."""
        if self.stream is None:
            return
        with self._lock:
            if self._drawn and self.tty:
                self.stream.write("\n")
            self.stream.write(line + "\n")
            self.stream.flush()
            self._drawn = False

    def total(self, what: str, n: int) -> None:
        with self._lock:
            self.totals[what] = n
            self.done.setdefault(what, 0)

    def advance(self, what: str, n: int = 1) -> None:
        with self._lock:
            self.done[what] = self.done.get(what, 0) + n
            finished = self.done[what] >= self.totals.get(what, 0)
            self._draw(force=finished)

    def eta(self) -> float | None:
        """Seconds left: the elapsed time scaled by the share of work units not done yet."""
        total = sum(self.totals.values())
        done = sum(min(self.done.get(k, 0), v) for k, v in self.totals.items())
        if not total or not done:
            return None
        elapsed = self._clock() - self._start
        return elapsed * (total - done) / done

    def line(self) -> str:
        parts = [
            fmt.format(self.done.get(key, 0), self.totals[key]) for key, fmt in _LABELS if key in self.totals
        ]
        eta = self.eta()
        if eta is not None and any(self.done.get(k, 0) < v for k, v in self.totals.items()):
            parts.append(f"ETA {eta:.0f} s")
        return "corpus: " + " · ".join(parts)

    def _draw(self, force: bool = False) -> None:
        if self.stream is None:
            return
        now = self._clock()
        wait = 0.2 if self.tty else self._quiet
        if not force and now - self._last < wait:
            return
        self._last = now
        if self.tty:
            self.stream.write("\r" + self.line() + "\x1b[K")
        else:
            self.stream.write(self.line() + "\n")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        with self._lock:
            if self.stream is not None and self._drawn and self.tty:
                self.stream.write("\n")
                self.stream.flush()
            self._drawn = False


__all__ = ["RunProgress"]
