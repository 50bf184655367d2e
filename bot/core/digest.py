"""Compose a daily digest from the quotes a scope gained in a period: rank, merge, group.

Pure: it takes ``QuoteHit`` records (from ``Store.quotes_added``) and returns a ``Digest``
that renders as plain-text messages (``to_text``) or as sections for embeds
(``to_sections`` + ``digest_text.split_for_embeds``; the fitting to Discord's limits lives in
``bot.core.digest_text``). Markdown escaping is the Discord layer's job; the
text here is already made safe for it in the sense that every stored string is reduced to a
single line (control characters and newlines collapsed), so a quote can never start a new
message structure of its own.

Ranking (also in the README). Each quote gets a notability score, the product of:
kind (direct 1.0, partial 0.75, indirect 0.5); confidence (0.5 + 0.5·confidence, so a shaky
attribution counts half); length (1.0 for 8–60 words, less for fragments, down to 0.5 for
walls of text); speaker (0.6 when unattributed, otherwise +0.2 for each other article of the
period quoting the same speaker, up to +0.8); and echo (+0.1 for each other article carrying
the same quote, up to +0.5). Near-identical quotes (rapidfuzz ratio ≥ 95 on lower-cased text
without punctuation, and the same negation words, so "will" never merges with "will not") are
merged across articles; the copy kept is the most direct, most confident, earliest published.
An article's score is its quotes' scores with halving weights (best + ½·second + ¼·third …),
so one strong quote matters most and more quotes add a little.
Articles are shown by score, ties to the more recent; quotes within an article by score, ties
in reading order. The digest shows at most ``max_quotes`` quotes (the best ones overall, at
most ``max_per_article`` from one article, and at most two of one speaker in one article
while that article has quotes of other speakers left) and says how many more there were.
"""

from __future__ import annotations

import bisect
import math
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo

from rapidfuzz import fuzz
from rapidfuzz import process as fuzz_process

from bot.core.digest_text import (
    DISCORD_MESSAGE_LIMIT,
    EMBED_FIELD_VALUE_LIMIT,
    Section,
    clean_line,
    clip_text,
    format_date,
    format_day,
    pack_blocks,
)
from bot.core.models import Article, QuoteHit, QuoteKind, StoredQuote
from bot.core.provenance_text import digest_provenance
from bot.core.why import excerpt, partial_marked, speaker_notes

#: Near-identical quotes at or above this rapidfuzz ratio are merged.
DUPLICATE_RATIO = 95.0
#: Words whose presence flips a quote's meaning: "will" and "will not" are never the same quote.
NEGATIONS = frozenset(
    {"not", "no", "never", "nothing", "none", "nobody", "neither", "nor", "cannot", "without"}
)
#: Quotes longer than this are shortened for display (a digest is a summary).
MAX_QUOTE_CHARS = 600
MAX_TITLE_CHARS = 200
MAX_NAME_CHARS = 100

#: Quotes of one speaker in one article shown before that article's other speakers get theirs.
PER_SPEAKER = 2

KIND_WEIGHT: dict[str, float] = {"direct": 1.0, "partial": 0.75, "indirect": 0.5}
LENGTH_BAND = (8, 60)

_QUOTE_MARKS = "\"'“”„‟«»‘’‚‛‹›「」『』"


# -- text helpers ----------------------------------------------------------------------------
def _strip_marks(text: str) -> str:
    """Drop a pair of enclosing quote marks the extractor may have left in."""
    if len(text) >= 2 and text[0] in _QUOTE_MARKS and text[-1] in _QUOTE_MARKS:
        return text[1:-1].strip()
    return text


def normalise_for_dedup(text: str) -> str:
    """Lower-case, no punctuation or quote marks, single spaces: what 'the same quote' means."""
    kept = [
        " " if unicodedata.category(c)[0] in "PZC" or c in _QUOTE_MARKS else c
        for c in text.casefold()
    ]
    return " ".join("".join(kept).split())


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _speaker_key(name: str | None) -> str:
    return " ".join((name or "").casefold().split())


# -- structured digest -----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DigestQuote:
    """A quote as shown in the digest, with the score it was ranked by."""

    quote_id: int
    text: str
    kind: QuoteKind
    speaker: str | None
    speaker_title: str | None
    confidence: float
    score: float
    echoes: int = 0
    #: A partial quote's sentence with the quoted words in quotation marks, and where the
    #: words sit in it (shown instead of the bare words); None otherwise.
    sentence: str | None = None
    span: tuple[int, int] = (0, 0)
    #: "attributed via “she”", "speaker uncertain" (``bot.core.why.speaker_notes``).
    notes: tuple[str, ...] = ()
    #: "first seen Continental Wire, 2026-11-02; 4 articles in 4 outlets" for a cluster.
    provenance: str = ""

    def attribution(self) -> str:
        """``Jane Doe, Mayor of Springfield`` or ``unknown speaker``; with its notes:
        ``Jane Doe (attributed via “she”)``, ``possibly Jane Doe (speaker uncertain)``."""
        name = self.speaker or "unknown speaker"
        if self.speaker and "speaker uncertain" in self.notes:
            name = f"possibly {name}"
        name = f"{name}, {self.speaker_title}" if self.speaker_title else name
        return f"{name} ({'; '.join(self.notes)})" if self.notes and self.speaker else name

    def line(self, limit: int | None = None) -> str:
        """``“text” — Speaker, title`` (indirect: ``text (paraphrased) — Speaker``; partial:
        its sentence with the quoted words in quotation marks), at most ``limit`` characters:
        the quote text is shortened first so the speaker stays."""
        if self.kind == "indirect":
            before, after = "", " (paraphrased)"
        elif self.sentence is not None:
            before, after = "", ""
        else:
            before, after = "“", "”"
        attribution = self.attribution()
        full = f"{before}{self.sentence or self.text}{after} — {attribution}"
        if limit is None or len(full) <= limit:
            return full
        # Keep the speaker: shorten the title, then the name, only when the quote cannot fit.
        min_text = 12
        frame = len(before) + len(after) + len(" — ")
        if frame + min_text + len(attribution) > limit:
            name = self.speaker or "unknown speaker"
            attribution = clip_text(name, max(limit - frame - min_text, 1))
        room = limit - frame - len(attribution)
        if self.sentence is not None:
            text = excerpt(self.sentence, self.span, max(room, 1))
        else:
            text = clip_text(self.text, max(room, 0))
        return f"{before}{text}{after} — {attribution}"[:limit]


@dataclass(frozen=True, slots=True)
class DigestArticle:
    """An article and the quotes of it that made the digest."""

    article_id: int
    title: str
    url: str | None
    outlet: str | None
    published: datetime | None
    quotes: tuple[DigestQuote, ...]
    score: float
    more_quotes: int = 0

    def meta_line(self, tz: tzinfo, limit: int | None = None) -> str:
        """``Outlet · 24 Nov 2026 · https://…``; the URL is dropped rather than cut."""
        parts = [p for p in (self.outlet, _date_part(self.published, tz)) if p]
        base = " · ".join(parts)
        if self.url:
            with_url = f"{base} · {self.url}" if base else self.url
            if limit is None or len(with_url) <= limit:
                return with_url
        return base if limit is None else clip_text(base, limit)

    def more_line(self) -> str:
        """``(+2 more quotes from this article)``, or empty."""
        if self.more_quotes <= 0:
            return ""
        plural = "s" if self.more_quotes != 1 else ""
        return f"(+{self.more_quotes} more quote{plural} from this article)"


def _date_part(moment: datetime | None, tz: tzinfo) -> str:
    if moment is None:
        return ""
    return format_date(_aware(moment).astimezone(tz).date())


@dataclass(frozen=True, slots=True)
class Digest:
    """A composed digest: articles in display order, plus what was left out."""

    scope_name: str
    since: datetime
    until: datetime
    tz: tzinfo = UTC
    articles: tuple[DigestArticle, ...] = ()
    omitted_quotes: int = 0
    omitted_articles: int = 0
    merged_duplicates: int = 0

    @property
    def is_empty(self) -> bool:
        return not self.articles

    @property
    def quote_count(self) -> int:
        return sum(len(a.quotes) for a in self.articles)

    @property
    def day(self) -> date:
        """The local date the digest is for: the day of its closing instant."""
        return _aware(self.until).astimezone(self.tz).date()

    @property
    def title(self) -> str:
        """``Daily digest · My Server · Tue 24 Nov 2026`` (embed title, first text line)."""
        scope = clip_text(clean_line(self.scope_name), MAX_NAME_CHARS) or "this server"
        return f"Daily digest · {scope} · {format_day(self.day)}"

    @property
    def summary(self) -> str:
        """``12 quotes from 5 articles (8 more not shown)`` (embed description)."""
        quotes, articles = self.quote_count, len(self.articles)
        text = (
            f"{quotes} quote{'s' if quotes != 1 else ''} from "
            f"{articles} article{'s' if articles != 1 else ''}"
        )
        more = []
        if self.omitted_quotes:
            more.append(f"{self.omitted_quotes} more not shown")
        if self.merged_duplicates:
            dup = self.merged_duplicates
            more.append(f"{dup} repeat{'s' if dup != 1 else ''} merged")
        return f"{text} ({', '.join(more)})" if more else text

    def _article_lines(self, article: DigestArticle, limit: int | None) -> list[str]:
        lines = [article.meta_line(self.tz, limit)]
        for q in article.quotes:
            lines.append(f"• {q.line(None if limit is None else limit - 2)}")
            if q.provenance:
                lines.append(clip_text(f"  ↳ {q.provenance}", limit or len(q.provenance) + 4))
        if article.more_quotes:
            lines.append(article.more_line())
        return [line for line in lines if line]

    def to_sections(self) -> list[Section]:
        """One section per article: name = title, value = meta line then quote lines. Feed
        them (after escaping) to ``split_for_embeds`` with ``title``/``summary`` as header."""
        return [
            Section(
                name=article.title,
                value="\n".join(self._article_lines(article, EMBED_FIELD_VALUE_LIMIT)),
                url=article.url,
            )
            for article in self.articles
        ]

    def to_text(self, limit: int = DISCORD_MESSAGE_LIMIT) -> list[str]:
        """Plain-text messages of at most ``limit`` characters, split between articles, then
        between lines (the article title repeated with "(cont.)"); only a single over-long line
        is shortened, with an ellipsis. An empty digest gives no messages (see ``quiet_note``).
        """
        if limit < 40:
            raise ValueError(f"message limit too small to be useful: {limit}")
        if self.is_empty:
            return []
        blocks: list[tuple[str, list[str]]] = [
            ("", [clip_text(self.title, limit), clip_text(self.summary, limit)])
        ]
        for article in self.articles:
            heading = clip_text(f"■ {article.title}", limit)
            blocks.append((heading, [heading, *self._article_lines(article, limit)]))
        return pack_blocks(blocks, limit)


# -- composition -----------------------------------------------------------------------------
def _confidence(value: float) -> float:
    if not isinstance(value, int | float) or math.isnan(value):
        return 0.0
    return min(max(float(value), 0.0), 1.0)


def _length_factor(text: str) -> float:
    words = len(text.split())
    low, high = LENGTH_BAND
    if words < low:
        return max(0.3, words / low)
    if words <= high:
        return 1.0
    return max(0.5, 1.0 - (words - high) / 180)


def _preference(hit: QuoteHit) -> tuple[float, float, float, int]:
    """Which copy of a repeated quote to keep: most direct, most confident, earliest."""
    published = hit.article.published or hit.article.added_at
    stamp = _aware(published).timestamp() if published else math.inf
    return (
        -KIND_WEIGHT.get(hit.quote.kind, 0.5),
        -_confidence(hit.quote.confidence),
        stamp,
        hit.quote.id,
    )


@dataclass(slots=True)
class _Kept:
    hit: QuoteHit
    text: str
    norm: str
    negations: frozenset[str]
    echo_articles: set[int]


def _negations(norm: str) -> frozenset[str]:
    """The negation words of a normalised quote ("don't" has become "don t")."""
    words = norm.split()
    found = {w for w in words if w in NEGATIONS}
    for before, word in zip(["", *words], words, strict=False):
        if (word == "t" and before in _NT_STEMS) or (word[-1:] == "t" and word[:-1] in _NT_STEMS):
            found.add("n't")
    return frozenset(found)


_NT_STEMS = frozenset(
    {
        "don",
        "doesn",
        "didn",
        "won",
        "wouldn",
        "can",
        "couldn",
        "shouldn",
        "isn",
        "aren",
        "wasn",
        "weren",
        "hasn",
        "haven",
        "hadn",
        "mustn",
        "ain",
    }
)


def _partner_lengths(size: int) -> tuple[int, int]:
    """The shortest and longest a string can be and still reach the duplicate ratio with one of
    ``size`` (ratio = 2·common/(a+b) needs the shorter to be at least ~90.5% of the longer)."""
    return math.floor(size * 0.9), math.ceil(size / 0.9)


@dataclass(slots=True)
class _Pool:
    """Kept quotes with the same negation words, sorted by length (only strings of close
    length can reach the ratio, so each comparison runs over a slice, in C)."""

    lengths: list[int] = field(default_factory=list)
    norms: list[str] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)

    def find(self, norm: str) -> int | None:
        """Position (in ``kept``) of the closest near-duplicate of ``norm``, or None."""
        shortest, longest = _partner_lengths(len(norm))
        lo = bisect.bisect_left(self.lengths, shortest)
        hi = bisect.bisect_right(self.lengths, longest)
        if lo >= hi:
            return None
        found = fuzz_process.extractOne(
            norm, self.norms[lo:hi], scorer=fuzz.ratio, score_cutoff=DUPLICATE_RATIO
        )
        return None if found is None else self.positions[lo + found[2]]

    def add(self, position: int, norm: str) -> None:
        at = bisect.bisect_right(self.lengths, len(norm))
        self.lengths.insert(at, len(norm))
        self.norms.insert(at, norm)
        self.positions.insert(at, position)


def _dedup(hits: Sequence[QuoteHit]) -> tuple[list[_Kept], int]:
    """Merge near-identical quotes; returns the kept ones and how many were merged away.

    Hits are visited most-preferred first; each is merged into the closest kept quote with the
    same negation words whose ratio reaches ``DUPLICATE_RATIO``. Exact (every plausible pair is
    compared); cost grows with the square of the day's distinct quotes (about 0.8 s for 5,000
    news sentences), so the bot composes digests off the event loop (``asyncio.to_thread``).
    """
    seen_ids: set[int] = set()
    kept: list[_Kept] = []
    exact: dict[str, int] = {}
    pools: dict[frozenset[str], _Pool] = defaultdict(_Pool)
    clusters: dict[int, int] = {}
    merged = 0
    for hit in sorted(hits, key=_preference):
        if hit.quote.id in seen_ids:
            continue
        seen_ids.add(hit.quote.id)
        text = _strip_marks(clean_line(hit.quote.text))
        norm = normalise_for_dedup(text)
        if not norm:
            continue  # punctuation only: nothing to show
        negations = _negations(norm)
        pool = pools[negations]
        match = exact.get(norm)  # same text, hence same negations
        if match is None and hit.cluster is not None:  # one statement: shown once
            match = clusters.get(hit.cluster.cluster_id)
        if match is None:
            match = pool.find(norm)
        if match is not None:
            merged += 1
            rep = kept[match]
            if hit.article.id != rep.hit.article.id:
                rep.echo_articles.add(hit.article.id)
            continue
        position = len(kept)
        if hit.cluster is not None:
            clusters[hit.cluster.cluster_id] = position
        kept.append(_Kept(hit, text, norm, negations, set()))
        exact[norm] = position
        pool.add(position, norm)
    return kept, merged


def _score(entry: _Kept, speaker_articles: dict[str, set[int]]) -> float:
    quote = entry.hit.quote
    kind = KIND_WEIGHT.get(quote.kind, 0.5)
    confidence = 0.5 + 0.5 * _confidence(quote.confidence)
    key = _speaker_key(quote.speaker)
    if not key:
        speaker = 0.6
    else:
        others = len(speaker_articles.get(key, set())) - 1
        speaker = 1.0 + 0.2 * min(max(others, 0), 4)
    echo = 1.0 + 0.1 * min(len(entry.echo_articles), 5)
    return kind * confidence * _length_factor(entry.text) * speaker * echo


def _recency(article: Article) -> float:
    moment = article.published or article.added_at
    return _aware(moment).timestamp() if moment else -math.inf


def _choose(
    scored: Sequence[tuple[float, _Kept]], *, max_quotes: int, max_per_article: int
) -> set[int]:
    """Ids of the quotes to show: the best overall, at most ``max_per_article`` from one
    article and, while other speakers of that article wait, at most ``PER_SPEAKER`` from one
    speaker of it (a digest shows who said what, not five lines of one voice). Slots left
    after that go to the best remaining quotes, whoever said them."""
    limit, per_article_cap = max(max_quotes, 0), max(max_per_article, 1)
    overall = sorted(scored, key=lambda item: (-item[0], item[1].hit.quote.id))
    chosen: set[int] = set()
    per_article: dict[int, int] = defaultdict(int)
    per_voice: dict[tuple[int, str], int] = defaultdict(int)
    voices: dict[int, set[str]] = defaultdict(set)
    for _score_value, entry in scored:
        voices[entry.hit.article.id].add(_speaker_key(entry.hit.quote.speaker))
    for capped in (True, False):
        for _score_value, entry in overall:
            if len(chosen) >= limit:
                return chosen
            quote_id, article_id = entry.hit.quote.id, entry.hit.article.id
            voice = (article_id, _speaker_key(entry.hit.quote.speaker))
            if quote_id in chosen or per_article[article_id] >= per_article_cap:
                continue
            if capped and per_voice[voice] >= PER_SPEAKER and len(voices[article_id]) > 1:
                continue
            per_article[article_id] += 1
            per_voice[voice] += 1
            chosen.add(quote_id)
    return chosen


def compose_digest(
    hits: Sequence[QuoteHit],
    *,
    scope_name: str,
    since: datetime,
    until: datetime,
    tz: tzinfo | None = None,
    max_quotes: int = 25,
    max_per_article: int = 5,
) -> Digest:
    """Rank, merge and group the period's quotes by article (see the module doc for the rule).

    ``hits`` may come in any order and repeat; an empty input gives an empty digest.
    """
    zone = tz or UTC
    kept, merged = _dedup(hits)
    if not kept:
        return Digest(scope_name, since, until, zone, merged_duplicates=merged)
    speaker_articles: dict[str, set[int]] = defaultdict(set)
    for entry in kept:
        key = _speaker_key(entry.hit.quote.speaker)
        if key:
            speaker_articles[key].add(entry.hit.article.id)
    scored = [(_score(entry, speaker_articles), entry) for entry in kept]

    by_article: dict[int, list[tuple[float, _Kept]]] = defaultdict(list)
    articles: dict[int, Article] = {}
    for score, entry in scored:
        by_article[entry.hit.article.id].append((score, entry))
        articles.setdefault(entry.hit.article.id, entry.hit.article)
    article_score: dict[int, float] = {}
    for article_id, items in by_article.items():
        items.sort(key=lambda item: (-item[0], item[1].hit.quote.start, item[1].hit.quote.id))
        article_score[article_id] = sum(s * 0.5**i for i, (s, _) in enumerate(items))

    chosen = _choose(scored, max_quotes=max_quotes, max_per_article=max_per_article)

    order = sorted(
        by_article,
        key=lambda aid: (-article_score[aid], -_recency(articles[aid]), aid),
    )
    shown: list[DigestArticle] = []
    omitted_articles = 0
    for article_id in order:
        items = by_article[article_id]
        quotes = tuple(
            _digest_quote(entry, score) for score, entry in items if entry.hit.quote.id in chosen
        )
        if not quotes:
            omitted_articles += 1
            continue
        shown.append(
            _digest_article(
                articles[article_id], quotes, article_score[article_id], len(items) - len(quotes)
            )
        )
    return Digest(
        scope_name=scope_name,
        since=since,
        until=until,
        tz=zone,
        articles=tuple(shown),
        omitted_quotes=len(kept) - len(chosen),
        omitted_articles=omitted_articles,
        merged_duplicates=merged,
    )


def _digest_quote(entry: _Kept, score: float) -> DigestQuote:
    quote: StoredQuote = entry.hit.quote
    sentence, span = _shown_as(quote)
    return DigestQuote(
        quote_id=quote.id,
        text=clip_text(entry.text, MAX_QUOTE_CHARS),
        kind=quote.kind,
        speaker=clip_text(clean_line(quote.speaker), MAX_NAME_CHARS) or None,
        speaker_title=clip_text(clean_line(quote.title), MAX_NAME_CHARS) or None,
        confidence=_confidence(quote.confidence),
        score=round(score, 6),
        echoes=len(entry.echo_articles),
        sentence=sentence,
        span=span,
        notes=tuple(speaker_notes(quote)),
        provenance=digest_provenance(entry.hit),
    )


def _shown_as(quote: StoredQuote) -> tuple[str | None, tuple[int, int]]:
    """A partial quote's sentence with its words marked (shortened around them) and where
    the words sit in it; (None, (0, 0)) for other quotes."""
    partial = partial_marked(quote)
    if partial is None:
        return None, (0, 0)
    sentence, span, _ = partial
    sentence = clean_line(excerpt(sentence, span, MAX_QUOTE_CHARS))
    words = clean_line(quote.text)
    at = sentence.find(words)
    return sentence, (at, at + len(words)) if at >= 0 else (0, 0)


def _digest_article(
    article: Article, quotes: tuple[DigestQuote, ...], score: float, more: int
) -> DigestArticle:
    title = clip_text(clean_line(article.title), MAX_TITLE_CHARS) or "Untitled article"
    url = clean_line(article.url).replace(" ", "%20") or None
    return DigestArticle(
        article_id=article.id,
        title=title,
        url=url,
        outlet=clip_text(clean_line(article.outlet), MAX_NAME_CHARS) or None,
        published=article.published or article.added_at,
        quotes=quotes,
        score=round(score, 6),
        more_quotes=more,
    )


def quiet_note(scope_name: str, day: date) -> str:
    """The one line posted on a day without quotes when ``DIGEST_QUIET_DAY=note``."""
    scope = clip_text(clean_line(scope_name), MAX_NAME_CHARS) or "this server"
    return f"Daily digest · {scope} · {format_day(day)}: No new quotes today."
