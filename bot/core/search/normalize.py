"""Text normalisation shared by indexing and querying.

Both the stored quote and the user's phrase go through the same function so that case,
curly or straight quotes, dashes, accents, spacing and punctuation never decide a match.
Words are runs of letters and digits; apostrophes inside a word are dropped ("don't" and
"dont" are one word), everything else separates words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A word: letters/digits, optionally glued by apostrophes of any style (don't, O’Malley).
_WORD = re.compile(r"[^\W_]+(?:['’‘ʼ`´][^\W_]+)*")
#: An ASCII word as :func:`tokenize` reads it (the rerank's fast path uses it too).
ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*")
_APOSTROPHES = str.maketrans("", "", "'’‘ʼ`´")
# Punctuation common in news text, mapped to ASCII so the fast path applies more often.
_FANCY_APOS = re.compile("[’‘ʼ´`]")
_FANCY_SEP = re.compile("[“”„«»–—‑−…\u00a0\u2009\u200b]")
# Not "ʼ": a modifier letter, which the general path keeps inside a word.
_TOKEN_APOS = re.compile("[’‘´`]")
_ASCII_APOS = re.compile(r"(?<=[a-z0-9])'(?=[a-z0-9])")
_ASCII_RUN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Token:
    """A normalised word and the span of the original text it came from."""

    norm: str
    start: int
    end: int


def normalize_word(word: str) -> str:
    """Casefold, strip accents and keep letters/digits only (idempotent)."""
    if word.isascii():
        return "".join(ch for ch in word.lower() if ch.isalnum())
    text = unicodedata.normalize("NFKD", word).casefold()
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isalnum() and not unicodedata.combining(ch))


def ascii_text(text: str) -> str | None:
    """``text`` with news punctuation (curly apostrophes, dashes, quote marks) mapped
    one-for-one to ASCII, so offsets stay those of ``text``, when that makes it ASCII;
    else None (the general path of :func:`tokenize` reads it)."""
    if text.isascii():
        return text
    plain = _FANCY_SEP.sub(" ", _TOKEN_APOS.sub("'", text))
    return plain if plain.isascii() else None


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into normalised words with their original offsets (for highlighting)."""
    out: list[Token] = []
    plain = ascii_text(text)
    if plain is not None:
        # An ASCII word is letters/digits glued by straight apostrophes: normalising it is
        # lower-casing and dropping those (what normalize_word does, without a per-letter
        # loop), the same words as the general path below.
        for match in ASCII_WORD.finditer(plain):
            start, end = match.span()
            out.append(Token(match.group().lower().replace("'", ""), start, end))
        return out
    for match in _WORD.finditer(text):
        norm = normalize_word(match.group())
        if not norm:
            continue
        if norm.isascii() or _WORD.fullmatch(norm):
            out.append(Token(norm, match.start(), match.end()))
        else:
            # Compatibility decomposition can split a character into word + symbol
            # (e.g. "½" -> "1⁄2"); keep each part as its own word, on the same span.
            out.extend(Token(part, match.start(), match.end()) for part in _words_of(norm))
    return out


def _words_of(text: str) -> list[str]:
    return [normalize_word(m.group()) for m in _WORD.finditer(text) if normalize_word(m.group())]


def words(text: str) -> list[str]:
    """The normalised words of ``text``."""
    if not text.isascii():
        text = _FANCY_SEP.sub(" ", _FANCY_APOS.sub("'", text))
        if not text.isascii():
            return [t.norm for t in tokenize(text)]
    low = text.lower()
    if "'" in low:
        # Dropping every apostrophe splits words exactly as dropping only those between
        # letters does, unless two are adjacent; str.replace is much cheaper than the regex.
        low = _ASCII_APOS.sub("", low) if "''" in low else low.replace("'", "")
    return _ASCII_RUN.findall(low)


def normalize(text: str) -> str:
    """The normalised form of ``text``: its words joined by single spaces."""
    return " ".join(words(text))


__all__ = ["ASCII_WORD", "Token", "ascii_text", "normalize", "normalize_word", "tokenize", "words"]
