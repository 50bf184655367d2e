"""Fit the confidence model on PolNeAR train's fit part and write ``confidence_model.json``.

Usage: ``python -m bench.fit_confidence`` (``--out PATH`` to write elsewhere): the one command
that writes the shipped model; rerun it after any change to the extraction rules or to the
label derivation, since both change what the model learns.

Each quote the engine reports at or above the gate (0.3) is one example: its features are
``bot.core.extract.confidence.features``; its label is 1 when it matches a gold attribution and
its speaker is right under the strict rule against the referent derived from gold sources
(``bench/attribution_metrics.py``) or when the answer is that referent's name with one more
word before it ("Norbert Leo Butz" for a referent derived as "Leo Butz": the derivation lost
the first word of a three-word name), 0 when it matches no gold attribution or names the wrong
speaker; a match whose gold source got no derived referent (a description, an unsure
pronoun) is left out. The held-out fifth of train (``held_out``) is never used here. The model
is an L2-regularised logistic regression over one-hot features, fitted by Newton-free gradient
steps on the distinct feature patterns (standard library only). ``high_threshold`` is the
lowest fitted confidence from which the fit examples are at least 97% right (coverage at 97%).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.attribution_eval import (  # noqa: E402
    CORPUS,
    Document,
    best_match,
    load_split,
    referents_for,
)
from bench.attribution_metrics import coverage_at, held_out, strict_right  # noqa: E402
from bot.core.extract.confidence import GATE, MODEL_PATH, features, probability  # noqa: E402
from bot.core.extract.evidence import attach  # noqa: E402
from bot.core.extract.pipeline import extract  # noqa: E402


def _longer_name(answer: str | None, referent: str) -> bool:
    """ "Norbert Leo Butz" for a referent derived as "Leo Butz": the derivation lost the first
    word of a three-word name; the answer is the same person, named in full."""
    if not answer:
        return False
    a, r = answer.split(), referent.split()
    return 2 <= len(r) < len(a) and a[-len(r) :] == r and r[0][:1].isupper()


def examples(docs: Sequence[Document]) -> list[tuple[tuple[str, ...], int, str]]:
    """(features, label, kind) for every gated quote with a label."""
    refs = referents_for(docs, "train")
    out: list[tuple[tuple[str, ...], int, str]] = []
    for doc in docs:
        quotes = attach(doc.text, extract(doc.text))
        gold_q = [g for g in doc.gold if g.quoted(doc.text)]
        for q, feats in zip(quotes, features(doc.text, quotes), strict=True):
            if q.confidence < GATE:
                continue
            g = best_match(q, doc.gold if q.kind == "indirect" else gold_q)
            if g is None:
                out.append((tuple(feats), 0, q.kind))
                continue
            ref = refs.get((doc.name, g.id))
            if ref is not None:
                right = strict_right(q.speaker, ref.name, ref.surname) or _longer_name(
                    q.speaker, ref.name
                )
                out.append((tuple(feats), int(right), q.kind))
    return out


def fit(
    data: Sequence[tuple[tuple[str, ...], int, str]], l2: float = 1.0, steps: int = 3000
) -> tuple[float, dict[str, float]]:
    """Logistic regression by full-batch gradient descent with an adaptive (Adagrad) step."""
    patterns: Counter[tuple[tuple[str, ...], int]] = Counter((f, y) for f, y, _ in data)
    names = sorted({n for f, _ in patterns for n in f})
    w = dict.fromkeys(names, 0.0)
    b = 0.0
    acc = dict.fromkeys([*names, ""], 1e-8)
    n = len(data)
    for _ in range(steps):
        grad = dict.fromkeys(names, 0.0)
        gb = 0.0
        for (f, y), count in patterns.items():
            z = b + sum(w[k] for k in f)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            err = (p - y) * count
            gb += err
            for k in f:
                grad[k] += err
        for k in names:
            g = grad[k] / n + l2 * w[k] / n
            acc[k] += g * g
            w[k] -= 0.5 * g / math.sqrt(acc[k])
        gb /= n
        acc[""] += gb * gb
        b -= 0.5 * gb / math.sqrt(acc[""])
    return b, w


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--steps", type=int, default=3000)
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        print(f"PolNeAR not found at {CORPUS}", file=sys.stderr)
        return 2
    docs = [d for d in load_split("train") if not held_out(d.name)]
    data = examples(docs)
    bias, weights = fit(data, steps=args.steps)
    model = {"bias": round(bias, 4), "weights": {k: round(v, 4) for k, v in weights.items()}}
    pts = [(probability(model, list(f)), bool(y)) for f, y, _ in data]
    share, at = coverage_at(pts)
    model["high_threshold"] = round(at, 4) if share > 0 else 1.01
    model["fitted_on"] = f"PolNeAR train fit part: {len(docs)} articles, {len(data)} quotes"
    args.out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    right = sum(y for _, y, _ in data)
    print(f"{len(data)} examples ({right} right), {len(weights)} features -> {args.out}")
    print(f"coverage at 97% on the fit examples: {share:.3f} from confidence {at:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
