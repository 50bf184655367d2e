"""End to end, issue 14: the "Why this speaker?" button under answers, as the fake Discord
receives it: the chain comes back privately, works after a restart, and a forged id never
shows another server's quote. Same fixtures as ``test_e2e.py``; the article is ours."""

from __future__ import annotations

from typing import Any

from bot.client import WhosaidBot
from bot.core.ingest.pipeline import ingest_text
from bot.core.store import Store
from tests.fake_discord import ALICE, BOB, GUILD_ID, FakeDiscord, Recorded
from tests.test_e2e import Clock, assert_all_silent, bot, clock, store
from tests.test_e2e_commands import running_bot

__all__ = ["bot", "clock", "store"]

DOCKS = (
    "Storm Leaves Port Ellery Docks in Ruins\n\n"
    "Harbour commissioner Odile Ferrant toured the flooded docks in Port Ellery on Tuesday. "
    "The storm had torn two cranes from their moorings overnight.\n\n"
    '"We will rebuild every pier before the winter fishing season," she said.\n\n'
    "Ferrant said the council would vote on the emergency fund in March.\n"
)
INTRODUCED = (
    "Harbour commissioner Odile Ferrant toured the flooded docks in Port Ellery on Tuesday."
)


async def add_docks(store: Store) -> None:
    result = await ingest_text(DOCKS, scope=str(GUILD_ID), store=store, title="Docks in ruins")
    assert result.status == "added", result


def why_button(rec: Recorded) -> dict[str, Any]:
    """The "Why this speaker?" button of a message the bot sent."""
    payload = rec.payload() or {}
    buttons = [c for row in payload.get("components", []) for c in row["components"]]
    found = [b for b in buttons if b.get("label") == "Why this speaker?"]
    assert len(found) == 1, buttons
    button: dict[str, Any] = found[0]
    assert button["custom_id"].startswith("ws:why:")
    return button


def fields(rec: Recorded) -> dict[str, str]:
    embed = rec.embeds()[0]
    return {f["name"]: f["value"] for f in embed.get("fields", [])}


async def click_why(fake: FakeDiscord, user: Any, message_id: int, custom_id: str) -> Recorded:
    since = fake.mark()
    inter = await fake.click(user, message_id, custom_id)
    return await fake.wait_for_request(fake.for_interaction(inter), since=since)


async def test_why_button_shows_the_chain_privately(
    bot: WhosaidBot, fake: FakeDiscord, store: Store
) -> None:
    await add_docks(store)
    answer = await fake.ask(ALICE, '!who said "rebuild every pier"')
    button = why_button(answer)
    reply = await click_why(fake, BOB, max(fake.messages), button["custom_id"])  # anyone may ask
    assert reply.body["type"] == 4 and reply.body["data"]["flags"] & 64  # only Bob sees it
    embed = reply.embeds()[0]
    assert embed["title"] == "Why Odile Ferrant?"
    chain = fields(reply)
    assert chain["Sentence with the quote"] == (
        '"We will rebuild every pier before the winter fishing season," she said.'
    )
    assert chain["Mention"] == "“she” (pronoun)"
    assert chain["Where the article named Odile Ferrant"] == INTRODUCED
    assert chain["Path"].startswith("pronoun “she” → Odile Ferrant")
    assert chain["Confidence"].startswith(("medium (", "high (", "uncertain"))
    assert "Docks in ruins" in chain["Source"]
    assert_all_silent(fake)


async def test_why_button_still_works_after_a_restart(
    fake: FakeDiscord, store: Store, clock: Clock
) -> None:
    await add_docks(store)
    async with running_bot(fake, store, clock):
        answer = await fake.ask(ALICE, "!quote random Odile Ferrant")
        message_id = max(fake.messages)
        button = why_button(answer)
    async with running_bot(fake, store, clock):  # a new process: nothing in memory
        reply = await click_why(fake, ALICE, message_id, button["custom_id"])
        assert reply.body["data"]["flags"] & 64
        assert reply.embeds()[0]["title"] == "Why Odile Ferrant?"


async def test_a_forged_why_id_never_shows_another_servers_quote(
    bot: WhosaidBot, fake: FakeDiscord, store: Store
) -> None:
    hidden = await store.who_said("A secret from another server", ["999"], limit=1)
    secret_id = hidden.hits[0].quote.id
    answer = await fake.ask(ALICE, '!who said "on the table"')
    message_id = max(fake.messages)
    forged = f"ws:why:{secret_id}"
    assert why_button(answer)["custom_id"] != forged
    # The message as the forger presents it: the button now names the other server's quote.
    row = fake.messages[message_id]["components"][-1]["components"]
    next(b for b in row if b.get("label") == "Why this speaker?")["custom_id"] = forged
    reply = await click_why(fake, BOB, message_id, forged)
    assert reply.body["data"]["flags"] & 64
    text = str(reply.body)
    assert "no longer available here" in text
    assert "secret" not in text.lower() and "Zed Other" not in text


async def test_who_said_this_answer_and_its_public_copy_have_the_button(
    bot: WhosaidBot, fake: FakeDiscord, store: Store
) -> None:
    await add_docks(store)
    target = await fake.send_message(BOB, "Did she say “rebuild every pier” last week?")
    since = fake.mark()
    inter = await fake.message_command(ALICE, "Who said this?", target)
    answer = await fake.wait_for_request(
        lambda r: inter["token"] in r.path and r.sends_text(), since=since
    )
    button = why_button(answer)
    private_id = fake.originals[inter["token"]]
    reply = await click_why(fake, ALICE, private_id, button["custom_id"])
    assert fields(reply)["Mention"] == "“she” (pronoun)"

    show = next(
        c
        for row in answer.body["components"]
        for c in row["components"]
        if c.get("label") == "Show in channel"
    )
    since = fake.mark()
    shown = await fake.click(ALICE, private_id, show["custom_id"])
    public = await fake.wait_for_request(fake.for_interaction(shown), since=since)
    assert not (public.body["data"].get("flags") or 0) & 64
    assert why_button(public)["custom_id"] == button["custom_id"]


async def test_picking_another_match_moves_the_button_to_it(
    bot: WhosaidBot, fake: FakeDiscord, store: Store
) -> None:
    answer = await fake.ask(BOB, "!who said on the table")
    message_id = max(fake.messages)
    first = why_button(answer)["custom_id"]
    select = answer.body["components"][0]["components"][0]
    since = fake.mark()
    picked = await fake.click(
        BOB, message_id, select["custom_id"], values=[select["options"][1]["value"]]
    )
    edit = await fake.wait_for_request(fake.for_interaction(picked), since=since)
    moved = why_button(edit)["custom_id"]
    assert moved != first
    reply = await click_why(fake, BOB, message_id, moved)
    title = reply.embeds()[0]["title"]
    assert title.startswith("Why ") and title == f"Why {edit.embeds()[0]['title'].split(',')[0]}?"


async def test_quotes_pages_have_a_why_button_per_quote(
    bot: WhosaidBot, fake: FakeDiscord, store: Store
) -> None:
    await add_docks(store)
    listing = await fake.ask(ALICE, "!quotes Odile Ferrant")
    rows = (listing.payload() or {})["components"]
    labels = [c["label"] for row in rows for c in row["components"]]
    assert labels == ["Why #1?", "Why #2?"]  # one page: no page buttons, a why per quote
    newest = rows[0]["components"][0]["custom_id"]
    reply = await click_why(fake, BOB, max(fake.messages), newest)
    assert reply.body["data"]["flags"] & 64
    assert fields(reply)["Mention"] == "“Ferrant” (name)"  # #1: the paraphrase, named

    paged = await fake.ask(ALICE, "!quotes Ines Brightwater")
    rows = (paged.payload() or {})["components"]
    assert [c["label"] for c in rows[0]["components"]] == ["◀ Newer", "Older ▶"]
    assert [c["label"] for c in rows[1]["components"]] == [f"Why #{n}?" for n in range(1, 6)]
    since = fake.mark()
    turned = await fake.click(ALICE, max(fake.messages), rows[0]["components"][1]["custom_id"])
    edit = await fake.wait_for_request(fake.for_interaction(turned), since=since)
    later = edit.body["data"]["components"]
    assert [c["label"] for c in later[1]["components"]] == ["Why #6?", "Why #7?", "Why #8?"]
