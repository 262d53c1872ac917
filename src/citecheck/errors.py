"""Exceptions a caller can react to, one per cause.

Each carries a one-line message meant for the user. The CLI turns :class:`InputError`
and :class:`UsageError` into exit status 2; everything that concerns a single reference
(a dead server, a garbled URL) is never an exception but a finding.
"""


class CitecheckError(Exception):
    """Base class of every error citecheck raises on purpose."""


class InputError(CitecheckError):
    """The input file cannot be read or holds nothing citecheck can use."""


class UsageError(CitecheckError):
    """Options or configuration that contradict each other or name something missing."""


class OutputError(CitecheckError):
    """An output file or directory cannot be written."""


class CacheError(CitecheckError):
    """The cache directory cannot be opened or written."""


class ArchiveError(CitecheckError):
    """A web archive could not answer (down, wrong shape, rate-limited)."""


class ArchiveUnavailable(ArchiveError):
    """The archive could not be reached at all."""


class ArchiveRateLimited(ArchiveError):
    """The archive answered 429 and asked us to wait."""


class NoSnapshot(ArchiveError):
    """The archive holds no memento of the URL."""
