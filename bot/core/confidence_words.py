"""Honest words for an attribution, shared by the CLI and the Discord renderer.

Why a module of its own: every answer must phrase confidence the same way. "High" is said only
from the confidence at which the fitted model's quotes were measured ≥ 97% right
(``high_threshold`` in the confidence model); below 0.5 the speaker is called uncertain; a
pronoun or description attribution says which word it went through; reported speech is a
paraphrase and is never put inside quotation marks.
"""

from __future__ import annotations

from bot.core.extract.confidence import high_threshold

UNCERTAIN_BELOW = 0.5


def level(confidence: float) -> str:
    """ "high", "medium" or "uncertain"."""
    if confidence >= high_threshold():
        return "high"
    if confidence >= UNCERTAIN_BELOW:
        return "medium"
    return "uncertain"


def confidence_phrase(confidence: float) -> str:
    """ "medium (84%)"; "uncertain — check the source (42%)" below 0.5."""
    word = level(confidence)
    if word == "uncertain":
        word = "uncertain — check the source"
    # Rounded down, so 0.946 under a 0.95 "high" line never reads "medium (95%)".
    return f"{word} ({int(confidence * 100)}%)"


def confidence_words(confidence: float) -> str:
    """ "Attribution confidence: medium (84%)"; "uncertain — check the source" below 0.5."""
    return f"Attribution confidence: {confidence_phrase(confidence)}"


def speaker_words(
    speaker: str | None,
    title: str | None,
    confidence: float,
    *,
    via: str | None = None,
    form: str | None = None,
) -> str:
    """Who said it, hedged as the evidence warrants: "JD Vance (Vice President)", "JD Vance
    [attributed via *he*, resolved to JD Vance]", "Possibly JD Vance [the speaker is
    uncertain]"."""
    if not speaker:
        return "Unknown speaker"
    name = f"{speaker} ({title})" if title else speaker
    notes = []
    if form in {"pronoun", "description"} and via:
        notes.append(f"attributed via *{via}*, resolved to {speaker}")
    if confidence < UNCERTAIN_BELOW:
        name = f"Possibly {name}"
        notes.append("the speaker is uncertain")
    return f"{name} [{'; '.join(notes)}]" if notes else name


def possibly(name: str, confidence: float) -> str:
    """ "Possibly X — the speaker is uncertain" below 0.5, else the name as it is."""
    return f"Possibly {name} — the speaker is uncertain" if confidence < UNCERTAIN_BELOW else name


def quote_words(text: str, kind: str) -> str:
    """The quote as shown: in quotation marks, or labelled a paraphrase without them."""
    return f"(paraphrase) {text}" if kind == "indirect" else f"“{text}”"


def said_verb(kind: str) -> str:
    """ "said" for the speaker's own words, "said, in paraphrase" for reported speech and
    "said the words in quotation marks" before a partial quote shown in its sentence."""
    if kind == "indirect":
        return "said, in paraphrase"
    return "said the words in quotation marks" if kind == "partial" else "said"
