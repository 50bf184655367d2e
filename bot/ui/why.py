"""The private answer behind "Why this speaker?": the chain from a quote to its speaker.

Why a module of its own: the chain's words come from ``bot.core.why`` (the same lines
``whosaid who --why`` prints); this only lays them out as an embed, escaped and within
Discord's limits, so the button in ``bot.ui.views`` stays small.
"""

from __future__ import annotations

import discord

from bot.core.models import QuoteHit
from bot.core.why import quote_line, why_steps
from bot.ui.limits import escape, fit_embed, truncate
from bot.ui.render import INFO_COLOUR, source_text

#: What a click on a quote that is gone, or not visible where it was clicked, gets.
NOT_AVAILABLE = "That quote is no longer available here."


def why_embed(hit: QuoteHit) -> discord.Embed:
    """Each step of the chain as a field: the sentence with the quote, the mention, where the
    article named the speaker, the resolution path and the confidence in words."""
    q = hit.quote
    embed = discord.Embed(
        title=f"Why {escape(truncate(q.speaker or 'no speaker', 200))}?",
        description=escape(truncate(quote_line(q), 1500)),
        colour=INFO_COLOUR,
    )
    for step in why_steps(q):
        embed.add_field(
            name=escape(truncate(step.label, 200)),
            value=escape(truncate(step.text, 1000)),
            inline=False,
        )
    embed.add_field(name="Source", value=source_text(hit.article), inline=False)
    return fit_embed(embed)
