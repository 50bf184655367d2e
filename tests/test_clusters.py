"""Quote clusters: which wordings are one statement, who may join, and the consensus vote."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.core.clusters import (
    CANDIDATES,
    LEAD_RECENT,
    Attribution,
    Occurrence,
    Vote,
    consensus,
    disagreement_text,
    joinable,
    rank_ids,
    regroup,
    same_statement,
    word_diff,
)
from bot.core.search.normalize import words

FULL = (
    "We will not raise water rates this winter, and I will veto any bill that tries to do "
    "it behind the backs of families"
)
TRIMMED = "We will not raise water rates this winter"
CHANGED = FULL.replace("rates", "prices")
DAY = datetime(2026, 11, 2, tzinfo=UTC)


def w(text: str) -> list[str]:
    return words(text)


def test_identical_trimmed_and_altered_wordings_are_one_statement() -> None:
    assert same_statement(w(FULL), w(FULL.upper() + "!")) == "identical"
    assert same_statement(w(FULL), w(TRIMMED)) == "trimmed"
    assert same_statement(w(TRIMMED), w(FULL)) == "trimmed"
    assert same_statement(w(FULL), w(CHANGED)) == "altered"
    assert same_statement(w(TRIMMED), w(CHANGED)) == "altered"  # cut and a word changed


def test_different_statements_and_short_phrases_stay_apart() -> None:
    assert same_statement(w(FULL), w("The board will raise rates again next year")) is None
    # a common short phrase is in many quotes: only an identical one counts
    assert same_statement(w("on the table"), w("The offer remains on the table for now")) is None
    assert same_statement(w("on the table"), w("On the table!")) == "identical"
    assert same_statement(w("fake news"), w("fake news")) is None  # too short to be a statement


def test_word_diff_marks_the_changed_word_and_not_the_cut() -> None:
    diff = word_diff(w(FULL), w(CHANGED))
    assert [(op, x) for op, x in diff if op != "="] == [("-", "rates"), ("+", "prices")]
    assert all(op == "=" for op, _ in word_diff(w(FULL), w(TRIMMED)))
    assert all(op == "=" for op, _ in word_diff(w(TRIMMED), w(FULL)))


def test_two_confident_names_keep_quotes_apart_but_a_pronoun_joins() -> None:
    ellison = Attribution("Mara Ellison", 0.9, "name")
    assert not joinable(Attribution("Dana Whitcombe", 0.9, "name"), [ellison])
    assert joinable(Attribution("Dana Whitcombe", 0.9, "pronoun"), [ellison])
    assert joinable(Attribution("Dana Whitcombe", 0.3, "name"), [ellison])  # uncertain
    assert joinable(Attribution("Ellison", 0.9, "name"), [ellison])  # surname of the same
    assert joinable(Attribution(None, 0.25, "none"), [ellison])


def test_consensus_repairs_a_pronoun_and_says_the_outlets_disagree() -> None:
    votes = [
        Vote(Attribution("Mara Ellison", 0.8, "name"), "ledger", "Governor"),
        Vote(Attribution("Ellison", 0.8, "name"), "wire"),
        Vote(Attribution("Ellison", 0.8, "name"), "courier"),
        Vote(Attribution("Dana Whitcombe", 0.9, "pronoun"), "dispatch"),
    ]
    agreed = consensus(votes)
    assert agreed.speaker == "Mara Ellison"
    assert agreed.title == "Governor"
    assert 0.8 < agreed.confidence < 0.99  # three outlets agree, one disagrees
    assert disagreement_text(agreed.tallies) == (
        "attributed to Mara Ellison by 3 outlets, to Dana Whitcombe by 1"
    )
    unanimous = consensus(votes[:3])
    assert unanimous.confidence > agreed.confidence
    assert not unanimous.disagreement


def test_a_named_attribution_outweighs_a_pronoun_in_another_article() -> None:
    agreed = consensus(
        [
            Vote(Attribution("Tomas Reyes", 0.6, "name"), "a"),
            Vote(Attribution("Mara Ellison", 0.9, "pronoun"), "b"),
        ]
    )
    assert agreed.speaker == "Tomas Reyes"
    lone = consensus([Vote(Attribution("Tomas Reyes", 0.6, "name"), "a")])
    assert lone.confidence == 0.6  # a single occurrence keeps its own confidence


def test_regroup_follows_publication_order_and_the_window() -> None:
    def occ(i: int, text: str, days: int, who: str = "Mara Ellison") -> Occurrence:
        return Occurrence(i, tuple(w(text)), DAY + timedelta(days=days), Attribution(who, 0.9))

    groups = regroup(
        [occ(5, FULL, 3), occ(6, TRIMMED, 1), occ(7, CHANGED, 2), occ(8, FULL, 90)], 30
    )
    assert groups == {6: 6, 7: 6, 5: 6, 8: 8}
    apart = regroup([occ(1, FULL, 0), occ(2, FULL, 1, who="Dana Whitcombe")], 30)
    assert apart == {1: 1, 2: 2}


@given(st.text(max_size=300), st.text(max_size=300))
def test_any_texts_compare_without_an_exception(a: str, b: str) -> None:
    relation = same_statement(w(a), w(b))
    assert relation in (None, "identical", "trimmed", "altered")
    diff = word_diff(w(a), w(b))
    assert all(op in "=+-" for op, _ in diff)


@given(
    st.lists(
        st.lists(st.integers(min_value=1, max_value=3000), max_size=1200, unique=True),
        min_size=1,
        max_size=4,
    )
)
def test_candidates_are_the_newest_quotes_under_two_read_words(lists: list[list[int]]) -> None:
    # However long the postings, the candidates are the newest quotes under at least two
    # of the read words (under the one when only one was read), as a plain count says; the
    # lead's words read beyond the quote's two rarest count only their newest holders.
    postings = [sorted(ids) for ids in lists]
    counts: dict[int, int] = {}
    for i, ids in enumerate(postings):
        for quote_id in ids if i < 2 else ids[-LEAD_RECENT:]:
            counts[quote_id] = counts.get(quote_id, 0) + 1
    least = 1 if len(postings) == 1 else 2
    newest = sorted((i for i, n in counts.items() if n >= least), reverse=True)
    assert rank_ids(postings, []) == newest[:CANDIDATES]
