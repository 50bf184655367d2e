"""Attribution rules added in the second extraction pass: one sentence we wrote per rule."""

from __future__ import annotations

from bot.core.extract import extract_quotes
from tests.extract_support import find, mention


def test_inverted_tag_with_lowercase_role_before_the_name() -> None:
    text = "“The bridge will open in May,” said retired engineer Lena Ortiz at the hearing."
    q = find(extract_quotes(text), "bridge will open")
    assert q.speaker == "Lena Ortiz"
    assert mention(q) == "retired engineer Lena Ortiz"


def test_inverted_tag_with_possessive_role_before_the_name() -> None:
    text = "“We can still win the county,” added her campaign manager Tomas Reyes."
    q = find(extract_quotes(text), "still win")
    assert q.speaker == "Tomas Reyes"


def test_tag_in_the_next_sentence_after_a_question() -> None:
    text = (
        "Farmers packed the hall on Monday.\n\n“Who will pay for the new dam?” "
        "Mara Quist, the head of the growers’ union, told the council in a letter."
    )
    q = find(extract_quotes(text), "Who will pay")
    assert q.speaker == "Mara Quist"
    assert mention(q) is not None and "Mara Quist" in mention(q)  # type: ignore[operator]


def test_colon_lead_in_without_speech_verb() -> None:
    text = "The mayor, Ivo Brandt, fired back on Friday:\n“This budget is a fantasy.”"
    q = find(extract_quotes(text), "budget is a fantasy")
    assert q.speaker == "Ivo Brandt"


def test_according_to_names_the_reporting_source_but_keeps_the_speaker() -> None:
    text = "“We will not resign,” Paula Grenn said on Sunday, according to the Daily Ledger."
    q = find(extract_quotes(text), "will not resign")
    assert q.speaker == "Paula Grenn"
    assert mention(q) == "the Daily Ledger"


def test_apposition_without_closing_comma_names_the_person() -> None:
    text = "Rosa Lind, the press secretary for the Harbor Party said on Monday.\n“We are ready.”"
    q = find(extract_quotes(text), "We are ready")
    assert q.speaker == "Rosa Lind"


def test_role_after_lowercase_words_keeps_the_whole_mention() -> None:
    text = "“Prices will fall,” former bank economist Petra Voss explained."
    q = find(extract_quotes(text), "Prices will fall")
    assert q.speaker == "Petra Voss"
    assert mention(q) == "former bank economist Petra Voss"


def test_organisation_names_are_kept_whole() -> None:
    text = "“We object to the vote,” said the Northern Farmers Association."
    q = find(extract_quotes(text), "We object")
    assert q.speaker == "Northern Farmers Association"


def test_names_do_not_run_across_a_sentence_end() -> None:
    text = "The award went to Ruth Kemp. Alvarez said: “She earned it.”"
    q = find(extract_quotes(text), "She earned it")
    assert q.speaker == "Alvarez"


def test_possessive_place_is_not_part_of_the_name() -> None:
    text = "“It will pass,” said Oregon’s Nadia Brook."
    q = find(extract_quotes(text), "It will pass")
    assert q.speaker == "Nadia Brook"


def test_role_phrase_resolves_to_the_person_given_that_role() -> None:
    text = (
        "Karl Ohm, the Green nominee, toured the port. Vera Stahl, the Labour nominee, "
        "stayed home.\n“The port needs money,” the Green nominee said."
    )
    q = find(extract_quotes(text), "port needs money")
    assert q.speaker == "Karl Ohm"


def test_gender_from_the_pronoun_that_follows_an_unknown_name() -> None:
    text = (
        "Zorya Penn toured the farm, and she met workers. Baxter Quill stayed behind.\n"
        "“The harvest was good,” she said."
    )
    q = find(extract_quotes(text), "harvest was good")
    assert q.speaker == "Zorya Penn"


def test_two_apostrophes_are_a_double_quote_mark() -> None:
    text = "''The levee held,'' said Ana Kirsch, the county engineer. ''We were lucky.''"
    quotes = extract_quotes(text)
    for q in quotes:
        assert text[q.start : q.end] == q.text
        assert not q.text.startswith("'") and not q.text.endswith("'")
    first = find(quotes, "The levee held")
    assert first.kind == "direct" and first.speaker == "Ana Kirsch"
    second = find(quotes, "We were lucky")
    assert second.speaker == "Ana Kirsch"


def test_according_to_a_lowercase_source_is_indirect_speech() -> None:
    text = "Turnout fell by a third in the northern districts, according to exit polls."
    q = find(extract_quotes(text), "Turnout fell")
    assert q.kind == "indirect"
    assert mention(q) == "exit polls"


def test_honorific_and_speech_verb_make_the_pronoun_antecedent() -> None:
    text = (
        "Kaspar Dunn, the envoy, arrived first. Rents could double, Mr. Ferrow said in "
        "an interview.\n“If even half of them move,” he said, “the town empties.”"
    )
    q = find(extract_quotes(text), "half of them move")
    assert q.speaker == "Ferrow"


def test_numbers_in_a_role_before_the_name() -> None:
    text = "“We want a hearing,” said 9/11 survivor Hanne Loft."
    q = find(extract_quotes(text), "want a hearing")
    assert q.speaker == "Hanne Loft"


def test_someones_strategist_is_not_that_person() -> None:
    text = (
        "Senator Ilse Varn lost the vote.\n“That was a mistake,” Varn's former campaign "
        "strategist said on Monday."
    )
    q = find(extract_quotes(text), "was a mistake")
    assert q.speaker != "Ilse Varn"


def test_according_to_a_role_with_the_name_in_apposition() -> None:
    text = (
        "According to the city engineer, Priya Nandakumar, the remaining work is mostly "
        "painting and lighting."
    )
    q = find(extract_quotes(text), "remaining work")
    assert q.text == "the remaining work is mostly painting and lighting"
    assert q.speaker == "Priya Nandakumar"
    assert q.title == "city engineer"


def test_according_to_a_document_after_a_said_clause_is_not_a_second_speaker() -> None:
    text = (
        "Marsh's campaign manager, Owen Pike, said the campaign had raised two million dollars "
        "in its first week, according to a filing with the state election board."
    )
    quotes = [q for q in extract_quotes(text) if q.confidence >= 0.3]
    assert [q.speaker for q in quotes] == ["Owen Pike"]
    assert quotes[0].text == "the campaign had raised two million dollars in its first week"


def test_tag_squeezed_between_quote_and_verb_is_the_speaker() -> None:
    text = (
        "“We found no link at all,” the agency's chief data officer, Mona Ellery, "
        "told the committee in March."
    )
    q = find(extract_quotes(text), "no link")
    assert q.speaker == "Mona Ellery"
    assert mention(q) == "the agency's chief data officer, Mona Ellery"


def test_inverted_lead_in_with_a_colon() -> None:
    text = "The hearing ran late. Continued Halvorsen: “The budget is not a wish list.”"
    q = find(extract_quotes(text), "wish list")
    assert q.speaker == "Halvorsen"
    assert mention(q) == "Halvorsen"


def test_long_apposition_subject_before_the_cue() -> None:
    text = (
        "Dora Quill runs the food bank. Quill, who has volunteered there since 2009, "
        "said on Monday, “We are out of rice.”"
    )
    q = find(extract_quotes(text), "out of rice")
    assert q.speaker == "Dora Quill"


def test_pronoun_for_an_unnamed_person_is_the_described_person() -> None:
    text = (
        "Mayor Tom Brandt spoke for an hour. A woman near the stage waved a sign. "
        "“We still have no bus,” she said."
    )
    q = find(extract_quotes(text), "no bus")
    assert q.speaker == "a woman"


def test_pronoun_prefers_the_nearby_subject_over_a_farther_woman() -> None:
    text = (
        "Hillary Clinton held a rally on Monday. Quinn Pell, 41, a nurse from Dayton, "
        "came early. “I want answers on wages,” she said."
    )
    q = find(extract_quotes(text), "answers on wages")
    assert q.speaker == "Quinn Pell"


def test_inverted_verb_after_a_comma_before_the_quote() -> None:
    text = "The vote was close. But, said Ilse Moran, “nobody here wants a recount.”"
    q = find(extract_quotes(text), "recount")
    assert q.speaker == "Ilse Moran"


def test_bare_name_and_colon_label_the_quote() -> None:
    text = "Both candidates rejected the plan. Halvorsen: “It is a tax by another name.”"
    q = find(extract_quotes(text), "tax by another name")
    assert q.speaker == "Halvorsen"


def test_participle_after_a_long_verb_phrase_takes_the_clause_subject() -> None:
    text = (
        "Oren Vask met the board. Vask did not release the figures on Tuesday, saying only "
        "that the audit was “nearly finished.”"
    )
    q = find(extract_quotes(text), "nearly finished")
    assert q.speaker == "Oren Vask"


def test_dash_signature_after_the_quote() -> None:
    text = "Readers wrote in.\n\n“Fix the bus lanes first.” ― Francisco Herrero, Alder Falls"
    q = find(extract_quotes(text), "bus lanes")
    assert q.speaker == "Francisco Herrero"


def test_dash_signature_on_its_own_line() -> None:
    text = "Readers wrote in.\n\n“Fix the bus lanes first, then the bridge.”\n\n- Mara Quist.\n"
    q = find(extract_quotes(text), "bus lanes")
    assert q.speaker == "Mara Quist"


def test_speech_verbs_with_particles() -> None:
    text = "“Jeb wants to be a tough guy tonight,” Trump shot back."
    q = find(extract_quotes(text), "tough guy")
    assert q.speaker == "Trump"
    text = "“Who pays for it?” the mayor wondered aloud. “Nobody has said.” Pell barked."
    assert find(extract_quotes(text), "Who pays").cue is not None


def test_bare_surname_means_the_person_named_most() -> None:
    text = (
        "Sen. Odile Marchetti opened the hearing. Odile Marchetti then took questions, and "
        "Odile Marchetti stayed late. Her brother, Paolo Marchetti, watched from the gallery.\n\n"
        "“We are not finished,” Marchetti said."
    )
    q = find(extract_quotes(text), "not finished")
    assert q.speaker == "Odile Marchetti"


def test_day_names_between_subject_and_cue() -> None:
    text = "They met for an hour. Marta Lind on Thursday told reporters: “The deal is done.”"
    q = find(extract_quotes(text), "deal is done")
    assert q.speaker == "Marta Lind"


def test_two_quote_pieces_under_one_cue_share_the_speaker() -> None:
    text = "At the fair, Oren Vask said that “corn growers” “do a fantastic job.”"
    quotes = extract_quotes(text)
    assert find(quotes, "corn growers").speaker == "Oren Vask"
    assert find(quotes, "fantastic job").speaker == "Oren Vask"


def test_role_of_a_country_then_the_name_in_apposition() -> None:
    text = (
        "Paris reacted quickly. The foreign minister of Eastmark, Anton Varga, said the launch "
        "was “a provocation.”"
    )
    q = find(extract_quotes(text), "provocation")
    assert q.speaker == "Anton Varga"
    assert q.title is not None and "foreign minister" in q.title


def test_possessive_group_speaker_reads_alone() -> None:
    text = (
        "Senator Paul Ostrander spent the day in Dayton. His surrogates called him "
        "“the only adult in the race.”"
    )
    q = find(extract_quotes(text), "only adult")
    assert q.speaker == "Paul Ostrander's surrogates"


def test_country_near_the_pronoun_is_not_he() -> None:
    text = (
        "President Hal Brennan spoke on Friday. North Korea tested a missile. "
        "“We will never accept it,” he said."
    )
    q = find(extract_quotes(text), "never accept")
    assert q.speaker == "Hal Brennan"


def test_organisation_named_for_its_cause_stays_whole() -> None:
    text = "Reform groups weighed in. Citizens for Fair Roads called the plan “a gift to lawyers.”"
    q = find(extract_quotes(text), "gift to lawyers")
    assert q.speaker == "Citizens for Fair Roads"


def test_documents_speak_as_descriptive_phrases() -> None:
    text = "The memoir came out in May. “She was back on the trail within days,” the book says."
    q = find(extract_quotes(text), "back on the trail")
    assert q.speaker == "the book"


def test_subject_after_an_opening_phrase_is_the_pronoun_antecedent() -> None:
    text = (
        "Halvorsen said the debate went well, Halvorsen said later. On Monday night, "
        "Halvorsen leaned in hard. “Why won’t he release his tax returns?” she said."
    )
    q = find(extract_quotes(text), "tax returns")
    assert q.speaker == "Halvorsen"
