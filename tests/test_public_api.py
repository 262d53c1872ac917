"""The library's public face: ``from citecheck import …`` for every stage and model type."""

from __future__ import annotations

import subprocess
import sys

import citecheck


def test_every_public_name_resolves_to_the_object_its_module_defines():
    import importlib

    for name, module in citecheck._EXPORTS.items():
        assert getattr(citecheck, name) is getattr(importlib.import_module(module), name), name


def test_all_lists_exactly_the_exported_names():
    assert set(citecheck.__all__) == {"__version__", *citecheck._EXPORTS}


def test_the_stages_a_user_combines_are_importable_from_the_package():
    from citecheck import (  # noqa: F401
        Report,
        VerifyOptions,
        check_figures,
        check_references,
        export,
        extract_references,
        load_document,
        render,
        verify,
    )


def test_an_unknown_name_is_an_attribute_error_naming_it():
    try:
        citecheck.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_importing_the_package_loads_no_stage_until_a_name_is_used():
    code = (
        "import sys, citecheck\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('citecheck.'))\n"
        "print(','.join(loaded))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""
