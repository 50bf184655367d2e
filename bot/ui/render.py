"""Embeds for every answer the bot gives, built from ``bot.core`` records.

Article and user text is escaped here with :func:`~bot.ui.limits.escape` (markdown,
mentions, channel/command/timestamp/emoji markup, raw URLs) and every embed goes through
:func:`~bot.ui.limits.fit_embed`, so a cog can send whatever these functions return. Footers
and select options are plain text for Discord (no markup), so they are not escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote, urlsplit

import discord

from bot.core.confidence_words import confidence_words, possibly
from bot.core.models import Article, Page, QuoteHit, SpeakerCount, Stats, StoredQuote
from bot.core.provenance_text import cluster_summary
from bot.core.why import partial_marked, quote_line, speaker_notes, via_mention
from bot.ui.limits import (
    CONTENT,
    DESCRIPTION,
    FIELD_VALUE,
    SELECT_DESCRIPTION,
    SELECT_LABEL,
    escape,
    fit_embed,
    link_spans,
    truncate,
)
from bot.ui.provenance import add_provenance

ANSWER_COLOUR = discord.Colour.blurple()
MISS_COLOUR = discord.Colour.orange()
INFO_COLOUR = discord.Colour.dark_teal()
ERROR_COLOUR = discord.Colour.red()

#: How much of a quote the answer shows before cutting (the rest of the embed needs room).
QUOTE_CHARS = 1500


def content(text: str) -> str:
    """Plain message content cut to Discord's 2000 characters."""
    return truncate(text, CONTENT)


def bold_matches(text: str, matched: Sequence[tuple[int, int]], limit: int = QUOTE_CHARS) -> str:
    """``text`` escaped, cut to ``limit`` characters, with the ``matched`` spans in bold.

    Spans are clipped to the text and merged, so bad offsets from a search backend
    never break the markup (bold markers always come in pairs). A span inside a URL is not
    bold: the URL stays whole, one link.
    """
    cut = truncate(text, limit)
    visible = len(cut) if cut == text else max(0, len(cut) - 1)
    links = link_spans(cut)
    spans: list[tuple[int, int]] = []
    for start, end in sorted(matched):
        start, end = max(0, start), min(visible, end)
        if start >= end or any(start < b and a < end for a, b in links):
            continue
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    out: list[str] = []
    pos = 0
    for start, end in spans:
        out.append(escape(cut[pos:start]))
        inner = cut[start:end]
        stripped = inner.strip()
        if stripped:
            lead = inner[: len(inner) - len(inner.lstrip())]
            trail = inner[len(inner.rstrip()) :]
            out.append(f"{lead}**{escape(stripped)}**{trail}")
        else:
            out.append(inner)
        pos = end
    out.append(escape(cut[pos:]))
    return "".join(out)


def speaker_line(name: str | None, title: str | None) -> str:
    """ "JD Vance, Vice President" — or "Unknown speaker" when extraction found nobody."""
    who = name or "Unknown speaker"
    return f"{who}, {title}" if title else who


def safe_url(url: str | None) -> str | None:
    """An http(s) URL safe inside a markdown link, or None when it is not one."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return None
    return quote(url.strip(), safe=":/?#[]@!$&'*+,;=%~.-_")


def format_date(when: datetime | None) -> str | None:
    """A date people read at a glance: "3 Mar 2025"."""
    return f"{when.day} {when:%b %Y}" if when else None


def source_text(article: Article) -> str:
    """The article title linked to its URL, then outlet and date."""
    title = escape(truncate(article.title or "Untitled article", 300))
    url = safe_url(article.url)
    first = f"[{title}]({url})" if url else title
    rest = [escape(truncate(article.outlet, 100))] if article.outlet else []
    date = format_date(article.published or article.fetched_at)
    if date:
        rest.append(date)
    return f"{first}\n{' · '.join(rest)}" if rest else first


def confidence_hint(confidence: float, score: float | None = None) -> str:
    """How much to trust the attribution (extractor) and the match (search), in words."""
    hint = confidence_words(confidence)  # "high" only where measured ≥ 97% right
    if score is not None:
        hint += f" · match {max(0.0, min(score, 100.0)):.0f}%"  # QuoteHit.score is 0-100
    return hint


#: Under a partial quote shown in its sentence: whose words are which.
PARTIAL_NOTE = "*Partial quote: only the words in quotation marks are the speaker's.*"
#: Before reported speech: the article's words, never put in quotation marks.
PARAPHRASE_LABEL = "*Paraphrase* (reported speech, not the speaker's own words):"


def quote_block(hit: QuoteHit) -> str:
    """The quote of an answer, escaped, matched words bold: a direct quote in quotation
    marks; a partial quote inside its sentence; reported speech labelled a paraphrase and
    never inside quotation marks."""
    q = hit.quote
    if q.kind == "indirect":
        return f"{PARAPHRASE_LABEL} {bold_matches(q.text, hit.matched)}"
    partial = partial_marked(q, hit.matched)
    if partial is not None:
        sentence, _, matched = partial
        return f"> {bold_matches(sentence, matched)}\n{PARTIAL_NOTE}"
    return f"> “{bold_matches(q.text, hit.matched)}”"


def answer_title(q: StoredQuote) -> str:
    """ "JD Vance, Vice President"; "Possibly X — the speaker is uncertain" below 0.5."""
    line = speaker_line(q.speaker, q.title)
    return possibly(line, q.confidence) if q.speaker else line


def hit_embed(hit: QuoteHit, *, alternatives: int = 0) -> discord.Embed:
    """The answer to ``who said``: speaker, quote (matched words bold), context, source."""
    q = hit.quote
    embed = discord.Embed(
        title=escape(truncate(answer_title(q), 200)),
        description=quote_block(hit),
        colour=ANSWER_COLOUR,
    )
    via = via_mention(q)
    if via is not None and q.speaker:
        embed.add_field(
            name="How the speaker was found",
            value=f"attributed via *{escape(truncate(via, 200))}*, resolved to "
            f"{escape(truncate(q.speaker, 200))}",
            inline=False,
        )
    context = q.context.strip()
    shown_in_sentence = q.kind == "partial" and partial_marked(q) is not None
    if context and context != q.text.strip() and not shown_in_sentence:
        embed.add_field(name="Context", value=escape(truncate(context, 900)), inline=False)
    embed.add_field(name="Source", value=source_text(hit.article), inline=False)
    add_provenance(embed, hit)
    footer = confidence_hint(q.confidence, hit.score)
    if alternatives:
        footer += f" · {alternatives} other match{'es' if alternatives != 1 else ''} below"
    embed.set_footer(text=footer)
    return fit_embed(embed)


def quote_snippet(q: StoredQuote, limit: int = 120) -> str:
    """A one-line, unescaped preview of a quote for lists and menus: “direct”, a partial in
    its sentence, "(paraphrase) ..." without quotation marks."""
    return quote_line(q, limit)


def listed_speaker(q: StoredQuote) -> str:
    """A listed quote's speaker, plain: "Odile Ferrant (attributed via “she”)", "Possibly
    Farm (speaker uncertain)"."""
    if not q.speaker:
        return speaker_line(None, None)
    notes = speaker_notes(q)
    name = f"Possibly {q.speaker}" if "speaker uncertain" in notes else q.speaker
    return f"{name} ({'; '.join(notes)})" if notes else name


def no_match_embed(phrase: str, suggestions: Sequence[QuoteHit]) -> discord.Embed:
    """Nothing matched: say so, and offer the nearest quotes as "did you mean"."""
    shown = escape(truncate(" ".join(phrase.split()), 200))
    lines = [f"I found no quote matching “{shown}” in the articles this server can see."]
    if suggestions:
        lines.append("")
        lines.append("**Did you mean:**")
        for s in suggestions[:5]:
            who = escape(listed_speaker(s.quote))
            lines.append(f"• {escape(quote_snippet(s.quote, 150))} — {who}")
    else:
        lines.append("Try fewer or different words, or ask an admin to `ingest` the article.")
    embed = discord.Embed(title="No match", description="\n".join(lines), colour=MISS_COLOUR)
    return fit_embed(embed)


def option_label(hit: QuoteHit) -> tuple[str, str]:
    """Label and description of a select option for an alternative answer (plain text)."""
    label = truncate(listed_speaker(hit.quote), SELECT_LABEL)
    return label, quote_snippet(hit.quote, SELECT_DESCRIPTION)


def quotes_page_embed(speaker: str, page: Page, page_size: int) -> discord.Embed:
    """One page of a speaker's quotes, newest first, with "page i of n"."""
    pages = max(1, -(-page.total // page_size))
    current = page.offset // page_size + 1
    per_quote = max(80, (DESCRIPTION - 200) // max(1, len(page.items)))
    lines = []
    for n, q in enumerate(page.items, start=page.offset + 1):
        text = escape(quote_snippet(q, min(per_quote, FIELD_VALUE) - 60))
        notes = speaker_notes(q)
        lines.append(f"**{n}.** {text}" + (f" *({escape('; '.join(notes))})*" if notes else ""))
        info = page.clusters.get(q.id)
        if info is not None:
            lines.append(f"↳ {escape(truncate(cluster_summary(info), 300))}")
    embed = discord.Embed(
        title=f"Quotes by {escape(truncate(speaker, 200))}",
        description="\n\n".join(lines) or "No quotes on this page.",
        colour=INFO_COLOUR,
    )
    embed.set_footer(text=f"Page {current} of {pages} · {page.total} quote(s), newest first")
    return fit_embed(embed)


def speakers_embed(counts: Sequence[SpeakerCount]) -> discord.Embed:
    """The most quoted speakers this server can see."""
    lines = [
        f"**{n}.** {escape(speaker_line(c.name, c.title))} — {c.count} quote{'s' * (c.count != 1)}"
        for n, c in enumerate(counts, start=1)
    ]
    embed = discord.Embed(
        title="Most quoted speakers",
        description="\n".join(lines) or "No quotes yet. An admin can add articles with `ingest`.",
        colour=INFO_COLOUR,
    )
    return fit_embed(embed)


def stats_embed(stats: Stats) -> discord.Embed:
    """What this server's scope holds."""
    embed = discord.Embed(title="What I know here", colour=INFO_COLOUR)
    embed.add_field(name="Articles", value=str(stats.articles))
    embed.add_field(name="Quotes", value=str(stats.quotes))
    embed.add_field(name="Speakers", value=str(stats.speakers))
    if stats.feeds:
        embed.add_field(name="Feeds", value=str(stats.feeds))
    return fit_embed(embed)


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What the cog shows after an ingest, independent of the pipeline's record type."""

    source: str
    status: str
    title: str | None
    quotes: int
    error: str | None = None
    #: What the reader repaired or left out (bytes replaced, quotes over the cap), as the
    #: CLI summary says it.
    notes: tuple[str, ...] = ()


_STATUS_WORDS = {
    "added": "Added",
    "updated": "Updated (the text had changed)",
    "duplicate": "Already known here",
    "linked": "Added (already one of the global articles)",
}


def ingest_embed(summary: IngestSummary) -> discord.Embed:
    """The reply to ``ingest``: the article title and how many quotes were found."""
    if summary.status == "failed":
        embed = discord.Embed(
            title="Could not ingest that",
            description=escape(truncate(summary.error or "unknown error", 1000)),
            colour=ERROR_COLOUR,
        )
        embed.add_field(name="Source", value=escape(truncate(summary.source, 500)))
        return fit_embed(embed)
    word = _STATUS_WORDS.get(summary.status, summary.status)
    title = escape(truncate(summary.title or summary.source, 300))
    lines = [f"**{title}**", f"{summary.quotes} quote{'s' * (summary.quotes != 1)} found."]
    lines.extend(f"Note: {escape(truncate(note, 300))}." for note in summary.notes[:5])
    embed = discord.Embed(title=word, description="\n".join(lines), colour=ANSWER_COLOUR)
    return fit_embed(embed)


def help_embed(prefix: str, entries: Sequence[tuple[str, str, str]]) -> discord.Embed:
    """Every command with what it does and an example; entries are (usage, what, example)."""
    embed = discord.Embed(
        title="whosaid — who said that, in the news?",
        description=(
            f"Every command works with `{escape(prefix)}` or as a `/` slash command. "
            "Answers come from the articles this server added, plus the global ones."
        ),
        colour=INFO_COLOUR,
    )
    for usage, what, example in entries:
        embed.add_field(name=usage, value=f"{what}\nExample: `{example}`", inline=False)
    return fit_embed(embed)


def error_embed(message: str) -> discord.Embed:
    """A short, plain explanation of what went wrong and what to do."""
    return fit_embed(discord.Embed(description=message, colour=ERROR_COLOUR))
