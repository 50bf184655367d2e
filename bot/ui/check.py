"""The embed answering ``/check``, ``!check`` and "Check this quote".

The sentences come from ``bot.core.check_text`` (the CLI says the same); everything the user
typed or an article holds is escaped with :func:`~bot.ui.limits.escape`, and the embed goes
through :func:`~bot.ui.limits.fit_embed`. In the diff, words only the real quote has are
struck through and words only the claim has are bold.
"""

from __future__ import annotations

import discord

from bot.core.check import CheckResult, Verdict
from bot.core.check_text import headline, verdict_sentence, votes_text
from bot.core.wordiff import Diff
from bot.ui.limits import FIELD_VALUE, escape, fit_embed, truncate
from bot.ui.render import format_date, safe_url

COLOURS: dict[Verdict, discord.Colour] = {
    "exact": discord.Colour.green(),
    "trimmed": discord.Colour.gold(),
    "altered": discord.Colour.orange(),
    "misattributed": discord.Colour.red(),
    "unknown": discord.Colour.light_grey(),
}
#: How many characters of a diff piece are shown (a long cut is shortened in the middle).
PIECE = 300
LEGEND = "~~struck~~: only in the real quote · **bold**: only in the claim"


def _piece(text: str) -> str:
    if len(text) <= PIECE:
        return escape(text)
    half = PIECE // 2
    return f"{escape(text[:half].rstrip())} … {escape(text[-half:].lstrip())}"


def diff_markdown(diff: Diff) -> str:
    """The word diff with Discord markup around escaped words: struck real-only words,
    bold claim-only words."""
    out = []
    for op, text in diff:
        shown = _piece(text)
        out.append(f"~~{shown}~~" if op == "-" else f"**{shown}**" if op == "+" else shown)
    return " ".join(out)


def _fit_diff(diff: Diff) -> str:
    text = diff_markdown(diff)
    if len(text) <= FIELD_VALUE:
        return text
    # Never cut through a marker pair: drop whole pieces from the end instead.
    pieces = list(diff)
    while pieces and len(diff_markdown(tuple(pieces))) > FIELD_VALUE - 2:
        pieces.pop()
    return diff_markdown(tuple(pieces)) + " …"


def _first_seen(result: CheckResult) -> str | None:
    first = result.first_seen
    if first is None:
        return None
    outlet = escape(truncate(first.outlet or "An article", 100))
    url = safe_url(first.url)
    parts = [f"[{outlet}]({url})" if url else outlet]
    date = format_date(first.date)
    if date:
        parts.append(date)
    return " · ".join(parts)


def check_embed(result: CheckResult) -> discord.Embed:
    """Verdict, the claim, the real words, who said them, the diff and where it first ran."""
    embed = discord.Embed(
        title=headline(result),
        description=escape(truncate(verdict_sentence(result), 600)),
        colour=COLOURS[result.verdict],
    )
    claim = escape(truncate(result.claim.words, 800)) or "(no words)"
    if result.claim.speaker:
        claim += f"\nClaimed speaker: {escape(truncate(result.claim.speaker, 100))}"
    embed.add_field(name="Claim", value=claim, inline=False)
    if result.verdict == "unknown" or result.quote is None:
        return fit_embed(embed)
    quote = escape(truncate(result.quote, 900))
    real = f"(paraphrase, not a quotation) {quote}" if result.kind == "indirect" else f"“{quote}”"
    embed.add_field(name="Real words", value=real, inline=False)
    said = escape(truncate(result.speaker or "Unknown speaker", 200))
    votes = votes_text(result)
    if votes:
        said += f" ({escape(truncate(votes, 600))})"
    embed.add_field(name="Said by", value=said, inline=False)
    if any(op != "=" for op, _ in result.diff):
        embed.add_field(name="Difference", value=_fit_diff(result.diff), inline=False)
    first = _first_seen(result)
    if first:
        embed.add_field(name="First seen", value=first, inline=False)
    notes = []
    if any(op != "=" for op, _ in result.diff):
        notes.append(LEGEND.replace("~~", "").replace("**", ""))
    if result.printed_by:
        notes.append("the claim's wording was printed by " + ", ".join(result.printed_by))
    if result.articles > 1:
        notes.append(f"carried by {result.articles} articles")
    if notes:
        text = " · ".join(notes)
        embed.set_footer(text=text[:1].upper() + text[1:])
    return fit_embed(embed)


__all__ = ["check_embed", "diff_markdown"]
