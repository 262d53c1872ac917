"""citecheck: what a paper cites, whether the links still work, and whether the figures match.

The library does all the work; the ``citecheck`` command only wires it together.
"""

__version__ = "0.1.0"
