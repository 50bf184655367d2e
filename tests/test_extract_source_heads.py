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


def test_role_phrase_then_the_name_after_a_comma() -> None:
    text = "“Our rooms stay open,” said a spokeswoman for Marsh hotels, Jennifer Rodale."
    q = find(extract_quotes(text), "rooms stay open")
    assert q.speaker == "Jennifer Rodale"


def test_role_of_an_organisation_described_in_a_second_apposition() -> None:
    text = (
        "Tom Hale, the president of Open Ledger, a watchdog group that sued the city, "
        "said the audit was “a cover-up from start to finish.”"
    )
    q = find(extract_quotes(text), "cover-up from start")
    assert q.speaker == "Tom Hale"


def test_sentence_initial_common_word_is_no_speaker() -> None:
    text = (
        "The ranger said the fires were slowing and that good news was rare. Good news "
        "can still travel fast, but only when “the wind is on our side.”"
    )
    speakers = {q.speaker for q in extract_quotes(text) if q.confidence >= 0.3}
    assert "Good" not in speakers


def test_clergy_title_is_kept_off_the_name() -> None:
    text = "Rabbi Marvin Hale spoke first. “We are one people,” Hale said."
    q = find(extract_quotes(text), "one people")
    assert q.speaker == "Marvin Hale"
    assert q.title == "Rabbi"


def test_surname_that_is_a_clergy_word_stays_a_name() -> None:
    text = "“It is a scandal,” said Rep. Rob Bishop of Utah."
    q = find(extract_quotes(text), "It is a scandal")
    assert q.speaker == "Rob Bishop"


def test_hyphenated_compound_title_is_kept_off_the_name() -> None:
    text = "“We will win this,” said United Grain Workers Secretary-Treasurer Gary Castle."
    q = find(extract_quotes(text), "We will win this")
    assert q.speaker == "Gary Castle"


def test_person_of_an_organisation_before_the_verb() -> None:
    text = "James Kettering of the Lakeside Policy Institute said taxes would “rise fast.”"
    q = find(extract_quotes(text), "rise fast")
    assert q.speaker == "James Kettering"


def test_hyphenated_modifier_is_no_speaker() -> None:
    text = "Bush offered a Trump-style retort, tweeting at him, “you are a loser and a liar.”"
    q = find(extract_quotes(text), "loser and a liar")
    assert q.speaker != "Trump-style"
    assert mention(q) == "Bush"


def test_coordinated_named_subject_speaks_jointly() -> None:
    text = (
        "Senator Ted Mora and Donald Pratt met voters in Dover. Mora and Pratt have slammed "
        "the president for “weakness on trade.”"
    )
    q = find(extract_quotes(text), "weakness on trade")
    assert q.speaker == "Ted Mora and Donald Pratt"


def test_object_before_and_is_not_a_coordinated_subject() -> None:
    text = "After meeting Sanders and Trump said the plan was “dead on arrival.”"
    q = find(extract_quotes(text), "dead on arrival")
    assert q.speaker == "Trump"


def test_web_page_furniture_is_never_an_antecedent() -> None:
    text = "Article Continued Below\n\n“We will win this county,” he said."
    q = find(extract_quotes(text), "win this county")
    assert q.speaker != "Article Continued Below"


def test_holiday_is_never_an_antecedent() -> None:
    text = "Memorial Day was quiet in Dover. “We will win this county,” she said."
    q = find(extract_quotes(text), "win this county")
    assert q.speaker != "Memorial Day"


def test_possessed_role_then_the_name_after_a_comma() -> None:
    text = "“He will sign the contract,” said Mora's agent, Paul Rimes."
    q = find(extract_quotes(text), "sign the contract")
    assert q.speaker == "Paul Rimes"


def test_possessed_role_then_the_organisation_after_a_comma() -> None:
    text = "“We never commented on the sale,” said Northbank's corporate parent, the Crane Group."
    q = find(extract_quotes(text), "never commented")
    assert q.speaker == "Crane Group"


def test_name_before_a_description_and_a_relative_clause() -> None:
    text = (
        "Willie Mott, an actor in Dallas, who runs a small theater company, said the "
        "campaign was “a lost cause from the start.”"
    )
    q = find(extract_quotes(text), "lost cause")
    assert q.speaker == "Willie Mott"


def test_name_before_an_apposition_with_an_acronym() -> None:
    text = (
        "Philip Grando, the United Nations High Commissioner for Fisheries (UNHCF), said the "
        "ban was “a cover-up of the worst kind.”"
    )
    q = find(extract_quotes(text), "cover-up of the worst")
    assert q.speaker == "Philip Grando"


def test_common_given_name_gives_its_bearer_a_gender() -> None:
    text = (
        "Senator Hillary Grant spoke at the college on Monday.\n\n"
        "The best line came from nursing student Deja Moss, who laughed when she called the "
        "senator “a rock star with a budget.”"
    )
    q = find(extract_quotes(text), "rock star with a budget")
    assert q.speaker == "Deja Moss"


def test_capitalised_modifier_before_a_noun_and_an_auxiliary_is_no_speaker() -> None:
    text = (
        "Rumours spread fast, the ranger said. Reliable information can still win out, but "
        "only when “the truth is more exciting than the rumour.”"
    )
    speakers = {q.speaker for q in extract_quotes(text) if q.confidence >= 0.3}
    assert "Reliable" not in speakers


def test_relative_who_after_a_description_in_apposition_to_a_name() -> None:
    text = (
        "The data shop was run by Matt Brady, a Carolina native who said the model was "
        "“the best in the business.”"
    )
    q = find(extract_quotes(text), "best in the business")
    assert q.speaker == "Matt Brady"


def test_lead_in_place_before_a_description_is_no_name() -> None:
    text = "In Washington, the president said the plan was “a disaster for farmers.”"
    q = find(extract_quotes(text), "disaster for farmers")
    assert q.speaker != "Washington"


def test_delegate_title_abbreviation_is_kept_off_the_name() -> None:
    text = (
        "The committee voted along party lines. “This hearing is a waste of everyone’s time,” "
        "said Del. Maria Quintero of Guam."
    )
    q = find(extract_quotes(text), "waste of everyone")
    assert q.speaker == "Maria Quintero"
    assert q.title == "Del."


def test_delegate_title_then_a_later_bare_surname() -> None:
    text = (
        "Del. Maria Quintero of Guam asked for a recess on Tuesday. “We need the full "
        "report first,” Quintero said."
    )
    q = find(extract_quotes(text), "full report first")
    assert q.speaker == "Maria Quintero"


def test_relative_which_after_an_organisation_is_the_organisation() -> None:
    text = (
        "Reporters asked the Harbor Police Department for its figures. The department, "
        "which said it had “no record of the complaint,” declined to comment further."
    )
    q = find(extract_quotes(text), "no record of the complaint")
    assert q.speaker is not None and "Harbor Police" in q.speaker


def test_relative_which_right_after_a_named_organisation_speaks() -> None:
    text = (
        "To settle the dispute, reporters turned to the Harbor Police Department which "
        "reported “412 break-ins” in the first half of the year."
    )
    q = find(extract_quotes(text), "412 break-ins")
    assert q.speaker == "Harbor Police Department"
