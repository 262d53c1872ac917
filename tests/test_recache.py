"""The store of compiled module-level expressions: the same patterns as ``re.compile``, read by a
later process instead of compiled again, and never a reason for a run to fail."""

from __future__ import annotations

import ast
import marshal
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from citecheck import recache
from citecheck.recache import PatternStore

SRC = Path(recache.__file__).resolve().parent

#: expressions of the kinds the rules use: groups with names, Unicode classes, flags, look-arounds
SAMPLES = [
    (r"(?P<value>\d+(?:[.,]\d+)?)\s*(?P<unit>MW|GWh|km)\b", re.I),
    (r"[\u4e00-\u9fff\u3400-\u4dbf]+", 0),
    (r"(?<![\w.])(?:enero|febrero|março|abril|mayo)\b", re.I | re.U),
    (r"^\s*(?:第\s*(\d+)\s*[页頁版])", re.M),
    (r"(a)|(b)(?P<c>c)?", re.X | re.S),
]
SAMPLES = [(pattern, int(flags)) for pattern, flags in SAMPLES]  # as the store keys them


def test_a_stored_pattern_is_the_pattern_re_compile_gives(tmp_path):
    writer = PatternStore(tmp_path / "regex.bin")
    first = [writer.compile(p, f) for p, f in SAMPLES]
    assert writer.save()
    reader = PatternStore(tmp_path / "regex.bin")
    again = [reader.compile(p, f) for p, f in SAMPLES]
    for (pattern, flags), a, b in zip(SAMPLES, first, again, strict=True):
        fresh = re.compile(pattern, flags)
        assert a == fresh and b == fresh
        assert b.groupindex == fresh.groupindex and b.groups == fresh.groups and b.flags == fresh.flags
    assert again[0].search("reaches 90 mw").group("value", "unit") == ("90", "mw")
    assert again[3].findall("载《拉丁美洲研究》\n第 61 页") == ["61"]
    assert reader._new == 0  # everything came from the file
    assert not reader.save()  # and nothing new is written back


def test_a_store_written_by_another_interpreter_is_ignored(tmp_path):
    path = tmp_path / "regex.bin"
    pattern, flags = SAMPLES[0]
    wrong_code = (flags, [0], 0, {}, ())
    path.write_bytes(marshal.dumps(("cpython-299 4.0 sre 1 4 1114111", {(pattern, flags): wrong_code})))
    store = PatternStore(path)
    assert store.compile(pattern, flags) == re.compile(pattern, flags)
    assert store._new == 1


@pytest.mark.parametrize("content", [b"", b"\x00garbage", marshal.dumps([1, 2, 3])])
def test_a_damaged_store_is_read_as_empty(tmp_path, content):
    path = tmp_path / "regex.bin"
    path.write_bytes(content)
    store = PatternStore(path)
    assert store.compile(*SAMPLES[1]) == re.compile(*SAMPLES[1])
    assert store.save() and marshal.loads(path.read_bytes())[0] == recache._engine()


def test_an_entry_the_engine_refuses_is_compiled_again(tmp_path):
    path = tmp_path / "regex.bin"
    pattern, flags = SAMPLES[0]
    path.write_bytes(
        marshal.dumps((recache._engine(), {(pattern, flags): (flags, [99999, 1, 2], 3, {}, ())}))
    )
    assert PatternStore(path).compile(pattern, flags) == re.compile(pattern, flags)


def test_a_store_that_cannot_be_written_never_fails_the_run(tmp_path):
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the directory should be")
    store = PatternStore(blocked / "__pycache__" / "regex.bin")
    assert store.compile(*SAMPLES[2]) == re.compile(*SAMPLES[2])
    assert store.save() is False


def test_the_store_file_honours_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        store = PatternStore(tmp_path / "regex.bin")
        store.compile(*SAMPLES[0])
        assert store.save()
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "regex.bin").stat().st_mode) == 0o640


def test_a_process_writes_the_store_at_exit_and_the_next_one_compiles_nothing(tmp_path):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from citecheck.recache import PatternStore\n"
        f"store = PatternStore(Path({str(tmp_path / 'regex.bin')!r}))\n"
        "store.compile(r'(?P<n>\\d+)\\s*MW')\n"
        "print(store._new)\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    assert [r.stdout.strip() for r in runs] == ["1", "0"]


def test_without_byte_code_caching_the_process_store_writes_nothing():
    code = "import sys; from citecheck import recache; print(recache._STORE.writable)"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == "False"


def test_the_process_store_sits_beside_the_package_byte_code():
    path = recache._default_path()
    assert path is not None and path.parent.name == "__pycache__"
    assert path.name == f"regex.{sys.implementation.cache_tag}.bin"


def _module_level_re_compiles(path: Path) -> list[int]:
    """Lines of ``re.compile`` calls in ``path`` that run at import (outside any function)."""
    found: list[int] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            func = getattr(child, "func", None)
            if (
                not inside
                and isinstance(child, ast.Call)
                and isinstance(func, ast.Attribute)
                and func.attr == "compile"
                and isinstance(func.value, ast.Name)
                and func.value.id == "re"
            ):
                found.append(child.lineno)
            visit(child, inside)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


def test_every_expression_compiled_at_import_goes_through_the_store():
    offenders = {
        str(p.relative_to(SRC)): lines
        for p in sorted(SRC.rglob("*.py"))
        if p.name != "recache.py" and (lines := _module_level_re_compiles(p))
    }
    assert offenders == {}, "use recache.compile for module-level expressions"
