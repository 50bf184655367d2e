"""The provenance field of a Discord answer: first seen, how many carry it, variants.

Same facts as the CLI (``bot.core.provenance_text``); changed words are struck through and
the new ones bold, everything else escaped so article text never becomes markdown.
"""

from __future__ import annotations

import discord

from bot.core.models import ClusterInfo, QuoteHit, Variant
from bot.core.provenance_text import agreement_text, carried_text, own_attribution
from bot.ui.limits import FIELD_VALUE, escape, truncate

#: Markers for the changed words, added after escaping.
_PLUS = ("**", "**")
_MINUS = ("~~", "~~")


def _variant(variant: Variant) -> str:
    if variant.relation != "altered" or not variant.diff:
        return f"{variant.relation}: “{escape(truncate(variant.text, 300))}”"
    words = []
    for op, word in variant.diff[:80]:
        shown = escape(word)
        if op == "+":
            shown = f"{_PLUS[0]}{shown}{_PLUS[1]}"
        elif op == "-":
            shown = f"{_MINUS[0]}{shown}{_MINUS[1]}"
        words.append(shown)
    return f"altered: “{' '.join(words)}”"


def _first_seen(info: ClusterInfo) -> str:
    first = info.first_seen
    name = escape(truncate(first.outlet or first.title or "an untitled article", 200))
    day = first.published.strftime("%Y-%m-%d") if first.published else None
    text = f"{name}, {day}" if day else name
    url = first.url if first.url and first.url.startswith(("http://", "https://")) else None
    return f"[{text}](<{url}>)" if url else text


def provenance_value(hit: QuoteHit) -> str | None:
    """The field's text, or None when the quote is not clustered."""
    info = hit.cluster
    if info is None:
        return None
    lines = [f"First seen: {_first_seen(info)}", f"Carried by {carried_text(info)}"]
    agreement = agreement_text(info)
    if agreement:
        lines.append(escape(agreement[:1].upper() + agreement[1:]))
    own = own_attribution(info)
    if own:
        lines.append(escape(own))
    lines += [f"• {_variant(v)}" for v in info.variants[:3]]
    value = "\n".join(lines)
    return value if len(value) <= FIELD_VALUE else value[: FIELD_VALUE - 1] + "…"


def add_provenance(embed: discord.Embed, hit: QuoteHit) -> None:
    """Add the "Provenance" field to an answer embed when the quote is clustered."""
    value = provenance_value(hit)
    if value:
        embed.add_field(name="Provenance", value=value, inline=False)


__all__ = ["add_provenance", "provenance_value"]
