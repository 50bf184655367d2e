"""What someone claims was said: the words, and the speaker the claim names, if any.

Why a module of its own: ``check`` must compare only the quoted words, so "Ellison said we
will not raise rates", "Ellison: “…”", "“…” — Ellison", "“…”, Ellison said" and "according to
Ellison, …" all reduce to the words plus the claimed speaker "Ellison". Linear in the text:
the speaker patterns only ever run on a bounded head or tail of the text (a name is short),
and the quoted passage is found in one pass of negated character classes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A claimed speaker is at most this many characters (a name with a title, not a sentence).
MAX_NAME = 60
#: Only this much of the text before or after the words is read for a speaker.
EDGE = 120

_QUOTE_MARKS = "\"'“”„‟‘’‚‛«»‹›「」`"
#: A quoted passage: straight, curly, low-9 or guillemet quotes (no nesting).
_QUOTED = re.compile(r'"([^"]+)"|“([^”“]+)[”“]|„([^“”„]+)[“”]|«([^»]+)»|‘([^’]+)’')
#: The words that introduce a claimed quotation ("said", "once said", "has said that").
_VERB = (
    r"(?:(?:once|has|had|have|reportedly|actually|really|allegedly|just|also)\s+)?"
    r"(?:said|says|say|stated|states|claimed|claims|declared|declares|wrote|writes|tweeted|"
    r"tweets|posted|insisted|insists|added|adds|told\s+\w+|announced|promised|vowed)"
)
#: A name: one to six words of letters, dots, hyphens and apostrophes ("Mr. O'Neil",
#: "Gov. Mara Ellison", "J.D. Vance"); bounded, so matching it is constant work.
_NAME = r"(?P<name>[^\W\d_][\w.'’-]{0,30}(?:\s+[\w.'’-]{1,30}){0,5}?)"
_LEAD = [
    re.compile(rf"^{_NAME}\s+{_VERB}(?:\s+that)?\s*[:,]?\s*", re.IGNORECASE),
    re.compile(rf"^{_NAME}\s*:\s+", re.IGNORECASE),
    re.compile(rf"^according\s+to\s+{_NAME}\s*[:,]\s*", re.IGNORECASE),
]
_TAIL = [
    re.compile(rf"(?:^|[,.;!?\"”’'»]|\s)\s*(?:—|–|―|--|-)\s*{_NAME}\.?\s*$", re.IGNORECASE),
    re.compile(rf"(?:^|[,.;!?\"”’'»])\s*{_NAME}\s+{_VERB}\.?\s*$", re.IGNORECASE),
    re.compile(rf"(?:^|[,.;!?\"”’'»])\s*{_VERB}\s+{_NAME}\.?\s*$", re.IGNORECASE),
    re.compile(rf"(?:^|[,.;!?\"”’'»]|\s)\s*according\s+to\s+{_NAME}\.?\s*$", re.IGNORECASE),
]
#: Words that start a clause, never a claimed speaker ("I said", "and then he said").
_NOT_NAMES = frozenset(
    """i you he she it we they this that there who what and but so then as if when because
    someone somebody everyone nobody people""".split()  # noqa: SIM905 (a word list)
)
#: Pronoun attributions ("…, she said") are dropped from the words but name nobody.
_PRONOUNS = frozenset({"he", "she", "they"})
#: An ellipsis marks words the claim left out on purpose.
_ELLIPSIS = re.compile(r"\s*(?:\.\s?\.\s?\.|…)\s*")


@dataclass(frozen=True, slots=True)
class Claim:
    """The claimed words (quote marks stripped), their ellipsis-separated parts, and the
    speaker the claim names, as typed (None when it names nobody)."""

    words: str
    speaker: str | None
    parts: tuple[str, ...] = ()


def _name(found: re.Match[str] | None) -> str | None:
    """The claimed name; "" for a pronoun (the attribution is dropped, naming nobody);
    None when the match is no attribution at all."""
    if found is None:
        return None
    name = " ".join(found.group("name").split()).strip(_QUOTE_MARKS + ",.:;")
    first = name.split(" ", 1)[0].lower() if name else ""
    if first in _PRONOUNS and " " not in name:
        return ""
    if not name or len(name) > MAX_NAME or first in _NOT_NAMES:
        return None
    return name


def _lead_speaker(text: str) -> tuple[str | None, str]:
    """A speaker named before the words, and the text after that attribution."""
    head = text[:EDGE]
    for pattern in _LEAD:
        found = pattern.match(head)
        name = _name(found)
        if found is not None and name is not None:
            return name or None, text[found.end() :]
    return None, text


def _tail_speaker(text: str) -> tuple[str | None, str]:
    """A speaker named after the words, and the text before that attribution."""
    cut = max(0, len(text) - EDGE)
    tail = text[cut:]
    for pattern in _TAIL:
        found = pattern.search(tail)
        name = _name(found)
        if found is not None and name is not None:
            return name or None, text[: cut + found.start()] + _closing(tail[found.start() :])
    return None, text


def _closing(attribution: str) -> str:
    """The punctuation that ended the words before an attribution (kept with the words)."""
    return attribution[:1] if attribution[:1] in ",.;!?" else ""


def _longest_quoted(text: str) -> re.Match[str] | None:
    best: re.Match[str] | None = None
    for found in _QUOTED.finditer(text):
        if best is None or len(found.group(0)) > len(best.group(0)):
            best = found
    return best


def _strip(text: str) -> str:
    return text.strip().strip(_QUOTE_MARKS + " ,;:").strip()


def parse_claim(raw: str, _depth: int = 0) -> Claim:
    """Split a claim into its words and its claimed speaker; any text in, never an error.

    With a quoted passage, the words are the longest one and the speaker is read from the
    text around it; without, a speaker is read from the start or the end of the text.
    """
    text = " ".join(raw.split())
    speaker: str | None = None
    quoted = _longest_quoted(text)
    if quoted is not None and len(quoted.group(0)) * 2 >= len(text.strip(" .")):
        words = next(g for g in quoted.groups() if g is not None)
        if quoted.group(0) == text.strip() and _depth < 3:
            # The whole claim in quotes ('!check "Ellison said …"'): read inside them.
            return parse_claim(words, _depth + 1)
        before, after = text[: quoted.start()].strip(), text[quoted.end() :].strip()
        if before and len(before) <= EDGE:
            name, rest = _lead_speaker(before + " ")
            speaker = name if not rest.strip() else None
        if speaker is None and after and len(after) <= EDGE:
            name, rest = _tail_speaker(after)
            speaker = name if not _strip(rest) else None
    else:
        speaker, words = _lead_speaker(text)
        if speaker is None:
            speaker, words = _tail_speaker(text)
    words = _strip(words)
    parts = tuple(p for p in (_strip(p) for p in _ELLIPSIS.split(words)) if p)
    words = " ".join(parts) if parts else words
    return Claim(words=words, speaker=speaker, parts=parts if len(parts) > 1 else ())


__all__ = ["MAX_NAME", "Claim", "parse_claim"]
