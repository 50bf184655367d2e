"""The head of a source phrase and what may be a speaker at all (issue 14): one sentence we
wrote per rule, each failing without it."""

from __future__ import annotations

from bot.core.extract import extract_quotes
from tests.extract_support import find, mention


def test_plural_label_before_a_given_name_is_not_part_of_the_name() -> None:
    text = (
        "Senators Anna Brandt and Thomas Ruud wrote to the agency on Monday. "
        "“The delay is costing farmers money,” Brandt said."
    )
    q = find(extract_quotes(text), "costing farmers money")
    assert q.speaker == "Anna Brandt"


def test_name_particle_inside_an_inverted_tag() -> None:
    text = "“We will appeal,” said Lucien de Marville, a lawyer for the growers."
    q = find(extract_quotes(text), "We will appeal")
    assert q.speaker == "Lucien de Marville"
    assert mention(q) == "Lucien de Marville"


def test_two_particles_inside_an_inverted_tag() -> None:
    text = "“The dikes will hold,” said Anneke van der Molen."
    q = find(extract_quotes(text), "dikes will hold")
    assert q.speaker == "Anneke van der Molen"


def test_hyphenated_role_before_the_name() -> None:
    text = "“Ratings are not everything,” said Morning Desk co-host Stella Rainey."
    q = find(extract_quotes(text), "Ratings are not everything")
    assert q.speaker == "Stella Rainey"


def test_place_and_unlisted_role_before_a_full_name() -> None:
    text = "“This is a scripted show and we are props,” said Ohio delegate Marla Penning."
    q = find(extract_quotes(text), "scripted show")
    assert q.speaker == "Marla Penning"
    assert q.speaker != "Ohio"


def test_verb_before_a_full_name_is_not_a_role() -> None:
    text = (
        "Mrs. Ardley Penrose spoke for an hour. Mrs. Penrose endorsed Donald Fenwick in "
        "March, calling him “the only man who can win.”"
    )
    q = find(extract_quotes(text), "only man who can win")
    assert q.speaker == "Ardley Penrose"
