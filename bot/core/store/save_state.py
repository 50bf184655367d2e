"""What one article save learned and decided, handed between its steps (both backends).

``save_article`` on SQLite and on PostgreSQL is a short driver calling named steps inside
one transaction: find the stored article the text meets, plan the write, write the article
and its scope link, insert the quotes, then the counts. :class:`SaveState` carries what an
early step found (the stored article, what writing does to it, what it replaced) to the
later ones; :func:`scope_deltas` is the quote-count arithmetic both backends share. Pure
data and arithmetic: no SQL, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.core.store.common import Status, WriteAction, seen_status


@dataclass(slots=True)
class SaveState:
    """One save's findings: the stored article met, what the write does, what it replaced."""

    #: The scopes that hold the stored article met (empty when none was met).
    holders: set[str] = field(default_factory=set)
    #: What writing does to the stored article met (:func:`~.common.plan_write`); None: new.
    action: WriteAction | None = None
    #: Whether the writer's scope held the stored article met.
    was_linked: bool = False
    #: Quotes the article had before: deleted with its old text, or left behind with the
    #: shared version the writer's scope leaves.
    removed: int = 0
    #: Clusters of the replaced quotes, to regroup.
    stale: set[int] = field(default_factory=set)
    #: Speakers of the quotes replaced or left behind: they leave the scopes where nothing
    #: else quotes them.
    old_speakers: list[int] = field(default_factory=list)
    #: What happened to the stored rows (set by the article step).
    status: Status = "added"
    #: The article row the quotes belong to (set by the article step).
    article_id: int = 0

    def told(self, scope: str) -> Status:
        """The status the writer is told: as if the database held only what it can see."""
        return self.status if self.action is None else seen_status(self.action, scope, self.holders)


def scope_deltas(
    state: SaveState, scope: str, scopes_of_article: Sequence[str], added: int, count: int
) -> dict[str, int]:
    """How many more quotes each scope sees after the save (``added`` new quotes; the
    article holds ``count``): a new link shows them all, new text replaces the old."""
    deltas: dict[str, int] = {}
    if state.status == "linked":
        deltas[scope] = count
    elif state.status in ("added", "updated"):
        for s in scopes_of_article:
            before = state.removed if (s != scope or state.was_linked) else 0
            deltas[s] = added - before
    return deltas


__all__ = ["SaveState", "scope_deltas"]
