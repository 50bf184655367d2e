"""Capitalised runs and how each reads as a name: the scanning half of the entity model.

Contract: ``name_runs(text)`` lists every capitalised run (with a leading particle, "de
Blasio") in one linear pass; ``parse_run`` reads one run alone (leading sentence words,
trailing dates and a sentence end inside it dropped, the title split off) and ``name_keys``
gives the keys ``EntityModel.entity_for`` looks a name up by. Both are pure functions of
the run, cached: an article names the same people again and again. ``metadata_lines`` and
``whole_line`` find the outlet/date lines and the headline-like lines whose runs are no
speakers. ``entity_model`` registers what these return.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.core.extract.lexicon import ABBREVIATIONS, NOT_NAMES, SPEECH_VERBS
from bot.core.extract.names import is_org_name, split_title_tuple, strip_possessive, surname_key

_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)

NAME_RUN_RE = re.compile(
    # "J.M. Berger": joined initials open a name; "U.S.": no run starts inside a word.
    # The words repeat possessively (``*+``): nothing follows them, so not backtracking into
    # them matches the same, and the engine keeps no state per word (a run of a million
    # words read 3x slower per character once that state had left the CPU caches)
    r"(?<![\w’'.])(?:[A-Z]\.[A-Z]\.(?=[ \t]+[A-Z][a-z])|[A-Z][\w’'\-]*\.?"
    r"|(?:de|van|von|bin|al|la|le|del|da|der|di|du)(?=[ \t]+[A-Z]))"
    r"(?:[ \t]+(?:[A-Z][\w’'\-]*\.?|(?:de|van|von|bin|al|la|le|del|da|der|di|du)(?=[ \t]+[A-Z])))*+"
)
# the runs of ``NAME_RUN_RE`` that open with a capital, the capital matched before the
# look-behind: the regex engine then skips to capitals instead of trying every position
# (three times faster); ``name_runs`` adds the particle ("de Blasio") a run may open with
_CAPITAL_RUN_RE = re.compile(
    r"[A-Z](?<![\w’'.].)(?:\.[A-Z]\.(?=[ \t]+[A-Z][a-z])|[\w’'\-]*\.?)"
    r"(?:[ \t]+(?:[A-Z][\w’'\-]*\.?|(?:de|van|von|bin|al|la|le|del|da|der|di|du)(?=[ \t]+[A-Z])))*+"
)
_PARTICLES = {2: frozenset({"de", "al", "la", "le", "da", "di", "du"})} | {
    3: frozenset({"van", "von", "bin", "del", "der"})
}
_PARTICLE_TAILS = frozenset(w[-2:] for words in _PARTICLES.values() for w in words)


def name_runs(text: str) -> list[tuple[int, str]]:
    """``(start, run)`` of every match of ``NAME_RUN_RE`` in ``text``, found with
    ``_CAPITAL_RUN_RE``: a run found at a capital opens instead at the particle just before it
    when ``NAME_RUN_RE`` matches there to the same end. Should it end elsewhere ("de J.R.
    Smith"), the plain scan decides (it never happens in news copy)."""
    out: list[tuple[int, str]] = []
    prev_end = 0
    for m in _CAPITAL_RUN_RE.finditer(text):
        a, b = m.span()
        k = a
        while k > prev_end and text[k - 1] in " \t":
            k -= 1
        if k < a and text[k - 2 : k] in _PARTICLE_TAILS:
            for size, words in _PARTICLES.items():
                p = k - size
                if p >= prev_end and text[p:k] in words:
                    whole = NAME_RUN_RE.match(text, p)
                    if whole is not None:
                        if whole.end() != b:
                            return [(x.start(), x.group()) for x in NAME_RUN_RE.finditer(text)]
                        a = p
        out.append((a, text[a:b]))
        prev_end = b
    return out


_METADATA_LINE_RE = re.compile(
    r"^[^\n|]{1,80}\|[^\n]{0,200}(?:https?://|\b\d{4}-\d\d-\d\d\b)[^\n]{0,300}$", re.MULTILINE
)


def metadata_lines(text: str) -> list[tuple[int, int]]:
    """Outlet, date and address lines at the top of an article ("Outlet | date | URL"):
    boilerplate whose capitalised words are never people or speaking organisations."""
    if text.find("|", 0, 2000) < 0:
        return []  # every such line has a "|": no regex pass over 2000 characters
    return [m.span() for m in _METADATA_LINE_RE.finditer(text, 0, min(len(text), 2000))]


def whole_line(text: str, a: int, b: int) -> bool:
    """The span ``text[a:b]`` fills its line (a trailing blank aside); looks at 3 characters."""
    return (a == 0 or text[a - 1] == "\n") and (
        b >= len(text) or text[b] == "\n" or text[b : b + 2] in {" \n", "\r\n"}
    )


# ``name_keys``: the name words with one apostrophe, the full name, its by-surname key, its
# surname, and whether it names an organisation
NameKeys = tuple[tuple[str, ...], str, str | None, str, bool]
# ``parse_run`` of a run that holds a name: its words, the name's offset, the title, the name
# words, the word before the run's words and the name's keys
ParsedRun = tuple[tuple[str, ...], int, str | None, tuple[str, ...], str, NameKeys | None]


@lru_cache(maxsize=16384)
def parse_run(run: str, at_sentence_start: bool) -> tuple[int, int] | ParsedRun | None:
    """The part of ``_register`` that reads only the run itself, cached: an article names the
    same people again and again. ``None``: no name; ``(cut, next)``: a sentence ends inside
    the run (register ``run[:cut]`` and ``run[next:]``); else the run's words (leading
    sentence words and trailing dates dropped), the name's offset in the run, the title, the
    name words, the word before the run's words and the name's ``name_keys`` (looked up
    here, once per run, not again for every mention)."""
    if run.lower() in NOT_NAMES:
        return None  # "The", "But", "In": a quarter of all runs, and never a name (fast path)
    words = run.split()
    offsets: list[int] = []
    pos = 0
    if "  " in run or "\t" in run:
        for w in words:
            pos = run.index(w, pos)
            offsets.append(pos)
            pos += len(w)
    else:  # one blank between words (nearly every run): no ``index`` search per word
        for w in words:
            offsets.append(pos)
            pos += len(w) + 1
    for k, w in enumerate(words[:-1]):
        if w[-1] != ".":
            continue  # most words: no lowered copy to test
        base = w[:-1].lower()
        if len(base) > 1 and base not in ABBREVIATIONS and "." not in base:
            # "Donald Trump. Johnson said": a sentence ends inside the run
            return offsets[k] + len(w) - 1, offsets[k + 1]
    last = words[-1] if words else ""
    base = last[:-1]
    real_word = len(base) > 1 and "." not in base and base.lower() not in ABBREVIATIONS
    if last.endswith(".") and real_word:
        words[-1] = base  # "... met Glenn Thrush.": the period ends the sentence
    # leading sentence words ("But", "The") are not part of the name
    i = 0
    while i < len(words) and words[i].lower() in NOT_NAMES:
        i += 1
    if i == 0 and at_sentence_start and len(words) > 1 and words[0].lower() in SPEECH_VERBS:
        i = 1  # "Continued Stone: ...": the verb that opens an inverted tag
    if i >= len(words):
        return None
    first_before = words[i - 1].lower() if i > 0 else ""
    words, offsets = words[i:], offsets[i:]
    # "Marta Quill Tuesday said", "Barack Obama Election Day": the date is not the name
    while len(words) >= 3 and words[-1].lower() in _WEEKDAYS:
        words, offsets = words[:-1], offsets[:-1]
    if len(words) >= 4 and words[-1] == "Day":
        words, offsets = words[:-2], offsets[:-2]
    run_words = tuple(words)
    title, bare = split_title_tuple(run_words)
    # (an apostrophe first: a plain word needs no call)
    name = [strip_possessive(w) if "’" in w or "'" in w else w for w in bare]
    while name and name[-1].lower() in NOT_NAMES:
        name.pop()
    if not name:
        return None
    name_words = tuple(name)
    at = offsets[len(words) - len(name)]
    return run_words, at, title, name_words, first_before, name_keys(name_words)


@lru_cache(maxsize=16384)
def name_keys(words: tuple[str, ...]) -> NameKeys | None:
    """``entity_for``'s keys of a name, cached: the name words with one apostrophe, the full
    name, its by-surname key, its surname and whether it names an organisation; ``None`` for
    no name."""
    # "James O’Neill" and "O'Neill" are one man: one apostrophe in names and keys
    full = " ".join(words)
    name = words
    if "’" in full:  # (one test for the name: most hold no apostrophe to replace)
        name = tuple([w.replace("’", "'") for w in words])
        full = " ".join(name)
    if not full or full.lower() in NOT_NAMES or len(name) > 6:
        return None  # a headline in title case is not a name
    # "Joseph R. Biden Jr.": the surname is the word before the suffix
    last = name[-2] if len(name) >= 3 and name[-1].lower().rstrip(".") in _SUFFIXES else name[-1]
    return name, full, surname_key(full), last, is_org_name(full)
