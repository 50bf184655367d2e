"""How an answer found its speaker, in words the CLI and the bot both show.

Why a module of its own: "attributed via *he*, resolved to JD Vance" and the "Why this
speaker?" chain (the sentence with the quote, the mention, where the article named the person,
the resolution path, the confidence) must read the same in ``whosaid who --why`` and behind
the Discord button. Everything here is plain text built from a stored quote; renderers escape
it. Partial quotes are shown inside their sentence (``partial_in_sentence``).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.confidence_words import confidence_phrase
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


def quote_line(q: StoredQuote) -> str:
    """A quote as one plain line in a list: “direct”, a partial inside its sentence (its own
    quotation marks mark the words), or "(paraphrase) reported speech" without marks."""
    if q.kind == "indirect":
        return f"(paraphrase) {' '.join(q.text.split())}"
    found = partial_in_sentence(q)
    if found is not None:
        return found[0]
    return f"“{' '.join(q.text.split())}”"


__all__ = [
    "NO_EVIDENCE",
    "WhyStep",
    "partial_in_sentence",
    "quote_line",
    "via_mention",
    "via_words",
    "why_steps",
    "why_text",
]
