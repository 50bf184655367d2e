"""Quote clusters: which stored quotes are one statement, and who the cluster says spoke.

Free of any database, so both backends decide alike. A statement carried by several
outlets arrives trimmed, with a word changed, or attributed through "she" in one of them;
:func:`same_statement` says whether two quotes' words are one statement, :func:`joinable`
whether their speakers allow it (two confident named attributions to different people
never join; a pronoun or a description joins whatever name it resolved to), and
:func:`consensus` votes on the speaker over every occurrence, weighted by confidence.

Words are compared as normalised word lists, each word encoded as one character so that
rapidfuzz's C code aligns whole words (a trimmed quote is a substring, a changed word one
edit).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from bot.core.search.index import WordIndex, pair_signature
from bot.core.speakers import speaker_key, surname

Relation = Literal["identical", "trimmed", "altered"]

#: Default of the ``CLUSTER_WINDOW_DAYS`` setting: quotes further apart never join.
WINDOW_DAYS = 30
#: Shorter quotes join a cluster only when identical ("on the table" is in many quotes).
MIN_WORDS = 5
#: Even identical quotes need this many words (one-word scare quotes are not statements).
MIN_IDENTICAL = 3
#: A named attribution at or above this confidence is "confident" (below it is uncertain).
CONFIDENT = 0.5
#: A pronoun or description attribution weighs this much of its confidence in the vote.
WEAK_WEIGHT = 0.5
#: Consensus confidence never reaches certainty, however many outlets agree.
MAX_CONFIDENCE = 0.99
#: Quotes longer than this many words are compared on their first words only.
MAX_COMPARED = 400


def max_changes(words: int) -> int:
    """How many words may differ between two wordings of one statement of this length."""
    return min(4, 1 + words // 10)


def _encode(a: Sequence[str], b: Sequence[str]) -> tuple[str, str]:
    """Both word lists as strings of one character per distinct word."""
    table: dict[str, str] = {}

    def enc(seq: Sequence[str]) -> str:
        out = []
        for word in seq[:MAX_COMPARED]:
            ch = table.get(word)
            if ch is None:
                ch = table[word] = chr(0x10000 + len(table))
            out.append(ch)
        return "".join(out)

    return enc(a), enc(b)


def same_statement(a: Sequence[str], b: Sequence[str]) -> Relation | None:
    """How two quotes' normalised words relate: ``identical``, ``trimmed`` (one a cut of
    the other), ``altered`` (a few words differ, possibly also cut), or None."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < MIN_IDENTICAL:
        return None
    if list(short) == list(long):
        return "identical"
    if len(short) < MIN_WORDS:
        return None
    s, t = _encode(short, long)
    if s in t:
        return "trimmed"
    limit = max_changes(len(short))
    if len(t) - len(s) <= limit:
        window = t
    else:
        found = fuzz.partial_ratio_alignment(s, t)
        if found is None:
            return None
        window = t[found.dest_start : found.dest_end]
    if Levenshtein.distance(s, window, score_cutoff=limit) <= limit:
        return "altered"
    return None


def word_diff(
    shown: Sequence[str],
    variant: Sequence[str],
    shown_display: Sequence[str] | None = None,
    variant_display: Sequence[str] | None = None,
) -> list[tuple[str, str]]:
    """The variant against the shown wording, word by word: ``("=", w)`` in both,
    ``("+", w)`` only in the variant, ``("-", w)`` only in the shown quote. Words are
    compared normalised and given as ``*_display`` (the original spelling) when passed.
    A cut is not a change: words only one side has beyond the common span are not marked."""
    show = shown_display if shown_display is not None else shown
    var = variant_display if variant_display is not None else variant
    s, v = _encode(shown, variant)
    ops: list[tuple[str, str]] = []
    blocks = Levenshtein.opcodes(s, v)
    inner = [i for i, op in enumerate(blocks) if op.tag in ("equal", "replace")]
    first, last = (inner[0], inner[-1]) if inner else (len(blocks), -1)
    for i, op in enumerate(blocks):
        outside = i < first or i > last
        if op.tag == "delete" and outside:
            continue  # the variant is a shorter cut: the words it lacks are not changes
        if op.tag == "equal" or (op.tag == "insert" and outside):
            # a longer cut: the words beyond the shown quote are context, not changes
            ops.extend(("=", w) for w in var[op.dest_start : op.dest_end])
            continue
        ops.extend(("-", w) for w in show[op.src_start : op.src_end])
        ops.extend(("+", w) for w in var[op.dest_start : op.dest_end])
    return ops


def could_match(a: Sequence[str], b: Sequence[str]) -> bool:
    """A cheap necessary condition of :func:`same_statement` (a few set operations)."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < MIN_IDENTICAL:
        return False
    return len(set(short) - set(long)) <= (
        max_changes(len(short)) if len(short) >= MIN_WORDS else 0
    )


# -- candidates from the word index --------------------------------------------------------

#: Words in more quotes than this are never read (they would only add noise and time).
COMMON_DF = 5_000
#: News trims a quote to its lead: the rarest words of the first words are read too.
LEAD_WORDS = 8
#: How many candidates per quote are compared word by word.
CANDIDATES = 20
#: Only a read word's newest holders are looked at: the earlier occurrences of a statement
#: are news of the same weeks, and the cost of a save stays flat however big the store.
RECENT = 1_000
#: The lead's words read beyond the quote's two rarest count only this many newest holders:
#: they are its commonest read words, whose older holders mostly crowd out the candidates
#: (into 900k quotes, bench/cluster_bench.py: 1% more planted wordings join, fewer of those
#: with a changed word; bench/ingest_bench.py: 0.8% fewer joins; a fifth less CPU).
LEAD_RECENT = 250


def terms_to_read(index: WordIndex, quote_words: Sequence[str]) -> list[int]:
    """The words whose postings are read: the quote's two rarest and its lead's two rarest.

    An earlier occurrence holds at least two of them: a copy or a longer cut holds them
    all, a copy with a word changed all but one, a cut to the lead the lead's two.
    """
    n = min(len(quote_words), MAX_COMPARED)
    if n < MIN_IDENTICAL:
        return []
    dfs = index.vocab.df
    # (df, term id, position) as one int, so a C sort orders them as the tuples would.
    known = [
        df << 41 | term_id << 9 | pos
        for pos, term_id in enumerate(map(index.vocab.ids.get, quote_words[:n]))
        if term_id is not None and 0 < (df := dfs[term_id]) <= COMMON_DF
    ]
    known.sort()
    out: list[int] = []
    lead = 0
    for i, key in enumerate(known):
        if i >= 2 and lead >= 2:
            break
        in_lead = (key & 511) < LEAD_WORDS
        if i >= 2 and not in_lead:
            continue
        lead += in_lead
        term_id = key >> 9 & 0xFFFFFFFF
        if term_id not in out:
            out.append(term_id)
    return out


def recent_ids(disk: Sequence[int], tail: Sequence[int], limit: int = RECENT) -> Sequence[int]:
    """A term's ``limit`` newest quote ids, from its stored and its in-memory postings (both
    ascending, every stored id below every in-memory one)."""
    if len(tail) >= limit:
        return tail[len(tail) - limit :]
    part = disk[max(0, len(disk) - (limit - len(tail))) :]
    if not tail:
        return part
    out = array("I", part)
    out.extend(tail)
    return out


class PairFilter:
    """Whether a candidate shares at least half the word pairs of the shorter of the two,
    read from the index's in-memory pair signatures (no row is fetched for the others).

    One wording of a statement keeps its pairs: a cut keeps all of the shorter one's, a
    changed word costs two. Unrelated quotes share a few signature bits by chance only.
    """

    __slots__ = ("_mine", "_sigs", "_words")

    def __init__(self, index: WordIndex, quote_words: Sequence[str]) -> None:
        self._sigs = index.signatures
        self._words = quote_words
        self._mine: tuple[int, int, int] | None = None  # most quotes have no candidate

    def __call__(self, quote_id: int) -> bool:
        return bool(self.accept((quote_id,), 1))

    def accept(self, quote_ids: Sequence[int], limit: int) -> list[int]:
        """The first ``limit`` of ``quote_ids`` (in their order) that it keeps."""
        sigs = self._sigs
        size = len(sigs) // 2
        if self._mine is None and any(q < size for q in quote_ids):
            sig = pair_signature(self._words)
            self._mine = (sig & 0xFFFFFFFFFFFFFFFF, sig >> 64, sig.bit_count())
        lo, hi, own = self._mine or (0, 0, 0)
        out: list[int] = []
        for quote_id in quote_ids:
            if quote_id < size:
                a = sigs[2 * quote_id]
                b = sigs[2 * quote_id + 1]
                other = a.bit_count() + b.bit_count()
                # No signature known: let the word comparison decide. Else bits stand for
                # pairs: the shorter one's pairs, less two per changed word.
                if other:
                    least = own if own < other else other
                    common = (a & lo).bit_count() + (b & hi).bit_count()
                    if 2 * common < least or common < least - 2 * min(4, 1 + (least + 1) // 10) - 1:
                        continue
            out.append(quote_id)
            if len(out) >= limit:
                break
        return out


def pair_filter(index: WordIndex, quote_words: Sequence[str]) -> PairFilter:
    """The :class:`PairFilter` of a quote's words."""
    return PairFilter(index, quote_words)


def _in_two(lists: Sequence[Sequence[int]]) -> set[int]:
    """The ids under at least two of these lists (no set is built of the longest)."""
    ordered = sorted(lists, key=len)
    seen = set(ordered[0])
    found: set[int] = set()
    for ids in ordered[1:-1]:
        found.update(seen.intersection(ids))
        seen.update(ids)
    found.update(seen.intersection(ordered[-1]))
    return found


def rank_ids(
    lists: Sequence[Sequence[int]],
    quote_words: Sequence[str],
    keep: PairFilter | None = None,
) -> list[int]:
    """The quotes under at least two of the read words (under the one when only one was
    read), most recent first, that ``keep`` accepts: of the ``2 * CANDIDATES`` most recent,
    the first ``CANDIDATES`` it keeps. Each list is ascending (a term's postings), in the
    order of :func:`terms_to_read` (lists after the first two: ``LEAD_RECENT`` newest)."""
    if not lists:
        return []
    need = CANDIDATES * 2
    if len(lists) > 2:  # the lead's own words: their newest holders only
        lists = [*lists[:2], *(ids[max(0, len(ids) - LEAD_RECENT) :] for ids in lists[2:])]
    if len(lists) == 1:
        ids = lists[0]
        found = set(ids[len(ids) - need :]) if len(ids) > need else set(ids)
        if len(found) < need and len(ids) > need:  # repeated ids (postings have none)
            found = set(ids)
    else:
        found = _in_two(lists)
    if not found:
        return []
    top = sorted(found, reverse=True)[:need]
    return keep.accept(top, CANDIDATES) if keep is not None else top[:CANDIDATES]


# -- speakers ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who one occurrence names, how (``form``: name, pronoun, description, none) and how
    sure the extractor was."""

    speaker: str | None
    confidence: float
    form: str = "name"

    @property
    def weak(self) -> bool:
        """Found through a pronoun or a description: it joins whatever name it resolved to."""
        return self.form in {"pronoun", "description"}

    @property
    def confident(self) -> bool:
        return bool(self.speaker) and not self.weak and self.confidence >= CONFIDENT


def same_person(a: str, b: str) -> bool:
    """Same speaker key, or a bare surname and a full name ending with it."""
    ka, kb = speaker_key(a), speaker_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if " " not in ka:
        return surname(kb) == ka
    if " " not in kb:
        return surname(ka) == kb
    return False


def joinable(new: Attribution, members: Iterable[Attribution]) -> bool:
    """Whether ``new`` may join a cluster with these members: never when both it and a
    member are confident named attributions of different people."""
    if not new.confident or new.speaker is None:
        return True
    return all(not m.confident or same_person(new.speaker, m.speaker or "") for m in members)


def within(a: datetime, b: datetime, days: int) -> bool:
    return abs(a - b) <= timedelta(days=days)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A stored quote as clustering sees it: its words, date and attribution."""

    quote_id: int
    words: tuple[str, ...]
    when: datetime
    attribution: Attribution


#: A cluster bigger than this is not regrouped after a deletion (its labels stay).
MAX_REGROUP = 500


def matches(new: Occurrence, old: Occurrence, window_days: int) -> Relation | None:
    """The relation of two occurrences when they may be one statement, else None."""
    if not within(new.when, old.when, window_days) or not could_match(new.words, old.words):
        return None
    return same_statement(new.words, old.words)


def regroup(members: Sequence[Occurrence], window_days: int) -> dict[int, int]:
    """Clusters again after some members went (a deleted or rewritten article): in
    publication order, each joins the first group it matches and may join, else starts one.
    Returns quote id -> cluster label (the id of the group's first member)."""
    groups: list[list[Occurrence]] = []
    out: dict[int, int] = {}
    for occ in sorted(members, key=lambda o: (o.when, o.quote_id)):
        for group in groups:
            if joinable(occ.attribution, [m.attribution for m in group]) and any(
                matches(occ, m, window_days) for m in group
            ):
                group.append(occ)
                out[occ.quote_id] = group[0].quote_id
                break
        else:
            groups.append([occ])
            out[occ.quote_id] = occ.quote_id
    return out


_RANK = {"identical": 0, "trimmed": 1, "altered": 2}


def best_match(
    new: Occurrence, candidates: Sequence[tuple[Occurrence, int]], window_days: int
) -> list[tuple[int, Relation]]:
    """The clusters ``new`` could join, best first: (label, relation), one per label."""
    found: dict[int, tuple[int, datetime, Relation]] = {}
    for old, label in candidates:
        relation = matches(new, old, window_days)
        if relation is None:
            continue
        key = (_RANK[relation], old.when, relation)
        if label not in found or key[:2] < found[label][:2]:
            found[label] = key
    return [(label, key[2]) for label, key in sorted(found.items(), key=lambda kv: kv[1][:2])]


# -- consensus ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Vote:
    """One occurrence's attribution with the outlet that carried it."""

    attribution: Attribution
    outlet: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Tally:
    """One speaker's share of a cluster: by how many outlets, with what weight."""

    speaker: str
    outlets: int
    weight: float


@dataclass(frozen=True, slots=True)
class Consensus:
    """The cluster's speaker, its title, a confidence reflecting the agreement, and every
    speaker's tally, most weight first (more than one when the outlets disagree)."""

    speaker: str | None
    title: str | None
    confidence: float
    tallies: tuple[Tally, ...]

    @property
    def disagreement(self) -> bool:
        return len(self.tallies) > 1


def _groups(votes: Sequence[Vote]) -> list[list[Vote]]:
    """Votes grouped by person: one key, and a bare surname with the one full name it fits."""
    by_key: dict[str, list[Vote]] = {}
    for vote in votes:
        key = speaker_key(vote.attribution.speaker or "")
        if key:
            by_key.setdefault(key, []).append(vote)
    for key in [k for k in by_key if " " not in k]:
        fits = [k for k in by_key if " " in k and surname(k) == key]
        if len(fits) == 1:
            by_key[fits[0]].extend(by_key.pop(key))
    return list(by_key.values())


def _weight(a: Attribution) -> float:
    return max(0.0, min(1.0, a.confidence)) * (WEAK_WEIGHT if a.weak else 1.0)


def consensus(votes: Sequence[Vote]) -> Consensus:
    """The speaker with the most confidence-weighted votes; confidence is how strongly its
    own votes support it (independent outlets add up) times its share of all the weight."""
    groups = _groups(votes)
    if not groups:
        top = max((v.attribution.confidence for v in votes), default=0.0)
        return Consensus(None, None, top, ())
    tallies: list[tuple[Tally, list[Vote]]] = []
    for group in groups:
        named = [v for v in group if not v.attribution.weak] or group
        best = max(
            named, key=lambda v: (" " in (v.attribution.speaker or ""), _weight(v.attribution))
        )
        name = best.attribution.speaker or ""
        weight = sum(_weight(v.attribution) for v in group)
        outlets = len({v.outlet for v in group})
        tallies.append((Tally(name, outlets, weight), group))
    tallies.sort(key=lambda t: (-t[0].weight, -t[0].outlets, t[0].speaker))
    winner, group = tallies[0]
    total = sum(t.weight for t, _ in tallies)
    doubt = 1.0
    for vote in group:
        doubt *= 1.0 - min(MAX_CONFIDENCE, _weight(vote.attribution))
    support = min(MAX_CONFIDENCE, 1.0 - doubt)
    if len(group) == 1 and len(tallies) == 1:
        support = group[0].attribution.confidence  # a lone occurrence keeps its own
    share = winner.weight / total if total > 0 else 1.0
    title = next(
        (v.title for v in sorted(group, key=lambda v: -_weight(v.attribution)) if v.title), None
    )
    return Consensus(
        speaker=winner.speaker,
        title=title,
        confidence=round(support * share, 4),
        tallies=tuple(t for t, _ in tallies),
    )


def disagreement_text(tallies: Sequence[Tally]) -> str:
    """ "attributed to Mara Ellison by 3 outlets, to Dana Whitcombe by 1"."""
    parts = []
    for i, t in enumerate(tallies):
        unit = ("outlet" if t.outlets == 1 else "outlets") if i == 0 else ""
        count = f"{t.outlets} {unit}".rstrip()
        parts.append(f"{'attributed to' if i == 0 else 'to'} {t.speaker} by {count}")
    return ", ".join(parts)


__all__ = [
    "CONFIDENT",
    "MIN_IDENTICAL",
    "MIN_WORDS",
    "WINDOW_DAYS",
    "Attribution",
    "Consensus",
    "Relation",
    "Tally",
    "Vote",
    "consensus",
    "disagreement_text",
    "joinable",
    "max_changes",
    "same_person",
    "same_statement",
    "within",
    "word_diff",
]
