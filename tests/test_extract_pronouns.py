"""Speaker resolution on phenomena of unseen news (pronouns, source heads). One passage we
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


def test_an_inverted_tag_names_the_person_after_the_role_words() -> None:
    text = (
        "“The levy will not pass this year,” said Republican political consultant Dana "
        "Whitfield. “Nobody in the county wants it.”"
    )
    q = find(extract_quotes(text), "levy will not pass")
    assert q.speaker == "Dana Whitfield"


def test_an_adviser_to_a_named_person_is_not_that_person() -> None:
    text = (
        "Senator Ada Brill toured the flooded plant on Friday. “She never read the report,” "
        "said a longtime adviser to Brill, who asked not to be named."
    )
    q = find(extract_quotes(text), "never read the report")
    assert q.speaker == "a longtime adviser to Brill"


def test_a_name_closing_an_apposition_before_said_is_not_the_subject() -> None:
    text = (
        "Mayor Tom Hale opened the new depot on Monday. Paul Rook, a welder from Dayton, "
        "Ohio, and a longtime supporter of Mr. Hale, said he would still vote early. "
        "“I have friends who work double shifts,” he said."
    )
    q = find(extract_quotes(text), "double shifts")
    assert q.speaker == "Paul Rook"


def test_a_person_noun_before_a_name_makes_it_the_subject() -> None:
    text = (
        "Governor Alan Greene spoke first. Greene consultant Marcus Bell, a veteran of three "
        "campaigns, picked up the same thread. “Turnout will decide it,” he said."
    )
    q = find(extract_quotes(text), "Turnout will decide")
    assert q.speaker == "Marcus Bell"


def test_a_title_after_but_opens_the_subject() -> None:
    text = (
        "Senator Tom Reyes spoke first. But state Rep. Okon Adeyemi, a member of the budget "
        "panel, doubted the plan would pass. “The numbers do not add up,” he said."
    )
    q = find(extract_quotes(text), "numbers do not add up")
    assert q.speaker == "Okon Adeyemi"


def test_a_hyphenated_surname_is_a_person_name() -> None:
    text = (
        "Senator Tom Reyes spoke first. Okon Adeyemi-Cole, a member of the budget panel, "
        "doubted the plan would pass. “The numbers do not add up,” he said."
    )
    q = find(extract_quotes(text), "numbers do not add up")
    assert q.speaker == "Okon Adeyemi-Cole"


def test_the_subject_closing_the_paragraph_before_a_quote_is_its_speaker() -> None:
    text = (
        "Senator Tom Reyes spoke first and promised a vote by spring.\n\n"
        "Okon Adeyemi, a member of the budget panel, doubted the plan would pass.\n\n"
        "“The numbers do not add up,” he said."
    )
    q = find(extract_quotes(text), "numbers do not add up")
    assert q.speaker == "Okon Adeyemi"


def test_the_subject_closing_the_paragraph_before_a_tag_with_no_name_is_its_speaker() -> None:
    text = (
        "Senator Tom Reyes blamed the outage on foreign hackers. Speaking in Lagos, Foreign "
        "Ministry spokesman Okon Adeyemi rejected the claim.\n"
        "Officials should wait for the inquiry before calling it “a deliberate attack on our "
        "grid,” he told reporters."
    )
    q = find(extract_quotes(text), "deliberate attack")
    assert q.speaker == "Okon Adeyemi"


def test_the_object_of_a_verb_closing_an_apposition_is_not_the_subject() -> None:
    text = (
        "Senator Luis Reyes won the state by a wide margin. Tom Hale, a county delegate "
        "supporting Reyes, said he would not switch. “The voters have spoken,” he said."
    )
    q = find(extract_quotes(text), "voters have spoken")
    assert q.speaker == "Tom Hale"


def test_a_name_after_a_long_lead_phrase_is_the_subject_not_a_possessive_after_it() -> None:
    text = (
        "Mayor Tom Hale promised a decision by June. Asked whether the old steel plant by "
        "the river would reopen, Mark Briggs, Hale’s spokesman, shrugged and pointed to the "
        "early talks. "
        "“Nobody is giving up on it,” he said."
    )
    q = find(extract_quotes(text), "Nobody is giving up")
    assert q.speaker == "Mark Briggs"


def test_a_name_after_an_opening_like_is_not_the_subject() -> None:
    text = (
        "Marvin Roffman settled with the landlord years ago. Like Okon Adeyemi, the former "
        "tenant, Roffman doesn't want another fight. “I'm 76, and I am tired,” he said."
    )
    q = find(extract_quotes(text), "I am tired")
    assert q.speaker == "Marvin Roffman"


def test_a_name_after_a_long_participle_lead_is_the_subject() -> None:
    text = (
        "Okon Adeyemi, a rival candidate, said the count was slow. Observers expect a "
        "landslide. Appearing before cheering supporters at party headquarters on Monday "
        "morning, Grace Mensah, 70, said it was too early to celebrate.\n\n"
        "“Victory or failure, that is not important,” she said."
    )
    q = find(extract_quotes(text), "Victory or failure")
    assert q.speaker == "Grace Mensah"


def test_a_name_a_description_introduces_is_the_subject() -> None:
    text = (
        "Mayor Tom Hale defended the cuts on Monday. The leader of the harbour workers’ "
        "union, Okon Adeyemi, warned that the plan would cost jobs. “We will not accept it,” "
        "he said."
    )
    q = find(extract_quotes(text), "We will not accept it")
    assert q.speaker == "Okon Adeyemi"


def test_a_relative_named_by_first_name_takes_the_owners_surname() -> None:
    text = (
        "Senator Ann Marsh campaigned in Ohio on Monday. Marsh's husband, Bill, spoke in "
        "Dayton. “She will win this state,” he said."
    )
    q = find(extract_quotes(text), "win this state")
    assert q.speaker == "Bill Marsh"


def test_her_relative_named_by_first_name_takes_her_surname() -> None:
    text = (
        "At the rally, 14-year-old Aubrey Lindqvist held a sign. Her father, Brad, 39, "
        "worried about turnout. “People are afraid of wasting their votes,” he said."
    )
    q = find(extract_quotes(text), "wasting their votes")
    assert q.speaker == "Brad Lindqvist"


def test_a_pronoun_inside_a_who_clause_means_the_person_it_describes() -> None:
    text = (
        "Governor Dana Ortiz unveiled the plan on Friday. The best reply came from nursing "
        "student Ama Boateng, who laughed when she called it “a fairy tale for grown-ups.”"
    )
    q = find(extract_quotes(text), "fairy tale")
    assert q.speaker == "Ama Boateng"


def test_a_pronoun_right_after_who_is_not_the_person_it_describes() -> None:
    text = (
        "Mayor Tom Hale spoke for an hour on Friday. He took aim at Carl Mensah, who he "
        "called “the worst neighbour a city could have.”"
    )
    q = find(extract_quotes(text), "worst neighbour")
    assert q.speaker == "Tom Hale"


def test_a_possessive_opening_a_sentence_is_not_its_subject() -> None:
    text = (
        "Mayor Tom Hale unveiled the budget on Monday. Okon Adeyemi, the union leader, stood "
        "up to answer. Hale’s plan would cost 300 jobs. “We will fight it,” he said."
    )
    q = find(extract_quotes(text), "We will fight it")
    assert q.speaker == "Okon Adeyemi"


def test_a_contracted_has_after_a_name_keeps_it_the_subject() -> None:
    text = (
        "Okon Adeyemi, the union leader, stood up to answer. Tom Hale's been making the "
        "case for weeks that the cuts are needed. “We cannot wait,” he said."
    )
    q = find(extract_quotes(text), "We cannot wait")
    assert q.speaker == "Tom Hale"


def test_a_person_introduced_by_an_inverted_adds_tag_is_the_next_he() -> None:
    text = (
        "Senator Tom Reyes backed the plan on Monday. “Children need routines,” adds "
        "psychologist Okon Adeyemi. “Without them, they drift,” he said."
    )
    q = find(extract_quotes(text), "they drift")
    assert q.speaker == "Okon Adeyemi"


def test_pronouns_after_a_bare_surname_give_the_full_name_its_gender() -> None:
    text = (
        "Okafor returns to Lagos.\n\n"
        "Senator Tom Reyes criticised the government on Friday. Okon Okafor left the "
        "country in 2015. Okafor spends most of his time in a borrowed office near the "
        "market, one of the few places in town with a fast internet connection, which lets "
        "him talk to his sons and his wife every evening after the markets close and the "
        "streets go quiet again.\n\n"
        "“I don't think she is very happy about my being here,” he said."
    )
    q = find(extract_quotes(text), "very happy about my being here")
    assert q.speaker == "Okon Okafor"


def test_a_prepositions_object_is_the_last_resort_antecedent() -> None:
    text = (
        "Mayor Tom Hale spoke for an hour. Yet there in the back was Carl Mensah, the grocery "
        "worker. Did that mean Mensah would vote for Mr. Hale? “No, no, no,” he said, laughing."
    )
    q = find(extract_quotes(text), "No, no, no")
    assert q.speaker == "Carl Mensah"


def test_a_kin_word_before_a_name_gives_the_gender() -> None:
    text = (
        "Mayor Carl Dunn defended the levy on Monday. “The council has no choice,” said "
        "9/11 widow Terry Vance. She added, “We are tired of waiting for the money.”"
    )
    q = find(extract_quotes(text), "tired of waiting")
    assert q.speaker == "Terry Vance"


def test_a_pronoun_after_an_unknown_name_gives_its_gender() -> None:
    text = (
        "Chief Justice Paul Hardy cut the ribbon at noon and praised the builders.\n\n"
        "Okoro Tandy, of Fairfax, Va., said he had served overseas “for the rights of others, "
        "knowing that back home we did not have those rights.”\n\n"
        "He said the museum filled a gap left by the history taught in most schools. “We are "
        "part of this history too,” he said."
    )
    q = find(extract_quotes(text), "part of this history")
    assert q.speaker == "Okoro Tandy"


def test_a_person_introduced_with_a_role_outranks_an_earlier_known_subject() -> None:
    text = (
        "Governor Mark Ellison signed the budget on Tuesday. Ellison praised the schools.\n\n"
        "While Ellison had the unions behind him, the new plan has no such backing, which "
        "worries Victor Amado, president of the Lakeside Teachers Guild.\n\n"
        "“Nobody here is cheering for this budget,” he said."
    )
    q = find(extract_quotes(text), "Nobody here is cheering")
    assert q.speaker == "Victor Amado"


def test_a_persons_campaign_opening_the_sentence_is_what_it_means() -> None:
    text = (
        "Senator Ruth Calder toured a plant in Ohio on Friday.\n\n"
        "Ruth Calder’s campaign is defending her remarks on trade. It is denouncing what it "
        "calls “a smear dressed up as reporting” in a statement."
    )
    q = find(extract_quotes(text), "smear dressed up")
    assert q.speaker == "Calder campaign"


def test_a_name_with_joined_initials_is_one_person() -> None:
    text = (
        "“The platform has cleaned up a lot, but not enough,” said J.R. Hollis, a fellow at "
        "the Institute for Online Safety. He added, “The accounts keep coming back.”"
    )
    q = find(extract_quotes(text), "accounts keep coming back")
    assert q.speaker == "J.R. Hollis"


def test_a_courtesy_title_gives_the_gender_and_keeps_the_surname() -> None:
    text = (
        "Former Governor Dale Harlow spoke first. Mr. Harlow praised the new mayor. Later, "
        "Ms. Kemp, a young intern, joined them on stage.\n\n"
        "At a town hall, a voter asked Mrs. Harlow about the deal. Mrs. Harlow did not "
        "hesitate. “Everybody deserves a hearing,” she said."
    )
    q = find(extract_quotes(text), "deserves a hearing")
    assert q.speaker == "Harlow"


def test_a_name_after_as_and_before_a_verb_is_a_clause_subject() -> None:
    text = (
        "Senator Lena Ortiz opened the rally. “He will sell you out,” Ms. Ortiz said.\n\n"
        "It was a sharp double act by the two women, as Mrs. Brandt echoed the attack, saying "
        "the developer “cares only about himself” and Ms. Ortiz, she said, “knows him better "
        "than anyone.”"
    )
    q = find(extract_quotes(text), "knows him better")
    assert q.speaker == "Brandt"


def test_a_pronoun_opening_the_next_sentence_gives_an_unknown_name_its_gender() -> None:
    text = (
        "Governor Nora Pell won the county by 9 points in 2012, and her allies expect more.\n\n"
        "“It depends on the age group,” said Odessa Varne, 66, a retired clerk who lives in "
        "Lake City, south of Florence. She's a Pell critic but admits her neighbors are not.\n\n"
        "“They have made up their minds already,” she said."
    )
    q = find(extract_quotes(text), "made up their minds")
    assert q.speaker == "Odessa Varne"


def test_a_name_after_with_and_before_an_ing_verb_is_a_clause_subject() -> None:
    text = (
        "The analysis was run by Nadia Grell, a former tax aide. Single parents would pay "
        "more under the plan, said Grell.\n\n"
        "It has become a fight in the race, with Joan Marsh — who has called for "
        "higher taxes on the rich — lambasting the plan.\n\n"
        "“This is the same old giveaway to the top,” she said in the debate."
    )
    q = find(extract_quotes(text), "same old giveaway")
    assert q.speaker == "Joan Marsh"


def test_a_name_after_according_to_is_the_source_that_speaks() -> None:
    text = (
        "Senator Ellen Drake won the straw poll on Sunday. The county paper, which had "
        "ignored the race, said it would now cover it daily, according to a note from "
        "Maria Solberg.\n\n"
        "“We will follow every stop of this campaign,” she wrote."
    )
    q = find(extract_quotes(text), "follow every stop")
    assert q.speaker == "Maria Solberg"


def test_a_titled_surname_subject_just_before_outranks_an_earlier_man() -> None:
    text = (
        "Until Mr. Hallett testified, the agency had said the system was never breached. "
        "Mr. Hallett said otherwise on Tuesday.\n\n"
        "Senator Ruiz herself has always maintained the system was secure. President Okafor "
        "backed her up in an interview last fall. “I do not think it was a problem,” he said."
    )
    q = find(extract_quotes(text), "do not think it was a problem")
    assert q.speaker == "Okafor"


def test_they_after_two_people_named_together_is_the_first_of_them() -> None:
    text = (
        "Critics of the grant program, like Senators Harold T. Vick, Republican of Utah, and "
        "Maria L. Stone, Democrat of Maine, want it overhauled. They sent a letter on Monday "
        "to the committee.\n\n"
        "“The program is riddled with waste and should be allowed to lapse,” they wrote."
    )
    q = find(extract_quotes(text), "riddled with waste")
    assert q.speaker == "Harold T. Vick"


def test_a_surname_spelt_with_one_letter_off_is_the_same_person() -> None:
    text = (
        "Dr. Harold Brandenburg has treated the candidate since 1980. “He is in astonishingly "
        "good health,” Brandenberg told the paper on Friday."
    )
    q = find(extract_quotes(text), "astonishingly good health")
    assert q.speaker == "Harold Brandenburg"


def test_the_speaker_of_said_outranks_a_woman_named_in_what_she_said() -> None:
    text = (
        "Senator Kay Ruiz spoke at the rally on Friday. Two voters, Keshia Wallander and "
        "Bryan Dorsey, watched from the back.\n\n"
        "Walander said Ruiz does not show consistency in her concern for the issue.\n\n"
        "“It is not something that she says every week, only when there is a camera,” she "
        "said."
    )
    q = find(extract_quotes(text), "only when there is a camera")
    assert q.speaker == "Keshia Wallander"
