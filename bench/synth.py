"""Synthetic news quotes for benchmarks: a word-level Markov chain and made-up speakers.

The chain is trained at run time on the PolNeAR texts in ``../shared`` (never copied into
the repository); without them it falls back to ``data/samples/*.txt`` and then to a small
built-in text written for this purpose. Output is deterministic for a given seed.

    python -m bench.synth --n 5 --seed 1
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _shared() -> Path:
    """``../shared`` next to the repository (or next to the folder of worktrees)."""
    for base in (REPO.parent, REPO.parent.parent):
        if (base / "shared").is_dir():
            return base / "shared"
    return REPO.parent / "shared"


POLNEAR = _shared() / "corpora" / "polnear" / "data" / "train" / "text"
SAMPLES = REPO / "data" / "samples"

FIRST = [
    "Maria",
    "James",
    "Aisha",
    "Robert",
    "Elena",
    "Daniel",
    "Priya",
    "Thomas",
    "Sofia",
    "Michael",
    "Hannah",
    "David",
    "Leila",
    "Carlos",
    "Grace",
    "Samuel",
    "Nadia",
    "Peter",
    "Olivia",
    "Ahmed",
    "Julia",
    "Marcus",
    "Irene",
    "Victor",
    "Clara",
    "Omar",
    "Rebecca",
    "Jonah",
    "Fatima",
    "Henry",
    "Lucia",
    "Arthur",
    "Mei",
    "Patrick",
    "Ingrid",
    "Kwame",
    "Rosa",
    "Felix",
    "Amara",
    "Hugo",
]
LAST = [
    "Whitfield",
    "Okafor",
    "Brennan",
    "Castellano",
    "Lindqvist",
    "Moreau",
    "Hartley",
    "Nakamura",
    "Delacroix",
    "Fenwick",
    "Abernathy",
    "Sandoval",
    "Kowalski",
    "Ashworth",
    "Varga",
    "Pemberton",
    "Oyelaran",
    "Thornbury",
    "Galloway",
    "Rasmussen",
    "Quintero",
    "Halvorsen",
    "Mbeki",
    "Calloway",
    "Dunmore",
    "Esposito",
    "Featherstone",
    "Grimaldi",
    "Holloway",
    "Ibarra",
    "Jankowski",
    "Kimura",
    "Lockhart",
    "Marchetti",
    "Northcott",
    "Ostrowski",
    "Prentice",
    "Rutherford",
    "Stavros",
    "Tremaine",
]
TITLES = (
    "Senator",
    "Governor",
    "Mayor",
    "spokeswoman",
    "spokesman",
    "the minister",
    "a senior adviser",
    "the chief executive",
    "Representative",
    None,
)

FALLBACK_TEXT = """
The council said on Tuesday that the new budget would protect local services while cutting
waste. "We have made difficult choices, and we stand by every one of them," the mayor told
reporters outside the town hall. Critics said the plan would hurt families who depend on the
bus network. "This is not a budget for working people, it is a budget for the few," said the
leader of the opposition group. The finance committee will meet again next week to review the
figures. Officials expect the vote to be close. "Nobody should pretend that this is easy," a
senior adviser said, adding that the government had no plans to raise taxes this year. The
governor said the state would continue to invest in schools, roads and hospitals. "Our economy
is growing and we intend to keep it that way," she said at a press conference. Analysts warned
that inflation could slow the recovery. "The numbers tell a different story," one economist
said. The senator promised to fight for the bill in Washington. "We will not back down on this
issue, not now and not ever," he said. Voters will have their say in the election next month.
"""


def corpus_texts() -> list[str]:
    """Training texts: PolNeAR, else data/samples, else the built-in fallback."""
    for folder in (POLNEAR, SAMPLES):
        if folder.is_dir():
            texts = [
                p.read_text(encoding="utf-8", errors="replace")
                for p in sorted(folder.glob("*.txt"))
            ]
            if texts:
                return texts
    return [FALLBACK_TEXT]


_STRIP = "\"“”‘’'()[]"


class MarkovChain:
    """An order-2 word chain over whitespace tokens (punctuation stays on the words)."""

    def __init__(self, texts: list[str]) -> None:
        self.next: dict[tuple[str, str], list[str]] = {}
        self.starts: list[tuple[str, str]] = []
        for text in texts:
            tokens = [t.strip(_STRIP) for t in text.split()]
            tokens = [t for t in tokens if t]
            for i in range(len(tokens) - 2):
                key = (tokens[i], tokens[i + 1])
                self.next.setdefault(key, []).append(tokens[i + 2])
                after_stop = i == 0 or tokens[i - 1].endswith((".", "!", "?"))
                if after_stop and tokens[i][:1].isupper():
                    self.starts.append(key)
        if not self.starts:
            self.starts = list(self.next)
        self.vocabulary = sorted({w for key in self.next for w in key})

    def sentence(self, rng: random.Random, min_words: int, max_words: int) -> str:
        target = rng.randint(min_words, max_words)
        a, b = rng.choice(self.starts)
        out = [a, b]
        while len(out) < max_words:
            options = self.next.get((a, b))
            if not options:
                a, b = rng.choice(self.starts)
                out.extend((a, b))
                continue
            word = rng.choice(options)
            out.append(word)
            a, b = b, word
            if len(out) >= target and word.endswith((".", "!", "?")):
                break
        return " ".join(out[:max_words])


@dataclass(frozen=True, slots=True)
class SynthQuote:
    text: str
    speaker: str
    title: str | None


def speakers(rng: random.Random, count: int) -> list[tuple[str, str | None]]:
    """Distinct made-up full names with an optional title."""
    names: set[str] = set()
    out: list[tuple[str, str | None]] = []
    while len(out) < count and len(names) < len(FIRST) * len(LAST):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name not in names:
            names.add(name)
            out.append((name, rng.choice(TITLES)))
    return out


def generate(n: int, seed: int = 0, chain: MarkovChain | None = None) -> Iterator[SynthQuote]:
    """``n`` quotes of 6-40 words by a few hundred speakers (Zipf-like popularity)."""
    rng = random.Random(seed)
    chain = chain or MarkovChain(corpus_texts())
    people = speakers(rng, 600)
    weights = [1.0 / (i + 1) for i in range(len(people))]
    for _ in range(n):
        name, title = rng.choices(people, weights)[0]
        yield SynthQuote(chain.sentence(rng, 6, 40), name, title)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    for quote in generate(args.n, args.seed):
        print(f"{quote.speaker} ({quote.title}): {quote.text}")


if __name__ == "__main__":
    main()
