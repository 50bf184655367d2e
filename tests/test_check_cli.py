"""``whosaid check`` on the bundled samples: the JSON contract, the text answer, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
FULL = (
    "We will not raise water rates this winter, and I will veto any bill that tries to do it "
    "behind the backs of families"
)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "whosaid.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    assert main(["ingest", str(SAMPLES)]) == 0
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_is_exactly_the_contract(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "check",
        "Dana Whitcombe said we will not raise water rates this winter",
        "--format",
        "json",
    )
    assert code == 0
    assert json.loads(out) == {
        "verdict": "misattributed",
        "claimed_speaker": "Dana Whitcombe",
        "speaker": "Mara Ellison",
        "quote": FULL,
        "first_seen": {
            "outlet": "Continental Wire",
            "date": "2026-11-02",
            "url": "https://example.org/wire/ellison-water-veto",
        },
        "diff": [
            ["=", "We will not raise water rates this winter,"],
            ["-", "and I will veto any bill that tries to do it behind the backs of families"],
        ],
    }


def test_text_answer_marks_the_changed_words(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", FULL.replace("rates", "prices"))
    assert code == 0
    assert out.startswith("Altered: Close to Mara Ellison's words, but changed")
    assert "We will not raise water {+prices+} [-rates-] this winter" in out
    assert f"Real words: “{FULL}”" in out
    assert "First seen: Continental Wire — 2026-11-02 — https://example.org/wire/" in out
    assert "printed by Northern Dispatch" in out


def test_a_paraphrase_is_never_in_quotation_marks(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "check", "Ellison said families in the valley will not see higher water bills"
    )
    assert code == 0 and out.startswith("Trimmed:")
    assert "paraphrase" in out
    real = next(line for line in out.splitlines() if "Real words" in line)
    assert "“" not in real and "”" not in real and "paraphrase, not a quotation" in real


def test_unknown_exits_1_and_a_bad_claim_2(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "Ellison said the moon is made of cheese")
    assert code == 1 and out.startswith("Unknown: No article here has these words")
    code, out, err = run(capsys, "check", "word " * 300)
    assert code == 2 and out == "" and "at most 1,000" in err
    code, out, err = run(capsys, "check", "“ ”")
    assert code == 2 and "no words to check" in err


def test_scope_sees_that_server_and_global(
    db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "private.txt"
    article.write_text(
        "Reservoir Deal\n\n“The reservoir deal is already signed,” Councillor Ada Pryce said.\n",
        encoding="utf-8",
    )
    assert main(["ingest", str(article), "--scope", "42"]) == 0
    claim = "Ada Pryce said the reservoir deal is already signed"
    code, out, _ = run(capsys, "check", claim, "--scope", "42", "--format", "json")
    assert code == 0 and json.loads(out)["verdict"] == "exact"
    code, out, _ = run(capsys, "check", claim, "--format", "json")
    assert code == 1 and json.loads(out)["verdict"] == "unknown"
