"""Evidence for each attribution: what the mention is, where the article introduced the speaker,
and the resolution path in words ("pronoun 'he' → Dana Whitfield, named in the previous
sentence").

Contract: ``evidence_for(text, quotes)`` takes the engine's quotes (each carrying
``Evidence.method``) and returns each one's complete ``Evidence`` (``form``, ``path`` and
``introduced`` filled); ``attach(text, quotes)`` returns the quotes with it, nothing else
changed (``extract_quotes`` hands the list to ``calibrate`` instead, so each quote is rebuilt
once, not twice: building a frozen 14-field record is the costliest step of this pass). The
speaker's introduction is looked up once per distinct speaker name, so the pass stays linear in
the number of quotes times the (small) number of distinct speakers.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.core.models import Evidence, Quote, Span

if TYPE_CHECKING:
    from collections.abc import Sequence

    from bot.core.extract.pipeline import Record

#: Mentions that are pronouns: the speaker was resolved from an earlier name.
PRONOUNS = frozenset(
    "he she they it i we him her them his its their who".split()  # noqa: SIM905
)

_SENTENCE_END = re.compile(r"[.!?][”\"’]?(?=\s)")
_METHOD_WORDS = {
    "left": "subject of the speech verb",
    "right": "tag after the quote",
    "subject": "subject of the sentence (no speech verb)",
    "colon": "named before a colon",
    "next": "named in the next sentence",
    "floating": "untagged quote, speaker of the nearby attributed quote",
    "continued": "continues the quote before it",
    "label": "transcript label",
    "indirect": "reported speech, subject of the speech verb",
    "none": "no speaker found",
}


def mention_form(q: Quote | Record) -> str:
    """ "name", "pronoun", "description" or "none": what the speaker mention is."""
    m = q.speaker_mention
    if m is None or q.speaker is None:
        return "none"
    words = m.text.split()
    if not words:
        return "none"
    if words[0].lower() in PRONOUNS:
        return "pronoun"
    if words[0][:1].isupper() and words[0].lower() not in {"the", "a", "an"}:
        return "name"
    return "description"


def surname(name: str) -> str:
    """The word an introduction search looks for: the last word, possessive dropped."""
    words = name.replace("’s", "").replace("'s", "").split()
    return words[-1].strip(",.") if words else ""


def introduction(text: str, name: str) -> Span | None:
    """Where the article first writes ``name`` in full, else its surname."""
    for key in (name, surname(name)):
        if key:
            at = text.find(key)
            if at >= 0:
                return Span(key, at, at + len(key))
    return None


def _path(text: str, q: Quote | Record, method: str, form: str, intro: Span | None) -> str:
    how = _METHOD_WORDS.get(method, method)
    if form == "none":
        return how
    assert q.speaker is not None and q.speaker_mention is not None
    mention = q.speaker_mention
    if form == "name":
        return f"name → {q.speaker} ({how})"
    where = "not named in the article"
    if intro is not None and mention.start <= intro.start < mention.end:
        where = "introduced by this mention"
    elif intro is not None and intro.start < mention.start:
        last = text.rfind(surname(q.speaker), 0, mention.start)
        between = text[max(last, 0) : mention.start]
        sentences = len(_SENTENCE_END.findall(between))
        where = (
            "named in the same sentence"
            if sentences == 0
            else "named in the previous sentence"
            if sentences == 1
            else "named earlier in the article"
        )
    elif intro is not None:
        where = "named later in the article"
    return f"{form} “{mention.text}” → {q.speaker}, {where} ({how})"


def evidence_for(text: str, quotes: Sequence[Quote | Record]) -> list[Evidence]:
    """Each quote's complete evidence, in order (see the module docstring)."""
    intros: dict[str, Span | None] = {}
    out: list[Evidence] = []
    for q in quotes:
        method = q.evidence.method if q.evidence is not None else "none"
        form = mention_form(q)
        intro = None
        if q.speaker is not None:
            if q.speaker not in intros:
                intros[q.speaker] = introduction(text, q.speaker)
            intro = intros[q.speaker]
        out.append(Evidence(method, form, _path(text, q, method, form, intro), intro))
    return out


def attach(text: str, quotes: list[Quote]) -> list[Quote]:
    """The quotes with their evidence completed (see the module docstring)."""
    # built directly: ``dataclasses.replace`` costs twice as much, once per quote
    return [
        Quote(
            q.text, q.start, q.end, q.kind, q.speaker, q.speaker_mention, q.title, q.cue,
            q.confidence, q.context, q.context_start, q.context_end, q.group, ev,
        )
        for q, ev in zip(quotes, evidence_for(text, quotes), strict=True)
    ]  # fmt: skip
