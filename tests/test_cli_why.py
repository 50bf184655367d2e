"""``whosaid who`` says how it found a speaker it did not see named, and ``--why`` shows the
chain: the quote's sentence, the mention, where the article named the person, the path and the
confidence. Articles written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main

DOCKS = (
    "Storm Leaves Port Ellery Docks in Ruins\n\n"
    "Harbour commissioner Dana Whitfield toured the flooded docks in Port Ellery on Tuesday. "
    "The storm had torn two cranes from their moorings overnight.\n\n"
    '"We will rebuild every pier before the winter fishing season," she said.\n\n'
    "Whitfield said the council would vote on the emergency fund in March.\n"
)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "whosaid.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    article = tmp_path / "docks.txt"
    article.write_text(DOCKS, encoding="utf-8")
    assert main(["ingest", str(article)]) == 0
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_who_says_a_pronoun_attribution_went_through_the_pronoun(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, "who", "rebuild every pier")
    assert code == 0
    assert out.splitlines()[0] == (
        "Dana Whitfield [attributed via *she*, resolved to Dana Whitfield] said:"
    )
    assert "Why " not in out  # the chain only on request


def test_who_why_shows_the_chain_from_quote_to_speaker(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, "who", "rebuild every pier", "--why")
    assert code == 0
    why = out[out.index("Why Dana Whitfield?") :].splitlines()
    assert why[1] == (
        "  Sentence with the quote: "
        '"We will rebuild every pier before the winter fishing season," she said.'
    )
    assert why[2] == "  Mention: “she” (pronoun)"
    assert (
        "  Where the article named Dana Whitfield: Harbour commissioner Dana Whitfield toured "
        "the flooded docks in Port Ellery on Tuesday."
    ) in why
    assert any(line.startswith("  Path: pronoun “she” → Dana Whitfield") for line in why)
    assert any(line.startswith("  Confidence: ") and "%" in line for line in why)


def test_who_why_on_a_named_paraphrase(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "who", "vote on the emergency fund", "--why")
    assert code == 0
    assert out.splitlines()[0].endswith("said, in paraphrase:")
    assert "[attributed via" not in out
    assert "  Mention: “Whitfield” (name)" in out
