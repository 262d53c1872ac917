"""Many papers as one Dask graph (``pip install 'citecheck[corpus]'``).

>>> from citecheck.corpus import CorpusOptions, run               # doctest: +SKIP
>>> result = run(["papers/"], CorpusOptions(verify=options, workers=2))   # doctest: +SKIP
>>> result.status, result.stats["unique_urls"]                     # doctest: +SKIP
(1, 3870)

Modules: :mod:`.inputs` (which papers), :mod:`.stages` (what workers run), :mod:`.sharding`
(the network stage by registered domain), :mod:`.budgets` (one actor owns the archive budgets),
:mod:`.ownership` (the coordinator's cache), :mod:`.progress`, :mod:`.summary`, :mod:`.engine`.
"""

from __future__ import annotations

from .engine import CorpusOptions, CorpusResult, run
from .inputs import find_papers

__all__ = ["CorpusOptions", "CorpusResult", "find_papers", "run"]
