"""Speaker resolution fixes found on train-fit errors: one news-style sentence we wrote per rule."""

from __future__ import annotations

from bot.core.extract import extract_quotes
from tests.extract_support import find


def test_name_after_the_comma_wins_over_an_organisation_after_of() -> None:
    text = (
        "“The river will be cleaned by summer,” said the director of the Office of Water "
        "Quality, Lena Marwick, on Tuesday."
    )
    q = find(extract_quotes(text), "cleaned by summer")
    assert q.speaker == "Lena Marwick"


def test_title_word_surname_is_not_cut_at_of_a_state() -> None:
    text = (
        "“We will not yield on the budget,” said Representative Tomas J. King of Ohio, who "
        "leads the panel."
    )
    q = find(extract_quotes(text), "not yield on the budget")
    assert q.speaker == "Tomas J. King"


def test_former_secretary_of_state_is_not_the_state() -> None:
    text = "“The treaty was a mistake,” said the former secretary of State, speaking in Oslo."
    q = find(extract_quotes(text), "treaty was a mistake")
    assert q.speaker != "State"


def test_mayor_of_a_city_is_not_the_city() -> None:
    text = "“The bridge will reopen in May,” said the mayor of Dunmore on Friday."
    q = find(extract_quotes(text), "bridge will reopen")
    assert q.speaker != "Dunmore"
    assert q.speaker == "the mayor of Dunmore"


def test_the_startup_names_the_one_startup_the_article_introduced() -> None:
    text = (
        "Railquick, a rail startup based in Tampa, wants to run trains to Orlando by 2027. "
        "The state has not yet approved the plan. "
        "“We have the money and the track,” the startup said in a statement."
    )
    q = find(extract_quotes(text), "money and the track")
    assert q.speaker == "Railquick"


def test_the_newspaper_stays_a_description_when_the_article_introduced_none() -> None:
    text = (
        "The council met on Monday to discuss the budget. "
        "“The vote was never in doubt,” the newspaper said."
    )
    q = find(extract_quotes(text), "never in doubt")
    assert q.speaker == "the newspaper"


def test_a_delegate_is_a_person() -> None:
    text = (
        "Rosa Delgado, a delegate from Maine, spoke on the floor. "
        "“We came here to win,” the delegate said."
    )
    q = find(extract_quotes(text), "came here to win")
    assert q.speaker == "Rosa Delgado"


def test_a_place_named_like_a_person_is_not_he() -> None:
    text = (
        "Sen. Dan Murkett spoke on Friday. Willow Brook Elementary School reopened this week. "
        "Willow Brook mourned. “We owe these families a vote,” he said."
    )
    q = find(extract_quotes(text), "owe these families")
    assert q.speaker == "Dan Murkett"


def test_a_governor_named_jan_is_not_a_month() -> None:
    text = "“He will win this state,” said Jan Holloway, the former governor."
    q = find(extract_quotes(text), "win this state")
    assert q.speaker == "Jan Holloway"
