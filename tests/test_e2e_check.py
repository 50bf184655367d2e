"""End to end, issue 15 item 4: ``/check``, ``!check`` and "Check this quote" on the fake
Discord, over the bundled water-rates samples (same fixtures as ``test_e2e.py``)."""

from __future__ import annotations

from typing import Any

from bot.client import WhosaidBot
from tests.fake_discord import ALICE, BOB, FakeDiscord, Recorded
from tests.test_e2e import assert_all_silent, bot, clock, store

__all__ = ["bot", "clock", "store"]


def _answer(inter: dict[str, Any]) -> Any:
    token = inter["token"]
    return lambda r: token in r.path and r.sends_text()


def _fields(rec: Recorded) -> dict[str, str]:
    return {f["name"]: f["value"] for f in rec.embeds()[0].get("fields", [])}


async def test_prefix_check_names_the_real_speaker_of_misattributed_words(
    bot: WhosaidBot, fake: FakeDiscord
) -> None:
    rec = await fake.ask(
        BOB, '!check "Dana Whitcombe said we will not raise water rates this winter"'
    )
    embed = rec.embeds()[0]
    assert embed["title"] == "Misattributed"
    assert embed["description"] == (
        "The claim names Dana Whitcombe, but these are Mara Ellison's words."
    )
    fields = _fields(rec)
    assert fields["Claim"] == (
        "we will not raise water rates this winter\nClaimed speaker: Dana Whitcombe"
    )
    assert fields["Real words"].startswith("“We will not raise water rates this winter, and I")
    assert fields["Said by"].startswith("Mara Ellison (attributed to Mara Ellison by 3 outlets")
    assert fields["First seen"] == (
        "[Continental Wire](https://example.org/wire/ellison-water-veto) · 2 Nov 2026"
    )
    assert "~~and I will veto any bill" in fields["Difference"]
    assert_all_silent(fake)


async def test_slash_check_marks_the_changed_word(bot: WhosaidBot, fake: FakeDiscord) -> None:
    claim = (
        "“We will not raise water prices this winter, and I will veto any bill that tries to "
        "do it behind the backs of families” — Governor Ellison"
    )
    since = fake.mark()
    inter = await fake.slash(BOB, "check", {"quote": claim})
    first = await fake.wait_for_request(fake.for_interaction(inter), since=since)
    assert first.path.endswith("/callback") and first.body["type"] == 5  # deferred in time
    rec = await fake.wait_for_request(_answer(inter), since=since)
    assert rec.embeds()[0]["title"] == "Altered"
    assert _fields(rec)["Difference"].startswith(
        "We will not raise water **prices** ~~rates~~ this winter, and I will veto"
    )
    footer = rec.embeds()[0]["footer"]["text"]
    assert "printed by Northern Dispatch" in footer
    exact = await fake.ask(BOB, "!check A freeze now means a bigger bill next year")
    assert exact.embeds()[0]["title"] == "Exact"
    assert "Dana Whitcombe" in _fields(exact)["Said by"]
    assert_all_silent(fake)


async def test_unknown_and_bad_claims_say_so(bot: WhosaidBot, fake: FakeDiscord) -> None:
    rec = await fake.ask(BOB, '!check "Ellison said the moon is made of cheese"')
    assert rec.embeds()[0]["title"] == "Unknown"
    assert "I never guess" in rec.embeds()[0]["description"]
    assert set(_fields(rec)) == {"Claim"}
    long = await fake.ask(BOB, "!check " + "word " * 300)
    assert "at most 1,000" in long.embeds()[0]["description"]
    assert_all_silent(fake)


async def test_hostile_claim_is_escaped_and_pings_nobody(
    bot: WhosaidBot, fake: FakeDiscord
) -> None:
    rec = await fake.ask(
        BOB,
        "!check @everyone <@123456789012345678> said “**We will not raise water rates** "
        "this winter” ||spoiler|| https://evil.example/x",
    )
    embed = rec.embeds()[0]
    text = "\n".join([embed["title"], embed["description"], *_fields(rec).values()])
    assert "@everyone" not in text.replace("@\u200beveryone", "")
    assert "<@123" not in text and "\\<@\u200b123" in text
    assert "\\*\\*We will not raise" in text  # the claim's markdown is shown, not applied
    assert_all_silent(fake)


async def test_context_menu_checks_a_message_privately(bot: WhosaidBot, fake: FakeDiscord) -> None:
    target = await fake.send_message(
        BOB, "Ellison said “We will not raise water rates this winter” @here **really**"
    )
    since = fake.mark()
    inter = await fake.message_command(ALICE, "Check this quote", target)
    first = await fake.wait_for_request(fake.for_interaction(inter), since=since)
    assert first.body["type"] == 5 and first.body["data"]["flags"] & 64  # private
    answer = await fake.wait_for_request(_answer(inter), since=since)
    embed = answer.embeds()[0]
    assert embed["title"] == "Trimmed"
    assert embed["description"].startswith("A cut of Mara Ellison's words")
    assert "Claimed speaker: Ellison" in _fields(answer)["Claim"]
    button = answer.body["components"][0]["components"][0]
    assert button["label"] == "Show in channel"
    private_id = fake.originals[inter["token"]]
    since = fake.mark()
    shown = await fake.click(ALICE, private_id, button["custom_id"])
    public = await fake.wait_for_request(fake.for_interaction(shown), since=since)
    assert public.embeds()[0]["title"] == "Trimmed"
    assert_all_silent(fake)


async def test_context_menu_on_a_message_without_words(bot: WhosaidBot, fake: FakeDiscord) -> None:
    target = await fake.send_message(BOB, "“ ”")
    since = fake.mark()
    inter = await fake.message_command(ALICE, "Check this quote", target)
    reply = await fake.wait_for_request(_answer(inter), since=since)
    assert "no words to check" in reply.embeds()[0]["description"]
    assert reply.body["data"]["flags"] & 64


async def test_another_servers_quote_is_never_checked_here(
    bot: WhosaidBot, fake: FakeDiscord
) -> None:
    # Server 999 holds this quote; the test server sees its own and the global articles only.
    rec = await fake.ask(BOB, '!check "Zed Other said a secret from another server on the table"')
    assert rec.embeds()[0]["title"] == "Unknown"
    assert "Zed Other" not in "\n".join(_fields(rec).values()).replace(
        "Claimed speaker: Zed Other", ""
    )
