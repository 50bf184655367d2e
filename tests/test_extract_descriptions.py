"""Descriptions as sources ("the commission", "the union", "the report"): linked to the one
organisation or issuer the article named for them, else kept as the honest description.
One news-style text of our own per phenomenon."""

from __future__ import annotations

from bot.core.extract import extract_quotes
from tests.extract_support import find


def test_the_commission_is_the_one_organisation_named_with_that_noun() -> None:
    text = (
        "The independent Commission on Harbour Safety says the pier failed its last two "
        "inspections. The commission says on its website that “the pier must close until "
        "repairs are finished.”"
    )
    q = find(extract_quotes(text), "pier must close")
    assert q.speaker == "Commission on Harbour Safety"


def test_the_commission_stays_a_description_when_two_commissions_compete() -> None:
    text = (
        "The Commission on Harbour Safety and the Commission on River Traffic both met on "
        "Monday. “The pier must close until repairs are finished,” the commission said."
    )
    q = find(extract_quotes(text), "pier must close")
    assert q.speaker == "the commission"


def test_the_union_is_the_organisation_named_after_its_introduction() -> None:
    text = (
        "A union representing bus drivers backed the mayor on Tuesday. In a statement, the "
        "Guild of Bus Drivers praised her record on overtime. “She stood with us when no one "
        "else did,” the union wrote."
    )
    q = find(extract_quotes(text), "stood with us")
    assert q.speaker == "Guild of Bus Drivers"


def test_the_report_is_its_authors_named_in_apposition() -> None:
    text = (
        "A long study released on Monday tracks river pollution across four states. The "
        "authors of the report, which include the Clean Rivers Fund and the Delta Institute, "
        "tested water at 300 sites. “Nearly half the samples failed the federal standard,” the "
        "report says."
    )
    q = find(extract_quotes(text), "Nearly half the samples")
    assert q.speaker == "Clean Rivers Fund"


def test_the_article_is_the_outlet_that_published_it() -> None:
    text = (
        "Twenty years ago, a Harbour Gazette article praised the developer for rebuilding the "
        "waterfront. “Few people in the city have done more for its economy,” the article read."
    )
    q = find(extract_quotes(text), "Few people in the city")
    assert q.speaker == "Harbour Gazette"


def test_the_book_is_its_author() -> None:
    text = (
        "Dr. Lena Okafor, who ran the clinic for a decade, said the governor hid the illness. "
        "Okafor wrote a memoir of her years at the clinic. "
        "“Very few people knew how sick he was at the time,” the book said."
    )
    q = find(extract_quotes(text), "Very few people knew")
    assert q.speaker == "Lena Okafor"


def test_the_ruling_is_the_court_that_issued_it() -> None:
    text = (
        "A panel of the U.S. Court of Appeals for the Ninth Circuit overruled a lower court on "
        "Friday. The appeals court said the county had broken the law. "
        "“A county cannot purge voters for failing to vote,” said the ruling."
    )
    q = find(extract_quotes(text), "cannot purge voters")
    assert q.speaker == "U.S. Court of Appeals for the Ninth Circuit"


def test_a_complaint_filed_by_an_agency_is_the_agency() -> None:
    text = (
        "According to a civil complaint filed by the federal Trade Practices Commission, the "
        "developers “systematically looted” the fund for years."
    )
    q = find(extract_quotes(text), "systematically looted")
    assert q.speaker == "Trade Practices Commission"


def test_it_after_a_report_by_a_named_group_is_that_group() -> None:
    text = (
        "A report by the Open Budget Project found that the city overspent on roads. "
        "“The city has no plan to pay for its promises,” it says."
    )
    q = find(extract_quotes(text), "no plan to pay")
    assert q.speaker == "Open Budget Project"


def test_the_report_stays_a_description_when_no_issuer_is_named() -> None:
    text = (
        "A new report on the city's roads came out on Monday. "
        "“The roads are the worst in the state,” the report says."
    )
    q = find(extract_quotes(text), "worst in the state")
    assert q.speaker == "the report"


def test_a_story_about_a_person_is_not_by_that_person() -> None:
    text = (
        "Mayor Dana Voss spoke on Monday. A new Voss budget story ran on Tuesday. "
        "“The budget hides a deficit,” the story said."
    )
    q = find(extract_quotes(text), "hides a deficit")
    assert q.speaker != "Dana Voss"


def test_the_vermont_senator_is_the_senator_tied_to_vermont() -> None:
    text = (
        "Sen. Ann Whitlow of Vermont and Sen. Carl Ruiz of Florida spoke on Monday. "
        "“We will not give up this fight,” the Vermont senator said."
    )
    q = find(extract_quotes(text), "not give up this fight")
    assert q.speaker == "Ann Whitlow"


def test_a_place_given_by_a_possessive_beats_the_last_senator() -> None:
    text = (
        "Vermont’s Ann Whitlow and Sen. Carl Ruiz met voters on Monday. "
        "“We will not give up this fight,” the Vermont senator said."
    )
    q = find(extract_quotes(text), "not give up this fight")
    assert q.speaker == "Ann Whitlow"


def test_a_senator_from_a_state_in_apposition_is_the_state_senator() -> None:
    text = (
        "Ann Whitlow, a senator from Vermont, spoke on Monday. Hillary Clinton was in Ohio. "
        "“We will not give up this fight,” the Vermont senator said."
    )
    q = find(extract_quotes(text), "not give up this fight")
    assert q.speaker == "Ann Whitlow"


def test_a_party_word_before_a_role_is_not_the_whole_subject() -> None:
    text = (
        "Dana Whitfield toured a shipyard in Maine on Monday. The Republican nominee also "
        "outlined her trade plan and vowed to end “the giveaways that cost us jobs.”"
    )
    q = find(extract_quotes(text), "giveaways that cost us jobs")
    assert q.speaker == "Dana Whitfield"


def test_the_statement_is_whoever_said_it_in_a_statement() -> None:
    text = (
        "“We regret the delay,” Harbourline Ferries said in a statement on Friday. "
        "“Service will resume on Monday,” the statement added."
    )
    q = find(extract_quotes(text), "Service will resume")
    assert q.speaker == "Harbourline Ferries"


def test_an_old_statement_is_not_the_issuer_of_a_later_one() -> None:
    filler = "The ferry runs twice a day between the islands and the port. " * 30
    text = (
        "“We regret the delay,” Harbourline Ferries said in a statement on Friday. "
        + filler
        + "The port authority confirmed the closure on its website. "
        "“Service will resume on Monday,” the statement added."
    )
    q = find(extract_quotes(text), "Service will resume")
    assert q.speaker == "the statement"


def test_the_agency_is_the_department_just_named_as_subject() -> None:
    text = (
        "The Transport Department also said on Thursday that it had missed its deadline. "
        "“We have worked hard to come as close to the goal as possible,” said the agency."
    )
    q = find(extract_quotes(text), "come as close to the goal")
    assert q.speaker == "Transport Department"


def test_the_company_is_not_guessed_from_the_last_organisation() -> None:
    text = (
        "Ann Lee told the Harbour Courier in an email that she would not return. "
        "“We wish her well in her next job,” the company said."
    )
    q = find(extract_quotes(text), "wish her well")
    assert q.speaker == "the company"


def test_the_senator_from_a_state_is_the_senator_not_the_state() -> None:
    text = (
        "Sen. Ann Whitlow spoke in Iowa on Monday. Her rival spoke in Ohio. "
        "The senator from Vermont said the banks were “too big to jail.”"
    )
    q = find(extract_quotes(text), "too big to jail")
    assert q.speaker == "Ann Whitlow"


def test_the_state_after_a_role_is_never_the_speaker() -> None:
    text = (
        "Ann Whitlow spoke in Iowa on Monday. "
        "The former senator from Kansas said the state was “ready to win.”"
    )
    q = find(extract_quotes(text), "ready to win")
    assert q.speaker != "Kansas"


def test_the_letter_is_the_unnamed_group_that_sent_it() -> None:
    text = (
        "In late May,\xa0a group of nurses at the county hospital\xa0sent a letter to the board. "
        "“We cannot keep working double shifts,” the letter reads."
    )
    q = find(extract_quotes(text), "double shifts")
    assert q.speaker == "a group of nurses at the county hospital"


def test_a_state_role_after_a_fronted_clause_is_the_person_named_in_it() -> None:
    text = (
        "Ann Whitlow met students in Des Moines on Friday. "
        "As for whether Whitlow still hears anger among her voters, the Vermont senator "
        "said there are “some people” who feel that way."
    )
    q = find(extract_quotes(text), "some people")
    assert q.speaker == "Ann Whitlow"


def test_an_office_that_names_a_report_is_not_the_agency() -> None:
    text = (
        "A Budget Oversight Office report released last year found that the agency could not "
        "track the money. In a 2013 memo, the agency said the program should end because "
        "“there are no safeguards that can be put in place.”"
    )
    q = find(extract_quotes(text), "no safeguards")
    assert q.speaker != "Budget Oversight Office"


def test_two_roles_joined_by_and_are_one_person() -> None:
    text = (
        "Dana Whitfield spoke at the veterans' forum on Monday. The former governor and U.S. "
        "senator said it was “a mistake” to cut the clinic budget."
    )
    q = find(extract_quotes(text), "a mistake")
    assert q.speaker == "Dana Whitfield"


def test_an_unnamed_person_keeps_the_description_that_introduced_them() -> None:
    text = (
        "“Why should you pay when he does not?” a narrator in the Harbour ad asks. The spot "
        "ends with footage of the mayor. “If he thinks that is smart,” the ad’s narrator says."
    )
    q = find(extract_quotes(text), "If he thinks that is smart")
    assert q.speaker == "a narrator in the Harbour ad"


def test_the_union_is_the_organisation_its_apposition_introduced() -> None:
    text = (
        "The Harbour Drivers Guild, a union representing 4,000 bus drivers, endorsed the mayor "
        "on Tuesday. “She stood with us,” the union wrote."
    )
    q = find(extract_quotes(text), "stood with us")
    assert q.speaker == "Harbour Drivers Guild"
