"""Extraction pauses the cyclic garbage collector and gives it back as it found it."""

from __future__ import annotations

import gc
import threading

from bot.core.extract import extract_quotes
from bot.core.extract.collector import collector_paused

ARTICLE = "“We will rebuild every pier,” Mayor Odile Ferrant said on Tuesday."


def test_collector_is_on_again_after_an_article() -> None:
    assert gc.isenabled()
    quotes = extract_quotes(ARTICLE)
    assert quotes and quotes[0].speaker == "Odile Ferrant"
    assert gc.isenabled()


def test_collector_the_caller_turned_off_stays_off() -> None:
    gc.disable()
    try:
        extract_quotes(ARTICLE)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_collector_is_off_inside_and_restored_by_the_last_of_two_threads() -> None:
    inside = threading.Event()
    release = threading.Event()
    seen: list[bool] = []

    def first() -> None:
        with collector_paused():
            inside.set()
            release.wait(5)
            seen.append(gc.isenabled())

    t = threading.Thread(target=first)
    t.start()
    assert inside.wait(5)
    with collector_paused():
        seen.append(gc.isenabled())
    assert not gc.isenabled()  # the first thread is still extracting
    release.set()
    t.join(5)
    assert seen == [False, False]
    assert gc.isenabled()
