"""Tokens of news punctuation: curly apostrophes, dashes and quote marks split and glue words
as their ASCII forms do, and every span still points into the original text (for bolding)."""

from __future__ import annotations

from bot.core.search.normalize import tokenize, words


def spans(text: str) -> list[tuple[str, str]]:
    return [(t.norm, text[t.start : t.end]) for t in tokenize(text)]


def test_curly_apostrophes_glue_words_and_spans_keep_the_original_text() -> None:
    text = "“We don’t—won’t—back down,” O‘Malley said…"
    assert spans(text) == [
        ("we", "We"),
        ("dont", "don’t"),
        ("wont", "won’t"),
        ("back", "back"),
        ("down", "down"),
        ("omalley", "O‘Malley"),
        ("said", "said"),
    ]
    assert [t.norm for t in tokenize(text)] == words(text)


def test_the_same_words_as_the_ascii_spelling() -> None:
    fancy = "It’s «on the table» – isn’t it?"
    plain = "It's \"on the table\" - isn't it?"
    assert [t.norm for t in tokenize(fancy)] == [t.norm for t in tokenize(plain)]


def test_accented_and_modifier_letters_keep_their_general_rules() -> None:
    assert [t.norm for t in tokenize("Café’s naïve résumé")] == ["cafes", "naive", "resume"]
    # A modifier-letter apostrophe is a letter: kept inside the word, as before.
    assert [t.norm for t in tokenize("Hawaiʼi — today")] == ["hawaiʼi", "today"]
