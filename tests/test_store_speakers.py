"""Speaker names read in a view: what a surname stands for depends only on what is visible."""

from __future__ import annotations

from bot.core.store.speakers import Demotion, SpeakerCache, plan_demotions

JANE, TOM, BARE, MIRA = 1, 2, 3, 4


def _cache() -> SpeakerCache:
    cache = SpeakerCache()
    for speaker_id, key in [
        (JANE, "jane quillfeather"),
        (TOM, "tom quillfeather"),
        (BARE, "quillfeather"),
        (MIRA, "mira castellane"),
    ]:
        cache.remember(speaker_id, key)
    return cache


def test_a_surname_reads_as_the_only_full_name_in_view() -> None:
    cache = _cache()
    view = {JANE: "Jane Quillfeather", BARE: "Quillfeather"}
    assert cache.names_of([BARE], view) == {BARE: "Jane Quillfeather"}
    assert cache.resolve("Quillfeather", view) == ("Jane Quillfeather", [JANE, BARE])
    assert cache.names("q", view, 10) == ["Jane Quillfeather"]
    assert cache.names("jane", view, 10) == ["Jane Quillfeather"]
    assert cache.count_groups([JANE, BARE], view) == 1
    assert cache.ranked([(JANE, 2), (BARE, 1)], view, 5) == [("Jane Quillfeather", 3, [JANE, BARE])]


def test_a_surname_two_full_names_share_stays_a_surname() -> None:
    cache = _cache()
    view = {JANE: "Jane Quillfeather", TOM: "Tom Quillfeather", BARE: "Quillfeather"}
    assert cache.names_of([BARE], view) == {BARE: "Quillfeather"}
    assert cache.resolve("Quillfeather", view) == ("Quillfeather", [BARE])
    assert cache.resolve("Jane Quillfeather", view) == ("Jane Quillfeather", [JANE])
    assert cache.count_groups([JANE, TOM, BARE], view) == 3


def test_a_full_name_out_of_view_is_never_used() -> None:
    cache = _cache()
    view = {BARE: "Quillfeather", MIRA: "Mira Castellane"}
    assert cache.names_of([BARE], view) == {BARE: "Quillfeather"}
    assert cache.resolve("Jane Quillfeather", view) == ("Quillfeather", [BARE])
    assert cache.names("", view, 10) == ["Mira Castellane", "Quillfeather"]
    assert cache.resolve("Zbigniew Nobody", view) is None
    assert cache.resolve("Mira", {}) is None


def test_upgrade_gives_back_the_surname_where_the_article_never_wrote_the_full_name() -> None:
    aliases = [("quillfeather", JANE, "Jane Quillfeather", "jane quillfeather")]
    quotes = [(10, 100, JANE), (11, 200, JANE), (12, 200, MIRA)]
    contexts = [
        (100, "“Ports need dredging,” Jane Quillfeather said."),
        (200, "“The toll stays,” Quillfeather said."),
        (200, "Mira Castellane agreed."),
    ]
    assert plan_demotions(aliases, quotes, contexts) == [
        Demotion("quillfeather", "Quillfeather", (11,))
    ]
