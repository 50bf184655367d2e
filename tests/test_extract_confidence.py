"""Calibrated confidence and evidence, on news-style sentences written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

from bench.fit_confidence import fit
from bot.core.extract import extract_quotes
from bot.core.extract.confidence import GATE, MODEL_PATH, high_threshold, load_model, probability
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
