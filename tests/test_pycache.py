"""Objects built from the installation's data files, kept beside the byte code: read back only
for the same key and interpreter, rebuilt from anything else, and never a reason for a run to fail."""

from __future__ import annotations

import os
import pickle
import stat

import pytest
from publicsuffixlist import PSLFILE

from citecheck.pycache import file_key, load_or_build, pycache_path
from citecheck.references.urls import suffixes


def _builder(calls: list[int], value):
    def build():
        calls.append(1)
        return value

    return build


def test_a_stored_object_is_read_back_for_the_same_key_without_building(tmp_path):
    store, calls = tmp_path / "rules.pickle", []
    assert load_or_build(store, ("v1",), _builder(calls, {"gov.cn", "co.uk"}), writable=True) == {
        "gov.cn",
        "co.uk",
    }
    assert load_or_build(store, ("v1",), _builder(calls, "built again"), writable=True) == {"gov.cn", "co.uk"}
    assert len(calls) == 1


def test_another_key_or_another_interpreter_builds_again(tmp_path):
    store, calls = tmp_path / "rules.pickle", []
    load_or_build(store, ("v1",), _builder(calls, 1), writable=True)
    assert load_or_build(store, ("v2",), _builder(calls, 2), writable=True) == 2
    store.write_bytes(pickle.dumps((("2.7.18", ("v2",)), "foreign")))
    assert load_or_build(store, ("v2",), _builder(calls, 3), writable=True) == 3
    assert len(calls) == 3


@pytest.mark.parametrize(
    "content", [b"", b"\x80\x05 truncated", b"not a pickle at all", pickle.dumps("no key")]
)
def test_a_damaged_store_is_only_a_miss(tmp_path, content):
    store = tmp_path / "rules.pickle"
    store.write_bytes(content)
    assert load_or_build(store, ("v1",), lambda: "built", writable=True) == "built"
    assert load_or_build(store, ("v1",), lambda: "not again", writable=True) == "built"


def test_a_directory_that_refuses_the_store_never_fails_the_run(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory should be")
    assert load_or_build(blocker / "rules.pickle", ("v1",), lambda: "built", writable=True) == "built"


def test_without_byte_code_caching_nothing_is_written(tmp_path):
    store = tmp_path / "rules.pickle"
    assert load_or_build(store, ("v1",), lambda: "built", writable=False) == "built"
    assert not store.exists()


def test_the_store_honours_the_umask(tmp_path):
    old = os.umask(0o077)
    try:
        load_or_build(tmp_path / "rules.pickle", ("v1",), lambda: "built", writable=True)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "rules.pickle").stat().st_mode) == 0o600


def test_a_data_file_key_changes_when_the_file_does(tmp_path):
    data = tmp_path / "list.dat"
    data.write_text("com\n")
    before = file_key(data)
    data.write_text("com\nco.uk\n")
    assert file_key(data) != before


def test_the_store_sits_beside_the_package_byte_code():
    path = pycache_path("psl.pickle")
    assert path is not None and path.parent.name == "__pycache__" and path.name.startswith("psl.")
    assert path.suffix == ".pickle"


def test_the_suffix_list_read_from_the_store_answers_as_the_freshly_parsed_one(tmp_path):
    store = tmp_path / "psl.pickle"
    key = ("test", file_key(PSLFILE))
    load_or_build(store, key, suffixes._parse_psl, writable=True)
    stored = load_or_build(store, key, lambda: pytest.fail("the list was parsed again"), writable=True)
    fresh = suffixes._parse_psl()
    for name in [
        "com.cn",
        "gov.br",
        "ox.ac.uk",
        "cn.com",
        "github.io",
        "xinhuanet",
        "中国",
        "kawasaki.jp",
        "city.kawasaki.jp",
    ]:
        assert stored.is_public(name) == fresh.is_public(name), name
