"""A word-level inverted index whose logic is free of any database.

The backend owns the bytes (SQLite tables today, PostgreSQL later); this module owns the
decisions: which words a quote is indexed under, how a misspelt word is corrected against
the vocabulary, which (rare) query words are worth reading postings for, and how the
candidate quotes are chosen before the fuzzy rerank.

Postings are packed ``uint32`` arrays of quote ids, one row per (term, segment). New quotes
go to an in-memory tail first (rebuilt from the quotes table after a restart, so nothing is
lost) and are written as new segments in batches, which keeps appends cheap; a term with
too many segments is compacted into one.
"""

from __future__ import annotations

import heapq
import struct
import zlib
from array import array
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import combinations, pairwise

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.search.common_words import COMMON_WORDS
from bot.core.search.normalize import words

#: How many query words at most are used to gather candidates (the rarest ones).
MAX_SLOTS = 4
#: Postings read freely per query; more only while the best tier is still too large.
POSTING_BUDGET = 40_000
#: Never read more postings than this for one query.
POSTING_HARD_CAP = 250_000
#: How many candidates go to the fuzzy rerank.
RERANK_CANDIDATES = 150
#: Tiers up to this size are ordered by word-pair affinity (larger ones cost too much).
PREFER_MAX = 6_000
#: With three or more slots, quotes matching a single one are ranked only while fewer
#: than this many candidates match two or more.
ONE_WORD_TIER_BELOW = RERANK_CANDIDATES // 2
#: At most this many vocabulary corrections per misspelt word.
MAX_EXPANSIONS = 8
#: Longer words are matched exactly, never typo-corrected nor filed under deletion keys:
#: their deletion neighbourhoods grow with the square (one deletion) and the cube (two) of
#: their length (a 3,000-letter word took 2.7 s to look up, issue 18), and no word of
#: news prose is this long.
MAX_CORRECTABLE = 40
#: How many corrected words are remembered (cleared whenever a new word is indexed).
CORRECTION_CACHE = 4096
#: A term with more segments than this is compacted at the next flush.
MAX_SEGMENTS = 8


#: Joins the two words of a pair term ("has said"); words never hold a space.
PAIR_SEP = " "


def pair_terms(quote_words: Sequence[str]) -> set[str]:
    """The adjacent pairs of very common words, as terms ("has said", "said it").

    They are ordinary terms (own id, df and postings) so every backend stores and reads
    them like words; only typo correction skips them.
    """
    common = COMMON_WORDS
    return {f"{a}{PAIR_SEP}{b}" for a, b in pairwise(quote_words) if a in common and b in common}


def is_pair_term(term: str) -> bool:
    return PAIR_SEP in term


def quote_terms(quote_words: Sequence[str]) -> set[str]:
    """The distinct terms (words and common-word pairs) of a quote's normalised words."""
    out = set(quote_words)
    out.update(pair_terms(quote_words))
    return out


def index_terms(text: str) -> set[str]:
    """The distinct terms a quote is indexed under: its words and common-word pairs."""
    return quote_terms(words(text))


def pair_signature(quote_words: Sequence[str]) -> int:
    """A 128-bit Bloom-style signature of the quote's adjacent word pairs (one bit each).

    The word index knows which words a quote has, not their order; among many quotes that
    hold every word of a phrase made of common words, the ones that also hold its word
    pairs are the likely matches. CRC32 keeps the bits the same in every process.
    """
    sig = 0
    for a, b in pairwise(quote_words):
        sig |= 1 << (zlib.crc32(f"{a} {b}".encode()) & 127)
    return sig


def _bits(sig: int) -> tuple[int, int]:
    return sig & 0xFFFFFFFFFFFFFFFF, sig >> 64


@dataclass(frozen=True, slots=True)
class Affinity:
    """How many of a phrase's word-pair bits a quote's signature has.

    Callable per quote id; :meth:`nlargest` scores a whole tier in one comprehension,
    several times faster than a key function called per id.
    """

    sigs: array[int]
    lo: int
    hi: int

    def __call__(self, quote_id: int) -> int:
        sigs = self.sigs
        if 2 * quote_id + 1 >= len(sigs):
            return 0
        return (sigs[2 * quote_id] & self.lo).bit_count() + (
            sigs[2 * quote_id + 1] & self.hi
        ).bit_count()

    def nlargest(self, n: int, ids: Iterable[int]) -> list[int]:
        """The ``n`` ids with the highest affinity, then the highest id."""
        sigs, lo, hi = self.sigs, self.lo, self.hi
        size = len(sigs) // 2
        keys = [
            ((sigs[2 * q] & lo).bit_count() + (sigs[2 * q + 1] & hi).bit_count()) << 32 | q
            if q < size
            else q
            for q in ids
        ]
        # A C sort beats heapq's Python loop at these sizes (a tier is at most PREFER_MAX).
        keys.sort(reverse=True)
        return [k & 0xFFFFFFFF for k in keys[:n]]


def max_edits(word: str) -> int:
    """How many typos a word of this length may carry and still be corrected."""
    n = len(word)
    if n <= 2:
        return 0
    if n <= 5:
        return 1
    return 2


def pack(ids: Iterable[int]) -> bytes:
    """Sorted quote ids as the stored segment bytes."""
    return array("I", sorted(ids)).tobytes()


def unpack(data: bytes) -> array[int]:
    """A stored segment back into quote ids."""
    out = array("I")
    out.frombytes(data)
    return out


@dataclass(slots=True)
class Slot:
    """One query word and the vocabulary terms that may stand for it."""

    word: str
    term_ids: list[int]
    exact: bool
    df: int


@dataclass(slots=True)
class QueryPlan:
    """What a phrase asks of the index: its words, their corrections and the chosen slots."""

    words: list[str]
    slots: list[Slot]
    #: Slots of adjacent common-word pairs ("has said"), read like word slots.
    pairs: list[Slot] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.words)

    def exact_terms(self) -> set[int]:
        """Terms taken as the phrase's own words (not corrections): the ones whose
        visibility to the asker must be checked before the plan is trusted."""
        out = {s.term_ids[0] for s in self.slots if s.exact and s.term_ids}
        for pair in self.pairs:
            out.update(pair.term_ids)
        return out

    def candidate_slots(self) -> list[Slot]:
        """Rarest useful slots first (the order in which postings are read)."""
        usable = [s for s in (*self.slots, *self.pairs) if s.term_ids]
        # Distinct words only: "the the" should not count twice.
        seen: set[str] = set()
        out: list[Slot] = []
        for slot in sorted(usable, key=lambda s: s.df):
            if slot.word not in seen:
                seen.add(slot.word)
                out.append(slot)
        return out


@dataclass(slots=True)
class FlushBatch:
    """What the backend must write, in one transaction, to move the tail onto disk."""

    new_terms: list[tuple[int, str]]
    df: dict[int, int]
    segments: list[tuple[int, int, bytes]]
    compact: list[int]
    watermark: int
    #: (first quote id, two little-endian uint64 per quote id from there): pair signatures.
    signatures: tuple[int, bytes] | None = None
    #: The normalised text of the tail's quotes, by id (the backend's ``quote_norms``).
    norms: dict[int, str] = field(default_factory=dict)


def deletes(word: str) -> list[str]:
    """Every string one deletion away from ``word`` (the SymSpell neighbourhood)."""
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


def _deletes2(word: str) -> set[str]:
    out: set[str] = set()
    for i in range(len(word)):
        head, tail = word[:i], word[i + 1 :]
        for j in range(i, len(tail)):
            out.add(head + tail[:j] + tail[j + 1 :])
    return out


@dataclass(slots=True)
class Vocabulary:
    """Every indexed word with its id and document frequency, bucketed by length.

    Typo correction looks words up in a deletion neighbourhood (each term of 3+ letters
    filed under the strings one deletion away from it): a word one edit from a term shares
    a key with it, so one edit costs a few dict lookups instead of a scan of the
    vocabulary. Two edits are found through the query's two-deletion keys (which covers
    two insertions and insertion plus substitution); only when that finds nothing at all
    does a long word fall back to a scan of the nearby length buckets.
    """

    ids: dict[str, int] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)
    df: list[int] = field(default_factory=list)
    segments: list[int] = field(default_factory=list)
    by_len: dict[int, list[str]] = field(default_factory=dict)
    near: dict[str, int | list[int]] = field(default_factory=dict)
    by_end: dict[tuple[int, str], list[str]] = field(default_factory=dict)
    cache: dict[str, list[int]] = field(default_factory=dict)

    def load(self, term_id: int, term: str, df: int, segments: int) -> None:
        while len(self.terms) <= term_id:
            self.terms.append("")
            self.df.append(0)
            self.segments.append(0)
        self.terms[term_id] = term
        self.df[term_id] = df
        self.segments[term_id] = segments
        self.ids[term] = term_id
        if PAIR_SEP in term:
            # A word pair is looked up exactly, never offered as a typo correction.
            return
        self.by_len.setdefault(len(term), []).append(term)
        if len(term) >= 6:
            self.by_end.setdefault((len(term), term[0]), []).append(term)
            self.by_end.setdefault((-len(term), term[-1]), []).append(term)
        if 3 <= len(term) <= MAX_CORRECTABLE:
            near = self.near
            for key in deletes(term):
                held = near.get(key)
                if held is None:
                    near[key] = term_id
                elif isinstance(held, int):
                    if held != term_id:
                        near[key] = [held, term_id]
                elif term_id not in held:
                    held.append(term_id)
        if self.cache:
            # A new word may be a better correction than a cached one.
            self.cache.clear()

    def add(self, term: str) -> int:
        term_id = len(self.terms) if self.terms else 1
        self.load(term_id, term, 0, 0)
        return term_id

    def _near(self, key: str, into: set[int]) -> None:
        held = self.near.get(key)
        if held is None:
            return
        if isinstance(held, int):
            into.add(held)
        else:
            into.update(held)

    def _within(self, word: str, limit: int) -> dict[int, int]:
        """Term ids within ``limit`` edits of ``word`` found by deletion keys, with distances."""
        ids = self.ids
        cand: set[int] = set()
        self._near(word, cand)  # the word lost a letter
        for key in deletes(word):
            known = ids.get(key)  # the word gained a letter
            if known is not None:
                cand.add(known)
            self._near(key, cand)  # a letter changed, or two swapped
        if limit >= 2:
            for key in _deletes2(word):
                known = ids.get(key)
                if known is not None:
                    cand.add(known)
                self._near(key, cand)
        terms = self.terms
        out: dict[int, int] = {}
        for term_id in cand:
            dist = OSA.distance(word, terms[term_id], score_cutoff=limit)
            if dist <= limit:
                out[term_id] = dist
        return out

    def _scan(self, word: str, limit: int) -> dict[int, int]:
        out: dict[int, int] = {}
        n = len(word)
        for length in range(max(1, n - limit), n + limit + 1):
            bucket = self.by_len.get(length)
            if not bucket:
                continue
            for term, dist, _ in process.extract(
                word, bucket, scorer=OSA.distance, score_cutoff=limit, limit=None
            ):
                out[self.ids[term]] = int(dist)
        return out

    def _scan_ends(self, word: str, limit: int) -> dict[int, int]:
        """Terms up to ``limit`` letters longer that keep the word's first or last letter.

        These are the two-edit corrections the deletion keys cannot reach (two changed
        letters, or a changed and a dropped one); few words lose both end letters.
        """
        out: dict[int, int] = {}
        n = len(word)
        for length in range(n, n + limit + 1):
            for key in ((length, word[0]), (-length, word[-1])):
                bucket = self.by_end.get(key)
                if not bucket:
                    continue
                for term, dist, _ in process.extract(
                    word, bucket, scorer=OSA.distance, score_cutoff=limit, limit=None
                ):
                    out[self.ids[term]] = int(dist)
        return out

    def expand(self, word: str, hidden: AbstractSet[int] = frozenset()) -> tuple[list[int], bool]:
        """Term ids that may stand for ``word`` and whether the word itself is known.

        A term in ``hidden`` (one the asking scopes cannot see any quote of) counts as
        absent: a word known only there is corrected like an unknown one, so a server
        cannot tell that another server's private text holds it.
        """
        known = self.ids.get(word)
        if known is not None and known not in hidden:
            return [known], True
        limit = max_edits(word)
        if limit == 0 or len(word) > MAX_CORRECTABLE:
            return [], False
        if known is not None:
            return self._correct(word, limit, hidden | {known}), False
        cached = self.cache.get(word)
        if cached is not None:
            return list(cached), False
        ranked = self._correct(word, limit, frozenset())
        if len(self.cache) >= CORRECTION_CACHE:
            self.cache.clear()
        self.cache[word] = ranked
        return list(ranked), False

    def _correct(self, word: str, limit: int, skip: AbstractSet[int]) -> list[int]:
        """The best corrections of ``word``, as if the terms in ``skip`` did not exist."""

        def kept(found: dict[int, int]) -> dict[int, int]:
            return {t: d for t, d in found.items() if t not in skip} if skip else found

        found = kept(self._within(word, limit))
        if limit >= 2:
            if found:
                found.update(kept(self._scan_ends(word, limit)))
            else:
                found = kept(self._scan(word, limit))
        return sorted(found, key=lambda t: (found[t], -self.df[t], t))[:MAX_EXPANSIONS]


class WordIndex:
    """The in-memory half of the index: vocabulary, tail postings, query planning."""

    def __init__(self) -> None:
        self.vocab = Vocabulary()
        #: Each term's ids as uint32 bytes in a bytearray, not a list: a bytearray is not
        #: tracked by the garbage collector, whose full passes stop every thread (the event
        #: loop too) and walked the 35,000 lists of a 20,000-quote tail (15 ms of CPU idle,
        #: 200 ms stalls under load). Read them with :meth:`tail_postings`.
        self.tail: dict[int, bytearray] = {}
        self.tail_quotes = 0
        self.tail_max_id = 0
        self.watermark = 0
        #: Normalised text of the tail's quotes (written with the flush; words joined).
        self.tail_norms: dict[int, str] = {}
        self._new_terms: list[tuple[int, str]] = []
        #: Whether every tail posting is ascending (ids were added in increasing order).
        self._tail_sorted = True
        #: Pair signatures, two uint64 per quote id (0 when unknown: no preference).
        self.signatures: array[int] = array("Q")

    # -- writing ----------------------------------------------------------------------
    def add_quote(self, quote_id: int, text: str) -> None:
        """Index a committed quote in the tail (quotes must come in increasing id order)."""
        vocab = self.vocab
        quote_words = words(text)
        if quote_id <= self.tail_max_id:
            self._tail_sorted = False
        self.tail_norms[quote_id] = " ".join(quote_words)
        self.set_signature(quote_id, pair_signature(quote_words))
        for term in quote_terms(quote_words):
            term_id = vocab.ids.get(term)
            if term_id is None:
                term_id = vocab.add(term)
                self._new_terms.append((term_id, term))
            vocab.df[term_id] += 1
            self._tail_add(term_id, quote_id)
        self.tail_quotes += 1
        self.tail_max_id = max(self.tail_max_id, quote_id)

    def add_pairs(self, quote_id: int, text: str) -> None:
        """Index only the common-word pairs of an already indexed quote (an upgrade step).

        For databases written before pair terms existed: call it for every flushed quote
        (in id order, with an empty tail), then flush; the quote counts do not change.
        """
        vocab = self.vocab
        self._tail_sorted = False  # a rare upgrade step: the flush sorts, as it always did
        for term in pair_terms(words(text)):
            term_id = vocab.ids.get(term)
            if term_id is None:
                term_id = vocab.add(term)
                self._new_terms.append((term_id, term))
            vocab.df[term_id] += 1
            self._tail_add(term_id, quote_id)

    def _tail_add(self, term_id: int, quote_id: int) -> None:
        posting = self.tail.get(term_id)
        if posting is None:
            self.tail[term_id] = bytearray(_ID.pack(quote_id))
        else:
            posting += _ID.pack(quote_id)

    def set_signature(self, quote_id: int, sig: int) -> None:
        need = 2 * (quote_id + 1) - len(self.signatures)
        if need > 0:
            self.signatures.frombytes(bytes(8 * need))
        self.signatures[2 * quote_id], self.signatures[2 * quote_id + 1] = _bits(sig)

    def load_signatures(self, first_id: int, data: bytes) -> None:
        """Stored signatures (as written from a :class:`FlushBatch`) back into memory."""
        sigs = array("Q")
        sigs.frombytes(data[: len(data) // 16 * 16])
        last = first_id + len(sigs) // 2 - 1
        need = 2 * (last + 1) - len(self.signatures)
        if need > 0:
            self.signatures.frombytes(bytes(8 * need))
        self.signatures[2 * first_id : 2 * (last + 1)] = sigs

    def signature_bytes(self, first_id: int, last_id: int) -> bytes:
        """The signatures of quote ids ``first_id..last_id`` as stored bytes."""
        if 2 * (last_id + 1) > len(self.signatures):
            self.set_signature(last_id, 0)
        return self.signatures[2 * first_id : 2 * (last_id + 1)].tobytes()

    def affinity(self, phrase_words: Sequence[str]) -> Callable[[int], int] | None:
        """How many of the phrase's word-pair bits a quote has (None for one-word phrases)."""
        lo_need, hi_need = _bits(pair_signature(phrase_words))
        if not (lo_need or hi_need):
            return None
        return Affinity(self.signatures, lo_need, hi_need)

    def flush_batch(self) -> FlushBatch:
        """The tail as segments to write; call :meth:`flushed` once they are committed."""
        segments: list[tuple[int, int, bytes]] = []
        compact: list[int] = []
        for term_id, posting in self.tail.items():
            seg = self.vocab.segments[term_id]
            # The tail's bytes are already the segment when ids came in increasing order,
            # once per quote (no sort, no list of ints: the flush runs beside look-ups).
            data = bytes(posting) if self._tail_sorted else pack(self.tail_postings(term_id))
            segments.append((term_id, seg, data))
            if seg + 1 > MAX_SEGMENTS:
                compact.append(term_id)
        df = {term_id: self.vocab.df[term_id] for term_id in self.tail}
        first, last = self.watermark + 1, self.tail_max_id
        sigs = (first, self.signature_bytes(first, last)) if last >= first else None
        return FlushBatch(
            list(self._new_terms),
            df,
            segments,
            compact,
            max(self.watermark, self.tail_max_id),
            sigs,
            dict(self.tail_norms),
        )

    def flushed(self, batch: FlushBatch) -> None:
        """The batch is on disk: forget the tail."""
        for term_id, seg, _ in batch.segments:
            self.vocab.segments[term_id] = seg + 1
        for term_id in batch.compact:
            self.vocab.segments[term_id] = 1
        self.tail.clear()
        self.tail_norms.clear()
        self._new_terms.clear()
        self._tail_sorted = True
        self.tail_quotes = 0
        self.watermark = batch.watermark

    # -- reading ----------------------------------------------------------------------
    def plan(self, phrase: str, hidden: AbstractSet[int] = frozenset()) -> QueryPlan:
        """Normalise the phrase and correct each word against the vocabulary.

        Terms in ``hidden`` have no quote the asker can see: they are planned as absent
        (see :meth:`Vocabulary.expand`); find them with :meth:`QueryPlan.exact_terms`.
        """
        query_words = words(phrase)[:64]
        slots: list[Slot] = []
        cache: dict[str, Slot] = {}
        for word in query_words:
            slot = cache.get(word)
            if slot is None:
                term_ids, exact = self.vocab.expand(word, hidden)
                df = sum(self.vocab.df[t] for t in term_ids)
                slot = cache[word] = Slot(word, term_ids, exact, df)
            slots.append(slot)
        return QueryPlan(query_words, slots, self._pair_slots(slots, hidden))

    def _pair_slots(
        self, slots: Sequence[Slot], hidden: AbstractSet[int] = frozenset()
    ) -> list[Slot]:
        """Slots for the phrase's adjacent common-word pairs, corrections included."""
        vocab = self.vocab
        terms, ids, common = vocab.terms, vocab.ids, COMMON_WORDS
        out: list[Slot] = []
        seen: set[str] = set()
        for a, b in pairwise(slots):
            key = f"{a.word}{PAIR_SEP}{b.word}"
            if key in seen or not a.term_ids or not b.term_ids:
                continue
            seen.add(key)
            firsts = [terms[t] for t in a.term_ids if terms[t] in common]
            seconds = [terms[t] for t in b.term_ids if terms[t] in common]
            found = [
                t
                for x in firsts
                for y in seconds
                if (t := ids.get(f"{x}{PAIR_SEP}{y}")) is not None and t not in hidden
            ]
            if found:
                df = sum(vocab.df[t] for t in found)
                out.append(Slot(key, found, a.exact and b.exact, df))
        return out

    def tail_postings(self, term_id: int) -> Sequence[int]:
        """The term's quote ids in the tail, ascending (a copy; an empty one is shared)."""
        posting = self.tail.get(term_id)
        if posting is None:
            return _NO_IDS
        out = array("I")
        out.frombytes(posting)
        return out


#: One tail id as stored (the segments' format: uint32 in native order, as ``array("I")``).
_ID = struct.Struct("=I")
#: What :meth:`WordIndex.tail_postings` answers for a term without tail ids (never changed).
_NO_IDS: array[int] = array("I")


def choose_slots(plan: QueryPlan) -> list[Slot]:
    """The rare slots whose postings are worth reading (at least one when any exists)."""
    chosen: list[Slot] = []
    total = 0
    for slot in plan.candidate_slots():
        if len(chosen) >= MAX_SLOTS:
            break
        if chosen and total + slot.df > POSTING_BUDGET:
            # Only worth it when the phrase is made of common words and the rare ones
            # did not narrow things down (decided by the caller through ``refine``).
            break
        chosen.append(slot)
        total += slot.df
    return chosen


def refine_slots(plan: QueryPlan, chosen: Sequence[Slot]) -> Slot | None:
    """The next slot to read when the candidates are still too many, within the hard cap."""
    total = sum(s.df for s in chosen)
    if len(chosen) >= MAX_SLOTS:
        return None
    for slot in plan.candidate_slots():
        if any(slot is c for c in chosen):
            continue
        if total + slot.df <= POSTING_HARD_CAP:
            return slot
        return None
    return None


def rank_candidates(
    sets: Sequence[set[int]],
    limit: int = RERANK_CANDIDATES,
    *,
    prefer: Callable[[int], int] | None = None,
    visible: AbstractSet[int] | None = None,
) -> list[int]:
    """Quote ids matching the most slots first (tiers by how many slots match), capped.

    Only quotes in ``visible`` (when given: the caller's scope) compete, so a small scope
    is not crowded out by quotes it cannot see. Within a tier of at most
    :data:`PREFER_MAX` quotes, those that ``prefer`` scores higher (e.g.
    :meth:`WordIndex.affinity`) come first, then the newest. With three or more slots the
    one-slot tier only pads a short list (:data:`ONE_WORD_TIER_BELOW`). Works with set
    operations, which run in C, instead of counting in Python.
    """
    if not sets:
        return []
    vis: set[int] | frozenset[int] | None = (
        visible if visible is None or isinstance(visible, set | frozenset) else set(visible)
    )
    out: list[int] = []
    taken: set[int] = set()
    k = len(sets)
    for size in range(k, 0, -1):
        if size == 1 and k >= 3 and len(out) >= ONE_WORD_TIER_BELOW:
            # Enough quotes share two or more of the phrase's rare words: one sharing a
            # single word is not the answer, and uniting and sorting that tier was a
            # large part of a look-up's time at 1M quotes.
            break
        tier: set[int] = set()
        for combo in combinations(range(k), size):
            ordered = sorted((sets[i] for i in combo), key=len)
            if vis is not None:
                tier |= vis.intersection(*ordered)
            elif size == 1:
                tier |= ordered[0]
            else:
                # One C call; each step iterates the smaller set, so no big copies.
                tier |= ordered[0].intersection(*ordered[1:])
        tier -= taken
        need = limit - len(out)
        if prefer is None or len(tier) > PREFER_MAX:
            # A C sort beats heapq's Python loop even on 150k ids.
            picked = sorted(tier, reverse=True)[:need]
        elif isinstance(prefer, Affinity):
            picked = prefer.nlargest(need, tier)
        else:
            picked = heapq.nlargest(need, tier, key=_preferred(prefer))
        out.extend(picked)
        taken.update(picked)
        if len(out) >= limit:
            break
    return out


def _preferred(prefer: Callable[[int], int]) -> Callable[[int], int]:
    return lambda quote_id: (prefer(quote_id) << 32) | quote_id


def best_tier_size(sets: Sequence[set[int]]) -> int:
    """How many quotes match every slot read so far."""
    if not sets:
        return 0
    ordered = sorted(sets, key=len)
    inter = set(ordered[0])
    for other in ordered[1:]:
        inter &= other
    return len(inter)


__all__ = [
    "PAIR_SEP",
    "Affinity",
    "FlushBatch",
    "QueryPlan",
    "Slot",
    "Vocabulary",
    "WordIndex",
    "best_tier_size",
    "choose_slots",
    "deletes",
    "index_terms",
    "is_pair_term",
    "max_edits",
    "pack",
    "pair_signature",
    "pair_terms",
    "quote_terms",
    "rank_candidates",
    "refine_slots",
    "unpack",
]
