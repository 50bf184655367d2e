"""Evaluate the quote extractor on PolNeAR (BRAT standoff attribution annotations).

Usage: ``python bench/attribution_eval.py --split dev`` (or ``--split train``; ``--errors N`` prints
train errors for tuning, ``--sample N`` prints matched quotes with their resolved speaker).

Rules (kept identical between runs so figures compare):

* gold QUOTED attributions are those whose Content text contains a double quotation mark
  (" “ ” ″, or the newswire pair '' of two apostrophes, counted since the second pass);
* a predicted direct/partial quote matches when at least 50% of its characters fall inside
  one gold attribution's content (all its fragments together);
* precision = matched predictions / predictions, recall = gold quoted attributions matched
  by at least one prediction / gold quoted attributions;
* speaker-mention accuracy, on matched quotes: the predicted ``speaker_mention`` overlaps
  the gold Source span of the matched attribution;
* all-attribution figures: every gold attribution against every prediction (incl. indirect).

The corpus is read from ``../shared/corpora/polnear`` next to the repository and never copied.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.attribution_metrics import (  # noqa: E402
    Referent,
    coverage_at,
    derive_referents,
    expected_calibration_error,
    held_out,
    load_dev_referents,
    strict_right,
)
from bot.core.extract import extract_quotes  # noqa: E402
from bot.core.models import Quote  # noqa: E402


def find_shared(root: Path = REPO) -> Path:
    """``../shared`` next to the repository; from a worktree, the nearest ancestor's."""
    env = os.environ.get("WHOSAID_SHARED")
    if env:
        return Path(env)
    for parent in root.parents:
        if (parent / "shared").is_dir():
            return parent / "shared"
    return root.parent / "shared"


CORPUS = find_shared() / "corpora" / "polnear"
QUOTE_CHARS = ('"', "“", "”", "″", "''")
PRONOUNS = frozenset(
    [
        "i",
        "me",
        "we",
        "us",
        "you",
        "he",
        "him",
        "she",
        "her",
        "they",
        "them",
        "it",
        "who",
        "whom",
        "which",
        "that",
        "this",
        "his",
        "hers",
        "its",
        "their",
    ]
)
_SPAN_RE = re.compile(r"^(\S+) (.*)$")


@dataclass
class GoldAttribution:
    """One ``E`` line: its content fragments and its source fragments (offsets into the text)."""

    id: str
    content: list[tuple[int, int]] = field(default_factory=list)
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)

    def content_text(self, text: str) -> str:
        return " ".join(text[a:b] for a, b in self.content)

    def quoted(self, text: str) -> bool:
        body = self.content_text(text)
        return any(c in body for c in QUOTE_CHARS)


@dataclass
class Document:
    """One PolNeAR article with the first annotator's attributions."""

    name: str
    text: str
    gold: list[GoldAttribution]


def _parse_fragments(spec: str) -> list[tuple[int, int]]:
    frags: list[tuple[int, int]] = []
    for part in spec.split(";"):
        bits = part.split()
        if len(bits) != 2:
            continue
        try:
            a, b = int(bits[0]), int(bits[1])
        except ValueError:
            continue
        if 0 <= a <= b:
            frags.append((a, b))
    return frags


def parse_ann(ann: str) -> list[GoldAttribution]:
    """Parse BRAT standoff robustly: continuation lines, notes and odd labels are skipped."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[tuple[str, str]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        ident = cols[0]
        if ident.startswith("T"):
            m = _SPAN_RE.match(cols[1])
            if m:
                spans[ident] = (m.group(1), _parse_fragments(m.group(2)))
        elif ident.startswith("E"):
            events.append((ident, cols[1]))
    gold: list[GoldAttribution] = []
    for ident, body in events:
        att = GoldAttribution(ident)
        for arg in body.split():
            role, _, ref = arg.partition(":")
            frags = spans.get(ref, ("", []))[1]
            if role.startswith("Content"):
                att.content.extend(frags)
            elif role.startswith("Source"):
                att.source.extend(frags)
            elif role.startswith("Cue"):
                att.cue.extend(frags)
        if att.content:
            gold.append(att)
    return gold


def load_split(split: str, corpus: Path = CORPUS) -> list[Document]:
    """All articles of ``split`` with the first annotator (sorted order) of each."""
    base = corpus / "data" / split
    docs: list[Document] = []
    for txt in sorted((base / "text").glob("*.txt")):
        anns = sorted((base / "attributions").glob(txt.stem + "_*.ann"))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        docs.append(Document(txt.stem, text, parse_ann(anns[0].read_text(encoding="utf-8"))))
    return docs


def _inside(start: int, end: int, frags: Sequence[tuple[int, int]]) -> int:
    return sum(max(0, min(end, b) - max(start, a)) for a, b in frags)


def best_match(q: Quote, gold: Sequence[GoldAttribution]) -> GoldAttribution | None:
    """The gold attribution holding at least half the quote's characters, if any."""
    length = max(1, q.end - q.start)
    best: GoldAttribution | None = None
    best_in = 0
    for g in gold:
        n = _inside(q.start, q.end, g.content)
        if n > best_in:
            best, best_in = g, n
    if best is not None and best_in * 2 >= length:
        return best
    return None


@dataclass
class Scores:
    """Counts behind one P/R/F1 line."""

    pred: int = 0
    pred_ok: int = 0
    gold: int = 0
    gold_ok: int = 0
    mention: int = 0
    mention_ok: int = 0

    @property
    def precision(self) -> float:
        return self.pred_ok / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.gold_ok / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, label: str) -> str:
        out = (
            f"{label:16} P {self.precision:.3f} ({self.pred_ok}/{self.pred})  "
            f"R {self.recall:.3f} ({self.gold_ok}/{self.gold})  F1 {self.f1:.3f}"
        )
        if self.mention:
            out += f"  speaker-mention {self.mention_ok / self.mention:.3f}"
        return out


@dataclass
class Report:
    """Everything ``evaluate`` measures, plus what the error printers need."""

    quoted: Scores
    everything: Scores
    matched: list[tuple[Document, Quote, GoldAttribution]]
    false_pos: list[tuple[Document, Quote]]
    missed: list[tuple[Document, GoldAttribution]]
    bad_mention: list[tuple[Document, Quote, GoldAttribution]]


def evaluate(docs: Iterable[Document], min_confidence: float = 0.3) -> Report:
    """Run the extractor on each document and score it against the gold attributions."""
    quoted, everything = Scores(), Scores()
    rep = Report(quoted, everything, [], [], [], [])
    for doc in docs:
        preds = [q for q in extract_quotes(doc.text) if q.confidence >= min_confidence]
        gold_q = [g for g in doc.gold if g.quoted(doc.text)]
        quoted.gold += len(gold_q)
        everything.gold += len(doc.gold)
        hit_q: set[str] = set()
        hit_all: set[str] = set()
        for q in preds:
            g_all = best_match(q, doc.gold)
            everything.pred += 1
            if g_all is not None:
                everything.pred_ok += 1
                hit_all.add(g_all.id)
            if q.kind == "indirect":
                continue
            quoted.pred += 1
            g = best_match(q, gold_q)
            if g is None:
                rep.false_pos.append((doc, q))
                continue
            quoted.pred_ok += 1
            hit_q.add(g.id)
            rep.matched.append((doc, q, g))
            quoted.mention += 1
            m = q.speaker_mention
            if m is not None and _inside(m.start, m.end, g.source) > 0:
                quoted.mention_ok += 1
            else:
                rep.bad_mention.append((doc, q, g))
        quoted.gold_ok += len(hit_q)
        everything.gold_ok += len(hit_all)
        rep.missed.extend((doc, g) for g in gold_q if g.id not in hit_q)
    return rep


@dataclass
class Scored:
    """One attributed quoted prediction for the speaker figures: its confidence, whether its
    speaker is right under the strict rule, and the gold it matched (None: a false positive)."""

    doc: Document
    quote: Quote
    gold: GoldAttribution | None
    referent: Referent | None
    right: bool


def referents_for(
    docs: Sequence[Document], split: str, derived: bool = False
) -> dict[tuple[str, str], Referent]:
    """(article, gold id) -> referent: hand-resolved on dev, derived from gold sources on train
    (and on dev with ``derived``, to measure what the derivation costs)."""
    out: dict[tuple[str, str], Referent] = {}
    if split == "dev" and not derived:
        hand = load_dev_referents(CORPUS / "speakers_dev.jsonl")
        for doc in docs:
            for g in doc.gold:
                key = (doc.name, min(a for a, _ in g.content), max(b for _, b in g.content))
                if key in hand:
                    out[(doc.name, g.id)] = hand[key]
        return out
    for doc in docs:
        srcs = [
            (min((a for a, _ in g.source), default=0), " ".join(doc.text[a:b] for a, b in g.source))
            for g in doc.gold
        ]
        for g, ref in zip(doc.gold, derive_referents(doc.text, srcs), strict=True):
            if ref is not None:
                out[(doc.name, g.id)] = ref
    return out


def score_speakers(rep: Report, referents: dict[tuple[str, str], Referent]) -> list[Scored]:
    """Matched quotes with a referent, scored by the strict rule, plus every false positive
    (wrong by definition: a confident speaker for something that is not an attribution)."""
    out = [
        Scored(doc, q, g, ref, strict_right(q.speaker, ref.name, ref.surname))
        for doc, q, g in rep.matched
        if (ref := referents.get((doc.name, g.id))) is not None
    ]
    out.extend(Scored(doc, q, None, None, False) for doc, q in rep.false_pos)
    return out


def speaker_line(scored: Sequence[Scored]) -> str:
    """Resolved strict, ECE (10 bins) and coverage at 97% for one part of a split."""
    matched = [s for s in scored if s.gold is not None]
    ok = sum(s.right for s in matched)
    pts = [(s.quote.confidence, s.right) for s in scored]
    cov, at = coverage_at(pts)
    return (
        f"resolved strict {ok / max(1, len(matched)):.3f} ({ok}/{len(matched)})  "
        f"ECE {expected_calibration_error(pts):.3f}  coverage@97 {cov:.3f} (conf >= {at:.2f}, "
        f"{len(pts)} attributed quotes)"
    )


def verdict_agreement(
    rep: Report, derived: dict[tuple[str, str], Referent], hand: dict[tuple[str, str], Referent]
) -> str:
    """How often the derived referents judge a matched quote's speaker as the hand ones do."""
    same = total = 0
    for doc, q, g in rep.matched:
        key = (doc.name, g.id)
        if key in derived and key in hand:
            d, h = derived[key], hand[key]
            total += 1
            same += strict_right(q.speaker, d.name, d.surname) == strict_right(
                q.speaker, h.name, h.surname
            )
    return f"derived verdicts agree with hand verdicts on {same}/{total} matched quotes"


def parts(split: str, docs: Sequence[Document]) -> list[tuple[str, list[Document]]]:
    """dev whole; train as its fit part and its held-out part (never read for errors)."""
    if split == "dev":
        return [("dev", list(docs))]
    return [
        ("train-fit", [d for d in docs if not held_out(d.name)]),
        ("train-held-out", [d for d in docs if held_out(d.name)]),
    ]


def _clip(s: str, n: int = 160) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _ctx(doc: Document, start: int, end: int, pad: int = 120) -> str:
    return _clip(doc.text[max(0, start - pad) : end + pad], 2 * pad + 200)


def is_pronoun_or_none(speaker: str | None) -> bool:
    """True when a resolved speaker is missing or just a pronoun (a resolution failure)."""
    return speaker is None or speaker.strip().lower() in PRONOUNS


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=["train", "dev"])
    ap.add_argument("--sample", type=int, default=20, help="matched quotes to print")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--exclude-seeds",
        default="",
        help="comma-separated seeds of earlier --sample 50 draws whose quotes to leave out, so "
        "a new hand check sees only quotes no one has judged yet",
    )
    ap.add_argument("--errors", type=int, default=0, help="print N of each error kind")
    ap.add_argument("--min-confidence", type=float, default=0.3)
    ap.add_argument(
        "--derived",
        action="store_true",
        help="on dev, score speakers against referents derived from gold sources (as on train) "
        "and print how often the derivation agrees with the hand referents",
    )
    ap.add_argument(
        "--mention-errors", type=int, default=0, help="print N wrong speaker mentions per class"
    )
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        print(f"PolNeAR not found at {CORPUS}", file=sys.stderr)
        return 2
    docs = load_split(args.split)
    refs = referents_for(docs, args.split, args.derived)
    if args.derived and args.split == "dev":
        hand = referents_for(docs, "dev")
        same = [k for k in hand if k in refs]
        agree = sum(strict_right(refs[k].name, hand[k].name, hand[k].surname) for k in same)
        print(
            f"derived referents: {len(same)}/{len(hand)} hand referents derived, "
            f"{agree}/{len(same)} agree under the strict rule"
        )
    for label, part in parts(args.split, docs):
        prep = evaluate(part, args.min_confidence)
        print(f"PolNeAR {label}: {len(part)} articles")
        print(prep.quoted.line("  quoted"))
        print(prep.everything.line("  all-attribution"))
        print("  " + speaker_line(score_speakers(prep, refs)))
        if args.derived and args.split == "dev":
            print("  " + verdict_agreement(prep, refs, referents_for(part, "dev")))
    if args.split == "train":
        docs = [d for d in docs if not held_out(d.name)]  # errors are read from train-fit only
    rep = evaluate(docs, args.min_confidence)
    bad = sum(1 for _, q, _ in rep.matched if is_pronoun_or_none(q.speaker))
    print(f"matched quotes whose resolved speaker is a pronoun or None: {bad}/{len(rep.matched)}")
    rng = random.Random(args.seed)
    if args.sample:
        seen = {
            (doc.name, q.start)
            for old in filter(None, args.exclude_seeds.split(","))
            for doc, q, _ in random.Random(int(old)).sample(rep.matched, 50)
        }
        pool = [m for m in rep.matched if (m[0].name, m[1].start) not in seen]
        print(f"\n--- sample of {args.sample} matched quotes (hand check the resolved speaker)")
        for doc, q, g in rng.sample(pool, min(args.sample, len(pool))):
            gold_src = " / ".join(doc.text[a:b] for a, b in g.source) or "-"
            mention = q.speaker_mention.text if q.speaker_mention else "-"
            print(
                f"* {q.speaker!r} (title {q.title!r}; mention {mention!r}; gold source "
                f"{gold_src!r}) [{q.kind}] “{_clip(q.text, 90)}”"
            )
    if args.errors:
        n = args.errors
        print(f"\n--- false positives ({len(rep.false_pos)})")
        for doc, q in rng.sample(rep.false_pos, min(n, len(rep.false_pos))):
            print(f"* [{q.kind} {q.confidence:.2f}] {doc.name}: “{_clip(q.text, 80)}”")
            print(f"    {_ctx(doc, q.start, q.end)}")
        print(f"\n--- missed gold quoted ({len(rep.missed)})")
        for doc, g in rng.sample(rep.missed, min(n, len(rep.missed))):
            a = min(s for s, _ in g.content)
            b = max(e for _, e in g.content)
            print(f"* {doc.name}: {_clip(g.content_text(doc.text), 120)}")
            print(f"    {_ctx(doc, a, b, 80)}")
        print(f"\n--- wrong speaker mention ({len(rep.bad_mention)})")
        for doc, q, g in rng.sample(rep.bad_mention, min(n, len(rep.bad_mention))):
            gold_src = " / ".join(doc.text[a:b] for a, b in g.source) or "-"
            mention = q.speaker_mention.text if q.speaker_mention else "-"
            print(f"* {doc.name}: pred {mention!r} gold {gold_src!r}: “{_clip(q.text, 70)}”")
            print(f"    {_ctx(doc, q.start, q.end)}")
    if args.mention_errors:
        print_mention_errors(rep, args.mention_errors, rng)
    return 0


def mention_class(doc: Document, q: Quote, g: GoldAttribution) -> str:
    """A crude bucket for a wrong speaker mention, so the largest kind is attacked first."""
    m = q.speaker_mention
    if m is None:
        return "no mention"
    if not g.source:
        return "gold has no source"
    ga = min(a for a, _ in g.source)
    gb = max(b for _, b in g.source)
    lo, hi = min(m.start, ga), max(m.end, gb)
    between = doc.text[min(m.end, gb) : max(m.start, ga)] if m.end <= ga or gb <= m.start else ""
    if lo < hi and re.search(r"[.!?][\"”’']*\s+[A-Z“\"]|\n", between):
        return "mention in other sentence"
    gold_txt = " ".join(doc.text[a:b] for a, b in g.source).strip().lower()
    pron_m, pron_g = m.text.strip().lower() in PRONOUNS, gold_txt in PRONOUNS
    if pron_m != pron_g:
        return "pronoun vs name"
    return "same sentence, different span"


def print_mention_errors(rep: Report, n: int, rng: random.Random) -> None:
    """Wrong speaker mentions grouped by ``mention_class``, largest class first."""
    groups: dict[str, list[tuple[Document, Quote, GoldAttribution]]] = {}
    for doc, q, g in rep.bad_mention:
        groups.setdefault(mention_class(doc, q, g), []).append((doc, q, g))
    for name, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"\n=== {name}: {len(items)}")
        for doc, q, g in rng.sample(items, min(n, len(items))):
            gold_src = " / ".join(doc.text[a:b] for a, b in g.source) or "-"
            mention = q.speaker_mention.text if q.speaker_mention else "-"
            a = min([q.start, *(x for x, _ in g.source)])
            b = max([q.end, *(y for _, y in g.source)])
            print(f"* {doc.name}: pred {mention!r} ({q.speaker!r}) gold {gold_src!r}")
            print(f"    {_clip(doc.text[max(0, a - 80) : b + 80], 400)}")


if __name__ == "__main__":
    raise SystemExit(main())
