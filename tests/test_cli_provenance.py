"""``whosaid who --format json`` on the water-rates samples: one statement in four outlets."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
WATER = [
    "07_water_ledger.txt",
    "08_water_wire.txt",
    "09_water_courier.txt",
    "10_water_dispatch.txt",
]
KEYS = {
    "speaker",
    "title",
    "quote",
    "kind",
    "confidence",
    "article",
    "first_seen",
    "articles",
    "outlets",
    "variants",
    "alternatives",
}


@pytest.fixture
def water(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'whosaid.db'}")
    folder = tmp_path / "water"
    folder.mkdir()
    for name in WATER:
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def test_who_json_gives_first_seen_counts_and_variants(
    water: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(water)]) == 0
    capsys.readouterr()
    assert main(["who", "raise water rates", "--format", "json"]) == 0
    out = capsys.readouterr().out
    record = json.loads(out)  # exactly one JSON object on stdout
    assert out.count("\n") == 1
    assert set(record) == KEYS
    assert record["speaker"] == "Mara Ellison"
    assert record["first_seen"] == {
        "outlet": "Continental Wire",
        "date": "2026-11-02",
        "url": "https://example.org/wire/ellison-water-veto",
    }
    assert (record["articles"], record["outlets"]) == (4, 4)
    assert any("water prices" in v for v in record["variants"])
    assert set(record["article"]) == {"title", "outlet", "date", "url"}


def test_who_json_respects_the_scope_and_says_null_when_nothing_matches(
    water: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(water), "--scope", "12345"]) == 0
    capsys.readouterr()
    assert main(["who", "raise water rates", "--format", "json", "--scope", "999"]) == 1
    record = json.loads(capsys.readouterr().out)
    assert set(record) == KEYS
    assert record["speaker"] is None and record["articles"] == 0 and record["variants"] == []
    assert main(["who", "raise water rates", "--format", "json", "--scope", "12345"]) == 0
    assert json.loads(capsys.readouterr().out)["outlets"] == 4
