"""Speaker resolution (mention -> canonical name and title): one sentence we wrote per rule."""

from __future__ import annotations

from bot.core.extract import extract_quotes
from tests.extract_support import find, mention


def test_headline_surname_takes_the_full_name_given_later() -> None:
    text = (
        "Haskell vows to keep the ferry running\n\n"
        "State Senator Maren Haskell told a packed hall on Monday that the island ferry would "
        "not close. “We will find the money,” Haskell said."
    )
    q = find(extract_quotes(text), "find the money")
    assert mention(q) == "Haskell"
    assert q.speaker == "Maren Haskell"


def test_pronoun_after_a_headline_surname_names_the_full_name() -> None:
    text = (
        "Okonjo criticises the budget\n\n"
        "Daniel Okonjo, a retired banker, has run for the council twice. Okonjo spoke at the "
        "chamber of commerce on Tuesday. “This budget borrows from our children,” he said."
    )
    q = find(extract_quotes(text), "borrows from our children")
    assert q.speaker == "Daniel Okonjo"


def test_surname_of_a_woman_is_not_merged_into_a_man_of_that_name() -> None:
    text = (
        "Brannigan wins the primary\n\n"
        "Brannigan thanked her volunteers on Tuesday night, and she promised a hard race. "
        "Her husband, Peter Brannigan, ran the phone bank. "
        "“Tonight belongs to the people who knocked on doors,” Brannigan said."
    )
    q = find(extract_quotes(text), "knocked on doors")
    assert q.speaker != "Peter Brannigan"


def test_headline_run_is_not_a_full_name_for_the_surname() -> None:
    text = (
        "Voters Following Lindqvist\n\n"
        "Lindqvist spoke to farmers in Ames on Saturday. “The soil is our bank,” Lindqvist said."
    )
    q = find(extract_quotes(text), "soil is our bank")
    assert q.speaker == "Lindqvist"
