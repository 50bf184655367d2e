"""How an answer found its speaker, in words the CLI and the bot both show.

Why a module of its own: "attributed via *he*, resolved to JD Vance" and the "Why this
speaker?" chain (the sentence with the quote, the mention, where the article named the person,
the resolution path, the confidence) must read the same in ``whosaid who --why`` and behind
the Discord button. Everything here is plain text built from a stored quote; renderers escape
it. Partial quotes are shown inside their sentence (``partial_in_sentence``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.confidence_words import UNCERTAIN_BELOW, confidence_phrase
from bot.core.models import StoredQuote

#: Evidence forms whose mention is not the speaker's name: the answer says which word it was.
INDIRECT_FORMS = frozenset({"pronoun", "description"})
NO_EVIDENCE = (
    "This quote was stored before whosaid kept its evidence; add the article again to see it."
)


def via_mention(q: StoredQuote) -> str | None:
    """The pronoun or description the speaker was resolved through ("he", "the senator"),
    or None when the quote names its speaker (a description holding the name, "The mayor,
    Tomas Reyl", names them)."""
    ev = q.evidence
    if ev is None or not q.speaker or ev.form not in INDIRECT_FORMS:
        return None
    mention = " ".join(ev.mention.split())
    if not mention:
        return None
    last = q.speaker.split()[-1].lower()
    if last in mention.lower():
        return None
    # "She said" opens a sentence; the answer names the word, in lower case.
    return mention.lower() if mention.lower() in _PRONOUNS else mention


def via_words(q: StoredQuote) -> str | None:
    """ "attributed via *he*, resolved to JD Vance" (markdown italics), or None."""
    mention = via_mention(q)
    if mention is None:
        return None
    return f"attributed via *{mention}*, resolved to {q.speaker}"


_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "who", "his", "her", "their"})


@dataclass(frozen=True, slots=True)
class WhyStep:
    """One link of the chain: what it is ("Mention") and what the article says."""

    label: str
    text: str


def why_steps(q: StoredQuote) -> list[WhyStep]:
    """The chain from the quote to its speaker, in reading order."""
    sentence = " ".join((q.context or q.text).split())
    steps = [WhyStep("Sentence with the quote", sentence)]
    ev = q.evidence
    confidence = WhyStep("Confidence", confidence_phrase(q.confidence))
    if not q.speaker:
        steps.append(WhyStep("Speaker", "none found in the article"))
        return [*steps, confidence]
    if ev is None:
        return [*steps, WhyStep("Evidence", NO_EVIDENCE), confidence]
    mention = " ".join(ev.mention.split())
    if mention:
        kind = ev.form if ev.form in INDIRECT_FORMS or ev.form == "name" else "mention"
        steps.append(WhyStep("Mention", f"“{mention}” ({kind})"))
    if ev.cue:
        steps.append(WhyStep("Speech verb", ev.cue))
    named = " ".join(ev.introduced_sentence.split())
    if named and named != sentence:
        steps.append(WhyStep(f"Where the article named {q.speaker}", named))
    elif named:
        steps.append(WhyStep(f"Where the article named {q.speaker}", "in this same sentence"))
    else:
        steps.append(
            WhyStep(f"Where the article named {q.speaker}", "the article never names them")
        )
    if ev.path:
        steps.append(WhyStep("Path", ev.path))
    return [*steps, confidence]


def why_text(q: StoredQuote) -> str:
    """The chain as plain text lines (the CLI's ``--why``)."""
    lines = [f"Why {q.speaker or 'no speaker'}?"]
    lines += [f"  {s.label}: {s.text}" for s in why_steps(q)]
    return "\n".join(lines)


def partial_in_sentence(q: StoredQuote) -> tuple[str, tuple[int, int]] | None:
    """For a partial quote: its sentence (whitespace collapsed) and where the quoted words
    sit in it, so a renderer can mark them; None when the context does not hold them."""
    if q.kind != "partial":
        return None
    sentence = " ".join(q.context.split())
    words = " ".join(q.text.split())
    at = sentence.find(words) if words else -1
    if at < 0 or sentence == words:
        return None
    return sentence, (at, at + len(words))


#: Quotation marks that may already stand around a partial quote's words in its sentence.
_OPENING = "\"“‘'«„‚‹"
_CLOSING = "\"”’'»“‘›"


def partial_marked(
    q: StoredQuote, matched: Sequence[tuple[int, int]] = ()
) -> tuple[str, tuple[int, int], list[tuple[int, int]]] | None:
    """A partial quote inside its sentence with the quoted words marked: the sentence, where
    the words sit in it (inside quotation marks: the article's own when they stand right
    around the words, else “ ” added) and ``matched`` (offsets into ``q.text``) moved into
    the sentence. None when the quote is not partial or its sentence does not hold it."""
    found = partial_in_sentence(q)
    if found is None:
        return None
    sentence, (a, b) = found
    text = " ".join(q.text.split())
    if not (
        a > 0 and b < len(sentence) and sentence[a - 1] in _OPENING and sentence[b] in _CLOSING
    ):
        sentence = f"{sentence[:a]}“{sentence[a:b]}”{sentence[b:]}"
        a, b = a + 1, b + 1
    # ``matched`` indexes q.text; the sentence holds its whitespace-collapsed form.
    moved = [(a + _collapsed(q.text, s), a + _collapsed(q.text, e)) for s, e in matched]
    return sentence, (a, b), [(s, min(e, a + len(text))) for s, e in moved if s < e]


def _collapsed(raw: str, offset: int) -> int:
    """Where ``offset`` of ``raw`` falls in ``" ".join(raw.split())``."""
    head = raw[: max(0, offset)]
    at = len(" ".join(head.split()))
    return at + 1 if head.strip() and head[-1].isspace() else at


def excerpt(sentence: str, span: tuple[int, int], limit: int) -> str:
    """``sentence`` cut to ``limit`` characters around ``span`` (the quoted words, whose
    marks stay with them when they fit), with "…" where it was cut."""
    if len(sentence) <= limit:
        return sentence
    lo, hi = max(0, span[0] - 1), min(len(sentence), span[1] + 1)
    if hi - lo + 2 > limit:  # the quoted words alone do not fit
        return sentence[lo : lo + max(1, limit - 2)] + "…”"
    room = limit - (hi - lo) - 2  # two characters kept for the ellipses
    left = min(lo, room // 2)
    right = min(len(sentence) - hi, room - left)
    left = min(lo, room - right)
    start, end = lo - left, hi + right
    head = "…" if start > 0 else ""
    return f"{head}{sentence[start:end]}{'…' if end < len(sentence) else ''}"


def quote_line(q: StoredQuote, limit: int | None = None) -> str:
    """A quote as one plain line in a list: “direct”, a partial inside its sentence with the
    quoted words in quotation marks, or "(paraphrase) reported speech" without marks; at
    most ``limit`` characters."""
    text = " ".join(q.text.split())
    if q.kind == "indirect":
        line = f"(paraphrase) {text}"
    else:
        found = partial_marked(q)
        if found is not None:
            sentence, span, _ = found
            return excerpt(sentence, span, limit) if limit else sentence
        line = f"“{text}”"
    if limit is None or len(line) <= limit:
        return line
    if q.kind == "indirect":
        return line[: max(0, limit - 1)].rstrip() + "…"
    return line[: max(1, limit - 2)].rstrip() + "…”"


def speaker_notes(q: StoredQuote) -> list[str]:
    """Plain-text notes a listed quote's speaker needs: "attributed via “she”" when a
    pronoun or description named them, "speaker uncertain" below 0.5."""
    notes = []
    via = via_mention(q)
    if via is not None:
        notes.append(f"attributed via “{via}”")
    if q.speaker and q.confidence < UNCERTAIN_BELOW:
        notes.append("speaker uncertain")
    return notes


__all__ = [
    "NO_EVIDENCE",
    "WhyStep",
    "excerpt",
    "partial_in_sentence",
    "partial_marked",
    "quote_line",
    "speaker_notes",
    "via_mention",
    "via_words",
    "why_steps",
    "why_text",
]
