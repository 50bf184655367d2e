"""The ``whosaid`` command line as an operator uses it: the README's main job and the
``extract --format jsonl`` contract that other tools depend on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "data" / "samples"
SEED = REPO.parent / "shared" / "seeds" / "000_e42e6a23a56a0ba9.txt"
JSONL_KEYS = {
    "source",
    "text",
    "start",
    "end",
    "kind",
    "speaker",
    "speaker_mention",
    "title",
    "cue",
    "confidence",
    "evidence",
}


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh working directory and database, as on a fresh machine."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "whosaid.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_jsonl_records_follow_the_contract(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    text = (
        "Mayor Ada Quill said on Monday that the library would stay open.\n\n"
        "“We will not close a single branch,” Quill told reporters. “Not one.”\n"
    )
    article.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(article), "--format", "jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert records, "no quote found"
    for rec in records:
        assert set(rec) == JSONL_KEYS
        assert rec["source"] == str(article)
        assert text[rec["start"] : rec["end"]] == rec["text"]
        assert rec["kind"] in {"direct", "partial", "indirect"}
        assert 0.0 <= rec["confidence"] <= 1.0
        for span in (rec["speaker_mention"], rec["cue"]):
            if span is not None:
                assert text[span["start"] : span["end"]] == span["text"]
    direct = [r for r in records if r["kind"] == "direct"]
    assert [r["text"] for r in direct] == ["We will not close a single branch,", "Not one."]
    assert {r["speaker"] for r in direct} == {"Ada Quill"}


def test_extract_jsonl_evidence_shows_how_a_pronoun_was_resolved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "b.txt"
    text = (
        "Harbour commissioner Lena Marsh opened the new ferry terminal on Friday.\n\n"
        "“This terminal will carry a million passengers a year,” she said.\n"
    )
    article.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(article), "--format", "jsonl")
    assert code == 0
    (rec,) = [json.loads(line) for line in out.splitlines() if "million" in line]
    ev = rec["evidence"]
    assert rec["speaker"] == "Lena Marsh"
    assert ev["mention"]["text"] == "she" and ev["cue"]["text"] == "said"
    assert ev["form"] == "pronoun"
    assert "she" in ev["path"] and "Lena Marsh" in ev["path"]
    assert "previous sentence" in ev["path"]
    intro = ev["introduced"]
    assert text[intro["start"] : intro["end"]] == "Lena Marsh"


def test_extract_seed_attributes_the_key_quotes(capsys: pytest.CaptureFixture[str]) -> None:
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    code, out, _ = run(capsys, "extract", str(SEED), "--format", "jsonl")
    assert code == 0
    by_text = {json.loads(line)["text"]: json.loads(line) for line in out.splitlines()}
    table = by_text["on the table"]
    assert (table["speaker"], table["title"], table["kind"]) == (
        "JD Vance",
        "Vice President",
        "partial",
    )
    assert by_text["may be Russian someday"]["speaker"] == "Donald Trump"
    assert by_text["electroshock"]["speaker"] == "Emmanuel Macron"


def test_extract_reports_unreadable_files_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    good = tmp_path / "good.txt"
    good.write_text("“Hello there,” said Mayor Ada Quill.", encoding="utf-8")
    code, out, err = run(capsys, "extract", str(binary), str(tmp_path / "missing.txt"), str(good))
    assert code == 1
    assert "photo.txt: cannot read (not UTF-8 text)" in err
    assert "missing.txt: cannot read" in err
    assert "Ada Quill" in out


def test_main_job_ingests_samples_once_and_answers(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "ingest", str(SAMPLES))
    assert code == 0
    assert "10 added" in out and "0 failed" in out
    code, out, _ = run(capsys, "ingest", str(SAMPLES))
    assert code == 0 and "0 added" in out and "10 duplicate" in out

    code, out, _ = run(capsys, "who", "on", "the", "table")
    assert code == 0
    first = out.splitlines()[0]
    assert first == (
        "Helene Strand (Prime Minister) [attributed via *she*, resolved to Helene Strand] "
        "said the words in quotation marks:"
    )
    # A partial quote is shown inside its sentence, the matched words marked.
    assert (
        "  She said that a partial agreement remained “**on the table**” and that talks would "
        "resume in June."
    ) in out.splitlines()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = readme.split("The first command prints:\n\n```text\n", 1)[1].split("```", 1)[0]
    assert out == shown  # the quick start shows exactly what the command prints
    assert "Source: Leaders Trade Warnings As Northern Summit Ends Without Deal" in out
    assert "Link: https://example.org/wire/northern-summit" in out

    code, typo, _ = run(capsys, "who", "ON TEH TABEL")
    assert code == 0 and typo.splitlines()[0] == first


def test_who_labels_reported_speech_a_paraphrase_outside_quotation_marks(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "ferry.txt"
    article.write_text(
        "Harbour commissioner Lena Marsh said on Friday that the ferry fares would fall in "
        "spring.\n",
        encoding="utf-8",
    )
    assert run(capsys, "ingest", str(article))[0] == 0
    code, out, _ = run(capsys, "who", "ferry fares would fall")
    assert code == 0
    first, second = out.splitlines()[:2]
    assert first == "Lena Marsh (Harbour commissioner) said, in paraphrase:"
    assert second.startswith("  (paraphrase) ") and "“" not in second
    assert "attribution confidence:" in out


def test_no_match_says_so_and_suggests(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "ingest", str(SAMPLES))
    code, out, _ = run(capsys, "who", "purple elephants dancing on mars")
    assert code == 1
    assert out.startswith("No quote matches")


def test_speakers_quotes_stats_and_digest(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "ingest", str(SAMPLES))
    code, out, _ = run(capsys, "speakers")
    assert code == 0 and "Clara Okafor" in out
    code, out, _ = run(capsys, "quotes", "okafor", "--per-page", "2")
    assert code == 0 and out.startswith("Clara Okafor: ") and "page 1 of" in out
    code, out, _ = run(capsys, "quotes", "Nobody Atall")
    assert code == 1 and "No quotes" in out
    code, out, _ = run(capsys, "stats")
    assert "articles: 10" in out
    code, out, _ = run(capsys, "digest", "--since", "1h")
    assert code == 0 and "Daily digest" in out and "Harbor Bridge" in out


def test_server_scope_sees_its_own_and_global_only(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    private = tmp_path / "private.txt"
    private.write_text(
        "Quarry Plan Divides Town\n\n“The quarry will never open here,” said Mayor Ada Quill.\n",
        encoding="utf-8",
    )
    assert run(capsys, "ingest", str(private), "--scope", "111")[0] == 0
    assert run(capsys, "who", "quarry will never open", "--scope", "111")[0] == 0
    code, out, _ = run(capsys, "who", "quarry will never open", "--scope", "222")
    assert code == 1 and "Ada Quill" not in out
    code, out, _ = run(capsys, "who", "quarry will never open")
    assert code == 1 and "Ada Quill" not in out


def test_bad_arguments_are_clear(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["who", "x", "--scope", "my-server"])
    assert exc.value.code == 2
    assert "scope must be 'global'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["digest", "--since", "yesterday-ish"])
    assert "--since takes" in capsys.readouterr().err


def test_bad_setting_is_one_line(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://nope")
    code, _, err = run(capsys, "stats")
    assert code == 2
    assert err.startswith("whosaid: DATABASE_URL must start with sqlite:///")
    assert err.count("\n") == 1


def test_extract_reads_utf8_with_a_stray_byte_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stray = tmp_path / "stray.txt"
    stray.write_bytes(
        "“Hello there,” said Mayor Ada Quill.\xff".encode().replace(b"\xc3\xbf", b"\xff")
    )
    code, out, err = run(capsys, "extract", str(stray))
    assert code == 0
    assert "Ada Quill" in out
    assert "stray.txt: 1 byte was not valid UTF-8 and was replaced with �" in err
