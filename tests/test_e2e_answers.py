"""End to end, issue 14: what the fake Discord receives for a pronoun attribution, a
paraphrase, a partial quote and an uncertain speaker in ``who``, ``quotes`` and ``quote
random``: direct quotes in quotation marks, partial quotes inside their sentence, reported
speech labelled a paraphrase and never inside quotation marks. The digest's side is in
``test_digest_answers.py``. Articles written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from bot.client import WhosaidBot
from bot.core.ingest.pipeline import ingest_text
from bot.core.models import ArticleInput
from bot.core.store import Store
from tests.fake_discord import ALICE, BOB, GUILD_ID, FakeDiscord, Recorded
from tests.test_e2e import _quote, assert_all_silent, bot, clock, store

__all__ = ["bot", "clock", "store"]

DOCKS = (
    "Storm Leaves Port Ellery Docks in Ruins\n\n"
    "Harbour commissioner Odile Ferrant toured the flooded docks in Port Ellery on Tuesday. "
    "The storm had torn two cranes from their moorings overnight.\n\n"
    '"We will rebuild every pier before the winter fishing season," she said.\n\n'
    'She called the damage "worse than anything since 1987" and thanked the crews.\n'
)
FERRY = (
    "Ferry Fares To Fall, Minister Says\n\n"
    "Fisheries minister Bram Tollund said on Wednesday that the ferry fares would fall in "
    "spring. The island routes have lost passengers for three years.\n"
)
QUOTE_MARKS = '“”"'


@pytest.fixture
async def articles(store: Store) -> None:
    for text, title in ((DOCKS, "Docks in ruins"), (FERRY, "Ferry fares")):
        result = await ingest_text(text, scope=str(GUILD_ID), store=store, title=title)
        assert result.status == "added", result
    weak = _quote(
        "The tide tables are wrong this year",
        "Perrin Oakes",
        None,
        "Someone at the quay, possibly Perrin Oakes, said: “The tide tables are wrong this year.”",
        conf=0.41,
    )
    await store.save_article(
        ArticleInput(text=weak.context, title="Quay talk", outlet="Harbour Notes"),
        [weak],
        str(GUILD_ID),
    )


def embed(rec: Recorded) -> dict[str, Any]:
    found: dict[str, Any] = rec.embeds()[0]
    return found


def fields(rec: Recorded) -> dict[str, str]:
    return {f["name"]: f["value"] for f in embed(rec).get("fields", [])}


async def test_who_names_the_pronoun_it_went_through(
    bot: WhosaidBot, fake: FakeDiscord, articles: None
) -> None:
    rec = await fake.ask(ALICE, '!who said "rebuild every pier"')
    shown = embed(rec)
    assert shown["title"] == "Odile Ferrant"
    assert shown["description"] == (
        "> “We will **rebuild every pier** before the winter fishing season,”"
    )
    assert fields(rec)["How the speaker was found"] == (
        "attributed via *she*, resolved to Odile Ferrant"
    )
    assert_all_silent(fake)


async def test_who_labels_a_paraphrase_and_never_quotes_it(
    bot: WhosaidBot, fake: FakeDiscord, articles: None
) -> None:
    rec = await fake.ask(BOB, '!who said "ferry fares would fall"')
    shown = embed(rec)
    assert shown["title"] == "Bram Tollund, Fisheries minister"
    assert shown["description"] == (
        "*Paraphrase* (reported speech, not the speaker's own words): "
        "the **ferry fares would fall** in spring"
    )
    assert not any(mark in shown["description"] for mark in QUOTE_MARKS)
    assert "How the speaker was found" not in fields(rec)  # named, not via a pronoun


async def test_who_shows_a_partial_quote_inside_its_sentence(
    bot: WhosaidBot, fake: FakeDiscord, articles: None
) -> None:
    rec = await fake.ask(BOB, '!who said "worse than anything"')
    shown = embed(rec)
    assert shown["description"] == (
        '> She called the damage "**worse than anything** since 1987" and thanked the crews.\n'
        "*Partial quote: only the words in quotation marks are the speaker's.*"
    )
    assert "Context" not in fields(rec)  # the sentence is already there


async def test_who_says_a_weak_speaker_is_uncertain(
    bot: WhosaidBot, fake: FakeDiscord, articles: None
) -> None:
    rec = await fake.ask(BOB, '!who said "tide tables are wrong"')
    shown = embed(rec)
    assert shown["title"] == "Possibly Perrin Oakes — the speaker is uncertain"
    assert shown["footer"]["text"].startswith("Attribution confidence: uncertain")


async def test_quotes_pages_mark_pronouns_and_paraphrases(
    bot: WhosaidBot, fake: FakeDiscord, articles: None
) -> None:
    ferrant = embed(await fake.ask(ALICE, "!quotes Odile Ferrant"))["description"]
    assert ferrant.split("\n\n") == [
        '**1.** She called the damage "worse than anything since 1987" and thanked the crews. '
        "*(attributed via “she”)*",
        "**2.** “We will rebuild every pier before the winter fishing season,” "
        "*(attributed via “she”)*",
    ]
    tollund = embed(await fake.ask(ALICE, "!quotes Bram Tollund"))["description"]
    assert tollund == "**1.** (paraphrase) the ferry fares would fall in spring"
    oakes = embed(await fake.ask(ALICE, "!quotes Perrin Oakes"))["description"]
    assert oakes == "**1.** “The tide tables are wrong this year” *(speaker uncertain)*"


async def test_random_quote_marks_pronouns_and_paraphrases(
    bot: WhosaidBot, fake: FakeDiscord, articles: None
) -> None:
    ferrant = await fake.ask(ALICE, "!quote random Odile Ferrant")
    assert fields(ferrant)["How the speaker was found"] == (
        "attributed via *she*, resolved to Odile Ferrant"
    )
    tollund = embed(await fake.ask(ALICE, "!quote random Bram Tollund"))
    assert tollund["description"].startswith("*Paraphrase* (reported speech")
    assert not any(mark in tollund["description"] for mark in QUOTE_MARKS)
    assert_all_silent(fake)
