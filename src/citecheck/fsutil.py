"""Writing output files safely: never leave a partial file behind, and honour the umask."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from . import recache
from .errors import OutputError

#: the mode a new file gets before the umask, as ``open(path, "w")`` gives it
_NEW_FILE_MODE = 0o666


def current_umask() -> int:
    """The process's umask, read without changing it where the kernel says it.

    Linux reports it in ``/proc/self/status``; elsewhere it is read by setting and
    restoring it (``os.umask`` has no read-only form).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(target: Path) -> int:
    """The mode the written file gets: the replaced file's own, else what the umask allows."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return _NEW_FILE_MODE & ~current_umask()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, under another user
    return True


#: what follows ``.<name>.`` in a temporary file's name: the writer's pid, a dot, mkstemp's letters
_TEMPORARY_TAIL = recache.compile(r"(\d+)\.[^/]*\.tmp")


def _temporary_pid(name: str, prefix: str) -> int | None:
    """The pid in ``name`` when it is a temporary file of the output ``prefix`` names, else None.

    >>> _temporary_pid(".paper.bib.4242.k3j2.tmp", ".paper.bib."), _temporary_pid(".notes.tmp", ".paper.bib.")
    (4242, None)
    """
    if not name.startswith(prefix):
        return None
    m = _TEMPORARY_TAIL.fullmatch(name, len(prefix))
    return int(m.group(1)) if m else None


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Delete the temporary files an interrupted :func:`atomic_write` of ``target`` left.

    Each temporary file names the process that wrote it (``.paper.bib.4242.k3j2.tmp``);
    one whose process is gone was cut off before its rename and is removed. A file of a
    process still running is another writer's and is left alone. Returns what was removed.
    """
    prefix = f".{target.name}."
    removed = []
    try:
        names = os.listdir(target.parent)
    except OSError:
        return removed
    for name in names:
        pid = _temporary_pid(name, prefix)
        if pid is None or _alive(pid):
            continue
        try:
            os.unlink(target.parent / name)
        except OSError:
            continue
        removed.append(target.parent / name)
    return removed


def atomic_write(path: str | os.PathLike, data: str | bytes, *, encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same directory, then rename.

    Readers see either the old file or the complete new one. A new file gets the mode the
    umask allows (``mkstemp``'s 0600 is only for the temporary file); a replaced file keeps
    its mode. Temporary files that an earlier, interrupted write left are removed first
    (see :func:`remove_stale_temporaries`). Raises :class:`OutputError` with a one-line reason when the directory cannot
    be created or written.
    """
    target = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = _mode_for(target)
        remove_stale_temporaries(target)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target


class AtomicWriter:
    """Writes files with :func:`atomic_write` on a few threads, while the caller goes on.

    Each file is still written through its own temporary file, synced and renamed (readers see
    the old file or the complete new one, a new file gets the umask's mode); what runs in
    parallel is the waiting: ``fsync`` waits for the disk without holding the GIL, so several
    files reach it at once, and the caller prepares the next ones meanwhile. Give each path
    once (two writes of one path may land in either order). :meth:`close` waits for every
    write and returns the paths in the order they were given; the first write that failed
    raises its :class:`OutputError` there (the others are still finished first).
    """

    def __init__(self, threads: int = 4) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self._pool = ThreadPoolExecutor(max_workers=max(1, threads), thread_name_prefix="citecheck-write")
        self._pending: list = []

    def write(self, path: str | os.PathLike, data: str | bytes) -> None:
        self._pending.append(self._pool.submit(atomic_write, path, data))

    def close(self) -> list[Path]:
        self._pool.shutdown(wait=True)
        pending, self._pending = self._pending, []
        return [future.result() for future in pending]

    def __enter__(self) -> AtomicWriter:
        return self

    def __exit__(self, *exc) -> None:
        self._pool.shutdown(wait=True)
