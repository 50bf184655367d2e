"""Provenance of search hits: a hit's cluster as the asking scopes see it.

The stores read the visible members of each hit's cluster (:class:`Member`) and hand them
here; :func:`attach` gives every hit its :class:`~bot.core.models.ClusterInfo` (first seen,
how many articles and outlets, wording variants, the consensus speaker) and answers it with
the consensus speaker. Members come only from the asking scopes, so another server's
private quotes never count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from bot.core.clusters import (
    Attribution,
    Vote,
    consensus,
    same_person,
    same_statement,
    word_diff,
)
from bot.core.models import Article, ClusterInfo, QuoteHit, StoredQuote, Variant
from bot.core.search.normalize import tokenize

#: At most this many wording variants are listed.
MAX_VARIANTS = 5


@dataclass(frozen=True, slots=True)
class Member:
    """One visible occurrence of a clustered statement, with its article as seen."""

    quote_id: int
    text: str
    speaker: str | None
    title: str | None
    confidence: float
    form: str
    article: Article
    when: datetime


def _outlet(article: Article) -> str:
    """The outlet an occurrence counts for (an article without one counts alone)."""
    return (article.outlet or "").strip().casefold() or f"article #{article.id}"


def _words(text: str) -> tuple[list[str], list[str]]:
    """Normalised words and, for display, the original words they came from."""
    tokens = tokenize(text)
    return [t.norm for t in tokens], [text[t.start : t.end] for t in tokens]


def _variants(shown: str, members: Sequence[Member]) -> tuple[Variant, ...]:
    norm, shown_display = _words(shown)
    seen = {tuple(norm)}
    out: list[Variant] = []
    for m in sorted(members, key=lambda m: (m.when, m.quote_id)):
        other, display = _words(m.text)
        if tuple(other) in seen:
            continue
        seen.add(tuple(other))
        relation = same_statement(norm, other) or "altered"
        diff = word_diff(norm, other, shown_display, display)
        out.append(Variant(" ".join(m.text.split()), relation, tuple(diff)))
        if len(out) >= MAX_VARIANTS:
            break
    return tuple(out)


def cluster_info(hit: QuoteHit, label: int, members: Sequence[Member]) -> ClusterInfo | None:
    """The hit's cluster from its visible members (None when it is the only occurrence)."""
    if not any(m.quote_id == hit.quote.id for m in members):
        members = [*members, _as_member(hit)]
    if len(members) < 2:
        return None
    first = min(members, key=lambda m: (m.when, m.quote_id))
    votes = [
        Vote(Attribution(m.speaker, m.confidence, m.form), _outlet(m.article), m.title)
        for m in members
    ]
    agreed = consensus(votes)
    return ClusterInfo(
        cluster_id=label,
        articles=len({m.article.id for m in members}),
        outlets=len({_outlet(m.article) for m in members}),
        first_seen=first.article,
        variants=_variants(hit.quote.text, [m for m in members if m.quote_id != hit.quote.id]),
        speaker=agreed.speaker or hit.quote.speaker,
        title=agreed.title if agreed.speaker else hit.quote.title,
        confidence=agreed.confidence if agreed.speaker else hit.quote.confidence,
        tallies=tuple((t.speaker, t.outlets) for t in agreed.tallies),
        own_speaker=hit.quote.speaker,
        own_confidence=hit.quote.confidence,
    )


def _as_member(hit: QuoteHit) -> Member:
    q = hit.quote
    return Member(
        q.id,
        q.text,
        q.speaker,
        q.title,
        q.confidence,
        q.evidence.form if q.evidence else "name",
        hit.article,
        hit.article.published or q.added_at,
    )


def attach(
    hits: Sequence[QuoteHit],
    labels: Mapping[int, int],
    members: Mapping[int, Sequence[Member]],
) -> tuple[QuoteHit, ...]:
    """Every hit with its cluster (``labels``: quote id -> cluster, ``members``: cluster ->
    visible members), answered with the cluster's consensus speaker and confidence."""
    out: list[QuoteHit] = []
    for hit in hits:
        label = labels.get(hit.quote.id, hit.quote.id)
        info = cluster_info(hit, label, members.get(label, ()))
        if info is None:
            out.append(hit)
            continue
        quote = replace(
            hit.quote, speaker=info.speaker, title=info.title, confidence=info.confidence
        )
        if info.own_speaker and info.speaker and not same_person(info.own_speaker, info.speaker):
            # The article's own evidence led to another name: it no longer explains this one
            # (the provenance says what the article attributed instead).
            quote = replace(quote, evidence=None)
        out.append(replace(hit, quote=quote, cluster=info))
    return tuple(out)


def page_clusters(
    items: Sequence[StoredQuote],
    labels: Mapping[int, int],
    members: Mapping[int, Sequence[Member]],
) -> dict[int, ClusterInfo]:
    """Quote id -> cluster for the items of a page that have another visible occurrence."""
    out: dict[int, ClusterInfo] = {}
    for item in items:
        label = labels.get(item.id, item.id)
        group = members.get(label, ())
        own = next((m for m in group if m.quote_id == item.id), None)
        if own is None:
            continue
        info = cluster_info(QuoteHit(item, own.article, 100.0), label, group)
        if info is not None:
            out[item.id] = info
    return out


__all__ = ["MAX_VARIANTS", "Member", "attach", "cluster_info", "page_clusters"]
