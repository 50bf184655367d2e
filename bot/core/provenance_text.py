"""Provenance in words and in JSON: first seen, how many carry it, the wording variants.

Shared by the CLI answer, the digest and ``whosaid who --format json`` so every surface
says the same. Changed words are marked wdiff-style in plain text (``[-rates-] {+prices+}``);
the Discord renderer uses its own markers over the same diff.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.core.clusters import Tally, disagreement_text, same_person
from bot.core.models import Article, ClusterInfo, QuoteHit, Variant


def _day(article: Article) -> str | None:
    return article.published.strftime("%Y-%m-%d") if article.published else None


def marked(
    variant: Variant, plus: tuple[str, str] = ("{+", "+}"), minus: tuple[str, str] = ("[-", "-]")
) -> str:
    """The variant with its changed words marked (a trimmed one reads as it is)."""
    if variant.relation != "altered" or not variant.diff:
        return variant.text
    out: list[str] = []
    for op, word in variant.diff:
        if op == "+":
            out.append(f"{plus[0]}{word}{plus[1]}")
        elif op == "-":
            out.append(f"{minus[0]}{word}{minus[1]}")
        else:
            out.append(word)
    return " ".join(out)


def first_seen_text(article: Article) -> str:
    """ "Continental Wire, 2026-11-02 (https://...)" with whatever parts are known."""
    parts = [article.outlet or article.title or "an untitled article"]
    day = _day(article)
    if day:
        parts.append(day)
    text = ", ".join(parts)
    return f"{text} ({article.url})" if article.url else text


def carried_text(info: ClusterInfo) -> str:
    """ "4 articles in 4 outlets"."""
    arts = "article" if info.articles == 1 else "articles"
    outs = "outlet" if info.outlets == 1 else "outlets"
    return f"{info.articles} {arts} in {info.outlets} {outs}"


def agreement_text(info: ClusterInfo) -> str | None:
    """Where outlets disagree on the speaker: "attributed to A by 3 outlets, to B by 1"."""
    if len(info.tallies) < 2:
        return None
    return disagreement_text([Tally(name, outlets, 0.0) for name, outlets in info.tallies])


def own_attribution(info: ClusterInfo) -> str | None:
    """When this article names someone else than the consensus: "This article attributes
    it to Dana Whitcombe"; None when they agree."""
    own, agreed = info.own_speaker, info.speaker
    if not own or not agreed or same_person(own, agreed):
        return None
    return f"This article attributes it to {own}; the outlets' consensus is {agreed}"


def provenance_lines(hit: QuoteHit, indent: str = "  ") -> list[str]:
    """The provenance block of a clustered hit for plain text (empty when not clustered)."""
    info = hit.cluster
    if info is None:
        return []
    lines = [
        f"{indent}First seen: {first_seen_text(info.first_seen)}",
        f"{indent}Carried by {carried_text(info)}",
    ]
    agreement = agreement_text(info)
    if agreement:
        lines.append(f"{indent}Speaker: {agreement[:1].upper()}{agreement[1:]}")
    own = own_attribution(info)
    if own:
        lines.append(f"{indent}{own}")
    if info.variants:
        lines.append(f"{indent}Other wordings:")
        lines += [f"{indent}  - {v.relation}: “{marked(v)}”" for v in info.variants]
    return lines


def digest_provenance(hit: QuoteHit) -> str:
    """One digest line: "first seen Continental Wire, 2026-11-02; 4 articles in 4 outlets;
    also worded: …" (empty when the quote is not clustered)."""
    return cluster_summary(hit.cluster) if hit.cluster is not None else ""


def cluster_summary(info: ClusterInfo) -> str:
    """A cluster on one line (digest, ``quotes`` lists): first seen, counts, disagreement,
    one altered wording with its changed words marked."""
    first = info.first_seen
    seen = ", ".join(p for p in (first.outlet or first.title, _day(first)) if p)
    parts = [f"first seen {seen}" if seen else "", carried_text(info)]
    agreement = agreement_text(info)
    if agreement:
        parts.append(agreement)
    altered = [v for v in info.variants if v.relation == "altered"]
    if altered:
        parts.append(f"also worded “{marked(altered[0])}”")
    return "; ".join(p for p in parts if p)


def same_cluster(a: QuoteHit, b: QuoteHit) -> bool:
    return (
        a.cluster is not None
        and b.cluster is not None
        and (a.cluster.cluster_id == b.cluster.cluster_id)
    )


def distinct(hits: Sequence[QuoteHit]) -> list[QuoteHit]:
    """The hits with each cluster once (its first, best-ranked hit)."""
    out: list[QuoteHit] = []
    for hit in hits:
        if not any(same_cluster(hit, kept) for kept in out):
            out.append(hit)
    return out


def hit_json(hit: QuoteHit | None, others: Sequence[QuoteHit] = ()) -> dict[str, Any]:
    """The ``whosaid who --format json`` object (keys always present, null where unknown)."""
    if hit is None:
        return {
            "speaker": None,
            "title": None,
            "quote": None,
            "kind": None,
            "confidence": None,
            "article": None,
            "first_seen": None,
            "articles": 0,
            "outlets": 0,
            "variants": [],
            "alternatives": [],
        }
    q, a, info = hit.quote, hit.article, hit.cluster
    first = info.first_seen if info is not None else a
    return {
        "speaker": q.speaker,
        "title": q.title,
        "quote": q.text,
        "kind": q.kind,
        "confidence": round(q.confidence, 4),
        "article": {"title": a.title, "outlet": a.outlet, "date": _day(a), "url": a.url},
        "first_seen": {"outlet": first.outlet, "date": _day(first), "url": first.url},
        "articles": info.articles if info is not None else 1,
        "outlets": info.outlets if info is not None else 1,
        "variants": [v.text for v in info.variants] if info is not None else [],
        "alternatives": [
            {"speaker": o.quote.speaker, "quote": o.quote.text, "kind": o.quote.kind}
            for o in distinct([hit, *others])[1:]
        ],
    }


__all__ = [
    "agreement_text",
    "carried_text",
    "cluster_summary",
    "digest_provenance",
    "distinct",
    "first_seen_text",
    "hit_json",
    "marked",
    "own_attribution",
    "provenance_lines",
    "same_cluster",
]
