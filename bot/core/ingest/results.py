"""What an ingest reports: one result per item, the batch summary, one poll of a feed.

Contract: ``ItemResult`` says what happened to one article (stored and how, or failed and
why, with remarks a user should read); ``IngestSummary`` holds a batch's items, counts them
and formats the plain-text summary the CLI prints and the bot replies with; ``FeedResult`` is
one poll of a feed with the validators to send next time. ``Progress`` is the callback an
ingest reports to as items finish. Plain data: no I/O here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

ItemStatus = Literal["added", "updated", "duplicate", "linked", "failed"]
#: ``progress(done, total, label)``; ``total`` can grow when a feed reveals its entries.
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class ItemResult:
    """What happened to one article: stored (and how), or failed (and why)."""

    source: str
    status: ItemStatus
    title: str | None = None
    quotes: int = 0
    error: str | None = None
    url: str | None = None
    article_id: int | None = None
    #: Quotes found beyond the per-article cap and not kept (the least confident ones).
    dropped: int = 0
    #: What the reader had to repair (bytes that were not valid text, ...).
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    def remarks(self) -> list[str]:
        """Notes a user should read next to the item: the quote cap, repaired bytes."""
        out = list(self.notes)
        if self.dropped and self.status in {"added", "updated"}:
            out.append(
                f"{self.quotes + self.dropped} quotes found; only the {self.quotes} most "
                "confident (attributed first) were kept"
            )
        return out


@dataclass
class IngestSummary:
    """The items of a batch and their counts, for the CLI summary and the bot's reply."""

    items: list[ItemResult] = field(default_factory=list)

    def count(self, status: ItemStatus) -> int:
        return sum(1 for item in self.items if item.status == status)

    @property
    def added(self) -> int:
        return self.count("added")

    @property
    def updated(self) -> int:
        return self.count("updated")

    @property
    def linked(self) -> int:
        return self.count("linked")

    @property
    def duplicates(self) -> int:
        return self.count("duplicate")

    @property
    def failed(self) -> int:
        return self.count("failed")

    @property
    def quotes(self) -> int:
        return sum(item.quotes for item in self.items if item.status in {"added", "updated"})

    @property
    def failures(self) -> list[ItemResult]:
        return [item for item in self.items if item.status == "failed"]

    def format(self, *, per_item: bool = True) -> str:
        """Plain text: one line per item (when asked), the totals, then the failures."""
        lines: list[str] = []
        if per_item:
            for item in self.items:
                if item.status == "failed":
                    continue
                label = item.title or item.source
                lines.append(f"{item.status:9} {item.quotes:4} quote(s)  {_short(label, 70)}")
                lines.extend(f"          note: {remark}" for remark in item.remarks())
        n = len(self.items)
        lines.append(
            f"{n} item{'s' if n != 1 else ''}: {self.added} added, {self.updated} updated, "
            f"{self.linked} linked, {self.duplicates} duplicate, {self.failed} failed; "
            f"{self.quotes} new quote{'s' if self.quotes != 1 else ''}"
        )
        if self.failures:
            lines.append("Failed:")
            lines.extend(f"  {_short(f.source, 80)}: {f.error}" for f in self.failures)
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class FeedResult:
    """One poll of a feed: its items, and the validators to send next time.

    ``error`` is set (and ``items`` empty) when the feed itself could not be fetched or
    read; the poller then keeps its old validators and backs off.
    """

    url: str
    items: list[ItemResult]
    not_modified: bool = False
    etag: str | None = None
    modified: str | None = None
    title: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def failed_item(source: str, error: str, url: str | None = None) -> ItemResult:
    """A failed item: where it came from and why, in words for the user."""
    return ItemResult(source=source, status="failed", error=error, url=url)


__all__ = ["FeedResult", "IngestSummary", "ItemResult", "ItemStatus", "Progress", "failed_item"]
