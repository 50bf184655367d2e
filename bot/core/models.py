"""Plain data records shared by extraction, the store, search and the Discord layer.

They are frozen dataclasses so that a record handed to a renderer or a cache can
never be changed behind the store's back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

QuoteKind = Literal["direct", "partial", "indirect"]

#: The scope of articles added by the operator through the CLI: visible in every server.
GLOBAL_SCOPE = "global"


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the article text with its Python string offsets (``text == doc[start:end]``)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a quote names its speaker, so an answer can show it and confidence can weigh it.

    ``method`` is how the extractor found the speaker ("left": subject of the speech verb
    before the quote, "right": tag after it, "floating": taken from a nearby attributed quote,
    "none": not found, ...); ``form`` is what the mention is ("name", "pronoun",
    "description", "none"); ``path`` says the resolution in words; ``introduced`` is where the
    article first names the speaker.
    """

    method: str
    form: str = ""
    path: str = ""
    introduced: Span | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """One attributed quotation found in an article's text.

    ``start``/``end`` index the article text exactly as given; for direct and partial
    quotes they exclude the quote marks. ``context`` is the sentence(s) around the quote.
    Interrupted quotes ("A," he said, "B.") are two records sharing speaker and ``group``.
    """

    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None
    speaker_mention: Span | None
    title: str | None
    cue: Span | None
    confidence: float
    context: str = ""
    context_start: int = 0
    context_end: int = 0
    group: int | None = None
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """An article ready to be stored: its text and whatever metadata the source gave."""

    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: datetime | None = None
    url: str | None = None
    fetched_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """An article as stored, with its database id and content hash."""

    id: int
    title: str | None
    outlet: str | None
    author: str | None
    published: datetime | None
    url: str | None
    fetched_at: datetime | None
    content_hash: str
    added_at: datetime


@dataclass(frozen=True, slots=True)
class StoredEvidence:
    """A quote's evidence as the store keeps it: enough to answer "why this speaker?" without
    the article text, which is not stored.

    ``mention`` is the words that named the speaker at the quote ("he", "the senator"),
    ``cue`` the speech verb, ``path`` the resolution in words, ``introduced`` the name where
    the article introduced the speaker and ``introduced_sentence`` the sentence around it.
    """

    method: str
    form: str
    path: str = ""
    mention: str = ""
    cue: str = ""
    introduced: str = ""
    introduced_sentence: str = ""


@dataclass(frozen=True, slots=True)
class StoredQuote:
    """A quote as stored: the extracted record plus ids and the article it came from.
    ``evidence`` is None for quotes stored before evidence was kept."""

    id: int
    article_id: int
    text: str
    kind: QuoteKind
    speaker: str | None
    title: str | None
    context: str
    confidence: float
    start: int
    end: int
    added_at: datetime
    evidence: StoredEvidence | None = None


@dataclass(frozen=True, slots=True)
class Variant:
    """Another wording of a clustered quote: ``relation`` is "identical", "trimmed" or
    "altered"; ``diff`` marks it against the shown quote, word by word (``"="`` both,
    ``"+"`` only in this variant, ``"-"`` only in the shown quote)."""

    text: str
    relation: str
    diff: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ClusterInfo:
    """Provenance of one statement across the articles a scope sees (``bot.core.clusters``).

    ``first_seen`` is the article published first; ``speaker``/``title``/``confidence`` are
    the consensus over all occurrences; ``tallies`` is (speaker, outlets) per speaker, most
    weight first (more than one when outlets disagree); ``own_speaker`` is what the shown
    occurrence's article said.
    """

    cluster_id: int
    articles: int
    outlets: int
    first_seen: Article
    variants: tuple[Variant, ...]
    speaker: str | None
    title: str | None
    confidence: float
    tallies: tuple[tuple[str, int], ...]
    own_speaker: str | None
    own_confidence: float


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """A search answer: the quote, its article, how well it matched and which words matched.

    ``score`` is 0–100 (rapidfuzz's scale): 100 means the phrase occurs in the quote as typed.

    ``matched`` are (start, end) offsets into ``quote.text`` of the words that matched the
    phrase, so renderers can bold them.
    """

    quote: StoredQuote
    article: Article
    score: float
    matched: tuple[tuple[int, int], ...] = ()
    #: The quote's cluster as the asking scopes see it (None when no other occurrence).
    cluster: ClusterInfo | None = None


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Ranked hits for a phrase. ``hits`` is empty when nothing matched well enough;
    ``suggestions`` then holds the nearest candidates ("did you mean")."""

    hits: tuple[QuoteHit, ...]
    suggestions: tuple[QuoteHit, ...] = ()


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What storing one article did: ``added``, ``updated`` (text changed, quotes replaced),
    ``duplicate`` (same content already in this scope) or ``linked`` (known article, new scope)."""

    article_id: int
    status: Literal["added", "updated", "duplicate", "linked"]
    quotes: int


@dataclass(frozen=True, slots=True)
class SpeakerCount:
    """A speaker and how many quotes of theirs a scope holds."""

    name: str
    count: int
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts for the ``stats`` command."""

    articles: int
    quotes: int
    speakers: int
    feeds: int = 0


@dataclass(slots=True)
class Page:
    """A page of results with the total so that pagers can say "page 2 of 7"."""

    items: list[StoredQuote] = field(default_factory=list)
    total: int = 0
    offset: int = 0
    #: Quote id -> its cluster as the asking scopes see it, for the clustered items.
    clusters: dict[int, ClusterInfo] = field(default_factory=dict)
