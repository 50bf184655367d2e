"""Speaker-mention rules of the fourth extraction pass: one sentence we wrote per rule."""

from __future__ import annotations

from bot.core.extract import extract_quotes
from tests.extract_support import find, mention


def test_capitalised_contraction_is_never_a_speaker() -> None:
    text = (
        "Mayor Ines Farrow opened the new library on Friday. It's the lasting pull of "
        "Farrow's “a room full of books” promise that keeps her going."
    )
    (q,) = [q for q in extract_quotes(text) if "room full of books" in q.text]
    assert q.speaker != "It's"
    assert mention(q) != "It's"


def test_participle_after_an_object_belongs_to_the_clause_subject() -> None:
    text = (
        "Governor Alma Whitcombe lost the vote on Tuesday. Hours later, Whitcombe issued a "
        "statement calling the result “a setback for every family in the valley.”"
    )
    q = find(extract_quotes(text), "setback for every family")
    assert q.speaker == "Alma Whitcombe"
    assert mention(q) == "Whitcombe"


def test_participle_after_an_object_with_a_named_subject() -> None:
    text = (
        "After the storm, Senator Otto Brandvold released a new radio ad calling the "
        "relief effort “slow and shameful.”"
    )
    q = find(extract_quotes(text), "slow and shameful")
    assert q.speaker == "Otto Brandvold"


def test_opening_adverbial_is_not_the_subject() -> None:
    text = (
        "Early in the race, Pia Lindqvist attacked her rival, calling him, among other "
        "things, “a tourist in our county.”"
    )
    q = find(extract_quotes(text), "tourist in our county")
    assert q.speaker == "Pia Lindqvist"
    assert mention(q) == "Pia Lindqvist"


def test_subject_before_a_prepositional_piece_and_a_place() -> None:
    text = (
        "Dora Kessler toured the coast this week. Kessler, during a town hall meeting in "
        "Bayport, Maine, said she would “fight for every lobster boat.”"
    )
    q = find(extract_quotes(text), "every lobster boat")
    assert q.speaker == "Dora Kessler"
    assert mention(q) == "Kessler"


def test_subject_before_age_and_home_town() -> None:
    text = "Rui Almada, 34, of Fall River, Mass., said the plant was “our last good job.”"
    q = find(extract_quotes(text), "our last good job")
    assert q.speaker == "Rui Almada"
    assert mention(q) == "Rui Almada"


def test_closing_tag_with_age_role_and_place() -> None:
    text = (
        "“The buses never come on time,” Nadia Petrov, 58, a retired nurse in Lowell, "
        "Mass., said in an interview."
    )
    q = find(extract_quotes(text), "buses never come")
    assert q.speaker == "Nadia Petrov"


def test_label_after_a_headline_dash() -> None:
    text = (
        "TURNOUT WAS LOW IN THE VALLEY - Ana Ruiz: “Voters stayed home because the roads "
        "were closed and the polls opened late.”"
    )
    q = find(extract_quotes(text), "Voters stayed home")
    assert q.speaker == "Ana Ruiz"
    assert mention(q) == "Ana Ruiz"


def test_label_with_party_tag() -> None:
    text = 'Rep. Ana Ruiz (D-Ore.): "The roads were closed and the polls opened late."'
    q = find(extract_quotes(text), "roads were closed")
    assert q.speaker == "Ana Ruiz"


def test_label_signed_by_two_authors() -> None:
    text = (
        "WHY THE POLLS MISSED - Lena Holt and Omar Price: “The polls simply ended too "
        "early in the week to see the shift.”"
    )
    q = find(extract_quotes(text), "ended too early")
    assert q.speaker == "Lena Holt and Omar Price"


def test_closing_tag_with_two_roles_joined_by_and() -> None:
    text = (
        "Sen. Ada Brook responded first on Tuesday. “North Korea is run by a reckless "
        "regime,” the Oregon senator and Democratic presidential candidate said."
    )
    q = find(extract_quotes(text), "reckless regime")
    assert q.speaker == "Ada Brook"
    assert mention(q) == "the Oregon senator and Democratic presidential candidate"


def test_participle_after_a_prepositional_phrase() -> None:
    text = (
        "Governor Tom Reyes fought the casino deal. He has battled with the council over "
        'the budget, at one point calling the mayor a "liar" who was not "honorable."'
    )
    q = find(extract_quotes(text), "liar")
    assert q.speaker == "Tom Reyes"
    assert mention(q) == "He"


def test_noun_cue_after_an_adjective_is_not_a_verb() -> None:
    text = (
        "Lucia Fenn closed the rally. She sounded a rare note of humility, saying, "
        '"I am not sure I really deserve it."'
    )
    q = find(extract_quotes(text), "really deserve")
    assert q.speaker == "Lucia Fenn"
    assert mention(q) == "She"


def test_opening_time_phrase_then_subject() -> None:
    text = (
        "Hillary Clinton spoke on Monday. Thirteen years earlier, she had voted for the "
        'war from "the perspective of a senator from New York."'
    )
    q = find(extract_quotes(text), "perspective of a senator")
    assert mention(q) == "she"


def test_honorific_subject_after_an_opening_phrase() -> None:
    text = (
        "Walt Brennan chaired the hearing. On Tuesday, Mr. Brennan deflected questions "
        'about the budget before saying, "It\'s time to quit attacking each other."'
    )
    q = find(extract_quotes(text), "quit attacking")
    assert q.speaker == "Walt Brennan"
    assert mention(q) == "Mr. Brennan"


def test_but_added_goes_to_the_clause_subject_past_an_age() -> None:
    text = (
        "Mara Olsen won the seat. At the party office, Olsen, 70, said it was too early "
        'to celebrate but added, "I think you all know the result."'
    )
    q = find(extract_quotes(text), "you all know")
    assert q.speaker == "Mara Olsen"
    assert mention(q) == "Olsen"


def test_and_said_before_a_reported_clause_is_not_inverted() -> None:
    text = (
        "Lena Graham spoke first. Graham called both candidates “crazy” and said the "
        "party is bound to lose the fall election."
    )
    q = find(extract_quotes(text), "crazy")
    assert q.speaker == "Lena Graham"
    assert mention(q) == "Graham"


def test_colon_lead_in_without_a_speech_verb() -> None:
    text = (
        "When the old mill closed in 1998, Governor Hal Brisco released the following "
        "statement:\n\n“Today we lose a piece of our history and a thousand good jobs.”"
    )
    q = find(extract_quotes(text), "piece of our history")
    assert q.speaker == "Hal Brisco"


def test_inverted_verb_on_its_own_line_before_the_quote() -> None:
    text = (
        "Rita Stone spoke to the radio host on Monday.\n\nContinued Stone:\n\n"
        "“The stakes are so high that they would do anything to stay in power.”"
    )
    q = find(extract_quotes(text), "stakes are so high")
    assert q.speaker == "Rita Stone"


def test_quote_after_reported_speech_in_its_paragraph() -> None:
    text = (
        "Analyst Omar Greene added that the bank wants to get out of the way before the "
        "vote. “They will not move rates in the fall, whatever the data say.”"
    )
    q = find(extract_quotes(text), "move rates")
    assert q.speaker == "Omar Greene"
    assert mention(q) is not None and "Greene" in mention(q)  # type: ignore[operator]


def test_state_after_secretary_of_is_a_noun_not_a_cue() -> None:
    text = (
        "Gil Moreno, a pollster for the party, said the race has reinforced views of "
        'the former secretary of state as "strong, smart and resilient" in every region.'
    )
    q = find(extract_quotes(text), "strong, smart")
    assert q.speaker == "Gil Moreno"


def test_pronoun_of_a_relative_clause_gives_way_to_the_named_subject() -> None:
    text = (
        "Kevin Dorsey writes for the magazine. Dorsey assails in scoffing prose what he "
        "calls the “immoral” lie of the moment."
    )
    q = find(extract_quotes(text), "immoral")
    assert q.speaker == "Kevin Dorsey"
    assert mention(q) == "Dorsey"


def test_name_then_long_apposition_then_verb_after_the_quote() -> None:
    text = (
        "“Very good reporter, very good reporter this guy,” Trump, the party front-runner "
        "nationally and current polling leader in the state by a wide margin after winning "
        "the first two primaries in the north, said on Monday."
    )
    q = find(extract_quotes(text), "very good reporter")
    assert q.speaker == "Trump"
    assert mention(q) == "Trump"


def test_infinitive_cue_in_an_apposition_is_skipped() -> None:
    text = (
        "“The agents are under a lot of pressure,” an intelligence source, who was not "
        "authorized to speak on the record, told the paper."
    )
    q = find(extract_quotes(text), "under a lot of pressure")
    assert mention(q) == "an intelligence source"


def test_quoted_as_saying_takes_the_passive_subject() -> None:
    text = "“Our method succeeds where others fail,” Braynard is quoted as saying."
    q = find(extract_quotes(text), "Our method succeeds")
    assert q.speaker == "Braynard"


def test_two_named_authors_after_the_quote() -> None:
    text = '"The senator is filled with resentment," Ana Dovere and Gabe Debenedetti wrote.'
    q = find(extract_quotes(text), "filled with resentment")
    assert q.speaker == "Ana Dovere and Gabe Debenedetti"


def test_name_before_a_bare_role_and_a_second_apposition() -> None:
    text = (
        "“We should think of the old fight,” J.J. Goldberg, editor at large of The Forward, "
        "an influential weekly for American readers, wrote in a column."
    )
    q = find(extract_quotes(text), "old fight")
    assert q.speaker == "J.J. Goldberg"


def test_name_before_a_role_with_a_relative_clause_and_a_which_clause() -> None:
    text = (
        "Senator Ray Shelton, the Alabama Republican who heads the Banking Committee, "
        'which oversees the bank, said the bill would "call into question" its independence.'
    )
    q = find(extract_quotes(text), "call into question")
    assert q.speaker == "Ray Shelton"


def test_initials_do_not_end_a_sentence_but_the_country_can() -> None:
    text = 'The plan passed in the U.S. The senator said "it is a disaster."'
    q = find(extract_quotes(text), "disaster")
    assert mention(q) == "The senator"


def test_described_person_then_the_name_in_apposition() -> None:
    text = "“I have to take my brother along,” another fraternity brother, Stuart Olt, said."
    q = find(extract_quotes(text), "take my brother")
    assert q.speaker == "Stuart Olt"


def test_relative_who_before_a_prepositional_phrase_and_the_verb() -> None:
    text = (
        "Glenn Becker spoke on Sunday. Becker, who has in the past described the mayor as "
        "“a pathological narcissist,” said he would not vote."
    )
    q = find(extract_quotes(text), "pathological narcissist")
    assert q.speaker == "Glenn Becker"
    assert mention(q) == "who"


def test_inverted_subject_must_follow_the_quote_at_once() -> None:
    text = (
        "On Tuesday, Senate leader Mitch Connell said that it was “totally inappropriate” "
        "for the judge to criticize Trump."
    )
    q = find(extract_quotes(text), "totally inappropriate")
    assert q.speaker == "Mitch Connell"


def test_leading_according_to_is_the_outer_source_and_the_speaker_stays() -> None:
    text = 'According to the Ledger, Ruiz praised her "wonderful donors" in the audience.'
    q = find(extract_quotes(text), "wonderful donors")
    assert q.speaker == "Ruiz"
    assert mention(q) == "the Ledger"


def test_closing_reports_outlet_is_the_outer_source() -> None:
    text = (
        "“This platform says you are no longer welcome,” said Kirsten Dale, director of "
        "Voters for Life, reports USA Today."
    )
    q = find(extract_quotes(text), "no longer welcome")
    assert q.speaker == "Kirsten Dale"
    assert mention(q) == "USA Today"


def test_outlet_then_reports_at_the_end() -> None:
    text = "Fans also chanted, “Build a wall,” at the game, the Chicago Tribune reports."
    q = find(extract_quotes(text), "Build a wall")
    assert mention(q) == "the Chicago Tribune"


def test_typed_double_dash_sets_off_an_apposition() -> None:
    text = (
        "A former party candidate -- John McCan, who lost the 2008 race -- said the "
        'remarks were "a mistake."'
    )
    q = find(extract_quotes(text), "a mistake")
    assert q.speaker == "John McCan"


def test_byline_after_a_quote_with_a_left_cue_is_not_the_speaker() -> None:
    text = (
        'Ana Rojo said Monday that she will "try to form a stable government" and insisted '
        'that her party was "still the first force in the country."--Kim Hollis.'
    )
    q = find(extract_quotes(text), "first force")
    assert q.speaker == "Ana Rojo"


def test_assemblywoman_is_a_title_not_part_of_the_name() -> None:
    text = "“This is what I am up against,” Assemblywoman Clara Tenney said."
    q = find(extract_quotes(text), "up against")
    assert q.speaker == "Clara Tenney"
    assert q.title == "Assemblywoman"


def test_paragraph_opening_quote_after_reported_speech_in_the_paragraph_before() -> None:
    text = (
        "“China is the main concern,” Defence Minister Omar Hadi said.\n\n"
        "Secretary Ash Carlton said that for decades critics had predicted a withdrawal "
        "from the region, but this would not happen.\n\n"
        "“That is because this region is home to half the world’s people.”"
    )
    q = find(extract_quotes(text), "home to half")
    assert q.speaker == "Ash Carlton"


def test_closing_inverted_tag_after_the_quotes_own_clause() -> None:
    text = (
        '"He can assert it, but it seems extremely unlikely" that Sands can catch her in '
        "pledged delegates, said Steve Elmore, a party strategist."
    )
    q = find(extract_quotes(text), "extremely unlikely")
    assert q.speaker == "Steve Elmore"


def test_opening_place_with_a_state_abbreviation_is_skipped() -> None:
    text = (
        "At a rally in Portsmouth, N.H., on Tuesday, Senator Ben Sandler of Vermont "
        "endorsed the mayor, saying that his former rival would ''make an outstanding "
        "president.''"
    )
    q = find(extract_quotes(text), "outstanding president")
    assert q.speaker == "Ben Sandler"


def test_honorific_subject_with_an_apposition_before_the_verb() -> None:
    text = (
        "A voter asked about the race. Mr. Bosh, channeling his respectful roots, responded "
        "by first saying ''some good things'' about his rival."
    )
    q = find(extract_quotes(text), "some good things")
    assert q.speaker == "Bosh"


def test_long_subject_with_a_relative_clause_apposition() -> None:
    text = (
        "Rich Hefner, a top party operative who played a major role in the senator's big "
        "win in 2008 and is now running the governor's early-vote efforts in the state, "
        "said the absentee program is a “critical part of our strategy.”"
    )
    q = find(extract_quotes(text), "critical part")
    assert q.speaker == "Rich Hefner"


def test_opening_participle_or_preposition_phrase_is_not_the_speaker() -> None:
    text = (
        "Donald Tramp spoke on Friday. Facing criticism from his party, Tramp called the "
        'judge "a hater" once more.'
    )
    q = find(extract_quotes(text), "a hater")
    assert q.speaker == "Donald Tramp"
    text = 'Amid the uproar, Senator Ana Ruiz called the plan "reckless" on Monday.'
    q = find(extract_quotes(text), "reckless")
    assert q.speaker == "Ana Ruiz"


def test_adviser_of_a_named_person_is_not_that_person() -> None:
    text = (
        "Senator Elena Warrick spoke on Monday. “She takes the threat very seriously,” "
        "a Warrick adviser said."
    )
    q = find(extract_quotes(text), "threat very seriously")
    assert q.speaker == "a Warrick adviser"


def test_the_n_year_old_is_the_person_given_that_age() -> None:
    text = (
        "Ivana Lee, 46, spoke first. Then Donald Tramp took the stage. "
        "“Donald is an amazing leader,” the 46-year-old said."
    )
    q = find(extract_quotes(text), "amazing leader")
    assert q.speaker == "Ivana Lee"
    text = (
        "The 46-year-old Ivana Lee spoke first. Then Donald Tramp took the stage. "
        "“Donald is an amazing leader,” the 46-year-old said."
    )
    q = find(extract_quotes(text), "amazing leader")
    assert q.speaker == "Ivana Lee"


def test_role_of_an_organisation_then_the_name_speaks() -> None:
    text = "“We are going to fight on,” Pay for $15 organizing director Kendra Fells said."
    q = find(extract_quotes(text), "fight on")
    assert q.speaker == "Kendra Fells"


def test_curly_quotes_nested_in_a_straight_quoted_passage() -> None:
    text = (
        'Mayor Lena Okafor wrote: "The council forgot its own motto, “Safe Streets First,” '
        'and the budget shows it. We will fix that this year."'
    )
    q = find(extract_quotes(text), "budget shows it")
    assert "Safe Streets First" in q.text
    assert q.speaker == "Lena Okafor"


def test_stray_straight_mark_keeps_the_curly_quotes_after_it() -> None:
    text = 'Protesters waved "No Tax signs, and Mayor Ida Brandt called the plan “dead on arrival.”'
    q = find(extract_quotes(text), "dead on arrival")
    assert q.text == "dead on arrival."
    assert q.speaker == "Ida Brandt"


def test_press_as_a_noun_is_not_a_speech_verb() -> None:
    text = (
        "In a fiery press conference, Governor Rhea Tamsin attacked the ruling, calling it "
        "“a gift to polluters.”"
    )
    q = find(extract_quotes(text), "gift to polluters")
    assert q.speaker == "Rhea Tamsin"


def test_dateline_is_not_the_subject() -> None:
    text = (
        "MILLBROOK, Ore., May 3 (WNS) — Councilwoman Tova Reyes opened the session, saying: "
        "“We have to fix the bridge first.”"
    )
    q = find(extract_quotes(text), "fix the bridge first")
    assert q.speaker == "Tova Reyes"


def test_state_after_a_lead_phrase_is_not_the_subject() -> None:
    text = (
        "Senator Cal Ostrander is running again. At a diner in Ames, Iowa, on Friday, "
        "Mr. Ostrander tried to defend the plan, saying that it would “pay for itself within a "
        "decade.”"
    )
    q = find(extract_quotes(text), "pay for itself")
    assert q.speaker == "Cal Ostrander"
    assert mention(q) == "Mr. Ostrander"


def test_participle_right_after_a_quote_belongs_to_the_main_clause() -> None:
    text = (
        "Mayor Jo Park gave a spirited defense of “river towns,” saying the port showed the "
        "“grit and patience of the valley.”"
    )
    quotes = extract_quotes(text)
    assert find(quotes, "river towns").speaker == "Jo Park"
    assert find(quotes, "grit and patience").speaker == "Jo Park"


def test_state_between_lowercase_words_is_a_noun_not_a_cue() -> None:
    text = (
        "Senator Mira Holt spoke first. The talks will also cover the cost of printing state "
        "ballots, a step seen by the clerks as “a lifeline” for small towns."
    )
    quotes = extract_quotes(text)
    hits = [q for q in quotes if "lifeline" in q.text]
    assert all(q.cue is None or q.cue.text != "state" for q in hits)


def test_state_after_its_subject_is_still_a_cue() -> None:
    text = "“We will not sign it,” the Saudis state in the letter to the committee."
    q = find(extract_quotes(text), "We will not sign it")
    assert q.cue is not None and q.cue.text == "state"
    assert mention(q) == "the Saudis"


def test_pronoun_after_though_is_the_mention_as_written() -> None:
    text = (
        "“We are not done,” Mayor Ada Quill said on Monday, though she said, “The vote is close.”"
    )
    q = find(extract_quotes(text), "The vote is close")
    assert q.speaker == "Ada Quill"
    assert mention(q) == "she"


def test_coordinated_verb_shares_its_pronoun_subject() -> None:
    text = (
        "Coach Omar Fenn met the press. When Fenn was asked about the trade, he smiled "
        "and said, “Ask me tomorrow.”"
    )
    q = find(extract_quotes(text), "Ask me tomorrow")
    assert q.speaker == "Omar Fenn"
    assert mention(q) == "he"


def test_quantified_group_is_the_mention() -> None:
    text = "“Clean the river now!” some fishermen shouted outside the town hall."
    q = find(extract_quotes(text), "Clean the river now")
    assert mention(q) == "some fishermen"


def test_percentage_of_a_poll_is_the_mention() -> None:
    text = "Asked about the levy, 31 percent said “far too high” in the county survey."
    q = find(extract_quotes(text), "far too high")
    assert mention(q) == "31 percent"


def test_lone_another_after_an_inverted_cue_is_the_mention() -> None:
    text = "Fans were angry after the loss. “We deserved better,” wrote another."
    q = find(extract_quotes(text), "We deserved better")
    assert mention(q) == "another"


def test_year_and_adjective_most_are_not_groups() -> None:
    text = "Dana Ruiz taught a 2002 history class that she called “the best of my life.”"
    q = find(extract_quotes(text), "best of my life")
    assert mention(q) != "2002 history class"


def test_press_secretary_is_a_role_not_a_cue() -> None:
    text = (
        "Governor Lia Moss signed the bill. “It is a fair deal,” State House press secretary "
        "Owen Darby told reporters."
    )
    q = find(extract_quotes(text), "fair deal")
    assert q.speaker == "Owen Darby"


def test_the_before_a_capitalised_name_of_marks_an_institution() -> None:
    text = "“We stand with the nurses,” said the Northern Federation of Librarians."
    q = find(extract_quotes(text), "stand with the nurses")
    assert q.speaker == "Northern Federation of Librarians"


def test_relative_who_with_a_year_inside_the_clause() -> None:
    text = (
        "Mayor Ivo Stan met the council on Friday, including Hal Brenner, who in 2012 said "
        "his goal was to make Stan “a one-term mayor.”"
    )
    q = find(extract_quotes(text), "one-term mayor")
    assert q.speaker == "Hal Brenner"
    assert mention(q) == "who"


def test_modified_group_of_people_speaks_not_its_first_word() -> None:
    text = "Large crowds of farmers chanted “Save our water” outside the courthouse."
    q = find(extract_quotes(text), "Save our water")
    assert q.speaker == "Large crowds of farmers"


def test_named_supporters_speak_not_the_person_they_support() -> None:
    text = "Senator Ada Voss spoke first. Voss supporters chanted “Four more years” at the end."
    q = find(extract_quotes(text), "Four more years")
    assert q.speaker == "Voss supporters"


def test_released_statement_is_the_object_the_subject_speaks() -> None:
    text = (
        "Senator Al Vitt returned on Monday. His office put out a statement saying the state "
        "“cannot vet every new arrival.”"
    )
    q = find(extract_quotes(text), "cannot vet every")
    assert mention(q) == "His office"
    assert q.speaker == "Al Vitt's office"


def test_determined_subject_before_a_released_statement() -> None:
    text = "The village released a statement Friday saying the claims “are simply untrue.”"
    q = find(extract_quotes(text), "simply untrue")
    assert mention(q) == "The village"


def test_straight_quoted_excerpt_paragraph_keeps_its_curly_quotes() -> None:
    text = (
        "The Ledger ran a sharp column on Sunday.\n\n"
        '"At the forum, Mayor Ilse Brandt called the plan “a fantasy,” and the crowd agreed.\n\n'
        "The council meets again next week."
    )
    q = find(extract_quotes(text), "a fantasy")
    assert q.text == "a fantasy,"
    assert q.speaker == "Ilse Brandt"


def test_straight_quoted_paragraph_after_a_colon_paragraph_nests_curly_quotes() -> None:
    text = (
        "Councilwoman Rosa Imrie spoke after the vote. Imrie stated:\n\n"
        '"The board is not about “Clean Water for All” anymore. It is about contracts.\n\n'
        '"We will take this to the voters in the fall."'
    )
    q = find(extract_quotes(text), "about contracts")
    assert "Clean Water for All" in q.text
    assert q.speaker == "Rosa Imrie"


def test_full_name_right_before_the_colon_introduces_the_quote() -> None:
    text = (
        "The result did not surprise county pollster Nadia Koenig: “Turnout always drops "
        "when the weather turns cold in November.”"
    )
    q = find(extract_quotes(text), "Turnout always drops")
    assert q.speaker == "Nadia Koenig"


def test_noun_phrase_after_said_stops_at_a_modal() -> None:
    text = (
        "Mayor Eva Lund spoke on Monday. Lund, citing “the quiet strength of the coast,” "
        "said the town could be a resort again."
    )
    quotes = extract_quotes(text)
    hits = [q for q in quotes if "quiet strength" in q.text]
    assert all(not (mention(q) or "").startswith("the town") for q in hits)


def test_second_quote_with_no_cue_falls_back_to_the_clause_subject() -> None:
    text = (
        "Mayor Dara Quill wore a “Vote Yes” badge and kept repeating “we are nearly there” "
        "to anyone nearby."
    )
    q = find(extract_quotes(text), "nearly there")
    assert q.speaker == "Dara Quill"
    said = find(extract_quotes("Mayor Dara Quill said “we are nearly there” again."), "nearly")
    assert q.confidence < said.confidence  # a guess from the clause ranks below a speech verb


def test_quote_nobody_is_credited_with_stays_below_the_attribution_line() -> None:
    text = "“We will not be moved from this valley, whatever the council decides next week.”"
    (q,) = extract_quotes(text)
    assert q.speaker is None
    assert q.text.startswith("We will not be moved")
    assert q.confidence < 0.3


def test_according_to_a_recording_is_the_outer_source_and_the_speaker_stays() -> None:
    text = (
        "“We are not selling the mill,” Mayor Ines Farrow said on Monday, according to audio "
        "obtained by the Valley Courier."
    )
    q = find(extract_quotes(text), "selling the mill")
    assert q.speaker == "Ines Farrow"
    assert mention(q) == "audio obtained by the Valley Courier"


def test_subject_after_an_opening_unless_clause() -> None:
    text = (
        "Unless the board relents by Friday, Mayor Ines Farrow will keep the “no surrender” "
        "banner above the mill gate."
    )
    q = find(extract_quotes(text), "no surrender")
    assert q.speaker == "Ines Farrow"


def test_party_tag_followed_by_a_stray_comma_keeps_the_name() -> None:
    text = "At a rally in Dayton, Gov. Ines Farrow (D-OH), said, “We are not selling the mill.”"
    q = find(extract_quotes(text), "selling the mill")
    assert q.speaker == "Ines Farrow"
    assert mention(q) == "Gov. Ines Farrow (D-OH)"


def test_opening_phrase_with_an_inner_comma_is_skipped_whole() -> None:
    text = (
        "In a long, late-night interview with the Valley Courier, Mayor Ines Farrow said the "
        "mill would stay open and added, “Nobody is selling anything.”"
    )
    q = find(extract_quotes(text), "Nobody is selling")
    assert q.speaker == "Ines Farrow"


def test_pronoun_inside_a_named_speakers_reported_clause_gives_the_name() -> None:
    text = (
        "Mayor Ines Farrow spoke at the mill on Friday. Farrow pointed to the council's "
        "record, noting that she has put together “the best budget in a decade.”"
    )
    q = find(extract_quotes(text), "the best budget")
    assert q.speaker == "Ines Farrow"
    assert mention(q) == "Farrow"


def test_pronoun_after_an_inner_clause_still_gives_the_outer_name() -> None:
    text = (
        "Councilwoman Ines Farrow, the chair of the finance board, told the Courier before "
        "she spoke to the board that she believed the town should act “before the money "
        "runs out.”"
    )
    q = find(extract_quotes(text), "before the money")
    assert mention(q) == "Councilwoman Ines Farrow"


def test_pronoun_opening_a_new_clause_keeps_its_own_mention() -> None:
    text = (
        "Mayor Ines Farrow spoke at the mill on Friday. Farrow said the budget was tight, "
        "and she called the new levy “a last resort.”"
    )
    q = find(extract_quotes(text), "a last resort")
    assert q.speaker == "Ines Farrow"
    assert mention(q) == "she"


def test_quote_inside_a_named_reporters_clause_goes_to_the_reporter() -> None:
    text = (
        "Councillor Ada Brennick spoke after the vote. Brennick said she is certain the "
        "new library will continue to be “a home for every reader in the valley.”"
    )
    q = find(extract_quotes(text), "a home for every reader")
    assert q.speaker == "Ada Brennick"
    assert mention(q) == "Brennick"


def test_a_subordinate_clause_before_the_speaker_is_not_a_reporter() -> None:
    text = (
        "After Mayor Ines Farrow argued that the levy was fair, Councillor Ada Brennick "
        "said only that her “numbers don't add up.”"
    )
    q = find(extract_quotes(text), "numbers don't add up")
    assert q.speaker == "Ada Brennick"


def test_referred_to_as_is_a_cue() -> None:
    text = (
        "When Ada Brennick announced her candidacy in June, she infamously referred to her "
        "rivals as “cowards” and worse."
    )
    q = find(extract_quotes(text), "cowards")
    assert q.speaker == "Ada Brennick"
    assert mention(q) == "she"


def test_a_pronoun_contraction_before_a_cue_is_not_a_possessive() -> None:
    text = (
        "Councillor Ada Brennick has spent a year on the road. She’s touted the mill deal as "
        "“the best thing to happen to this valley” at every stop."
    )
    q = find(extract_quotes(text), "the best thing to happen")
    assert q.speaker == "Ada Brennick"
    assert mention(q) == "She"


def test_words_printed_on_a_sign_are_the_signs() -> None:
    text = (
        "About two hundred people marched past the mill on Sunday. Rosa Delgado held up a "
        "sign saying “keep the mill, keep the valley” as the crowd passed."
    )
    q = find(extract_quotes(text), "keep the mill")
    assert mention(q) == "a sign"
    assert q.speaker != "Rosa Delgado"


def test_an_outlet_that_first_reported_is_the_outer_source() -> None:
    text = (
        "Pastor Glen Ashby slammed the scouts for promoting “a godless agenda” on his "
        "weekly radio show, the Valley Courier first reported."
    )
    q = find(extract_quotes(text), "a godless agenda")
    assert q.speaker == "Glen Ashby"
    assert mention(q) == "the Valley Courier"


def test_the_outer_reporter_never_reaches_into_an_earlier_quote() -> None:
    text = (
        "“People are angry,” said Alderman Jason Ervin, who thinks the mayor and his staff "
        "“need to be more collaborative.”"
    )
    q = find(extract_quotes(text), "more collaborative")
    assert q.speaker == "Jason Ervin"
    assert mention(q) != "People"


def test_the_subject_of_a_what_clause_speaks_past_its_apposition() -> None:
    text = (
        "Rowan guarded the delegates in 1976, in what Bay Lister, treasurer for the "
        "insurgent campaign, called “hand-to-hand combat.”"
    )
    q = find(extract_quotes(text), "hand-to-hand combat")
    assert q.speaker == "Bay Lister"


def test_the_subject_of_a_what_clause_may_be_a_group() -> None:
    text = (
        "The long fight over whether Valley Mills is what former workers have called a "
        "“rigged scheme” took an ugly turn on Friday."
    )
    q = find(extract_quotes(text), "rigged scheme")
    assert mention(q) == "former workers"


# -- junk mentions and cross-sentence paths (mention9) -------------------------------------


def test_state_as_a_noun_before_punctuation_is_no_cue() -> None:
    text = (
        "Mayor Ines Farrow told the Valley Courier that in her economically depressed state, "
        "“nobody trusts a promise from the capital.”"
    )
    q = find(extract_quotes(text), "nobody trusts")
    assert q.speaker == "Ines Farrow"
    assert mention(q) == "Mayor Ines Farrow"


def test_capitalised_adjective_before_state_is_no_speaker() -> None:
    text = (
        "Ines Farrow praised the governor and his record in a heavily Republican state. "
        "“We need someone who listens before she acts.”"
    )
    q = find(extract_quotes(text), "listens before she acts")
    assert mention(q) == "Ines Farrow"


def test_state_as_a_verb_in_a_closing_tag_stays_a_cue() -> None:
    text = "“Every family deserves a safe bridge,” the campaign flyer states."
    q = find(extract_quotes(text), "safe bridge")
    assert mention(q) == "the campaign flyer"


def test_standalone_quote_after_a_sentence_about_a_named_person() -> None:
    text = (
        "Mayor Ines Farrow spoke first. “We will not sell the mill,” Farrow said. "
        "Later the crowd heard from Tomas Ruelle, who runs the bakery on Main Street. "
        "Ruelle praised the mayor for her patience with the council. "
        "“We need someone who listens before she acts.”"
    )
    q = find(extract_quotes(text), "listens before she acts")
    assert q.speaker == "Tomas Ruelle"
    assert mention(q) == "Ruelle"


def test_phrase_naming_no_speaker_gives_way_to_the_clause_subject() -> None:
    text = (
        "Mayor Ines Farrow spoke on Friday. Farrow insisted in a heated exchange that any new "
        "levy under her watch would demand not just a delay but “a full public vote.”"
    )
    q = find(extract_quotes(text), "a full public vote")
    assert q.speaker == "Ines Farrow"
    assert mention(q) == "Farrow"


def test_object_before_called_is_not_the_speaker() -> None:
    text = (
        "Senator Tomas Ruelle slammed the zoning loophole called a “back door for developers” "
        "on Tuesday."
    )
    q = find(extract_quotes(text), "back door for developers")
    assert mention(q) == "Senator Tomas Ruelle"


def test_object_of_a_preposition_before_the_cue_is_not_the_speaker() -> None:
    text = (
        "Mayor Ines Farrow says if she had a free day she would be standing with volunteers "
        "on their way into the polls saying “Keep the mill open.”"
    )
    q = find(extract_quotes(text), "Keep the mill open")
    assert q.speaker == "Ines Farrow"
    assert mention(q) != "the polls"


def test_capitalised_pronoun_for_things_is_never_a_speaker() -> None:
    text = (
        "Nothing changed in last night's debate: Farrow was sharper than before, even if she "
        "saved her passion for the cause of “a cleaner river.”"
    )
    assert all(q.speaker != "Nothing" and mention(q) != "Nothing" for q in extract_quotes(text))


def test_a_cue_in_a_fronted_clause_does_not_govern_the_main_clause() -> None:
    text = (
        "As Senator Ada Brennick spoke, the Rifle League was going into overdrive, whipping "
        "lawmakers against “any and all gun control.”"
    )
    q = find(extract_quotes(text), "any and all gun control")
    assert mention(q) == "the Rifle League"


def test_as_x_puts_it_is_itself_the_attribution() -> None:
    text = (
        "As the Courier's Ruth Marlow puts it, the mayor is making the council "
        "“an offer it can't refuse.”"
    )
    q = find(extract_quotes(text), "an offer it can't refuse")
    assert q.speaker == "Ruth Marlow"


# -- right tags, clause subjects and relative 'who' (mention8) ----------------------------


def test_quote_without_a_cue_belongs_to_the_subject_of_its_own_clause() -> None:
    text = (
        "Mayor Ines Farrow and the county board met on Monday. The board cut the road "
        "budget, but Farrow found the plan “a slow disaster” for the valley."
    )
    q = find(extract_quotes(text), "a slow disaster")
    assert q.speaker == "Ines Farrow"
    assert mention(q) == "Farrow"


def test_pronoun_subject_of_a_concessive_clause_is_the_mention() -> None:
    text = (
        "Councilman Rafe Donnelly opposed the plan for months. Donnelly voted for the "
        "budget on Tuesday, even though he found the new levy “a bitter pill” for the town."
    )
    q = find(extract_quotes(text), "a bitter pill")
    assert q.speaker == "Rafe Donnelly"
    assert mention(q) == "he"


def test_relative_clause_holding_a_quote_gives_who_as_the_mention() -> None:
    text = (
        "Nadia Okafor spoke first. Okafor's calm tone was a contrast to the fiery speech by "
        "her rival Dana Pruitt, who portrayed the mayor as “a builder of bridges” and a friend."
    )
    q = find(extract_quotes(text), "a builder of bridges")
    assert q.speaker == "Dana Pruitt"
    assert mention(q) == "who"


def test_no_break_space_after_a_quote_still_ends_the_sentence() -> None:
    text = (
        "The levy came up at the council meeting in May, when Mayor Ines Farrow called it "
        "“a last resort.”\xa0Farrow also said that the county would help pay for it."
    )
    q = find(extract_quotes(text), "a last resort")
    assert q.speaker == "Ines Farrow"
    assert mention(q) == "Mayor Ines Farrow"


def test_words_before_a_pronoun_tag_are_not_its_role() -> None:
    text = (
        "Councilman Rafe Donnelly, who faces voters in May, said he opposed the plan because "
        "“it adds costs for families,” including fees he said would hit renters hardest."
    )
    q = find(extract_quotes(text), "it adds costs")
    assert q.speaker == "Rafe Donnelly"
    assert mention(q) == "Councilman Rafe Donnelly"


def test_quote_later_in_an_ongoing_reported_clause_keeps_its_speaker() -> None:
    text = (
        "Senator Otto Brandvold spoke after the vote. Brandvold says his “old friend” Ana "
        "Ruiz ran “a campaign about the future of the valley.”"
    )
    q = find(extract_quotes(text), "a campaign about the future")
    assert q.speaker == "Otto Brandvold"
    assert mention(q) == "Brandvold"


def test_relative_pronoun_after_a_quoted_noun_is_not_its_tag() -> None:
    text = (
        "Mayor Ines Farrow wants a tougher watchdog. She has proposed appointing a “chief "
        "budget inspector” who reports directly to the council."
    )
    q = find(extract_quotes(text), "chief budget inspector")
    assert mention(q) == "She"


def test_relative_clause_of_a_coordinated_name_is_not_the_quotes_tag() -> None:
    text = (
        "The council is split. Contrast that with Farrow, who has called the levy "
        "“a disgrace,” and Pruitt, who says it is “overdue.”"
    )
    q = find(extract_quotes(text), "a disgrace")
    assert q.speaker == "Farrow"


def test_a_cue_belongs_to_the_last_clause_opened_before_it() -> None:
    text = (
        "Governor Carl Wendt made the harbour a priority, but the effort stalled, and "
        "Mayor Ines Farrow has battled the port board ever since, at one point calling its "
        "chairman “a liar.”"
    )
    q = find(extract_quotes(text), "a liar")
    assert q.speaker == "Ines Farrow"


def test_a_preposition_as_is_no_clause_of_its_own() -> None:
    text = (
        "Ines Farrow returned to the valley on Monday. She quickly noted her years as mayor "
        "of the town, saying “we faced hard times together.”"
    )
    q = find(extract_quotes(text), "we faced hard times")
    assert q.speaker == "Ines Farrow"
    assert mention(q) == "She"


def test_a_relative_clause_with_inner_commas_keeps_the_name_before_it() -> None:
    text = (
        "Glen Ashby, whose latest company, Fieldline, sells data to farms, said the mayor "
        "was “a start-up kind of guy.”"
    )
    q = find(extract_quotes(text), "a start-up kind of guy")
    assert q.speaker == "Glen Ashby"


def test_a_double_apposition_keeps_the_name_before_it() -> None:
    text = (
        "Marta Kowal, the editor in chief of the diocese's weekly paper, the Valley Herald, "
        "said every bishop was “both pastor and politician.”"
    )
    q = find(extract_quotes(text), "both pastor and politician")
    assert q.speaker == "Marta Kowal"


def test_an_apposition_after_an_opening_phrase_is_the_speaker() -> None:
    text = (
        "In a statement to the Valley Herald, her senior adviser, Tom Reyes, said: "
        "“The mayor stands by the plan.”"
    )
    q = find(extract_quotes(text), "The mayor stands by the plan")
    assert q.speaker == "Tom Reyes"


def test_a_named_object_of_a_preposition_is_not_the_speaker() -> None:
    text = (
        "Mayor Ines Farrow answered a reader's question on Facebook writing, “Yes, I will "
        "hold the vote.”"
    )
    q = find(extract_quotes(text), "hold the vote")
    assert q.speaker == "Ines Farrow"


# -- outer sources: according to, polls, recordings (mention11) -----------------------


def test_a_long_opening_according_to_phrase_is_every_quotes_source() -> None:
    text = (
        "According to the exit polls in Vermont, 31 percent of Democratic voters put a "
        "priority on a candidate who would “fight for working people.”\n\n"
        "According to campaign pool reports, Mayor Ines Farrow said the town is “open for "
        "business,” which she called “the only message that matters.”\n\n"
        "Carl Wendt released a letter on Monday. According to his longtime physician, the "
        "billionaire developer had “astonishingly good” results in his latest exam and shows "
        "“unusual” stamina."
    )
    quotes = extract_quotes(text)
    assert mention(find(quotes, "fight for working people")) == "the exit polls"
    assert mention(find(quotes, "open for business")) == "campaign pool reports"
    assert mention(find(quotes, "the only message")) == "campaign pool reports"
    assert mention(find(quotes, "astonishingly good")) == "his longtime physician"
    assert mention(find(quotes, "unusual")) == "his longtime physician"


def test_a_share_of_voters_speaks_through_the_poll_that_counted_it() -> None:
    text = (
        "The Harlow poll has bad news for Bendix, who is trying to steady his campaign — 31 "
        "percent of likely voters say they would “never support” him.\n\n"
        "A new Harlow poll shows how hard the race will be: Six in 10 Democrats said the party "
        "“should pick the candidate with the most votes.”\n\n"
        "The Harlow poll also finds that, while 40 percent of voters say Bendix is “very "
        "honest” about his taxes and his record, 27 percent say he is “not at all honest.”\n\n"
        "The Dunmore survey found that 52 percent of Republicans say the party is “on the "
        "wrong track.”"
    )
    quotes = extract_quotes(text)
    assert mention(find(quotes, "never support")) == "The Harlow poll"
    assert mention(find(quotes, "should pick the candidate")) == "A new Harlow poll"
    assert mention(find(quotes, "not at all honest")) == "The Harlow poll"
    assert mention(find(quotes, "wrong track")) == "The Dunmore survey"


def test_a_recording_that_shows_someone_speaking_is_the_source() -> None:
    text = (
        "The new campaign ad then cuts to footage of Senator Ray Bendix saying, “We can't "
        "afford this.”\n\n"
        "The film shows Dale Harper refusing to leave and depicts one of the guards asking, "
        "“Why are we still here?”\n\n"
        "The last batch of emails shows that Mayor Ines Farrow asked the “consultant” to call "
        "her.\n\n"
        "The video shows the crowd arriving, and Mayor Ines Farrow said she was “pleased.”"
    )
    quotes = extract_quotes(text)
    assert mention(find(quotes, "afford this")) == "The new campaign ad"
    assert mention(find(quotes, "still here")) == "The film"
    assert mention(find(quotes, "consultant")) == "The last batch of emails"
    assert mention(find(quotes, "pleased")) == "Mayor Ines Farrow"


def test_a_closing_reported_by_outlet_covers_every_quote_of_the_sentence() -> None:
    text = (
        "Mayor Ines Farrow noted that the levy – what her rivals call “a tax grab” – is "
        "“central” to the town's budget for the first time, reported the Valley Examiner."
    )
    quotes = extract_quotes(text)
    assert mention(find(quotes, "a tax grab")) == "the Valley Examiner"
    assert mention(find(quotes, "central")) == "the Valley Examiner"


# -- opening phrases, 'Will', speech-noun owners (mention10) -------------------------


def test_an_opening_participle_or_adverb_is_not_the_subject() -> None:
    texts = {
        "progress we made": (
            "Ines Farrow spoke second. Reprising one of her favourite lines, the former mayor "
            "talked about continuing the “progress we made” downtown.",
            "the former mayor",
        ),
        "reckless spending": (
            "Hastily politicizing the storm in Dover ― much like he did after the floods of "
            "last year ― Pruitt blamed his rivals and stressed the threat that “reckless "
            "spending” poses to the town.",
            "Pruitt",
        ),
        "a man-made disaster": (
            "Fueled apparently by anger, Pruitt called the flood “a man-made disaster” on Monday.",
            "Pruitt",
        ),
        "careless and wrong": (
            "Late last month, the port board wrote a long letter to the mayor, Ines Farrow, "
            "calling the two audits ''careless and wrong.''",
            "the port board",
        ),
    }
    for quote, (text, who) in texts.items():
        assert mention(find(extract_quotes(text), quote)) == who, quote


def test_will_inside_a_sentence_is_a_surname_not_the_modal() -> None:
    text = (
        "Columnist Georgia Will took aim at the mayor in an op-ed. “The town deserves "
        "better,” Will wrote. From his budget to his “harbour levy,” Will described Farrow as "
        "“a caricature of a leader.” Citing the storm as a wake-up call for voters and their "
        "“reveries about easy answers,” Will urged the council to act."
    )
    quotes = extract_quotes(text)
    for quote in ("The town deserves", "harbour levy", "a caricature", "reveries about"):
        assert mention(find(quotes, quote)) == "Will", quote


def test_will_opening_a_question_is_the_modal() -> None:
    quotes = extract_quotes("Will voters accept a “new deal” for the port? The vote is Monday.")
    assert all(q.speaker is None or "Will" not in q.speaker for q in quotes)


def test_the_owner_of_a_speech_noun_speaks_the_words_it_introduces() -> None:
    cases = {
        "a special place for quitters": (
            "Mayor Ines Farrow, a council veteran, fanned controversy this year over her "
            "remark that “there’s a special place for quitters.”",
            "her",
        ),
        "likable enough": (
            "Ines Farrow won here in 2008 partly because of Mr. Pruitt's patronizing "
            "suggestion at a debate that she was ''likable enough.''",
            "Mr. Pruitt's",
        ),
        "ought to look into": (
            "Pruitt's attacks on Judge Lane stand out for their personal nature and for the "
            'suggestion by a potential governor that someone "ought to look into" the judge.',
            "a potential governor",
        ),
        "rigged budget": (
            "Carl Pruitt, who has led the council for a decade, rallied young voters with his "
            "calls to end the “rigged budget” at city hall.",
            "his",
        ),
    }
    for quote, (text, who) in cases.items():
        assert mention(find(extract_quotes(text), quote)) == who, quote


def test_a_second_quote_in_the_subjects_clause_keeps_the_subject() -> None:
    text = (
        "Mayor Ines Farrow began her speech to the guild by slamming rivals who think they "
        'can "outsource" Eastern Shore ports to "speculators" and went on to other matters.'
    )
    q = find(extract_quotes(text), "speculators")
    assert mention(q) == "Mayor Ines Farrow"


def test_the_noun_a_participle_modifies_speaks_not_its_agent() -> None:
    cases = {
        "through our lawyers": (
            "A March 3 memo from the Harbor Guild obtained by The Valley Courier warns that "
            "“any further contact will be through our lawyers.”",
            "the Harbor Guild",
        ),
        "The auditors are reviewing": (
            "Another county official speaking to Metro News said, “The auditors are reviewing "
            "every contract.”",
            "Another county official",
        ),
    }
    for quote, (text, who) in cases.items():
        assert mention(find(extract_quotes(text), quote)) == who, quote


def test_a_modal_between_subject_and_speech_verb_keeps_the_subject() -> None:
    text = (
        "The hearing ran so late that a spokesman for Mayor Ines Farrow could only quip: "
        '"I guess dinner was cancelled."'
    )
    q = find(extract_quotes(text), "dinner was cancelled")
    assert mention(q) == "a spokesman for Mayor Ines Farrow"


def test_a_tag_after_who_is_a_parenthetical_of_its_own() -> None:
    text = (
        "Mayor Ines Farrow praised the new harbor board. She thanked its chairman, Carl "
        'Pruitt, who she said had been "a steady hand through the worst storms."'
    )
    q = find(extract_quotes(text), "a steady hand")
    assert mention(q) == "she"
    assert q.speaker == "Ines Farrow"


def test_a_horizontal_bar_closes_a_fronted_clause_like_an_em_dash() -> None:
    # some outlets print U+2015 where others print an em dash
    for dash in ("\u2015", "\u2014"):
        text = (
            f"When Okafor noted that the council had not met in a year {dash} as was true "
            f"for most of the drought {dash} Lindqvist boasted, “That makes us efficient.”"
        )
        q = find(extract_quotes(text), "makes us efficient")
        assert (mention(q), q.speaker) == ("Lindqvist", "Lindqvist"), dash


def test_the_phrase_a_description_is_about_is_not_an_inverted_speaker() -> None:
    text = (
        'Lund, who estimates that his costs were "in the seven figures," described the '
        'emotional toll as "crushing."'
    )
    q = find(extract_quotes(text), "crushing")
    assert q.speaker == "Lund"
    assert "toll" not in (mention(q) or "")


def test_a_plural_cue_after_a_preposition_and_a_party_adjective_is_a_noun() -> None:
    text = (
        "FactWatch rated 40% of Republican claims as “misleading,” compared with 12% of "
        "Democratic claims."
    )
    q = find(extract_quotes(text), "misleading")
    assert (mention(q), q.speaker) == ("FactWatch", "FactWatch")


def test_counter_after_a_noun_is_a_counter_not_a_verb() -> None:
    text = (
        "Sit-ins, Ms. Dunmore said, are acts of courage, whether it was waiting at a diner "
        'counter in 1960 or wearing a shirt with the words "we shall not be moved" on it.'
    )
    q = find(extract_quotes(text), "shall not be moved")
    assert q.speaker == "Dunmore"
    assert mention(q) == "Ms. Dunmore"


def test_a_name_before_a_speech_noun_is_the_object_not_the_speaker() -> None:
    text = (
        "Mayor Ellen Park is describing as “reckless” a Victor Hale tweet attacking the "
        "harbor workers. She says the tweet was beneath a council member."
    )
    q = find(extract_quotes(text), "reckless")
    assert q.speaker == "Ellen Park"


def test_a_report_named_for_its_office_still_speaks_through_its_office() -> None:
    text = (
        "A Harbor Audit Office report released last year found that the agency could not "
        "trace money coming from “smuggling or other criminal activities.”"
    )
    q = find(extract_quotes(text), "smuggling")
    assert q.speaker is not None and "Harbor Audit Office" in q.speaker
