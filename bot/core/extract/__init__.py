"""Quote extraction: article text in, attributed quotes out (rule-based, no model download)."""

from __future__ import annotations

import logging

from bot.core.extract.collector import collector_paused
from bot.core.extract.confidence import calibrate
from bot.core.extract.evidence import evidence_for
from bot.core.extract.pipeline import records
from bot.core.models import Quote

log = logging.getLogger(__name__)


def extract_quotes(text: str, *, title: str | None = None) -> list[Quote]:
    """Find every quotation in ``text`` and who said it. Never raises on any string input.

    Each quote carries its evidence (``evidence.py``) and a calibrated confidence, the
    estimated probability that its speaker is right (``confidence.py``).

    ``title`` (the headline, when known separately) is not searched for quotes: headlines
    paraphrase and rarely attribute. A bug in a rule must not lose the article, so an
    unexpected error is logged and yields no quotes instead of propagating.
    """
    del title
    if not isinstance(text, str):
        return []
    try:
        with collector_paused():
            found = records(text)
            # the evidence beside the engine's records: each quote is built once, at the end
            return calibrate(text, found, evidence=evidence_for(text, found))
    except Exception:  # pragma: no cover - defensive: rules must never take ingestion down
        log.exception("quote extraction failed on a %d-character text", len(text))
        return []


__all__ = ["extract_quotes"]
