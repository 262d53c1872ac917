"""Phase 3 of the source check: one :class:`~citecheck.model.SourceCheck` per reference.

Reads the resolved plan (:mod:`~citecheck.sources.checkplan`) and what the network phase learnt
(:class:`~citecheck.sources.checknet.NetworkResults`): the live result of each reference's target,
and its snapshot chosen from the look-up memo for the reference's own access date. The memo holds
every URL the run looked up, so assembly asks the network nothing.

* an incomplete URL is ``LinkState.INCOMPLETE`` (nothing to fetch as written), naming the URL the
  archive index suggests when its recovery found one;
* an archive error is kept on a reference only when it got no snapshot: the recovery's error, then
  the look-up's (the last one said); when no archive answered anything this run, the run's one
  ``outage`` line stands for all of them. A replay's "no answer recorded" is no error.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import ArchiveError, NoSnapshot
from ..model import LinkResult, LinkState, Recovery, SourceCheck, Url
from .archive import ArchiveClient, error_line
from .checknet import NetworkResults
from .checkplan import ReferencePlan
from .traffic import NOT_RECORDED

GARBLED = "URL text is garbled; nothing to fetch as written"


def incomplete_link(url: Url, recovery: Recovery | None) -> LinkResult:
    """The live result of a URL whose text is damaged: nothing was fetched."""
    reason = GARBLED
    if recovery is not None and recovery.status == "recovered":
        reason += f" (archive index suggests {recovery.url})"
    return LinkResult(url=url.repaired or url.raw, state=LinkState.INCOMPLETE, reason=reason)


def assemble_one(
    plan: ReferencePlan,
    results: NetworkResults,
    client: ArchiveClient,
    *,
    archive: bool = True,
    outage: str | None = None,
) -> SourceCheck:
    """The check of one planned reference from the run's results."""
    found = plan.recovery
    recovery = found.recovery if found is not None else None
    errors = [found.error] if found is not None and found.error and found.error != NOT_RECORDED else []
    if plan.incomplete:
        link = incomplete_link(plan.url, recovery)
    else:
        link = results.links.get(plan.target) if plan.target else None
    snapshot = None
    if archive and plan.looked_up:
        try:
            snapshot = client.lookup(plan.target, plan.ref.access_date, captures_by_archive=results.memo)
        except NoSnapshot:
            snapshot = None
        except ArchiveError as exc:
            errors.append(error_line(exc))
        except Exception as exc:  # noqa: BLE001 - one odd memo entry never aborts the run
            errors.append(f"archive look-up failed: {type(exc).__name__}: {exc}"[:200])
    return SourceCheck(
        reference_key=plan.ref.key,
        url=plan.shown_url,
        link=link,
        snapshot=snapshot,
        recovery=recovery,
        archive_error=(outage or errors[-1]) if errors and snapshot is None else None,
    )


def assemble(
    plans: Iterable[ReferencePlan],
    results: NetworkResults,
    client: ArchiveClient,
    *,
    archive: bool = True,
    outage: str | None = None,
) -> list[SourceCheck]:
    """One check per plan, in plan order (``outage``: the run's one line when no archive answered)."""
    return [assemble_one(plan, results, client, archive=archive, outage=outage) for plan in plans]


__all__ = ["GARBLED", "assemble", "assemble_one", "incomplete_link"]
