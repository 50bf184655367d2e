"""Issue 18: every answer that shows article or user text shows it inert.

The real bot, against the fake Discord and a local news site, ingests an article we wrote
whose title, quote and context hold every kind of Discord markup: mentions, markdown, a
channel link, a slash-command mention, a timestamp, a custom emoji and a raw URL. Each answer
that shows text (who, quotes, quote random, speakers, digest preview, the ingest reply, feed
add/list/remove replies and the feed notice) is checked on what the fake Discord received:
the markup is shown as typed, never rendered, and the URL is wrapped so it unfurls nothing.
"""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.models import ArticleInput, Quote
from tests.conftest import Clock
from tests.fake_discord import (
    ALICE,
    BOB,
    CHANNEL_ID,
    GUILD_ID,
    FakeDiscord,
    FeedArticle,
    FeedServer,
    Recorded,
    dm_channel_id,
)
from tests.test_digest_e2e import Harness, silent, text_of
from tests.test_feeds_e2e import tick

#: Everything Discord would render, ping, link or preview.
MARKUP = (
    "@everyone <@123> <#123> </who:123> <t:1700000000:R> <:emoji:123> **bold** "
    "https://example.com/x"
)
RAW = (
    "@everyone",
    "<@123>",
    "<#123>",
    "</who:123>",
    "<t:1700000000:R>",
    "<:emoji:123>",
    "**bold**",
)
#: How they must arrive: shown as typed (backslash or zero-width space), the URL in <…>.
SHOWN = (
    "@\u200beveryone",
    "\\<@\u200b123\\>",
    "\\<#123\\>",
    "\\</who:123\\>",
    "\\<t:1700000000:R\\>",
    "\\<:emoji:123\\>",
    "\\*\\*bold\\*\\*",
    "<https://example.com/x>",
)
QUOTE = f"Tell {MARKUP} that the harbour vote is on Tuesday,"
TEXT = (
    f"The council met on Monday night. “{QUOTE}” said Mayor Ines Brightwater after the "
    "meeting. Residents cheered."
)
TITLE = f"Harbour vote {MARKUP}"


def assert_inert(text: str, *, shows_markup: bool = True) -> None:
    """No raw markup anywhere; every example.com URL wrapped; and (when the answer shows the
    article's text) each piece of markup visibly there, escaped."""
    # A link's own address may hold anything: Discord renders none of it.
    outside_links = re.sub(r"\]\(https?://[^\s)]*\)|<https?://[^\s<>]*>", " ", text)
    for raw in RAW:
        assert raw not in outside_links, (raw, text)
    for found in re.finditer(re.escape("https://example.com/x"), text):
        assert text[found.start() - 1 : found.end() + 1] == "<https://example.com/x>", text
    if shows_markup:
        for shown in SHOWN:
            assert shown in text, (shown, text)


def answer(rec: Recorded) -> str:
    assert silent(rec), rec.payload()
    return text_of([rec])


@pytest.fixture
async def site() -> AsyncIterator[FeedServer]:
    server = FeedServer()
    server.articles.append(FeedArticle("harbour", html.escape(TITLE), html.escape(TEXT)))
    await server.start()
    yield server
    await server.close()


@pytest.fixture
async def h(fake: FakeDiscord, tmp_path: Path) -> AsyncIterator[Harness]:
    harness = Harness(fake, tmp_path / "markup.db", Clock(datetime(2025, 3, 3, 6, tzinfo=UTC)))
    await harness.start(fetch_allow_hosts=("127.0.0.1",), fetch_timeout=5.0)
    yield harness
    await harness.stop()


async def test_ingest_reply_and_every_quote_answer_show_markup_inert(
    h: Harness, site: FeedServer
) -> None:
    fake = h.fake
    typed = f"{site.base}/articles/harbour?ref=x>@everyone<#123>"
    since = fake.mark()
    await fake.send_message(ALICE, f"!ingest {typed}")
    progress = await fake.wait_for_request(
        lambda r: r.method == "POST" and r.path.endswith("/messages"), since=since
    )
    done = await fake.wait_for_request(lambda r: r.method == "PATCH", since=since)
    assert_inert(answer(progress), shows_markup=False)
    assert "Fetching <http://127.0.0.1:" in answer(progress)
    # The URL ends at ">": what follows is shown as typed (the last ">" went with the <…>).
    assert "harbour?ref=x>@\u200beveryone\\<#123…" in answer(progress)
    assert done.embeds()[0]["title"] == "Added"
    assert_inert(answer(done))

    # A speaker whose name is markup too (stored directly: no extractor would find it).
    assert h.store is not None
    await h.store.save_article(
        ArticleInput(
            text=f"The ferry runs every hour from May. {MARKUP}",
            title="Ferry timetable",
            url="https://news.example.com/ferry",
        ),
        [
            Quote(
                text="The ferry runs every hour from May",
                start=0,
                end=0,
                kind="direct",
                speaker=f"Rex {MARKUP}",
                speaker_mention=None,
                title="Harbour master",
                cue=None,
                confidence=0.9,
                context=f"The ferry runs every hour from May. {MARKUP}",
            )
        ],
        str(GUILD_ID),
    )

    who = await fake.ask(BOB, "!who said the harbour vote is on Tuesday")
    assert who.embeds()[0]["title"].startswith("Ines Brightwater")
    assert_inert(answer(who))
    random_quote = await fake.ask(BOB, "!quote random Ines Brightwater")
    assert_inert(answer(random_quote))
    quotes = await fake.ask(BOB, "!quotes Ines Brightwater")
    assert_inert(answer(quotes))
    rex = await fake.ask(BOB, f"!quotes Rex {MARKUP}")
    assert rex.embeds()[0]["title"].startswith("Quotes by Rex @\u200beveryone \\<@\u200b123\\>")
    assert_inert(answer(rex), shows_markup=False)
    speakers = await fake.ask(BOB, "!speakers")
    assert "Ines Brightwater" in answer(speakers)
    assert_inert(answer(speakers))

    # What the user typed, echoed back: a phrase nothing matches, a speaker nobody is.
    nothing = "zebra @here <#999> </ask:999> <t:1:R> <a:dance:999> __loud__ https://example.org/y"
    missed = await fake.ask(ALICE, f"!who said {nothing}")
    assert (
        "I found no quote matching “zebra @\u200bhere \\<#999\\> \\</ask:999\\> \\<t:1:R\\> "
        "\\<a:dance:999\\> \\_\\_loud\\_\\_ <https://example.org/y>”"
    ) in answer(missed)
    assert_inert(answer(missed), shows_markup=False)
    nobody = await fake.ask(ALICE, f"!quotes Nobody {nothing}")
    assert "I know no speaker called “Nobody zebra @\u200bhere \\<#999\\>" in answer(nobody)
    assert_inert(answer(nobody), shows_markup=False)

    since = fake.mark()
    await fake.ask(ALICE, "!digest preview")  # the preview goes to the invoker's DMs
    dm = fake.posts(dm_channel_id(ALICE), since)
    assert dm and all(silent(p) for p in dm)
    assert_inert(text_of(dm))


async def test_feed_replies_list_and_notices_show_markup_inert(
    h: Harness, site: FeedServer
) -> None:
    fake = h.fake
    added = await fake.ask(ALICE, f"!feeds add {site.feed_url}?ref=**x**_y_ <#{CHANNEL_ID}>")
    assert f"Following <{site.feed_url}?ref=**x**_y_>" in answer(added)
    assert_inert(answer(added), shows_markup=False)
    again = await fake.ask(ALICE, f"!feeds add {site.feed_url}?ref=**x**_y_&utm_source=x")
    assert "already follows" in answer(again)
    assert_inert(answer(again), shows_markup=False)
    gone = await fake.ask(ALICE, "!feeds remove https://example.com/x>@everyone<#123>")
    assert "does not follow <https://example.com/x>@\u200beveryone\\<#123. See" in answer(gone)
    assert_inert(answer(gone), shows_markup=False)
    bad = await fake.ask(ALICE, f"!feeds add {MARKUP}")
    assert "not a feed address" in answer(bad)
    assert_inert(answer(bad), shows_markup=False)

    listing = await fake.ask(ALICE, "!feeds list")
    assert f"<{site.feed_url}?ref=**x**_y_>" in answer(listing)
    assert_inert(answer(listing), shows_markup=False)

    await tick(h)  # the first poll indexes quietly
    ferry = TEXT.replace("harbour vote", "ferry vote")
    site.publish(FeedArticle("ferry", html.escape(f"Ferry {MARKUP}"), html.escape(ferry)))
    h.clock.advance(minutes=20)
    since = fake.mark()
    await tick(h)
    (notice,) = fake.posts(since=since)
    assert "New quotes from" in answer(notice)
    assert_inert(answer(notice), shows_markup=False)
    assert "Ferry @\u200beveryone \\<@\u200b123\\> \\<#123\\>" in answer(notice)
