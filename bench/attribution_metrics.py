"""Resolved-speaker scoring for ``attribution_eval.py``: the strict rule, gold referents for dev
(hand-resolved) and train (derived from gold Source spans), calibration error and coverage.

Why a module of its own: the strict rule and the train label derivation are the definitions the
figures rest on, and ``fit_confidence.py`` must label train quotes exactly as the evaluation does.

* Strict rule (``shared/README.md``): the answer contains the referent's surname as a word, and
  where both carry a given name (first word, titles and a leading "the" dropped) they agree: same
  first three letters, one an initial of the other, or a pair in ``NICKNAMES``. An unnamed
  referent (empty surname, "a spokesman for Disney") is right when the answer and the
  description (case, apostrophes and a leading article normalised) contains the description, or
  is a part of it that starts where it starts (its head): "spokesman for Disney" is right for
  "a spokesman for Disney", "Disney" is not.
* Train referents (no hand gold): a gold Source whose head is a capitalised name gives its
  surname (the last word of the last capitalised run before any comma, possessives skipped) and
  the fullest name the article writes ending with that surname (titles dropped); a pronoun
  source takes the referent of the nearest earlier gold source that got one and agrees with it
  ("he"/"she" skip a given name of the other gender by the extractor's name lists, "it"/"they"
  skip a person's name; "I"/"we" get none); a description ("the group", "a woman") gets none
  and is left out. On dev this derivation agrees with the hand referents for the share
  ``attribution_eval.py --split dev --derived`` prints.
* Held-out train: an article is held out when ``sha1(file stem) % 5 == 0``; no one reads its
  errors, so its figures measure rules and the confidence fit on unseen text.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.core.extract.lexicon import FEMALE_NAMES, MALE_NAMES

GIVEN_NAMES = MALE_NAMES | FEMALE_NAMES

#: Common English given-name pairs not caught by the first-three-letters rule.
NICKNAMES: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "bill william will billy willie",
        "bob robert rob bobby bert beto",
        "dick richard rick ricky",
        "ted edward ed eddie teddy ned",
        "chuck charles charlie chas",
        "hank henry harry",
        "jack john johnny jon",
        "jim james jimmy jamie",
        "joe joseph joey",
        "mike michael mick",
        "peggy margaret maggie meg",
        "liz elizabeth beth betsy betty eliza",
        "kate katherine kathy katie kathleen catherine cathy",
        "sue susan suzanne",
        "tony anthony",
        "jerry gerald jerome",
        "larry lawrence laurence",
        "newt newton",
        "bernie bernard",
        "nancy ann anne anna",
        "sandy sandra alexandra",
        "chris christopher christine christina",
        "dan daniel danny",
        "dave david",
        "steve stephen steven",
        "tom thomas tommy",
        "pat patrick patricia",
        "jeb john",
        "mitt willard",
        "hillary hilary",
    )
)
_TITLES = """mr mrs ms miss dr sen senator rep representative gov governor president vice former
    gen general col adm secretary mayor judge justice rev father sister candidate nominee
    spokesman spokeswoman spokesperson chairman chairwoman chair director professor prof
    speaker leader minister ambassador attorney lt sgt capt captain the a an democrat
    republican libertarian rival democratic chief activist retired interim del but said as
    only many this his her their crooked derelict"""
TITLE_WORDS = frozenset(_TITLES.split())
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
PRONOUN_SOURCES = frozenset({"he", "she", "they", "it", "i", "we", "him", "her", "them"})
_APOS = str.maketrans({"’": "'", "‘": "'"})


def _words(name: str) -> list[str]:
    return [w.strip(",.") for w in name.translate(_APOS).split() if w.strip(",.")]


def _given(name: str, surname: str) -> str | None:
    """The first word of ``name`` before ``surname``, titles and "the" skipped."""
    words = _words(name)
    low = [w.lower() for w in words]
    sur = surname.translate(_APOS).lower()
    if sur not in low:
        return None
    for w in words[: low.index(sur)]:
        if w.lower().rstrip(".") in TITLE_WORDS:
            continue
        return w if w[:1].isupper() else None
    return None


def _initial(word: str) -> bool:
    bare = word.replace(".", "")
    return (
        len(bare) == 1
        or (word.endswith(".") and len(bare) <= 2)
        or (bare.isupper() and len(bare) <= 3)
    )


def given_names_agree(a: str, b: str) -> bool:
    """ "Joe"/"Joseph", "J."/"John", "Bill"/"William": the same person's given name."""
    la, lb = a.lower().replace(".", ""), b.lower().replace(".", "")
    if _initial(a) or _initial(b):
        return la[:1] == lb[:1]
    if la[:3] == lb[:3]:
        return True
    return any(la in g and lb in g for g in NICKNAMES)


def _norm(s: str) -> str:
    s = s.translate(_APOS).lower().strip(" .,")
    return re.sub(r"^(the|a|an) ", "", " ".join(s.split()))


def strict_right(answer: str | None, referent: str, surname: str) -> bool:
    """The strict rule for one answer (see the module docstring)."""
    if not answer:
        return False
    if not surname:
        a, r = _norm(answer), _norm(referent)
        if not a or not r:
            return False
        return r in a or (a in r and a.split()[0] == r.split()[0])
    sur = surname.translate(_APOS)
    if not re.search(rf"(?<!\w){re.escape(sur)}(?!\w)", answer.translate(_APOS)):
        return False
    ga, gr = _given(answer, sur), _given(referent, sur)
    if ga is None or gr is None:
        return True
    return given_names_agree(ga, gr)


def held_out(name: str) -> bool:
    """The fixed one-in-five train articles nobody reads errors from."""
    return int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16) % 5 == 0


@dataclass(frozen=True)
class Referent:
    """Who really said an attribution: full name and the surname a right answer contains."""

    name: str
    surname: str


def load_dev_referents(path: Path) -> dict[tuple[str, int, int], Referent]:
    """``speakers_dev.jsonl`` keyed by (article, content start, content end)."""
    out: dict[tuple[str, int, int], Referent] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            key = (r["article"], r["content_start"], r["content_end"])
            out[key] = Referent(r["referent"], r["referent_surname"])
    return out


_RUN_RE = re.compile(r"[A-Z][\w.'’-]*(?:\s+(?:(?:of|de|van|von|al|bin|la|del)\s+)?[A-Z][\w.'’-]*)*")


def name_in_source(source: str) -> str | None:
    """The capitalised name heading a gold Source span ("Spokeswoman Haley Morris" -> "Haley
    Morris", "Commentary's Noah Rothman" -> "Noah Rothman"), or None for a description."""
    head = re.sub(r"\([^)]*\)", " ", source.split(",")[0].split(" and ")[0])
    best: str | None = None
    for m in _RUN_RE.finditer(head):
        run = m.group()
        after = head[m.end() :].split()
        modifier = after and after[0][:1].islower() and after[0] not in {"of", "at", "from"}
        if run.endswith(("'s", "’s")) or modifier:
            continue  # "Gary Johnson's doctor", "The New York businessman": a description
        words = [w.title() if w.isupper() and len(w) > 3 else w for w in run.split()]
        while words and words[0].lower().rstrip(".") in TITLE_WORDS:
            words.pop(0)
        while words and words[-1].lower().rstrip(".") in SUFFIXES:
            words.pop()
        titled = [
            k
            for k, w in enumerate(words[:-1])
            if w.lower().rstrip(".") in TITLE_WORDS or w.endswith(("'s", "’s"))
        ]
        if titled:  # "Oversight Chairman Jason Chaffetz", "NBC's Dante Chinni": the name after
            words = words[titled[-1] + 1 :]
        given = [k for k, w in enumerate(words[:-1]) if w.lower() in GIVEN_NAMES]
        if given:  # "German Chancellor Angela Merkel": the name from its given name
            words = words[given[0] :]
            if "of" in words:  # "Charles B. Rangel of New York": a person's home, not name
                words = words[: words.index("of")]
        if words and not (len(words) > 1 and run.isupper()) and words[0][:1].isupper():
            best = " ".join(words)
            break  # the first name heads the source ("Mr. Morgan of the Sierra Club")
    if best is None or best.lower() in PRONOUN_SOURCES:
        return None
    return best


def given_for(text: str, surname: str, at: int, gender: str = "") -> str | None:
    """The known given name the article writes before ``surname`` ("Hillary Clinton"):
    the nearest occurrence before offset ``at`` (after it when none is before), unless that
    given name is written once and another at least twice (a headline's "Exploits Trump")."""
    pat = (
        r"(?<![\w.])([A-Z][a-z][\w'’-]*)(?:[ \xa0]+[A-Z]\.)*[ \xa0]+"
        + re.escape(surname)
        + r"(?![\w’'])"
    )
    seen: list[tuple[int, str]] = [
        (m.start(), m.group(1))
        for m in re.finditer(pat, text)
        if m.group(1).lower() not in TITLE_WORDS
    ]
    # a given name the extractor's name lists know: "Donald Trump", not "Post Trump"
    seen = [(pos, g) for pos, g in seen if g.lower() in GIVEN_NAMES]
    other = {"he": FEMALE_NAMES - MALE_NAMES, "she": MALE_NAMES - FEMALE_NAMES}.get(gender)
    if other is not None:  # "Mr. Obama" is not Michelle Obama
        seen = [(pos, g) for pos, g in seen if g.lower() not in other]
    if not seen:
        return None
    counts: dict[str, int] = {}
    for _, g in seen:
        counts[g] = counts.get(g, 0) + 1
    before = [g for pos, g in seen if pos < at]
    pick = before[-1] if before else seen[0][1]
    top = max(counts, key=lambda g: counts[g])
    if counts[pick] == 1 and counts[top] >= 2:
        pick = top
    return pick


def derive_referents(text: str, sources: Sequence[tuple[int, str]]) -> list[Referent | None]:
    """Referents for gold sources given as (start offset, text), in any order."""
    order = sorted(range(len(sources)), key=lambda i: sources[i][0])
    out: list[Referent | None] = [None] * len(sources)
    earlier: list[Referent] = []
    for i in order:
        at, raw = sources[i]
        src = " ".join(raw.split())
        if src.lower() in PRONOUN_SOURCES:
            out[i] = _antecedent(src.lower(), earlier)
            continue
        name = name_in_source(src)
        if name is None:
            continue
        words = name.split()
        surname = words[-1]
        if len(words) > 1 and words[0].lower() not in GIVEN_NAMES:
            name = surname  # "Diaz Martinez", "Tax Justice": no given name to check
        elif len(words) == 1:
            honorific = src.split()[0].lower().rstrip(".")
            gender = {"mr": "he", "mrs": "she", "ms": "she", "miss": "she"}.get(honorific, "")
            if (given := given_for(text, surname, at, gender)) is not None:
                name = f"{given} {surname}"
        out[i] = ref = Referent(name, surname)
        earlier.append(ref)
    return out


def _gender(ref: Referent) -> str:
    words = ref.name.split()
    given = words[0].lower() if len(words) > 1 else ""
    if given in MALE_NAMES and given not in FEMALE_NAMES:
        return "he"
    if given in FEMALE_NAMES and given not in MALE_NAMES:
        return "she"
    return "person" if given else ""


def _plural(ref: Referent) -> bool:
    """ "Delegates", "Some Democrats": a group, never "he" or "she"."""
    words = ref.name.split()
    return words[0] == "Some" or (len(words) == 1 and words[0].endswith("s"))


def _antecedent(pronoun: str, earlier: Sequence[Referent]) -> Referent | None:
    """The nearest earlier named source that agrees with the pronoun: "he"/"she" skip a
    given name of the other gender, "it"/"they" skip a person's name; "I"/"we" get none."""
    want = {"he": "he", "him": "he", "she": "she", "her": "she"}.get(pronoun)
    for ref in reversed(earlier):
        g = _gender(ref)
        if want is not None and ((g in {"he", "she"} and g != want) or _plural(ref)):
            continue
        if want is None and pronoun in {"it", "they", "them"} and g in {"he", "she", "person"}:
            continue
        if pronoun in {"i", "we"}:
            return None
        return ref
    return None


def expected_calibration_error(points: Sequence[tuple[float, bool]], bins: int = 10) -> float:
    """ECE over equal-width confidence bins: sum of |accuracy - mean confidence| by bin share."""
    if not points:
        return 0.0
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, r) for c, r in points if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if inside:
            conf = sum(c for c, _ in inside) / len(inside)
            acc = sum(1 for _, r in inside if r) / len(inside)
            total += len(inside) / len(points) * abs(acc - conf)
    return total


def coverage_at(points: Sequence[tuple[float, bool]], target: float = 0.97) -> tuple[float, float]:
    """The largest share of ``points`` taken from the most confident down that is still at
    least ``target`` right, cut only between different confidences (a tie is all in or all
    out); with the confidence of the last point taken (1.0 when nothing qualifies)."""
    ranked = sorted(points, key=lambda p: -p[0])
    best, thresh, right = 0, 1.0, 0
    for k, (c, r) in enumerate(ranked, 1):
        right += r
        if (k == len(ranked) or ranked[k][0] < c) and right >= target * k:
            best, thresh = k, c
    return (best / len(ranked) if ranked else 0.0), thresh
