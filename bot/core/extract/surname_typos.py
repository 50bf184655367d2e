"""A bare surname one letter off a surname the article names: a typo, not a new person.

Contract: ``SurnameTypos(surnames)`` indexes the article's long surnames (7 letters or more)
by first two letters and length, once; ``match(key)`` returns the one surname that ``key``
misspells by one inserted, deleted or replaced letter ("Bornsten" -> "Bornstein",
"McLenney" -> "McClenney"), or None when there is none or more than one. A look-up compares
at most a few dozen candidates, so a list of names stays linear.
"""

from __future__ import annotations

from collections.abc import Iterable

MIN_LEN = 7  # shorter surnames differ by a letter too often to call it a typo
_MAX_POOL = 30


def one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by exactly one inserted, deleted or replaced letter (case
    aside: "McLenney" is "McClenney" with one letter dropped)."""
    a, b = a.lower(), b.lower()
    if a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


class SurnameTypos:
    """The article's long surnames, indexed for the one-letter-off look-up."""

    def __init__(self, surnames: Iterable[str]) -> None:
        self._index: dict[tuple[str, int], list[str]] = {}
        for sur in surnames:
            if len(sur) >= MIN_LEN:
                self._index.setdefault((sur[:2], len(sur)), []).append(sur)
        # the first two letters indexed: most keys share them with no long surname
        self._heads = {head for head, _ in self._index}

    def match(self, key: str) -> str | None:
        """The one indexed surname ``key`` misspells (same first two letters), else None."""
        if key[:2] not in self._heads:
            return None
        pool = [
            last
            for n in (len(key) - 1, len(key), len(key) + 1)
            for last in self._index.get((key[:2], n), ())
        ]
        if len(pool) > _MAX_POOL:
            return None
        near = [
            last
            for last in pool
            if last.rstrip("s") != key.rstrip("s")  # "Pollsters", "Pollster": a plural
            and one_edit(key, last)
        ]
        return near[0] if len(near) == 1 else None
