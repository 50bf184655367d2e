"""Speaker-name keys: "Vance", "JD Vance", "J.D. Vance" and "Jd vance" must meet.

A key is the casefolded name without accents or dots, spaces collapsed, and runs of
single-letter initials glued together ("j d vance" -> "jd vance"). The surname is the last
word of the key; a surname-only mention resolves to the unique full name carrying it.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+|_")


def speaker_key(name: str) -> str:
    """The lookup key of a speaker name ("" for a name with no letters)."""
    text = unicodedata.normalize("NFKD", name).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace(".", "").replace("’", "").replace("'", "")
    parts = [p for p in _NON_WORD.split(text) if p]
    # Each word is a list of parts, joined once at the end: gluing a long run of initials
    # onto a string again and again was quadratic (issue 18).
    out: list[list[str]] = []
    glued = False  # whether out[-1] is a run of single-letter initials
    for part in parts:
        if len(part) == 1 and out and glued:
            out[-1].append(part)
        else:
            out.append([part])
            glued = len(part) == 1 and part.isalpha()
    return " ".join("".join(word) for word in out)


def surname(key: str) -> str:
    """The last word of a key (the whole key for a one-word name)."""
    return key.rsplit(" ", 1)[-1] if key else ""


def is_full_name(key: str) -> bool:
    """Whether a key has more than one word (so a surname alias can point at it)."""
    return " " in key


__all__ = ["is_full_name", "speaker_key", "surname"]
