"""Finding and repairing the URLs that PDF extraction and machine translation damaged.

The printed text after a scheme is a token sequence; the reader decides every gap (a dot,
nothing, a ``/`` boundary, or the end of the URL) from general knowledge only: the Public
Suffix List for where a host ends (:mod:`.suffixes`, :mod:`.host`), URL syntax and file
extensions for the path (:mod:`.path`), quotes, brackets, access dates and prose for where the
URL ends (:mod:`.extent`). :mod:`.repair` builds the :class:`~citecheck.model.Url`;
:mod:`.context` re-ranks a dotless host with the hosts the same document prints.

* :func:`find_url` says where the URL text sits in a reference.
* :func:`repair_url` turns that text into a :class:`~citecheck.model.Url`: what the text
  still carries is restored; what it does not carry is never guessed. Garbled characters
  make the URL ``complete=False`` and their surroundings become ``fragments`` for a CDX
  prefix query.
* :func:`url_in` does both on a reference's text and reads the context.

>>> repair_url("http:// ar mofcom gov cn / article / 202111 / 2021 shtml").repaired
'http://ar.mofcom.gov.cn/article/202111/2021.shtml'
>>> repair_url("http:// ar mofcom gov cn / art ÿÿÿÿÿ/ 202111 / 2021 shtml").complete
False

``fragments`` of an incomplete URL always hold three strings, empty when unknown:
``(host, prefix, tail)``; ``prefix`` is the URL up to the first damaged character,
``tail`` the text after the last one. Longer clean pieces from the middle follow.
"""

from __future__ import annotations

from .context import document_hosts, prefer_document_hosts
from .extent import MAX_URL_CHARS, find_url
from .repair import CHANGED, characters_changed, repair_url, url_in
from .vocab import GARBLE_CHARS

__all__ = [
    "find_url",
    "repair_url",
    "url_in",
    "GARBLE_CHARS",
    "CHANGED",
    "MAX_URL_CHARS",
    "characters_changed",
    "document_hosts",
    "prefer_document_hosts",
]
