"""Output files: written atomically, with the mode the user's umask asks for."""

from __future__ import annotations

import os
import stat

import pytest

from citecheck.errors import OutputError
from citecheck.fsutil import AtomicWriter, atomic_write, current_umask


@pytest.fixture
def umask():
    """Set the process umask for one test, restoring it afterwards."""
    saved = os.umask(0o022)
    os.umask(saved)

    def set_mask(mask: int) -> None:
        os.umask(mask)

    yield set_mask
    os.umask(saved)


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_output_file_gets_the_mode_the_umask_allows_not_mkstemps_0600(tmp_path, umask, mask, mode):
    umask(mask)
    path = atomic_write(tmp_path / "paper.bib", "@misc{k, title = {T}}\n")
    assert _mode(path) == mode


def test_a_replaced_output_file_keeps_its_own_mode(tmp_path, umask):
    umask(0o022)
    target = tmp_path / "paper.bib"
    target.write_text("old")
    target.chmod(0o640)
    atomic_write(target, "new")
    assert target.read_text() == "new" and _mode(target) == 0o640


def test_the_umask_is_read_without_changing_it(umask):
    umask(0o027)
    assert current_umask() == 0o027
    assert current_umask() == 0o027


def test_no_temporary_file_is_left_beside_the_output(tmp_path):
    atomic_write(tmp_path / "report.json", "{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_temporary_file_left_by_a_write_killed_before_its_rename_is_removed_on_the_next_write(tmp_path):
    stale = tmp_path / f".paper.bib.{_dead_pid()}.x1y2z3.tmp"
    stale.write_text("half a bibliography")
    atomic_write(tmp_path / "paper.bib", "@misc{k, title = {T}}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.bib"]


def test_the_temporary_file_of_a_writer_still_running_is_left_alone(tmp_path):
    import os

    live = tmp_path / f".paper.bib.{os.getppid()}.a1b2c3.tmp"  # our parent is running
    live.write_text("another writer's")
    other = tmp_path / ".notes.txt.tmp"  # not a temporary file of this output
    other.write_text("someone else's")
    atomic_write(tmp_path / "paper.bib", "x")
    assert live.exists() and other.exists()


def test_files_written_on_the_writer_threads_are_complete_with_the_umasks_mode_and_listed_in_given_order(
    tmp_path, umask
):
    umask(0o027)
    names = [f"paper-{n:03d}.json" for n in range(40, 0, -1)]
    with AtomicWriter(threads=4) as writer:
        for name in names:
            writer.write(tmp_path / "reports" / name, name * 1000)
        written = writer.close()
    assert [p.name for p in written] == names
    assert all(p.read_text() == p.name * 1000 and _mode(p) == 0o640 for p in written)
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == sorted(names)  # no temporary left


def test_a_write_that_fails_on_a_writer_thread_raises_its_one_line_when_the_writer_closes(tmp_path):
    (tmp_path / "file").write_text("not a directory")
    writer = AtomicWriter(threads=2)
    writer.write(tmp_path / "file" / "report.json", "{}")
    writer.write(tmp_path / "ok.json", "{}")
    with pytest.raises(OutputError, match="cannot write .*report.json"):
        writer.close()
    assert (tmp_path / "ok.json").read_text() == "{}"  # the other writes are finished first
