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
  referent: a person's name (titles dropped, "of New York" and other homes cut) with its
  surname and the fullest name the article writes ending with it; an organisation or a name
  with no known given name is one name whole ("State Department") unless the article also
  writes its last word alone ("Priebus said"). A name in apposition to a description ("the
  F.B.I. director, James B. Comey") is the speaker; a name after a preposition ("a spokesman
  for Disney", "the senator from Vermont"), ending in a title ("a Nevada Democrat") or a
  capitalised common word ("Aides") is a description. A pronoun source takes the referent of
  the nearest earlier gold source that got one and agrees with it ("he"/"she" skip a given
  name of the other gender by the extractor's name lists, "it"/"they" skip a person's name;
  "I"/"we" get none); "he"/"she" are left out when a second reading (the first person of the
  same gender named in its sentence before it, then in each of three earlier sentences from
  the start) names someone else. A description ("the group", "a woman") gets none and is left
  out. On dev this derivation agrees with the hand referents for the share
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


_PREPOSITIONS = frozenset(
    {"from", "in", "at", "on", "of", "for", "by", "with", "to", "about", "over", "against"}
    | {"during", "near", "into", "among"}
)
_APPOSITIVE_RE = re.compile(r"(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]*")


def name_in_source(source: str) -> str | None:
    """The capitalised name heading a gold Source span ("Spokeswoman Haley Morris" -> "Haley
    Morris", "Commentary's Noah Rothman" -> "Noah Rothman", "the F.B.I. director, James B.
    Comey" -> "James B. Comey"), or None for a description ("a spokesman for Disney", "The
    senator from Vermont", "a Nevada Democrat")."""
    parts = source.split(",")
    best = _head_name(parts[0])
    described = parts[0].split()[:1] in (["The"], ["A"], ["An"], ["One"]) or parts[0][:1].islower()
    if len(parts) > 1 and (best is None or described):
        appositive = " ".join(parts[1].split())
        if _APPOSITIVE_RE.fullmatch(appositive) and (
            appositive.split()[0].lower() in GIVEN_NAMES or _initial(appositive.split()[0])
        ):
            best = appositive  # "the leader of the Anti-Defamation League, Jonathan Greenblatt"
    if best is None or best.lower() in PRONOUN_SOURCES:
        return None
    return best


def _head_name(head: str) -> str | None:
    """The first capitalised run of a source's head that names its speaker."""
    head = re.sub(r"\([^)]*\)", " ", head.split(" and ")[0])
    for m in _RUN_RE.finditer(head):
        run = m.group()
        after = head[m.end() :].split()
        before = head[: m.start()].split()
        modifier = after and after[0][:1].islower() and after[0] not in {"of", "at", "from"}
        if run.endswith(("'s", "’s")) or modifier:
            continue  # "Gary Johnson's doctor", "The New York businessman": a description
        if before and before[-1] in _PREPOSITIONS:
            continue  # "The senator from Vermont", "a spokesman for Disney": not the speaker
        words = [w.title() if w.isupper() and len(w) > 3 else w for w in run.split()]
        words = [w.rstrip("’'") if w.endswith(("s’", "s'")) else w for w in words]
        titled_first = False
        while words and words[0].lower().rstrip(".") in TITLE_WORDS:
            titled_first = titled_first or words[0].lower() not in {"the", "a", "an"}
            words.pop(0)
        while words and words[-1].lower().rstrip(".") in SUFFIXES:
            words.pop()
        if len(words) > 1 and words[-1].lower().rstrip(".") in TITLE_WORDS:
            continue  # "a Nevada Democrat", "Pennsylvania Gov.": a description
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
        if "of" in words and (words.index("of") >= 2 or given or titled_first):
            # "Charles B. Rangel of New York", "Mr. Nevins of Showtime": a person's home or
            # employer, not a name ("Bank of America" keeps its "of")
            words = words[: words.index("of")]
        if words and not (len(words) > 1 and run.isupper()) and words[0][:1].isupper():
            return " ".join(words)  # the first name heads the source ("Mr. Morgan of ...")
    return None


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


def stands_alone(text: str, word: str) -> bool:
    """Whether ``text`` writes ``word`` as a name of its own ("Priebus said", "Mr. Priebus"),
    not only inside a longer capitalised name ("State Department")."""
    for m in re.finditer(rf"(?<![\w'’]){re.escape(word)}(?![\w-])", text):
        before = text[max(0, m.start() - 40) : m.start()].split()
        after = text[m.end() : m.end() + 40].split()
        prev = before[-1] if before else ""
        if prev[:1].isupper() and prev.lower().rstrip(".") not in TITLE_WORDS:
            continue
        if after and after[0][:1].isupper() and text[m.end() : m.end() + 1] not in ",.;:":
            continue
        return True
    return False


def derive_referents(text: str, sources: Sequence[tuple[int, str]]) -> list[Referent | None]:
    """Referents for gold sources given as (start offset, text), in any order."""
    order = sorted(range(len(sources)), key=lambda i: sources[i][0])
    out: list[Referent | None] = [None] * len(sources)
    for i in order:
        at, raw = sources[i]
        src = " ".join(raw.split())
        if src.lower() not in PRONOUN_SOURCES:
            out[i] = _named_referent(text, at, src)
    named = [(sources[i][0], r) for i in order if (r := out[i]) is not None]
    mentions: list[tuple[int, Referent, str]] | None = None
    for i in order:
        at, raw = sources[i]
        pronoun = " ".join(raw.split()).lower()
        if pronoun in PRONOUN_SOURCES:
            earlier = [r for pos, r in named if pos < at]
            ref = _antecedent(pronoun, earlier)
            if ref is not None and pronoun in {"he", "she", "him", "her"}:
                if mentions is None:
                    mentions = _mentions(text, named)
                alt = _subject_first(text, pronoun, at, mentions)
                if alt is not None and alt.surname != ref.surname:
                    ref = None  # two readings disagree: an unsure label is left out
            out[i] = ref
    return out


_QUOTED_RE = re.compile(r"“[^”]*”|\"[^\"\n]*\"|''.*?''")
_GIVEN_SURNAME_RE = re.compile(r"\b([A-Z][a-z]+)(?: [A-Z]\.)? ([A-Z][a-z][\w'’-]*[a-z])\b")
_SENTENCE_END_RE = re.compile(
    r"(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr))(?<!\bMrs|\bSen|\bRep|\bGov|\bGen)(?<!\b[A-Z])"
    r"[.!?][\"”’']*\s+(?=[\"“'‘]*[A-Z])|\n+"
)


def _mentions(text: str, named: Sequence[tuple[int, Referent]]) -> list[tuple[int, Referent, str]]:
    """Where the article names a person outside quotation marks, as (offset, referent,
    gender from an honorific before it): every named gold source where it stands, and every
    later or earlier mention of its surname or of a "Given Surname" the name lists know."""
    people: dict[str, Referent] = {}
    for m in _GIVEN_SURNAME_RE.finditer(text):
        if m.group(1).lower() in GIVEN_NAMES and m.group(2).lower() not in GIVEN_NAMES:
            people.setdefault(m.group(2), Referent(f"{m.group(1)} {m.group(2)}", m.group(2)))
    for _, ref in named:
        if " " not in ref.surname and not _plural(ref):
            people[ref.surname] = ref  # a source's own name wins over a text match
    quoted = [m.span() for m in _QUOTED_RE.finditer(text)]
    out = [(pos, ref, "") for pos, ref in named]
    if people:
        pat = re.compile(r"(?<![\w'’-])(" + "|".join(map(re.escape, people)) + r")(?![\w-])")
        for m in pat.finditer(text):
            if any(a < m.start() < b for a, b in quoted):
                continue
            before = text[max(0, m.start() - 6) : m.start()].split()
            honor = _HONORIFIC.get(before[-1].lower().rstrip("."), "") if before else ""
            out.append((m.start(), people[m.group(1)], honor))
    out.sort(key=lambda x: x[0])
    return out


def _subject_first(
    text: str, pronoun: str, at: int, mentions: Sequence[tuple[int, Referent, str]]
) -> Referent | None:
    """ "he"/"she" as a reader resolves it: the pronoun's own sentence up to it, then each
    earlier sentence from its start (its subject first), the first person named there whose
    gender (honorific, else given name) does not clash; None within three sentences."""
    want = "he" if pronoun in {"he", "him"} else "she"
    ends = [0] + [m.end() for m in _SENTENCE_END_RE.finditer(text, 0, at)]
    hi = at
    for lo in reversed(ends[-4:]):
        for pos, ref, honor in mentions:
            if lo <= pos < hi:
                g = honor or _gender(ref)
                if not (g in {"he", "she"} and g != want) and not _plural(ref):
                    return ref
        hi = lo
    return None


def _named_referent(text: str, at: int, src: str) -> Referent | None:
    """The referent of a gold source that is not a pronoun (None for a description)."""
    name = name_in_source(src)
    if name is None or _common_word(text, name):
        return None
    words = name.split()
    surname = words[-1]
    if len(words) > 1 and words[0].lower() not in GIVEN_NAMES:
        # "Reince Priebus" (the article also writes "Priebus" alone): no given name to
        # check; "State Department", "Fox News" (never "Department" alone): one name
        name = surname if stands_alone(text, surname) else " ".join(words)
        surname = name
    elif len(words) == 1:
        honorific = src.split()[0].lower().rstrip(".")
        gender = _HONORIFIC.get(honorific, "")
        if (given := given_for(text, surname, at, gender)) is not None:
            name = f"{given} {surname}"
    return Referent(name, surname)


def _common_word(text: str, name: str) -> bool:
    """ "Aides", "Others", "Several": one capitalised word the article also writes in lower
    case and never capitalised after a lower-case word (where a surname would be)."""
    if " " in name or not re.search(rf"(?<![\w'’-]){re.escape(name.lower())}(?![\w-])", text):
        return False
    return not re.search(rf"(?<![A-Z])[a-z,]+ {re.escape(name)}(?![\w-])", text)


_HONORIFIC = {"mr": "he", "mrs": "she", "ms": "she", "miss": "she"}


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
