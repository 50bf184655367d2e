"""The misquote check (issue 15, item 4): every verdict on the bundled water-rates samples.

Files 07–10 carry Governor Mara Ellison's statement in four outlets: in full and by name
(07, and 08, published first), trimmed (09), and with "rates" changed to "prices" and
attributed only through *she* (10, which the extractor resolves to the wrong person).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.check import (
    MAX_CLAIM,
    CheckResult,
    check,
    check_claim,
    claim_problem,
    first_source,
    names_match,
    real_speaker,
)
from bot.core.check_text import verdict_sentence
from bot.core.claim import parse_claim
from bot.core.ingest.pipeline import ingest_text
from bot.core.ingest.sources import ingest_sources
from bot.core.models import GLOBAL_SCOPE, Article, QuoteHit, StoredEvidence, StoredQuote
from bot.core.store import Store, open_store
from bot.core.wordiff import ALTERED_MIN, Words, align
from bot.settings import Settings

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
FULL = (
    "We will not raise water rates this winter, and I will veto any bill that tries to do it "
    "behind the backs of families"
)
WIRE = {
    "outlet": "Continental Wire",
    "date": "2026-11-02",
    "url": "https://example.org/wire/ellison-water-veto",
}


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    """The samples through the real pipeline and extractor, in a fresh SQLite store."""
    real = await open_store(f"sqlite:///{tmp_path / 'check.db'}")
    await ingest_sources([str(SAMPLES)], scope=GLOBAL_SCOPE, store=real, settings=Settings())
    yield real
    await real.close()


async def verdict(store: Store, claim: str) -> CheckResult:
    return await check(store, claim, [GLOBAL_SCOPE])


# -- every verdict on the samples --------------------------------------------------------------
async def test_exact_words_by_the_claimed_speaker_first_seen_in_the_earliest_outlet(
    store: Store,
) -> None:
    result = await verdict(store, f"Governor Ellison: “{FULL}.”")
    assert result.to_json() == {
        "verdict": "exact",
        "claimed_speaker": "Governor Ellison",
        "speaker": "Mara Ellison",
        "quote": FULL,
        "first_seen": WIRE,  # 08 was published on 2 Nov, before 07 (3 Nov)
        "diff": [["=", FULL]],
    }


async def test_a_cut_of_the_statement_is_trimmed_and_says_what_was_cut(store: Store) -> None:
    result = await verdict(store, "“We will not raise water rates this winter,” Ellison said.")
    assert result.verdict == "trimmed"
    assert result.quote == FULL and result.speaker == "Mara Ellison"
    assert result.diff == (
        ("=", "We will not raise water rates this winter,"),
        ("-", "and I will veto any bill that tries to do it behind the backs of families"),
    )
    assert result.first_seen is not None and result.first_seen.outlet == "Continental Wire"
    assert result.printed_by == ("Valley Courier",)  # 09 printed only this much


async def test_an_ellipsis_cut_is_trimmed_with_the_middle_shown(store: Store) -> None:
    result = await verdict(store, "We will not raise water rates … behind the backs of families")
    assert result.verdict == "trimmed"
    assert [op for op, _ in result.diff] == ["=", "-", "="]
    assert result.diff[1][1] == "this winter, and I will veto any bill that tries to do it"


async def test_one_word_changed_is_altered_with_a_word_diff(store: Store) -> None:
    result = await verdict(store, "Mr. Ellison said we will never raise water rates this winter")
    assert result.verdict == "altered"
    assert result.diff[:4] == (
        ("=", "We will"),
        ("+", "never"),
        ("-", "not"),
        ("=", "raise water rates this winter,"),
    )
    assert result.diff[-1][0] == "-"  # and the rest of the statement was cut


async def test_the_one_outlet_that_changed_a_word_does_not_make_its_wording_real(
    store: Store,
) -> None:
    # 10 printed "water prices"; three outlets carry "water rates".
    result = await verdict(store, FULL.replace("rates", "prices"))
    assert result.verdict == "altered"
    assert ("+", "prices") in result.diff and ("-", "rates") in result.diff
    assert result.printed_by == ("Northern Dispatch",)
    assert result.speaker == "Mara Ellison"  # 10's "she" went to the wrong person; outvoted


async def test_words_of_someone_else_are_misattributed(store: Store) -> None:
    result = await verdict(store, "Dana Whitcombe said we will not raise water rates this winter")
    assert result.verdict == "misattributed"
    assert result.claim.speaker == "Dana Whitcombe" and result.speaker == "Mara Ellison"
    other = await verdict(store, "“Somebody pays for the pipes eventually” — Governor Ellison")
    assert (other.verdict, other.speaker) == ("misattributed", "Tomas Reyes")


async def test_nothing_close_is_unknown_and_never_a_guess(store: Store) -> None:
    for claim in (
        "Ellison said the moon is made of cheese",
        "we will not raise the rent",  # shares an opening, nothing else
        "water",  # too short to be anyone's quote
    ):
        result = await verdict(store, claim)
        assert result.to_json() | {"claimed_speaker": None} == {
            "verdict": "unknown",
            "claimed_speaker": None,
            "speaker": None,
            "quote": None,
            "first_seen": None,
            "diff": [],
        }, claim


async def test_a_claim_with_no_speaker_is_checked_on_its_words(store: Store) -> None:
    result = await verdict(store, "A freeze now means a bigger bill next year")
    assert (result.verdict, result.speaker, result.claim.speaker) == (
        "exact",
        "Dana Whitcombe",
        None,
    )


async def test_another_servers_quotes_are_not_checked(store: Store) -> None:
    secret = "“The reservoir deal is already signed,” Councillor Ada Pryce said on Friday."
    await ingest_text(f"Private\n\n{secret}", scope="42", store=store)
    claim = "Ada Pryce said the reservoir deal is already signed"
    assert (await check(store, claim, ["42", GLOBAL_SCOPE])).verdict == "exact"
    assert (await check(store, claim, ["7", GLOBAL_SCOPE])).verdict == "unknown"


# -- the claim's speaker -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Dana Whitcombe said we will not raise rates",
            "we will not raise rates",
            "Dana Whitcombe",
        ),
        ("Ellison: “We will not raise rates”", "We will not raise rates", "Ellison"),
        ("“We will not raise rates” — Gov. Ellison", "We will not raise rates", "Gov. Ellison"),
        ("“We will not raise rates,” Ellison said.", "We will not raise rates", "Ellison"),
        ("“We will not raise rates,” said Mr. Ellison", "We will not raise rates", "Mr. Ellison"),
        ("According to Ellison, we will not raise rates", "we will not raise rates", "Ellison"),
        ("we will not raise rates, according to ellison", "we will not raise rates", "ellison"),
        ("Ellison said that “we will not raise rates”", "we will not raise rates", "Ellison"),
        ("“We will not raise rates,” she said.", "We will not raise rates", None),
        ('"Ellison said “we will not raise rates”"', "we will not raise rates", "Ellison"),
        ('"we will not raise rates"', "we will not raise rates", None),
        ("I said no to the plan", "I said no to the plan", None),
        ("we will not raise rates", "we will not raise rates", None),
        ("", "", None),
    ],
)
def test_the_claimed_speaker_is_parsed_out(text: str, words: str, speaker: str | None) -> None:
    claim = parse_claim(text)
    assert (claim.words, claim.speaker) == (words, speaker)


@pytest.mark.parametrize(
    ("claimed", "real", "same"),
    [
        ("Ellison", "Mara Ellison", True),
        ("ellison", "Mara Ellison", True),
        ("Mr. Ellison", "Mara Ellison", True),
        ("Governor Mara Ellison", "Mara Ellison", True),
        ("M. Ellison", "Mara Ellison", True),
        ("J.D. Vance", "JD Vance", True),
        ("Dana Ellison", "Mara Ellison", False),
        ("Dana Whitcombe", "Mara Ellison", False),
        ("Whitcombe", "Dana Whitcombe", True),
    ],
)
def test_names_match_loosely(claimed: str, real: str, same: bool) -> None:
    assert names_match(claimed, real) is same


# -- thresholds, limits, provenance --------------------------------------------------------------
@pytest.mark.parametrize(
    ("claim", "fit"),
    [
        ("we will not raise taxes this winter", "altered"),  # two words for one: 0.80
        ("we will never raise water rates this winter", "altered"),  # 0.88
        ("we will not raise the rent", "far"),  # 0.67
        ("we will not raise the rent this year", "far"),  # 0.63
        ("the moon is made of cheese", "far"),
    ],
)
def test_altered_threshold(claim: str, fit: str) -> None:
    result = align(Words.of(claim), Words.of(FULL))
    assert result.fit == fit, result.ratio
    assert (result.ratio >= ALTERED_MIN) is (fit == "altered")


def test_huge_and_empty_claims_get_a_clear_message() -> None:
    huge = "we will not raise rates " * 100
    assert len(huge) > MAX_CLAIM
    problem = claim_problem(huge)
    assert problem is not None and f"at most {MAX_CLAIM:,}" in problem
    assert check_claim(huge, []).verdict == "unknown"
    assert claim_problem(" “ ” ") is not None and claim_problem("rates will rise") is None


def _hit(
    text: str,
    published: datetime | None,
    article_id: int,
    outlet: str,
    speaker: str | None = "Mara Ellison",
    form: str = "name",
) -> QuoteHit:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    evidence = StoredEvidence(method="left", form=form)
    quote = StoredQuote(
        article_id,
        article_id,
        text,
        "direct",
        speaker,
        None,
        text,
        0.9,
        0,
        len(text),
        now,
        evidence,
    )
    article = Article(article_id, "t", outlet, None, published, None, None, "h", now)
    return QuoteHit(quote, article, 100.0)


def test_first_source_is_the_earliest_publication_not_the_first_ingested() -> None:
    hits = [
        _hit(FULL, datetime(2026, 11, 3, tzinfo=UTC), 1, "Ledger"),
        _hit(FULL, None, 2, "Undated"),
        _hit(FULL, datetime(2026, 11, 2, tzinfo=UTC), 3, "Wire"),
    ]
    first = first_source(hits)
    assert first is not None and first.outlet == "Wire"
    assert first_source([]) is None


def test_the_speaker_vote_weighs_names_over_pronouns_and_merges_surnames() -> None:
    day = datetime(2026, 11, 2, tzinfo=UTC)
    hits = [
        *(_hit(FULL, day, n, "A", "Ellison") for n in (1, 2)),
        *(_hit(FULL, day, n, "B", "Mara Ellison") for n in (3, 4)),
        *(_hit(FULL, day, n, "C", "Dana Whitcombe") for n in (5, 6, 7)),
    ]
    assert real_speaker(hits) == "Mara Ellison"  # "Ellison" counts for her: 4 votes to 3
    pronouns = [
        _hit(FULL, day, 1, "A", "Mara Ellison"),
        *(_hit(FULL, day, n, "B", "Dana Whitcombe", form="pronoun") for n in (2, 3)),
    ]
    assert real_speaker(pronouns) == "Mara Ellison"  # one name beats two "she"s
    assert real_speaker([_hit(FULL, day, 1, "A", None)]) is None


def test_words_nobody_is_credited_with_are_not_confirmed_for_the_claimed_speaker() -> None:
    hits = [_hit(FULL, None, 1, "A", None, form="none")]
    result = check_claim(f"Ellison said {FULL}", hits)
    assert result.verdict == "exact" and result.speaker is None
    assert verdict_sentence(result) == (
        "These are exactly words an article quotes without saying who said them. "
        "Whether Ellison said them, the articles do not say."
    )
