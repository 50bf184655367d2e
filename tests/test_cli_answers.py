"""The CLI's ``who``, ``quotes`` and ``digest`` (issue 14): a pronoun attribution says which
word it went through, a paraphrase is labelled and never inside quotation marks, a partial
quote stands inside its sentence with the quoted words marked. Articles written for these
tests (the same as the Discord ones)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from tests.test_e2e_answers import DOCKS, FERRY


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "whosaid.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    for name, text in (("docks.txt", DOCKS), ("ferry.txt", FERRY)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert main(["ingest", str(tmp_path / name)]) == 0
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_who_partial_quote_inside_its_sentence_via_a_pronoun(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run(capsys, "who", "worse than anything").splitlines()
    assert out[0] == (
        "Odile Ferrant [attributed via *she*, resolved to Odile Ferrant] "
        "said the words in quotation marks:"
    )
    assert out[1] == (
        '  She called the damage "**worse than anything** since 1987" and thanked the crews.'
    )
    assert not any(line.startswith("  Context:") for line in out)  # already shown


def test_who_paraphrase_is_labelled_and_never_quoted(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run(capsys, "who", "ferry fares would fall").splitlines()
    assert out[0] == "Bram Tollund (Fisheries minister) said, in paraphrase:"
    assert out[1] == "  (paraphrase) the **ferry fares would fall** in spring"


def test_quotes_lists_partials_in_their_sentence_and_paraphrases_unquoted(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run(capsys, "quotes", "Odile Ferrant").splitlines()
    assert out[1].startswith(
        '   1. She called the damage "worse than anything since 1987" and thanked the crews. '
        "[attributed via “she”] ("
    )
    assert out[2].startswith(
        "   2. “We will rebuild every pier before the winter fishing season,” "
        "[attributed via “she”] ("
    )
    out = run(capsys, "quotes", "Bram Tollund").splitlines()
    assert out[1].startswith("   1. (paraphrase) the ferry fares would fall in spring (")
    assert "“" not in out[1] and '"' not in out[1]


def test_digest_marks_pronouns_and_paraphrases(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = run(capsys, "digest", "--since", "1h").splitlines()
    assert (
        "• “We will rebuild every pier before the winter fishing season,” — Odile Ferrant "
        "(attributed via “she”)"
    ) in lines
    assert (
        "• the ferry fares would fall in spring (paraphrased) — Bram Tollund, Fisheries minister"
    ) in lines
