"""Calibrated confidence: the estimated probability that a quote's named speaker is right.

Contract: ``calibrate(text, quotes)`` takes quotes whose evidence is attached (``evidence.py``)
and whose ``confidence`` is still the engine's rule score, and returns them with ``confidence``
replaced by a logistic model's probability; ``calibrate(text, quotes, evidence=...)`` takes the
engine's quotes with their evidence beside them (``evidence_for``) and attaches it in the same
rebuild. The model's weights are not written by hand: they are fitted on PolNeAR train (its fit
part) by ``bench/fit_confidence.py`` and stored in ``confidence_model.json`` beside this module,
together with ``high_threshold``, the lowest confidence at which the fitted quotes were at least
97% right.

The features (``features``) are what the resolver knows about a quote: its kind and length (a
one-word partial quote is often a scare quote), how the speaker was found and what the mention
is, the name's shape, a possessive mention ("Whitfield's" is seldom the speaker), the distance to
the speaker's introduction. A pronoun or description also gets what lies between it and the
speaker's last mention: people of the pronoun's gender named there outside quotes, sentences
crossed, whether that mention was inside a quote (the name was quoted, not introduced), whether
the speaker is also quoted by name elsewhere and how often the article names them (a famous
name mentioned in passing wins a pronoun that belonged to the person just introduced). Each
quote's look-back is bounded (``_GAP`` characters), so the pass stays linear.

The rule score keeps one job of its own: below ``GATE`` (0.3) a quote is not an attributed
claim (a scare quote, a title, an unattributed fragment) and keeps its low score; a quote at or
above the gate keeps at least the gate, so the calibrated value never changes which quotes
count.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache, lru_cache
from itertools import islice, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.core.extract.evidence import surname
from bot.core.extract.lexicon_names import FEMALE_NAMES, MALE_NAMES
from bot.core.models import Evidence, Quote

if TYPE_CHECKING:
    from bot.core.extract.pipeline import Record

GATE = 0.3
MODEL_PATH = Path(__file__).with_name("confidence_model.json")
_WINDOW = 600  # characters before a mention searched for competing speakers
_MAX_RIVALS = 12  # recent distinct speakers checked as rivals, keeping the pass linear


# a person named in running text: "Dana Whitfield", "Mrs. Ortiz", "Sen. Tom Hale". The match
# opens with the capital, the word boundary checked behind it: the regex engine then skips to
# capitals instead of trying the pattern at every position of the gap (a look-ahead or ``\b``
# first gives it nothing to skip by). So groups 1 and 3 (honorific, given name) start after
# that capital; ``_gap`` reads them from the match start
_PERSON_RE = re.compile(
    r"[A-Z](?<!\w.)(?:(?<=M)(r|rs|s|iss)\.?[ \t]+(?:[A-Z][a-z]+[ \t]+)?([A-Z][a-z][\w'’\-]*)"
    r"|([a-z]+)(?:[ \t]+(?:[A-Z]\.[ \t]+)?([A-Z][a-z][\w'’\-]*))?)"
)
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
# a given name's gender; one not listed is unknown and no rival (the resolver cannot tell either)
_GIVEN_GENDER = {n: "f" for n in FEMALE_NAMES} | {n: "m" for n in MALE_NAMES}
_HONOR_GENDER = {"Mr": "m", "Mrs": "f", "Ms": "f", "Miss": "f"}
_SENTENCE_END = re.compile(r"[.!?][”\"’]?\s")
_POSSESSIVE = ("'s", "’s")
_NAME_PARTICLES = frozenset({"of", "the", "de", "van", "von", "al", "bin"})
_CLAUSE_OPENERS = frozenset('.!?:;—(“"\n')
_CONJUNCTIONS = frozenset(
    {"and", "or", "but", "when", "while", "as", "because", "that", "after", "before", "if"}
)
_GAP = 3000  # characters searched back for the speaker's last mention


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    """``at`` lies inside one of the sorted quote ``spans``."""
    k = bisect_right(spans, (at, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= at < spans[k][1]


def _place(text: str, at: int) -> str:
    """Where the name at ``at`` stands in its clause: "start" (opens a sentence: a subject),
    "comma" (after a lead-in), "conj" (after and/but/that...) or "mid" (an object, most often).
    The capitalised words before it (given name, title, "Sen.") are skipped; looks at 80
    characters."""
    s = text[at - 80 if at > 80 else 0 : at]
    for _ in range(5):
        t = s.rstrip(" \t")
        cut = max(t.rfind(" "), t.rfind("\t"), t.rfind("\n"))
        word = t[cut + 1 :]
        if not word or not (word[0].isupper() or word in _NAME_PARTICLES):
            break
        if word[-1] in ",;:!?" or (word[-1] == "." and len(word) > 4):
            break  # "In June, Whitfield", "... left. Whitfield": punctuation ends the skip
        s = t[: cut + 1]
    t = s.rstrip(" \t")
    if not t or t[-1] in _CLAUSE_OPENERS:
        return "start"
    if t[-1] == ",":
        return "comma"
    return "conj" if t.rsplit(None, 1)[-1].lower() in _CONJUNCTIONS else "mid"


def _gap(
    text: str, q: Quote | Record, form: str, own: str, spans: list[tuple[int, int]]
) -> list[str]:
    """What lies between the speaker's last mention and a mention resolved to it: people of
    the pronoun's gender named there, sentences crossed, whether that last mention was quoted."""
    assert q.speaker_mention is not None
    at = q.speaker_mention.start
    lo = at - _GAP if at > _GAP else 0
    last = text.rfind(own, lo, at) if own else -1
    if last < 0:
        return ["gap=none"]
    pron = _PRONOUN_GENDER.get(q.speaker_mention.text.split()[0].lower(), "")
    others: set[str] = set()
    mine = set(q.speaker.split()) if q.speaker else set()
    for m in _PERSON_RE.finditer(text, last + len(own), at):
        a = m.start()
        honor = m.end(1)
        given = text[a : m.end(3)] if honor < 0 else ""
        g = _HONOR_GENDER[text[a:honor]] if honor >= 0 else _GIVEN_GENDER.get(given.lower())
        if g is None or (pron and g != pron):
            continue
        name = m.group(2) or m.group(4) or given
        if name not in mine and not _inside(spans, a):
            others.add(name)
            if len(others) == 2:
                break  # the feature counts up to two: the rest of the gap changes nothing
    sents = sum(1 for _ in islice(_SENTENCE_END.finditer(text, last, at), 4))
    quoted = _inside(spans, last)
    return [
        f"{form}×others={min(len(others), 2)}",
        f"gap_sents={_bucket(sents, (0, 1, 3))}",
        f"last_quoted={quoted}",
        f"last_place={_place(text, last)}",
    ]


@lru_cache(maxsize=4096)
def _base_features(kind: str, method: str, form: str, rule: float, words: int) -> tuple[str, ...]:
    """The features every quote has, cached: an article's quotes share a few combinations."""
    return (
        f"kind={kind}",
        f"method={method}",
        f"form={form}",
        f"method×form={method}×{form}",
        f"kind×form={kind}×{form}",
        f"rule={round(rule * 20) / 20:.2f}",
        f"kind×words={kind}×{_bucket(words, (1, 2, 4, 8))}",
    )


@lru_cache(maxsize=4096)
def _speaker_features(speaker: str) -> tuple[tuple[str, str], str]:
    """The features of the speaker's name itself, and its surname; cached: an article quotes
    the same few people again and again."""
    words = speaker.split()
    named = (
        f"full_name={len(words) >= 2 and words[0][:1].isupper()}",
        f"speaker_lower={not speaker[:1].isupper()}",
    )
    return named, surname(speaker)


def features(
    text: str,
    quotes: Sequence[Quote | Record],
    evidence: Sequence[Evidence | None] | None = None,
) -> list[list[str]]:
    """The named features of each quote, in order (what the resolver knows about it);
    ``evidence``, when given, is each quote's evidence in place of ``Quote.evidence``."""
    out: list[list[str]] = []
    recent: list[str] = []  # distinct speaker surnames, most recent last
    spans = sorted((q.start, q.end) for q in quotes if q.kind != "indirect")
    evs = [q.evidence for q in quotes] if evidence is None else evidence
    tagged = {
        q.speaker for q, ev in zip(quotes, evs, strict=True) if ev is not None and ev.form == "name"
    }
    counts: dict[str, int] = {}  # how often the article writes each speaker's surname
    for q, ev in zip(quotes, evs, strict=True):
        method = ev.method if ev is not None else "none"
        form = ev.form if ev is not None else "none"
        f = list(_base_features(q.kind, method, form, q.confidence, len(q.text.split(None, 8))))
        if q.speaker is not None and q.speaker_mention is not None:
            named, own = _speaker_features(q.speaker)
            f.extend(named)
            f.append(f"possessive={q.speaker_mention.text.endswith(_POSSESSIVE)}")
            if ev is not None and ev.introduced is not None:
                dist = q.speaker_mention.start - ev.introduced.start  # below 0: "<=0" too
                f.append(f"intro_dist={_bucket(dist, (0, 300, 1500, 5000))}")
            else:
                f.append("intro_dist=unnamed")
            if form in {"pronoun", "description"} or method in {"floating", "continued"}:
                at = q.speaker_mention.start
                window = text[at - _WINDOW if at > _WINDOW else 0 : at]
                rivals = sum(1 for s in recent[-_MAX_RIVALS:] if s != own and s in window)
                rivals = rivals if rivals < 2 else 2
                f.append(f"rivals={rivals}")
                f.append(f"form×rivals={form}×{rivals}")
            if form in {"pronoun", "description"}:
                f.extend(_gap(text, q, form, own, spans))
                f.append(f"tagged={q.speaker in tagged}")
                if own not in counts:
                    counts[own] = text.count(own) if own else 0
                f.append(f"named={_bucket(counts[own], (1, 3, 9))}")
            if own and own not in recent[-_MAX_RIVALS:]:
                recent.append(own)
        out.append(f)
    return out


@cache
def load_model(path: Path = MODEL_PATH) -> dict[str, Any]:
    """The fitted model; an empty one (rule scores kept) if the file is missing or broken."""
    try:
        model: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return model if isinstance(model.get("weights"), dict) else {}


def probability(model: dict[str, Any], feats: list[str]) -> float:
    """The logistic model's probability for one quote's features."""
    weights: dict[str, float] = model["weights"]
    z = float(model.get("bias", 0.0)) + sum(map(weights.get, feats, repeat(0.0)))
    z = -30.0 if z < -30.0 else 30.0 if z > 30.0 else z
    return 1.0 / (1.0 + math.exp(-z))


def calibrate(
    text: str,
    quotes: Sequence[Quote | Record],
    model: dict[str, Any] | None = None,
    evidence: Sequence[Evidence | None] | None = None,
) -> list[Quote]:
    """The quotes with ``confidence`` as a calibrated probability (see the module docstring),
    and with ``evidence`` attached when it is given."""
    model = load_model() if model is None else model
    evs = [q.evidence for q in quotes] if evidence is None else evidence
    feats = features(text, quotes, evs) if model else [[] for _ in quotes]
    out: list[Quote] = []
    for q, ev, f in zip(quotes, evs, feats, strict=True):
        conf = q.confidence
        if model and conf >= GATE:
            conf = round(GATE if q.speaker is None else max(GATE, probability(model, f)), 3)
        elif ev is q.evidence and isinstance(q, Quote):
            out.append(q)  # nothing to change: kept as it is
            continue
        # built directly: ``dataclasses.replace`` costs twice as much, once per quote
        out.append(
            Quote(
                q.text, q.start, q.end, q.kind, q.speaker, q.speaker_mention, q.title, q.cue,
                conf, q.context, q.context_start, q.context_end, q.group, ev,
            )
        )  # fmt: skip
    return out


def high_threshold(model: dict[str, Any] | None = None) -> float:
    """The confidence from which answers may say "high" (measured ≥ 97% right when fitted)."""
    model = load_model() if model is None else model
    return float(model.get("high_threshold", 1.01)) if model else 1.01
