"""Calibrated confidence: the estimated probability that a quote's named speaker is right.

Contract: ``calibrate(text, quotes)`` takes quotes whose evidence is attached (``evidence.py``)
and whose ``confidence`` is still the engine's rule score, and returns them with ``confidence``
replaced by a logistic model's probability. The model's weights are not written by hand: they
are fitted on PolNeAR train (its fit part) by ``bench/fit_confidence.py`` and stored in
``confidence_model.json`` beside this module, together with ``high_threshold``, the lowest
confidence at which the fitted quotes were at least 97% right.

The rule score keeps one job of its own: below ``GATE`` (0.3) a quote is not an attributed
claim (a scare quote, a title, an unattributed fragment) and keeps its low score; a quote at or
above the gate keeps at least the gate, so the calibrated value never changes which quotes
count.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from bot.core.extract.evidence import surname
from bot.core.models import Quote

GATE = 0.3
MODEL_PATH = Path(__file__).with_name("confidence_model.json")
_WINDOW = 600  # characters before a mention searched for competing speakers
_MAX_RIVALS = 12  # recent distinct speakers checked as rivals, keeping the pass linear


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def features(text: str, quotes: list[Quote]) -> list[list[str]]:
    """The named features of each quote, in order (what the resolver knows about it)."""
    out: list[list[str]] = []
    recent: list[str] = []  # distinct speaker surnames, most recent last
    for q in quotes:
        ev = q.evidence
        method = ev.method if ev is not None else "none"
        form = ev.form if ev is not None else "none"
        f = [
            f"kind={q.kind}",
            f"method={method}",
            f"form={form}",
            f"method×form={method}×{form}",
            f"kind×form={q.kind}×{form}",
            f"rule={round(q.confidence * 20) / 20:.2f}",
        ]
        if q.speaker is not None and q.speaker_mention is not None:
            words = q.speaker.split()
            f.append(f"full_name={len(words) >= 2 and words[0][:1].isupper()}")
            f.append(f"speaker_lower={not q.speaker[:1].isupper()}")
            if ev is not None and ev.introduced is not None:
                dist = max(0, q.speaker_mention.start - ev.introduced.start)
                f.append(f"intro_dist={_bucket(dist, (0, 300, 1500, 5000))}")
            else:
                f.append("intro_dist=unnamed")
            own = surname(q.speaker)
            if form in {"pronoun", "description"} or method in {"floating", "continued"}:
                lo = max(0, q.speaker_mention.start - _WINDOW)
                window = text[lo : q.speaker_mention.start]
                rivals = sum(1 for s in recent[-_MAX_RIVALS:] if s != own and s in window)
                f.append(f"rivals={min(rivals, 2)}")
                f.append(f"form×rivals={form}×{min(rivals, 2)}")
            if own and own not in recent[-_MAX_RIVALS:]:
                recent.append(own)
        out.append(f)
    return out


@cache
def load_model(path: Path = MODEL_PATH) -> dict[str, Any]:
    """The fitted model; an empty one (rule scores kept) if the file is missing or broken."""
    try:
        model: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return model if isinstance(model.get("weights"), dict) else {}


def probability(model: dict[str, Any], feats: list[str]) -> float:
    """The logistic model's probability for one quote's features."""
    weights: dict[str, float] = model["weights"]
    z = float(model.get("bias", 0.0)) + sum(weights.get(name, 0.0) for name in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def calibrate(text: str, quotes: list[Quote], model: dict[str, Any] | None = None) -> list[Quote]:
    """The quotes with ``confidence`` as a calibrated probability (see the module docstring)."""
    model = load_model() if model is None else model
    if not model:
        return quotes
    out: list[Quote] = []
    for q, feats in zip(quotes, features(text, quotes), strict=True):
        if q.confidence < GATE:
            out.append(q)
            continue
        p = GATE if q.speaker is None else max(GATE, probability(model, feats))
        out.append(replace(q, confidence=round(p, 3)))
    return out


def high_threshold(model: dict[str, Any] | None = None) -> float:
    """The confidence from which answers may say "high" (measured ≥ 97% right when fitted)."""
    model = load_model() if model is None else model
    return float(model.get("high_threshold", 1.01)) if model else 1.01
