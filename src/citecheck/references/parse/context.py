"""The typed state of one reference while its rules run (never leaves the parse package).

Every rule reads and fills one :class:`Context`; what used to be passed between steps as
string flags is a field here. ``fire`` records the name of each rule that changed something,
which ends up in :attr:`citecheck.model.Reference.provenance`.

>>> ctx = Context()
>>> ctx.fire("doi")
>>> ctx.cue is Cue.NONE, ctx.provenance
(True, ['doi'])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from ...model import Url

__all__ = ["Context", "Cue"]


class Cue(Enum):
    """What introduced the container: nothing, "In", "In Editors (Eds.)", or "published in"/"载"."""

    NONE = "none"
    IN = "in"
    IN_BOOK = "in-book"
    PUBLISHED_IN = "published-in"


@dataclass
class Context:
    """Fields found so far and the facts about the layout that later rules need."""

    authors: tuple[str, ...] = ()
    et_al: bool = False
    editors: tuple[str, ...] = ()
    title: str | None = None
    container: str | None = None
    publisher: str | None = None
    location: str | None = None
    date: str | None = None
    year: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    edition: str | None = None
    url: Url | None = None
    access_date: str | None = None
    doi: str | None = None
    isbn: str | None = None
    #: an entry type the layout knows for sure (GB/T 7714 "[M]" is a book); None: decided at the end
    entry_type: str | None = None
    language: str | None = None
    cue: Cue = Cue.NONE
    #: the title stood in quotation marks (or 《》)
    quoted_title: bool = False
    #: the reference opens with its title (no author before it)
    title_first: bool = False
    #: the author is a dash: the same as the previous entry's
    same_author: bool = False
    warnings: list[str] = field(default_factory=list)
    provenance: list[str] = field(default_factory=list)
    #: answers of the author-list test for this reference (the same prefix is asked about often)
    memo: dict[str, bool] = field(default_factory=dict)
    #: (text, offset) of the last author-list end found by a full stop (two rules ask for it)
    author_end: tuple[str, int | None] | None = None
    #: (text, length) of the last comma-separated author list measured (two rules ask for it)
    comma_end: tuple[str, int] | None = None

    @property
    def in_context(self) -> bool:
        """A cue ("In", "published in", "载") said that a container follows."""
        return self.cue is not Cue.NONE

    def fire(self, rule: str) -> None:
        """Record that ``rule`` changed this reference."""
        self.provenance.append(rule)
