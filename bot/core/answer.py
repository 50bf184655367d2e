"""Plain-text answers for the CLI, shaped like the bot's embeds so both read the same."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.confidence_words import (
    confidence_words,
    possibly,
    quote_words,
    said_verb,
    speaker_words,
)
from bot.core.models import Article, QuoteHit, SearchResult, StoredQuote
from bot.core.provenance_text import distinct, provenance_lines
from bot.core.why import partial_marked, quote_line, speaker_notes, via_mention, why_text


def mark_matches(
    text: str, matched: Sequence[tuple[int, int]], left: str = "**", right: str = "**"
) -> str:
    """Wrap the matched ranges of ``text`` in markers, merging overlaps and dropping bad ranges."""
    spans: list[list[int]] = []
    for start, end in sorted(matched):
        start, end = max(0, start), min(len(text), end)
        if start >= end:
            continue
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    out: list[str] = []
    pos = 0
    for start, end in spans:
        out.append(text[pos:start])
        out.append(f"{left}{text[start:end]}{right}")
        pos = end
    out.append(text[pos:])
    return "".join(out)


def speaker_line(hit: QuoteHit) -> str:
    """ "JD Vance (Vice President)", or a plain "Unknown speaker" when nobody was resolved."""
    name = hit.quote.speaker or "Unknown speaker"
    return f"{name} ({hit.quote.title})" if hit.quote.title else name


def source_line(article: Article) -> str:
    """Title, outlet and date of an article, with whatever parts are known."""
    parts = [article.title or "Untitled article"]
    if article.outlet:
        parts.append(article.outlet)
    if article.published:
        parts.append(article.published.strftime("%Y-%m-%d"))
    return " — ".join(parts)


def confidence_hint(score: float) -> str:
    """Words rather than numbers: users care whether to trust the match, not its decimals."""
    if score >= 95:
        return "exact match"
    if score >= 80:
        return "close match"
    return "loose match"


def format_hit(hit: QuoteHit) -> str:
    """One answer: who, what (matched words marked; a partial quote inside its sentence, a
    paraphrase labelled and outside quotation marks), the context, and where it was published."""
    q = hit.quote
    via = via_mention(q)
    form = q.evidence.form if via is not None and q.evidence is not None else None
    partial = partial_marked(q, hit.matched)
    if partial is not None:
        sentence, _, matched = partial
        shown, verb = mark_matches(sentence, matched), said_verb("partial")
    else:
        shown = quote_words(mark_matches(q.text, hit.matched), q.kind)
        verb = said_verb("indirect" if q.kind == "indirect" else "direct")
    lines = [
        f"{speaker_words(q.speaker, q.title, q.confidence, via=via, form=form)} {verb}:",
        f"  {shown}",
    ]
    context = " ".join(hit.quote.context.split())
    if context and context != hit.quote.text and partial is None:
        lines.append(f"  Context: {context}")
    lines.append(f"  Source: {source_line(hit.article)}")
    if hit.article.url:
        lines.append(f"  Link: {hit.article.url}")
    trust = confidence_words(q.confidence)
    trust = trust[:1].lower() + trust[1:]  # it follows a semicolon inside the parentheses
    lines.append(f"  ({confidence_hint(hit.score)}, {q.kind} quote; {trust})")
    return "\n".join(lines)


def listed(q: StoredQuote, width: int | None = None) -> str:
    """A quote in a list: “direct”, a partial in its sentence, "(paraphrase) ..." without
    quotation marks; then how its speaker was found and whether they are uncertain."""
    notes = speaker_notes(q)
    line = quote_line(q, width)
    return f"{line} [{'; '.join(notes)}]" if notes else line


def _listed_hit(hit: QuoteHit) -> str:
    q = hit.quote
    who = possibly(speaker_line(hit), q.confidence) if q.speaker else speaker_line(hit)
    notes = [n for n in speaker_notes(q) if n != "speaker uncertain"]
    via = f" ({notes[0]})" if notes else ""
    return f"{quote_line(q, 80)} — {who}{via}"


def format_result(phrase: str, result: SearchResult, *, why: bool = False) -> str:
    """The whole answer to ``who said PHRASE``: best hit, close alternatives, or "did you mean";
    with ``why``, the chain that led to the best hit's speaker."""
    if not result.hits:
        lines = [f"No quote matches “{phrase}”."]
        if result.suggestions:
            lines.append("Did you mean:")
            lines += [f"  - {_listed_hit(h)}" for h in result.suggestions]
        return "\n".join(lines)
    best, *others = distinct(result.hits)
    lines = [format_hit(best), *provenance_lines(best)]
    if why:
        lines.append(why_text(best.quote))
    if others:
        lines.append("Other candidates:")
        lines += [f"  - {_listed_hit(h)}" for h in others]
    return "\n".join(lines)
