"""Per-article working state shared by every attribution stage.

Contract: ``ArticleContext(text)`` splits the text once (paragraphs, quote spans, sentences)
and builds the entity model (``Registry``) once; ``toks(si)`` tokenises a sentence lazily
and caches it, so each sentence is tokenised at most once. ``Draft`` is the mutable record
of one quote while stages fill in its speaker, cue, kind and score.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from bot.core.extract.marks import QuoteSpan, find_quotes, paragraphs
from bot.core.extract.phrases import Speaker
from bot.core.extract.roles import Registry
from bot.core.extract.tokens import SentenceIndex, Tok, sentences, tokenize
from bot.core.models import QuoteKind


@dataclass(slots=True)
class Draft:
    """A quote being attributed; turned into a frozen ``Quote`` at the end."""

    q: QuoteSpan
    sent: int
    kind: QuoteKind = "direct"
    speaker: Speaker | None = None
    cue: tuple[int, int] | None = None
    confidence: float = 0.0
    group: int | None = None
    how: str = ""
    # the clause subject from the sentence start was already tried (and failed)
    subject_tried: bool = False


class ArticleContext:
    """One article split once, with its entity model and a sentence-token cache."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paras = paragraphs(text)
        self.quotes = find_quotes(text, self.paras)
        self.sents = sentences(text, self.paras, self.quotes)
        self.sidx = SentenceIndex(self.sents)
        self.reg = Registry(
            text, [a for a, _ in self.sents], [(q.open_at, q.close_at) for q in self.quotes]
        )
        self._toks: dict[int, list[Tok]] = {}
        self._para_starts = [a for a, _ in self.paras]
        self._next_group = 0
        self._label_turns: dict[str, int] = {}

    def toks(self, si: int) -> list[Tok]:
        t = self._toks.get(si)
        if t is None:
            a, b = self.sents[si]
            t = tokenize(self.text, a, b)
            self._toks[si] = t
        return t

    def new_group(self) -> int:
        self._next_group += 1
        return self._next_group

    def para_of(self, pos: int) -> int:
        k = bisect_left(self._para_starts, pos + 1) - 1
        return k if k > 0 else 0

    def context_changed(self, last: Draft, d: Draft) -> bool:
        """A different named person appears outside quotes between the two quotes."""
        reg = self.reg
        after = self.sents[last.sent][1]
        k = bisect_left(reg.starts, after)
        name = last.speaker.name if last.speaker else None
        while k < len(reg.mentions) and reg.mentions[k].start < d.q.open_at:
            ent = reg.mentions[k].entity
            if not ent.org and ent.name != name:
                return True
            k += 1
        return False
