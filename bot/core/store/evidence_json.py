"""A quote's evidence as one JSON text column (``quotes.evidence``), on both backends.

Why a module of its own: both stores write and read the same shape, and the article text is
not stored, so the sentence where the article introduced the speaker is cut out here, at save
time, while the text is at hand. Reading is forgiving: a missing, empty or malformed value
reads as None (quotes stored before migration 4 have none), never as an error.
"""

from __future__ import annotations

import json
import re
from typing import Any

from bot.core.models import Quote, Span, StoredEvidence

#: The introduction sentence is cut to this many characters either side of the name, so
#: cutting it stays linear however long the article's sentences are.
SENTENCE_REACH = 300
_END = re.compile(r"[.!?][”\"’']?\s|\n")


def sentence_around(text: str, span: Span) -> str:
    """The sentence of ``text`` that holds ``span`` (within ``SENTENCE_REACH`` characters)."""
    start, end = span.start, span.end
    if not (0 <= start < end <= len(text)) or text[start:end] != span.text:
        found = text.find(span.text) if span.text else -1
        if found < 0:
            return ""
        start, end = found, found + len(span.text)
    low = max(0, start - SENTENCE_REACH)
    before = list(_END.finditer(text, low, start))
    first = before[-1].end() if before else low
    after = _END.search(text, end, min(len(text), end + SENTENCE_REACH))
    last = after.start() + 1 if after else min(len(text), end + SENTENCE_REACH)
    return " ".join(text[first:last].split())


def evidence_json(quote: Quote, article_text: str) -> str | None:
    """The ``quotes.evidence`` value for an extracted quote (None when it has no evidence)."""
    ev = quote.evidence
    if ev is None:
        return None
    intro = ev.introduced
    record = {
        "method": ev.method,
        "form": ev.form,
        "path": ev.path,
        "mention": quote.speaker_mention.text if quote.speaker_mention else "",
        "cue": quote.cue.text if quote.cue else "",
        "introduced": intro.text if intro else "",
        "introduced_sentence": sentence_around(article_text, intro) if intro else "",
    }
    return json.dumps(record, ensure_ascii=False)


def evidence_from(raw: Any) -> StoredEvidence | None:
    """A stored ``quotes.evidence`` value back as a record; None when absent or unreadable."""
    if raw is None or raw == "":
        return None
    try:
        data = json.loads(raw) if isinstance(raw, str | bytes) else raw
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None

    def field(key: str) -> str:
        value = data.get(key, "")
        return value if isinstance(value, str) else ""

    return StoredEvidence(
        method=field("method") or "none",
        form=field("form") or "none",
        path=field("path"),
        mention=field("mention"),
        cue=field("cue"),
        introduced=field("introduced"),
        introduced_sentence=field("introduced_sentence"),
    )


__all__ = ["evidence_from", "evidence_json", "sentence_around"]
