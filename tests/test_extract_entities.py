"""The article entity model: junk capitalised words, outlet lines and descriptions never pass
for a named speaker (issue 14 §1). Our own sentences, one phenomenon per test."""

from __future__ import annotations

from bot.core.extract import extract_quotes
from bot.core.extract.context import ArticleContext
from tests.extract_support import find


def test_capitalised_modifier_of_a_group_noun_keeps_the_group() -> None:
    text = (
        "Ferry fares to rise in spring\n\n"
        "Island councillors approved the fare rise on Tuesday. Fisher unions welcomed the "
        "vote but warned that the cuts the harbour trust plans would cost jobs."
    )
    quotes = extract_quotes(text)
    q = find(quotes, "would cost jobs")
    assert q.speaker is not None
    assert q.speaker != "Fisher"
    assert q.speaker.lower().startswith("fisher unions")


def test_what_an_actor_wants_inside_reported_speech_is_not_a_second_quote() -> None:
    text = (
        "Fisher unions welcomed the vote but warned that the cuts the harbour trust wants "
        "still have to be explained."
    )
    quotes = extract_quotes(text)
    assert not any(q.speaker == "the harbour trust" for q in quotes)
    assert len(quotes) == 1


def test_outlet_line_is_never_the_speaker_of_she() -> None:
    text = (
        "Harbour Trust Defends Its Cuts\n"
        "Coastal Ledger | 2026-10-02 | https://example.org/ledger/harbour-cuts\n"
        "Harbour trust chair Owen Marsh has argued since June that the old piers must close.\n"
        "The mayor replied to the trust at a market stall on Friday, and she did not hold back.\n"
        "“We will not close a single pier while I sit in this office,” she said.\n"
    )
    q = find(extract_quotes(text), "single pier")
    assert q.speaker != "Coastal Ledger"
    assert q.speaker == "the mayor"


def test_sample_outlet_line_is_not_the_governor() -> None:
    with open("data/samples/10_water_dispatch.txt", encoding="utf-8") as f:
        text = f.read()
    q = find(extract_quotes(text), "veto any bill")
    assert q.speaker != "Northern Dispatch"
    assert q.speaker in {"the governor", "Dana Whitcombe"}
    assert q.confidence < 0.9


def test_she_after_a_lead_phrase_is_the_main_clause_subject() -> None:
    # issue 14 §1: the subject of the latest clause outranks an earlier famous name, even when
    # a short lead phrase ("On Friday,") comes before it
    text = (
        "Democratic candidate Hillary Clinton spent the week campaigning in Ohio. "
        "On Friday, Attorney General Maria Lopez took the final step of announcing that the "
        "department would not charge Clinton. “This afternoon I met with the director and the "
        "agents who examined Secretary Hillary Clinton’s handling of her records while in "
        "office,” she said in a statement.\n"
    )
    q = find(extract_quotes(text), "This afternoon")
    assert q.speaker == "Maria Lopez"


def test_a_name_modifying_a_noun_is_not_the_antecedent_of_she() -> None:
    # issue 14 §1: "the Clinton campaign" names a campaign, not Clinton
    text = (
        "Carla Mendes has run a diner in Dayton for thirty years. "
        "Hillary Clinton spoke in Cleveland on Monday.\n"
        "Carla Mendes watched the speech on television. Afterwards, volunteers for the Clinton "
        "campaign knocked on doors along her street. “Nobody from any campaign has ever asked "
        "me what this town needs,” she said.\n"
    )
    q = find(extract_quotes(text), "Nobody from any campaign")
    assert q.speaker == "Carla Mendes"


def test_a_relative_named_after_a_kinship_word_does_not_take_the_surname() -> None:
    # issue 14 §1: a same-surname relative is never substituted for the person the article
    # is about
    text = (
        "Marion Hale, whose husband, Army Sgt. Ty Hale, was killed in Kandahar in 2011, spoke to "
        "a radio host on Thursday. Hale said she does not think the family should be shielded "
        "from criticism. “First of all, I would never wish this grief on anyone,” she told the "
        "host.\n"
    )
    q = find(extract_quotes(text), "never wish this grief")
    assert q.speaker == "Marion Hale"


def test_lowercase_title_after_a_lead_phrase_still_names_the_clause_subject() -> None:
    # issue 14 §1, at the antecedent stage: "On Monday night, campaign manager Robert Lane
    # released ..." makes Lane the subject of the latest clause, ahead of the man named after
    text = (
        "Bernie Sanders won the state by eleven points on Saturday. "
        "On Monday night, campaign manager Robert Lane released a memo that questioned Sanders "
        "and his delegate count. “The race is effectively over and the numbers will not "
        "change,” he said.\n"
    )
    reg = ArticleContext(text).reg
    ent = reg.antecedent(text.index(" he said") + 1, "he")
    assert ent is not None and ent.name == "Robert Lane"


def test_a_name_after_subject_and_verb_is_not_an_inverted_tag() -> None:
    # issue 14 §1: in "Lindqvist says Moreau ...", Lindqvist is the subject; Moreau opens what
    # was said and does not outrank him as the antecedent of the next "he"
    text = (
        "Former mayor Erik Lindqvist endorsed Paul Moreau for governor on Thursday. "
        "Lindqvist says Moreau “has a long record of bringing rivals to the same table.” "
        "He warns that the other candidates “would tear this state apart within a year.”\n"
    )
    q = find(extract_quotes(text), "tear this state apart")
    assert q.speaker == "Erik Lindqvist"
