"""Row mapping for quote clusters, shared by the SQLite and PostgreSQL cluster SQL.

Both backends select the same columns in the same order (``OCC_COLS``, ``MEMBER_COLS``),
so one function turns a row of either driver into what :mod:`bot.core.clusters` and
:mod:`bot.core.provenance` work on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from bot.core.clusters import Attribution, Occurrence
from bot.core.models import Quote
from bot.core.provenance import Member
from bot.core.search.normalize import words
from bot.core.store.common import article_from, as_datetime_required, as_seen
from bot.core.store.evidence_json import evidence_from

#: A quote as clustering sees it: id, cluster, text, speaker, confidence, evidence, date.
OCC_COLS = (
    "q.id, COALESCE(q.cluster_id, q.id), q.text, q.speaker_name, q.confidence, q.evidence, "
    "COALESCE(a.published, q.added_at)"
)
#: A member for provenance: the quote's fields, then its article's (as ``article_from``).
MEMBER_COLS = (
    "q.id, COALESCE(q.cluster_id, q.id), q.text, q.speaker_name, q.title, q.confidence, "
    "q.evidence, q.added_at, a.id, a.title, a.outlet, a.author, a.published, a.url, "
    "a.fetched_at, a.content_hash, a.added_at"
)


def form_of(raw: Any) -> str:
    """How the stored evidence names the speaker; quotes stored without it count as named."""
    ev = evidence_from(raw)
    return ev.form if ev is not None else "name"


def _when(value: Any) -> datetime:
    """A stored timestamp, fast: SQLite's fixed-width UTC text is ISO 8601."""
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    return as_datetime_required(value)


def occurrence_from(row: Sequence[Any]) -> tuple[Occurrence, int]:
    """(occurrence, cluster label) from a row of ``OCC_COLS``."""
    attribution = Attribution(row[3], float(row[4]), form_of(row[5]))
    when = _when(row[6])
    return Occurrence(int(row[0]), tuple(words(str(row[2]))), when, attribution), int(row[1])


def members_from(
    rows: Sequence[Sequence[Any]], links: Mapping[int, Sequence[Any]]
) -> dict[int, list[Member]]:
    """Cluster label -> members, from rows of ``MEMBER_COLS`` and the scopes' link rows."""
    out: dict[int, list[Member]] = {}
    for r in rows:
        article = as_seen(article_from(r[8:17]), links.get(int(r[8])))
        out.setdefault(int(r[1]), []).append(
            Member(
                quote_id=int(r[0]),
                text=str(r[2]),
                speaker=r[3],
                title=r[4],
                confidence=float(r[5]),
                form=form_of(r[6]),
                article=article,
                when=article.published or as_datetime_required(r[7]),
            )
        )
    return out


__all__ = ["MEMBER_COLS", "OCC_COLS", "form_of", "members_from", "occurrence_from"]


#: A newly saved quote as clustering takes it: id, text, speaker, confidence, evidence form.
NewQuote = tuple[int, str, str | None, float, str]


def new_quotes(inserted: Sequence[tuple[int, str]], quotes: Sequence[Quote]) -> list[NewQuote]:
    """The saved quotes (id and stored text, in save order) with what clustering weighs."""
    return [
        (quote_id, text, q.speaker, float(q.confidence), q.evidence.form if q.evidence else "")
        for (quote_id, text), q in zip(inserted, quotes, strict=False)
    ]
