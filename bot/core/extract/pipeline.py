"""The extraction pipeline, in reading order: article text in, attributed quotes out.

Stages (each a module whose docstring states its contract; read them in this order):

1. ``marks`` + ``tokens``: quotation-mark spans, paragraphs, sentences, tokens.
2. ``entity_model`` (with ``name_runs``, ``mention_clauses``, ``names``, ``nouns``,
   ``surname_typos``), ``antecedents`` (with ``pronoun_walk``), ``roles``: the article's
   entity model, built once per article (``Registry``) and consulted by every later stage.
3. ``cues`` and ``clauses``: speech-cue recognition and clause/source-phrase boundaries.
4. ``phrases`` (with ``appositions``) and ``resolve``: a source noun phrase and its
   resolution to a ``Speaker`` (pronouns, role heads and names; ``resolve_descriptions``
   reads a phrase with no name); ``issuers`` links a description ("the commission", "the
   report") to the organisation or issuer the article named for it.
5. ``clause_subjects``, ``subjects``, ``tags``, ``outer``: where a cue's speaker stands
   (clause subject, subject, tag, lead-in, outer reporter) -- methods of the extractor,
   layered class by class.
6. ``attribution``: every quote of one sentence given a cue and a speaker.
7. ``floating``: quotes with no cue in their sentence inherit a neighbour's speaker.
8. ``indirect``: reported speech (no quote marks) after a cue.
9. this module: the driver (``Extractor.run``), transcript labels, and ``Quote`` records.
   ``evidence.evidence_for`` and ``confidence.calibrate`` (called by ``__init__``) come
   after: each quote's evidence, then its calibrated confidence.

Contract of ``extract(text)``: every quote span of ``text`` worth keeping, sorted by offset,
each with its speaker (or ``None``), cue, kind, group, context and a rule score in
``confidence``; ``Quote.evidence.method`` says which stage found the speaker. Linear in the
text: every stage is a scan or a bounded look-around.

Speed notes that explain some idioms (measured in instructions with valgrind): the stages
bound windows with conditionals (``lo = at - 80 if at > 80 else 0``), not ``min``/``max``,
which on CPython 3.11 parse keywords on every call (~1,500 instructions, several hundred calls
an article); tokens are a slots class (``tokens.Tok``), whose fields load faster than a named
tuple's.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from bot.core.extract.clauses import title_case, title_like
from bot.core.extract.context import Draft
from bot.core.extract.cues import CUE_RE, has_reporting_cue
from bot.core.extract.indirect import ReportedSpeech
from bot.core.extract.lexicon import (
    PERSON_PRONOUNS,
)
from bot.core.extract.phrases import Speaker
from bot.core.models import Evidence, Quote, QuoteKind, Span

_CONTEXT_PAD = 400
# a quote whose speaker no rule finds is kept (it is still searchable) but below the 0.3
# line the bot and the evaluation treat as "attributed": it is not an attribution
UNATTRIBUTED_CONFIDENCE = 0.25


_LABEL_RE = re.compile(r"[ \t\xa0]*([A-Z][A-Z'’.\-]+(?:[ \xa0][A-Z][A-Z'’.\-]+){0,2}):[ \t\xa0]")
# capitalised lead-ins that are not speakers ("“VIDEO: ...”", "“UPDATE: ...”")
_NOT_LABELS = frozenset(
    {
        "VIDEO", "WATCH", "UPDATE", "UPDATED", "BREAKING", "PHOTO", "PHOTOS", "NOTE", "READ",
        "MORE", "RELATED", "SOURCE", "LIVE", "AUDIO", "EXCLUSIVE", "WARNING", "ALERT", "NEWS",
        "BREAKING NEWS", "EDITOR'S NOTE", "EDITOR’S NOTE", "CORRECTION", "CLARIFICATION",
        "SEE", "ALSO", "FACT", "CHECK", "FACT CHECK", "TRANSCRIPT", "QUESTION", "ANSWER",
        "TOPIC", "SUBJECT", "RE", "FW", "FWD", "PS", "P.S.", "WANTED", "SPOILER",
    }
)  # fmt: skip


class Record(NamedTuple):
    """A quote as the engine leaves it: ``Quote``'s fields in ``Quote``'s order, in a plain
    tuple. ``extract_quotes`` adds evidence and confidence and builds each ``Quote`` once, at
    the end (a frozen ``Quote`` costs several times as much to build)."""

    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None
    speaker_mention: Span | None
    title: str | None
    cue: Span | None
    confidence: float
    context: str
    context_start: int
    context_end: int
    group: int | None
    evidence: Evidence


def _share_groups(drafts: list[Draft]) -> None:
    """A multi-paragraph quote attributed only at its end: its earlier parts take the
    speaker of the first attributed part, a little less sure."""
    groups: dict[int, Draft] = {}
    for d in drafts:
        if d.group is not None and d.speaker is not None:
            groups.setdefault(d.group, d)
    for d in drafts:
        if d.speaker is None and d.group is not None and d.group in groups:
            src = groups[d.group]
            d.speaker, d.cue, d.confidence = src.speaker, src.cue, src.confidence - 0.05


class Extractor(ReportedSpeech):
    """The whole extractor: ``run`` drives every stage over one article."""

    # -- driver -------------------------------------------------------------------------------

    def run(self) -> list[Record]:
        """Every record of the article, by these steps in order: each sentence's quotes
        attributed (``attribute_sentence``), transcript labels, the quotes still without a
        speaker (``_unattributed``), multi-paragraph quotes sharing their speaker backwards
        (``_share_groups``), the quotes' records (``_quote_records``), then reported speech in
        the sentences without a quote (``_indirect_records``)."""
        drafts = [Draft(q, self.sidx.index(q.open_at)) for q in self.quotes]
        by_sent: dict[int, list[Draft]] = {}
        for d in drafts:
            by_sent.setdefault(d.sent, []).append(d)
        for si, ds in by_sent.items():
            self.attribute_sentence(si, ds)
        for d in drafts:
            self.transcript_label(d)
        self._unattributed(drafts)
        _share_groups(drafts)
        out = self._quote_records(drafts)
        out.extend(self._indirect_records(by_sent))
        out.sort(key=lambda x: (x.start, x.end))
        return out

    def _unattributed(self, drafts: list[Draft]) -> None:
        """A quote still without a speaker: the next part of a multi-paragraph quote takes
        its first part's; then a neighbour's (``from_neighbours``); then the last resort."""
        last: Draft | None = None
        by_span = {id(d.q): d for d in drafts}
        for d in drafts:
            if d.q.continues is not None:
                prev = by_span.get(id(d.q.continues))
                if prev is not None and d.speaker is None:
                    if prev.group is None:
                        prev.group = self.new_group()
                    d.group = prev.group
                    d.speaker, d.cue, d.how = prev.speaker, prev.cue, "continued"
                    d.kind = "direct"
                    d.confidence = max(0.6, prev.confidence - 0.05) if prev.speaker else 0.0
            if d.speaker is None:
                self.from_neighbours(d, last)
            if d.speaker is None:
                self.last_resort(d)
            if d.speaker is not None:
                last = d

    def _quote_records(self, drafts: list[Draft]) -> list[Record]:
        """The records of the quotes worth keeping: one with no speaker only when long
        enough (or cued) to be searchable, at ``UNATTRIBUTED_CONFIDENCE``; a title-like
        quote capped at 0.2."""
        text = self.text
        out: list[Record] = []
        for d in drafts:
            body = text[d.q.start : d.q.end]
            words = len(body.split())
            conf = d.confidence
            if d.speaker is None:
                if (words >= 8 and d.kind == "direct") or (d.cue is not None and words >= 3):
                    conf = UNATTRIBUTED_CONFIDENCE
                else:
                    continue
            if title_like(body) and d.how not in {"floating", "continued", "colon"}:
                conf = min(conf, 0.2)
            out.append(self.make(d, conf))
        return out

    def _indirect_records(self, by_sent: dict[int, list[Draft]]) -> list[Record]:
        """Reported speech in the sentences without a quote (a sentence with one had its
        cues read): only those with a cue word reported speech may hang on (``indirect``
        finds nothing without one; the rarer test first) and a cue word as ``CUE_RE`` reads
        it (one search per sentence: a cue never spans two sentences, only blanks lie
        between them)."""
        text = self.text
        out: list[Record] = []
        cue_search = CUE_RE.search
        for si, (sa, sb) in enumerate(self.sents):
            if (
                si in by_sent
                or not has_reporting_cue(text[sa:sb].lower())
                or cue_search(text, sa, sb) is None
            ):
                continue
            for sp, cue, (a, b) in self.indirect(si):
                conf = 0.5 if sp.named else (0.45 if sp.name else 0.35)
                out.append(self.record(a, b, "indirect", sp, cue, conf, None, si, "indirect"))
        return out

    def transcript_label(self, d: Draft) -> None:
        """ "“PENCE: Well, look, ...”": a transcript's capitalised label speaks, whatever the
        line before the block says ("Partial transcript as follows:")."""
        head = d.q.start + 40
        m = _LABEL_RE.match(self.text, d.q.start, d.q.end if d.q.end < head else head)
        if m is None:
            return
        label = " ".join(m.group(1).split())
        if label in _NOT_LABELS or label.replace(".", "") in {"US", "UK", "EU", "UN", "AP"}:
            return
        ent = self.reg.by_label(label)
        if ent is None:
            if not self._label_turns:  # every quote's label counted in one pass: stays linear
                for q in self.quotes:
                    lm = _LABEL_RE.match(self.text, q.start, min(q.end, q.start + 40))
                    if lm is not None:
                        key = " ".join(lm.group(1).split())
                        self._label_turns[key] = self._label_turns.get(key, 0) + 1
            if self._label_turns.get(label, 0) < 2:
                return  # "“NATO: ...”" once is a heading; a transcript gives each voice turns
        name = ent.name if ent is not None else title_case(label)
        title = ent.title if ent is not None else None
        d.speaker = Speaker(name, title, (m.start(1), m.end(1)), True)
        d.cue, d.how, d.kind, d.confidence = None, "label", "direct", 0.85

    def make(self, d: Draft, conf: float) -> Record:
        how = d.how or "none"
        return self.record(d.q.start, d.q.end, d.kind, d.speaker, d.cue, conf, d.group, d.sent, how)

    def record(
        self,
        a: int,
        b: int,
        kind: QuoteKind,
        sp: Speaker | None,
        cue: tuple[int, int] | None,
        conf: float,
        group: int | None,
        si: int,
        method: str,
    ) -> Record:
        """The quote record, built once with its evidence method (``dataclasses.replace``
        after the fact cost a second construction per quote)."""
        text = self.text
        ca, cb = self.sents[si]
        ca, cb = (ca if ca < a else a), (cb if cb > b else b)
        # a runaway sentence (no punctuation for pages) must not blow up every record
        if a - ca > _CONTEXT_PAD:
            ca = a - _CONTEXT_PAD
        if cb - b > _CONTEXT_PAD:
            cb = b + _CONTEXT_PAD
        mention = None
        name = title = None
        if sp is not None:
            ma, mb = sp.mention
            mention = Span(text[ma:mb], ma, mb)
            name, title = sp.name, sp.title
            if name is not None and name.lower() in PERSON_PRONOUNS:
                name = None
        # positional, through ``tuple.__new__``: the named tuple's own ``__new__`` with keywords
        # cost ~6,000 instructions a record (the order is ``Record``'s, pinned by a test)
        return _new_tuple(
            Record,
            (
                text[a:b],
                a,
                b,
                kind,
                name,
                mention,
                title,
                Span(text[cue[0] : cue[1]], cue[0], cue[1]) if cue else None,
                round(0.0 if conf < 0.0 else 1.0 if conf > 1.0 else conf, 3),
                text[ca:cb],
                ca,
                cb,
                group,
                _evidence(method),
            ),
        )


_new_tuple = tuple.__new__


@cache
def _evidence(method: str) -> Evidence:
    """The bare evidence of a stage: immutable, so one per method serves every record."""
    return Evidence(method)


def records(text: str) -> list[Record]:
    """Run the pipeline on one article."""
    if not text or not text.strip():
        return []
    return Extractor(text).run()


def extract(text: str) -> list[Quote]:
    """Run the pipeline on one article: its quotes, each with ``Evidence.method`` only."""
    return [Quote(*r) for r in records(text)]
