"""The evaluation's definitions: the strict speaker rule, calibration error, coverage at 97%,
and the train referents derived from gold sources (fixtures written for these tests)."""

from __future__ import annotations

from bench.attribution_metrics import (
    coverage_at,
    derive_referents,
    expected_calibration_error,
    held_out,
    strict_right,
)


def test_strict_rule_needs_the_surname_and_an_agreeing_given_name() -> None:
    assert strict_right("Joseph R. Biden Jr.", "Joe Biden", "Biden")
    assert strict_right("Biden", "Joe Biden", "Biden")
    assert strict_right("Bill Marston", "William Marston", "Marston")
    assert strict_right("J. Marston", "Jane Marston", "Marston")
    assert not strict_right("Bill Clinton", "Hillary Clinton", "Clinton")
    assert not strict_right("Jane Doe", "Jane Marston", "Marston")
    assert not strict_right(None, "Jane Marston", "Marston")


def test_strict_rule_for_an_unnamed_speaker_needs_the_same_head() -> None:
    assert strict_right("a spokesman for Harbor Lines", "a spokesman for Harbor Lines", "")
    assert strict_right("spokesman for Harbor Lines", "a spokesman for Harbor Lines", "")
    assert not strict_right("Harbor Lines", "a spokesman for Harbor Lines", "")


def test_calibration_error_is_zero_when_confidence_matches_accuracy() -> None:
    points = [(0.75, True)] * 3 + [(0.75, False)]
    assert expected_calibration_error(points) == 0.0
    assert abs(expected_calibration_error([(0.9, False)] * 2) - 0.9) < 1e-9


def test_coverage_takes_the_confident_top_while_it_stays_97_percent_right() -> None:
    points = [(0.99, True)] * 60 + [(0.6, True)] * 20 + [(0.6, False)] * 20
    share, at = coverage_at(points)
    assert share == 0.6 and at == 0.99
    assert coverage_at([(0.9, False)])[0] == 0.0


def test_train_referents_come_from_named_sources_and_carry_to_pronouns() -> None:
    text = (
        "Mayor Dana Whitfield opened the bridge on Monday. Whitfield said the city was proud. "
        "She added that tolls would stay low. The council said it agreed."
    )
    srcs = [(text.index("Whitfield said"), "Whitfield"), (text.index("She"), "She")]
    srcs.append((text.index("The council"), "The council"))
    refs = derive_referents(text, srcs)
    assert refs[0] is not None and refs[0].name == "Dana Whitfield"
    assert refs[1] == refs[0]
    assert refs[2] is None


def test_held_out_split_is_fixed_and_about_one_in_five() -> None:
    names = [f"outlet_2016-01-{i:02d}_story" for i in range(1, 400)]
    share = sum(held_out(n) for n in names) / len(names)
    assert 0.12 < share < 0.28
    assert held_out(names[0]) == held_out(names[0])


def _referent(text: str, source: str) -> tuple[str, str] | None:
    ref = derive_referents(text, [(text.index(source), source)])[0]
    return None if ref is None else (ref.name, ref.surname)


def test_an_organisation_is_named_whole_and_a_person_keeps_the_surname() -> None:
    text = "The Harbor Authority said fares would rise. A Harbor Authority report agreed."
    assert _referent(text, "The Harbor Authority") == ("Harbor Authority", "Harbor Authority")
    assert not strict_right("the Authority", "Harbor Authority", "Harbor Authority")
    text = "Rep. Lena Voss of Ohio said the vote was close. Voss voted no."
    assert _referent(text, "Rep. Lena Voss of Ohio") == ("Lena Voss", "Voss")


def test_a_place_or_employer_after_a_description_is_not_the_speaker() -> None:
    text = "A spokesman for Harbor Lines said the ferry was late. The senator from Ohio agreed."
    assert _referent(text, "A spokesman for Harbor Lines") is None
    assert _referent(text, "The senator from Ohio") is None


def test_a_name_in_apposition_to_a_description_is_the_speaker() -> None:
    text = "The agency's director, Maria Okafor, said the audit was done."
    assert _referent(text, "The agency's director, Maria Okafor,") == ("Maria Okafor", "Okafor")


def test_a_capitalised_common_word_is_not_a_name() -> None:
    text = "Aides said the trip was off. Two aides declined to comment."
    assert _referent(text, "Aides") is None


def test_a_pronoun_is_left_out_when_two_readings_of_it_disagree() -> None:
    agreed = (
        "Governor Paul Danner opened the bridge. Danner said it was safe. “It is ready,” he said."
    )
    srcs = [(agreed.index("Danner said"), "Danner"), (agreed.index("he said"), "he")]
    refs = derive_referents(agreed, srcs)
    assert refs[1] is not None and refs[1].surname == "Danner"
    # The nearest source says Danner, the subject of the sentence before says Reyes.
    split = agreed.replace("Danner said it was safe.", "Danner said it was safe. Tom Reyes nodded.")
    srcs = [(split.index("Danner said"), "Danner"), (split.index("he said"), "he")]
    assert derive_referents(split, srcs)[1] is None
