"""He/she resolution: which person a pronoun in a speech tag means. One news-style passage we
wrote per phenomenon, asserting the resolved name."""

from __future__ import annotations

from bot.core.extract import extract_quotes
from tests.extract_support import find


def test_a_place_after_an_opening_preposition_is_not_the_subject() -> None:
    text = (
        "At Linden Park, where the new pitch opened last spring, Tobias Wren, the groundsman, "
        "counted the costs. “Every blade of grass costs money,” he said."
    )
    q = find(extract_quotes(text), "blade of grass")
    assert q.speaker == "Tobias Wren"
