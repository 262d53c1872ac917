"""The examples in the library's docstrings run and say what the code does.

Every module of the ``citecheck`` package, as ``pytest --doctest-modules src`` would run them,
but inside the README's plain ``pytest`` command so CI cannot skip them.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import citecheck

MODULES = sorted(
    info.name for info in pkgutil.walk_packages(citecheck.__path__, prefix="citecheck.") if not info.ispkg
) + sorted(
    ["citecheck"]
    + [info.name for info in pkgutil.walk_packages(citecheck.__path__, prefix="citecheck.") if info.ispkg]
)


def test_the_package_has_modules_with_examples():
    with_examples = [
        name
        for name in MODULES
        if doctest.DocTestFinder().find(importlib.import_module(name))
        and any(t.examples for t in doctest.DocTestFinder().find(importlib.import_module(name)))
    ]
    assert len(with_examples) >= 40


@pytest.mark.parametrize("name", MODULES)
def test_the_docstring_examples_of_each_module_hold(name):
    module = importlib.import_module(name)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in doctest.DocTestFinder(exclude_empty=True).find(module, name):
        runner.run(test)
    results = runner.summarize(verbose=False)
    assert results.failed == 0, f"{results.failed} of {results.attempted} examples failed in {name}"
