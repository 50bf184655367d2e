"""Calibrated confidence and evidence, on news-style sentences written for these tests."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from bench.fit_confidence import fit
from bot.core.extract import extract_quotes
from bot.core.extract.confidence import (
    GATE,
    MODEL_PATH,
    features,
    high_threshold,
    load_model,
    probability,
)
from bot.core.models import Span
from tests.extract_support import find


def test_the_shipped_model_is_a_fitted_one() -> None:
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert "PolNeAR train" in model["fitted_on"]
    assert len(model["weights"]) > 20
    assert 0.5 < high_threshold() <= 1.01


def test_a_named_speech_tag_is_more_certain_than_a_pronoun_among_rivals() -> None:
    text = (
        "Transport minister Tomas Reyes and opposition leader Carla Ibsen toured the depot. "
        "Union chief Paul Danner joined them later.\n\n"
        "“We cannot wait another winter,” he said.\n\n"
        "“The trains are older than the drivers,” Carla Ibsen said."
    )
    quotes = extract_quotes(text)
    pronoun = find(quotes, "another winter")
    named = find(quotes, "older than the drivers")
    assert named.speaker == "Carla Ibsen"
    assert pronoun.evidence is not None and pronoun.evidence.form == "pronoun"
    assert named.confidence > pronoun.confidence >= GATE


def test_a_scare_quote_with_no_cue_stays_below_the_attribution_line() -> None:
    text = "The so-called “bold vision” for the waterfront drew large crowds on Saturday."
    assert all(q.confidence < GATE for q in extract_quotes(text) if "bold" in q.text)


def test_a_description_says_so_in_its_evidence() -> None:
    text = (
        "Northfield Rail cut three routes on Monday.\n\n"
        "“Passengers will hardly notice the change,” a company spokeswoman said."
    )
    q = find(extract_quotes(text), "hardly notice")
    assert q.evidence is not None
    assert q.evidence.form == "description"
    assert "spokeswoman" in q.evidence.path


def test_a_missing_model_keeps_the_rule_scores(tmp_path: Path) -> None:
    load_model.cache_clear()
    try:
        assert load_model(tmp_path / "absent.json") == {}
    finally:
        load_model.cache_clear()


def test_the_fit_learns_which_features_predict_a_right_speaker() -> None:
    data = [(("form=name",), 1, "direct")] * 90 + [(("form=name",), 0, "direct")] * 10
    data += [(("form=pronoun",), 1, "direct")] * 6 + [(("form=pronoun",), 0, "direct")] * 4
    bias, weights = fit(data, l2=0.01, steps=2000)
    model = {"bias": bias, "weights": weights}
    assert abs(probability(model, ["form=name"]) - 0.9) < 0.03
    assert abs(probability(model, ["form=pronoun"]) - 0.6) < 0.05


_OPENING = "Mayor Dana Whitfield opened the new library on Monday after two years of delays."
_PRONOUN_QUOTE = "“Reading is the cheapest ticket out of town,” she said."


def _pronoun_confidence(text: str) -> float:
    q = find(extract_quotes(text), "cheapest ticket")
    assert q.speaker == "Dana Whitfield"
    assert q.evidence is not None and q.evidence.form == "pronoun"
    return q.confidence


def test_a_woman_named_between_the_speaker_and_her_pronoun_lowers_the_confidence() -> None:
    alone = f"{_OPENING} Whitfield thanked the builders who finished the roof in the rain."
    rival = (
        f"{_OPENING} Whitfield thanked the architect, Laura Benning, and the builders who "
        "finished the roof in the rain."
    )
    assert _pronoun_confidence(f"{rival}\n\n{_PRONOUN_QUOTE}") < _pronoun_confidence(
        f"{alone}\n\n{_PRONOUN_QUOTE}"
    )


def test_a_pronoun_whose_antecedent_was_only_named_inside_a_quote_is_less_certain() -> None:
    plain = f"{_OPENING}\n\n{_PRONOUN_QUOTE}"
    quoted = (
        f"{_OPENING}\n\n“Every child in the district should know that Whitfield kept her "
        f"word,” a neighbour wrote.\n\n{_PRONOUN_QUOTE}"
    )
    assert _pronoun_confidence(quoted) < _pronoun_confidence(plain) - 0.1


def test_a_pronoun_for_someone_also_quoted_by_name_is_more_certain() -> None:
    plain = f"{_OPENING}\n\n{_PRONOUN_QUOTE}"
    tagged = f"{_OPENING}\n\n“We built it for the children,” Whitfield said.\n\n{_PRONOUN_QUOTE}"
    assert _pronoun_confidence(tagged) > _pronoun_confidence(plain)


def test_a_one_word_partial_quote_is_less_certain_than_a_long_one() -> None:
    short = find(extract_quotes("Mayor Dana Whitfield said the library was a “gift.”"), "gift")
    long = find(
        extract_quotes(
            "Mayor Dana Whitfield said the library was “a gift to every child who ever needed "
            "a quiet room.”"
        ),
        "quiet room",
    )
    assert short.speaker == long.speaker == "Dana Whitfield"
    assert short.confidence < long.confidence


def test_a_possessive_mention_is_seldom_the_speaker() -> None:
    text = (
        "Mayor Dana Whitfield said the library was “a gift to every child who ever needed "
        "a quiet room.”"
    )
    q = find(extract_quotes(text), "quiet room")
    assert q.speaker_mention is not None
    at = q.speaker_mention.start
    owner = replace(q, speaker_mention=Span("Whitfield’s", at, at + len("Whitfield’s")))
    before = probability(load_model(), features(text, [q])[0])
    after = probability(load_model(), features(text, [owner])[0])
    assert "possessive=True" in features(text, [owner])[0]
    assert after < before - 0.2


def test_a_pronoun_whose_antecedent_was_last_named_as_an_object_is_less_certain() -> None:
    subject = f"{_OPENING} Whitfield praised the builders who finished the roof in the rain."
    object_ = f"{_OPENING} The builders who finished the roof in the rain praised Whitfield."
    assert _pronoun_confidence(f"{object_}\n\n{_PRONOUN_QUOTE}") < _pronoun_confidence(
        f"{subject}\n\n{_PRONOUN_QUOTE}"
    )
