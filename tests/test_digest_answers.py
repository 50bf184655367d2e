"""The digest as the fake Discord receives it (issue 14): a pronoun attribution says which
word it went through, a paraphrase is labelled and never inside quotation marks, a partial
quote stands inside its sentence and a weak speaker is "possibly". Articles written for
these tests; same harness as ``test_digest_e2e.py``."""

from __future__ import annotations

from bot.core.ingest.pipeline import ingest_text
from bot.core.models import ArticleInput
from tests.fake_discord import ALICE, CHANNEL_ID, GUILD_ID
from tests.test_digest_e2e import Harness, clock, h, set_digest, text_of
from tests.test_e2e import _quote
from tests.test_e2e_answers import DOCKS, FERRY

__all__ = ["clock", "h"]


async def fill(h: Harness) -> None:
    assert h.store is not None
    for text, title in ((DOCKS, "Docks in ruins"), (FERRY, "Ferry fares")):
        result = await ingest_text(text, scope=str(GUILD_ID), store=h.store, title=title)
        assert result.status == "added", result
    context = "Someone at the quay, possibly Perrin Oakes, said: “The tide tables are wrong.”"
    weak = _quote("The tide tables are wrong", "Perrin Oakes", None, context, conf=0.41)
    article = ArticleInput(text=context, title="Quay talk", outlet="Harbour Notes")
    await h.store.save_article(article, [weak], str(GUILD_ID))


async def test_digest_marks_pronouns_paraphrases_partials_and_weak_speakers(h: Harness) -> None:
    await fill(h)
    await set_digest(h, f"<#{CHANNEL_ID}> 09:00 Europe/Paris")
    since = h.fake.mark()
    inter = await h.fake.slash(ALICE, "digest", subcommand="preview")
    answer = await h.fake.wait_for_request(
        lambda r: inter["token"] in r.path and bool(r.embeds()), since=since
    )
    lines = text_of([answer]).splitlines()
    assert (
        "• “We will rebuild every pier before the winter fishing season,” — Odile Ferrant "
        "(attributed via “she”)"
    ) in lines
    assert (
        '• She called the damage "worse than anything since 1987" and thanked the crews. '
        "— Odile Ferrant (attributed via “she”)"
    ) in lines
    paraphrase = next(line for line in lines if "ferry fares" in line)
    assert paraphrase == (
        "• the ferry fares would fall in spring (paraphrased) — Bram Tollund, Fisheries minister"
    )
    assert "“The tide tables are wrong” — possibly Perrin Oakes (speaker uncertain)" in " ".join(
        lines
    )
