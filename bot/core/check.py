"""The misquote check: compare what someone claims was said with what the articles hold.

A claim ("Ellison said we will not raise water rates") is split into its words and claimed
speaker (``bot.core.claim``), the words are looked up like ``who`` does, each candidate is
aligned word by word (``bot.core.wordiff``), and the verdict is one of:

- ``exact``: those words were said (by the claimed speaker, when one is named);
- ``trimmed``: a cut of a real quote (the diff's "-" parts are what was cut);
- ``altered``: close to a real quote but words differ (the diff says which);
- ``misattributed``: the words were said, but not by the speaker the claim names;
- ``unknown``: nothing close enough. The check never guesses.

"The same statement" is the stored quote cluster (``bot.core.clusters``) where the hits carry
one: its members, first-seen article and per-outlet speaker tallies are what the stores worked
out over every occurrence the asking scopes see. For quotes that stand alone (or stores
without clusters) :func:`same_statement`, :func:`first_source` and :func:`real_speaker` work
the same out from the search hits.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from bot.core.claim import Claim, parse_claim
from bot.core.extract.confidence import high_threshold
from bot.core.extract.lexicon import FEMALE_TITLES, MALE_TITLES, TITLE_WORDS
from bot.core.models import Article, ClusterInfo, QuoteHit, QuoteKind
from bot.core.speakers import speaker_key
from bot.core.store.base import Store
from bot.core.wordiff import Alignment, Diff, Fit, Words, align, contains

Verdict = Literal["exact", "trimmed", "altered", "misattributed", "unknown"]
VERDICTS: tuple[Verdict, ...] = ("exact", "trimmed", "altered", "misattributed", "unknown")

#: The longest claim checked, in characters (a quotation, not an article).
MAX_CLAIM = 1000
#: How many candidates the look-up returns (the same statement in several outlets).
CANDIDATES = 25
#: Two stored quotes whose words agree this much (or one contains the other) are the same
#: statement: one or two words changed in a sentence (the samples' "rates"/"prices": 0.95).
SAME_STATEMENT = 0.85
#: Two stored quotes longer than this (in words) are compared for containment only: the
#: word diff grows with the square of the shorter one (1,600 words: about 90 ms).
ALIGN_WORDS = 300
#: How much an attribution counts in the speaker vote, by how the article named the
#: speaker: a name beats "she" or "the governor" (which may have resolved wrongly).
FORM_WEIGHT = {"name": 1.0, "pronoun": 0.4, "description": 0.5}
OTHER_FORM_WEIGHT = 0.7

_RANK: dict[Fit, int] = {"far": 0, "altered": 1, "trimmed": 2, "exact": 3}
_HONORIFICS = TITLE_WORDS | MALE_TITLES | FEMALE_TITLES | {"dr", "prof", "the"}


@dataclass(frozen=True, slots=True)
class FirstSeen:
    """The earliest article (by publication date) carrying the statement."""

    outlet: str | None
    date: datetime | None
    url: str | None

    def to_json(self) -> dict[str, str | None]:
        return {
            "outlet": self.outlet,
            "date": self.date.strftime("%Y-%m-%d") if self.date else None,
            "url": self.url,
        }


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The verdict and what it rests on.

    ``quote`` is the real wording (the one most outlets carry, in full), ``kind`` whether it
    is a direct quote or the article's paraphrase, ``diff`` the claim against it word by word,
    ``votes`` how many articles attribute the statement to whom, ``printed_by`` the outlets
    that printed the claim's own (minority) wording, ``problem`` why nothing was checked.
    """

    verdict: Verdict
    claim: Claim
    speaker: str | None = None
    quote: str | None = None
    kind: QuoteKind | None = None
    first_seen: FirstSeen | None = None
    diff: Diff = ()
    hit: QuoteHit | None = None
    votes: tuple[tuple[str, int], ...] = ()
    printed_by: tuple[str, ...] = ()
    problem: str | None = None
    articles: int = 0
    outlets: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        """Exactly the ``whosaid check --format json`` object (other tools rely on it)."""
        return {
            "verdict": self.verdict,
            "claimed_speaker": self.claim.speaker,
            "speaker": self.speaker,
            "quote": self.quote,
            "first_seen": self.first_seen.to_json() if self.first_seen else None,
            "diff": [[op, text] for op, text in self.diff],
        }


def claim_problem(text: str) -> str | None:
    """Why a claim cannot be checked (empty, too long), in words for the user; else None."""
    size = len(" ".join(text.split()))
    if size > MAX_CLAIM:
        return (
            f"That claim is {size:,} characters long; I check at most {MAX_CLAIM:,} "
            "(one quotation, not a whole article)."
        )
    if not parse_claim(text).words:
        return "There are no words to check: paste the quotation someone claims was said."
    return None


# -- the three interim cluster functions --------------------------------------------------
def _named_and_sure(hit: QuoteHit) -> bool:
    ev = hit.quote.evidence
    return (
        ev is not None
        and ev.form == "name"
        and hit.quote.confidence >= high_threshold()
        and bool(hit.quote.speaker)
    )


def same_statement(a: QuoteHit, b: QuoteHit) -> bool:
    """Whether two stored quotes are one statement: same words, one a cut of the other, or
    a word or two changed; two confident named attributions to different people never are."""
    if a.quote.id == b.quote.id:
        return True
    if a.cluster is not None and b.cluster is not None:
        return a.cluster.cluster_id == b.cluster.cluster_id
    if (
        _named_and_sure(a)
        and _named_and_sure(b)
        and speaker_key(a.quote.speaker or "") != speaker_key(b.quote.speaker or "")
    ):
        return False
    wa, wb = Words.of(a.quote.text), Words.of(b.quote.text)
    short, long_ = (wa, wb) if len(wa.norm) <= len(wb.norm) else (wb, wa)
    if len(short.norm) > ALIGN_WORDS:  # two long quotes: only a cut is checked (linear)
        return contains(short, long_)
    fit = align(short, long_)
    return fit.fit in ("exact", "trimmed") or (fit.fit == "altered" and fit.ratio >= SAME_STATEMENT)


def _when(article: Article) -> datetime:
    moment = article.published or datetime.max.replace(tzinfo=UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def first_source(hits: Sequence[QuoteHit]) -> FirstSeen | None:
    """The earliest publication among the statement's occurrences (undated ones last;
    ingestion order only breaks ties)."""
    if not hits:
        return None
    first = min(hits, key=lambda h: (_when(h.article), h.article.id)).article
    return FirstSeen(first.outlet, first.published, first.url)


def _weight(hit: QuoteHit) -> float:
    ev = hit.quote.evidence
    form = FORM_WEIGHT.get(ev.form, OTHER_FORM_WEIGHT) if ev else OTHER_FORM_WEIGHT
    return hit.quote.confidence * form


def _votes(hits: Sequence[QuoteHit]) -> dict[str, tuple[str, float, int]]:
    """Speaker key -> (name as written, weight, articles); a bare surname counts for the
    one full name ending in it."""
    named = [(speaker_key(h.quote.speaker), h) for h in hits if h.quote.speaker]
    full_keys = {k for k, _ in named if " " in k}
    full = Counter(k.rsplit(" ", 1)[-1] for k in full_keys)
    fulls = {k.rsplit(" ", 1)[-1]: k for k in full_keys}
    out: dict[str, tuple[str, float, int]] = {}
    for key, hit in named:
        if " " not in key and full.get(key) == 1:
            key = fulls[key]
        name, weight, count = out.get(key, ("", 0.0, 0))
        speaker = hit.quote.speaker or ""
        out[key] = (max(name, speaker, key=len), weight + _weight(hit), count + 1)
    return out


def real_speaker(hits: Sequence[QuoteHit]) -> str | None:
    """Who said the statement: a vote over its occurrences, each weighted by confidence and
    by how the article named the speaker (a name beats a pronoun)."""
    votes = _votes(hits)
    if not votes:
        return None
    name, _, _ = max(votes.values(), key=lambda v: (v[1], v[2]))
    return name


# -- names ----------------------------------------------------------------------------------
def names_match(claimed: str, real: str, title: str | None = None) -> bool:
    """Whether a claimed speaker is the real one, loosely: surname, "Mr. X", "Gov. X",
    full name, initials, any case. The surnames must agree; every other claimed word must be
    a title, one of the real name's words or an initial of one."""
    ck, rk = speaker_key(claimed).split(), speaker_key(real).split()
    if not ck or not rk or ck[-1] != rk[-1]:
        return False
    titles = set(speaker_key(title or "").split())
    given = rk[:-1]
    for word in ck[:-1]:
        if word in _HONORIFICS or word in titles or word in given:
            continue
        if len(word) == 1 and any(g.startswith(word) for g in given):
            continue
        if all(len(w) == 1 for w in word) and len(word) <= 3:
            continue
        return False
    return True


# -- the verdict ----------------------------------------------------------------------------
def _reference(group: Sequence[QuoteHit]) -> QuoteHit:
    """The wording to compare with: the one most occurrences support (a trimmed copy supports
    the full wording it is cut from), then the longest, then the earliest."""
    words = [Words.of(h.quote.text) for h in group]

    def support(i: int) -> int:
        return sum(1 for w in words if contains(w, words[i]))

    best = max(
        range(len(group)),
        key=lambda i: (support(i), len(words[i].norm), -_when(group[i].article).timestamp()),
    )
    return group[best]


def _rank(claim: Claim, item: tuple[QuoteHit, Alignment]) -> tuple[int, bool, bool, float, float]:
    """How well a candidate fits the claim: by the words' fit, a direct quote before the
    article's paraphrase, the claimed speaker, the share of words that agree, then the
    earliest."""
    hit, fit = item
    said_by = bool(claim.speaker and hit.quote.speaker) and names_match(
        claim.speaker or "", hit.quote.speaker or "", hit.quote.title
    )
    return (
        _RANK[fit.fit],
        hit.quote.kind != "indirect",
        said_by,
        fit.ratio,
        -_when(hit.article).timestamp(),
    )


def _compared(
    words: Words,
    parts: list[Words] | None,
    group: Sequence[QuoteHit],
    best: QuoteHit,
    best_fit: Alignment,
) -> tuple[QuoteHit, Alignment]:
    """The statement's reference wording (``_reference``) and the claim's fit to it; the
    best candidate itself when the claim is far from the reference."""
    ref = _reference(group)
    fit = align(words, Words.of(ref.quote.text), parts)
    if fit.fit == "far":
        ref, fit = best, best_fit
    return ref, fit


def _printed_by(
    fits: Sequence[tuple[QuoteHit, Alignment]], group: Sequence[QuoteHit]
) -> tuple[str, ...]:
    """The outlets of the statement that printed the claim's words exactly."""
    return tuple(
        sorted(
            {h.article.outlet or "an article" for h, f in fits if f.fit == "exact" and h in group}
        )
    )


@dataclass(frozen=True, slots=True)
class _Seen:
    """Who the statement's occurrences name and where it ran."""

    speaker: str | None
    votes: list[tuple[str, int]]
    first_seen: FirstSeen | None
    articles: int
    outlets: tuple[str, ...]


def _seen_in_hits(group: Sequence[QuoteHit]) -> _Seen:
    """What the hits of the statement say: the speaker vote, the first source, the articles
    and outlets."""
    votes = sorted(((n, c) for n, _, c in _votes(group).values()), key=lambda v: -v[1])
    return _Seen(
        real_speaker(group),
        votes,
        first_source(group),
        len({h.article.id for h in group}),
        tuple(sorted({h.article.outlet for h in group if h.article.outlet})),
    )


def _seen_in_cluster(seen: _Seen, cluster: ClusterInfo) -> _Seen:
    """The store's view over every occurrence of the statement, not just these hits: its
    speaker (else the hits'), tallies and first article; the outlets the hits did not
    include are added by count."""
    first = cluster.first_seen
    outlets = seen.outlets
    if cluster.outlets > len(outlets):  # outlets the hits did not include, by count
        outlets = (*outlets, f"{cluster.outlets - len(outlets)} more")
    return _Seen(
        cluster.speaker or seen.speaker,
        list(cluster.tallies),
        FirstSeen(first.outlet, first.published, first.url),
        max(seen.articles, cluster.articles),
        outlets,
    )


def _cluster_verdict(
    claim: Claim, speaker: str | None, title: str | None, verdict: Verdict, by_words: Verdict
) -> Verdict:
    """The verdict again against the cluster's speaker: misattributed when the claim names
    someone else (and the words were found), the words' verdict when it names them."""
    if claim.speaker and speaker:
        named_other = not names_match(claim.speaker, speaker, title)
        if named_other and verdict != "unknown":
            return "misattributed"
        if verdict == "misattributed":
            return by_words
    return verdict


def check_claim(text: str, hits: Sequence[QuoteHit]) -> CheckResult:
    """The verdict on ``text`` given the look-up's candidates; any text in, never an error.

    In order: the claim's problem, if any; every candidate aligned with the claim and the
    best one chosen (``_rank``); the hits of the same statement and its reference wording
    (``_compared``); the verdict by words, then misattributed when the hits' speaker is not
    the claimed one; the outlets that printed the claim's words (``_printed_by``); what the
    hits say of the statement (``_seen_in_hits``), replaced by the store's cluster where
    there is one (``_seen_in_cluster``, ``_cluster_verdict``)."""
    claim = parse_claim(text[: MAX_CLAIM * 4])
    problem = claim_problem(text)
    if problem is not None:
        return CheckResult("unknown", claim, problem=problem)
    words = Words.of(claim.words)
    parts = [Words.of(p) for p in claim.parts] or None
    fits = [(hit, align(words, Words.of(hit.quote.text), parts)) for hit in hits]
    if not fits:
        return CheckResult("unknown", claim)
    best, best_fit = max(fits, key=lambda item: _rank(claim, item))
    if best_fit.fit == "far":
        return CheckResult("unknown", claim)
    group = [h for h in hits if same_statement(best, h)]
    ref, fit = _compared(words, parts, group, best, best_fit)
    seen = _seen_in_hits(group)
    verdict: Verdict = "unknown" if fit.fit == "far" else fit.fit
    by_words = verdict
    if (
        claim.speaker
        and seen.speaker
        and not names_match(claim.speaker, seen.speaker, ref.quote.title)
    ):
        verdict = "misattributed"
    printed = _printed_by(fits, group) if fit.fit != "exact" else ()
    if ref.cluster is not None:
        seen = _seen_in_cluster(seen, ref.cluster)
        verdict = _cluster_verdict(claim, seen.speaker, ref.quote.title, verdict, by_words)
    return CheckResult(
        verdict,
        claim,
        speaker=seen.speaker,
        quote=" ".join(ref.quote.text.split()).rstrip(",;:"),
        kind=ref.quote.kind,
        first_seen=seen.first_seen,
        diff=fit.diff,
        hit=ref,
        votes=tuple(seen.votes),
        printed_by=printed,
        articles=seen.articles,
        outlets=seen.outlets,
    )


async def check(store: Store, text: str, scopes: Sequence[str]) -> CheckResult:
    """Check a claim against the quotes ``scopes`` can see."""
    claim = parse_claim(text[: MAX_CLAIM * 4])
    if claim_problem(text) is not None:
        return check_claim(text, ())
    result = await store.who_said(claim.words, scopes, limit=CANDIDATES)
    # Aligning a few dozen candidates is pure CPU: off the event loop, like search's rerank.
    return await asyncio.to_thread(check_claim, text, [*result.hits, *result.suggestions])


__all__ = [
    "MAX_CLAIM",
    "VERDICTS",
    "CheckResult",
    "FirstSeen",
    "Verdict",
    "check",
    "check_claim",
    "claim_problem",
    "first_source",
    "names_match",
    "real_speaker",
    "same_statement",
]
