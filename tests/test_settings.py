"""Settings come from the environment and .env; a bad value stops start-up with one line that
names the setting and what it accepts (exit status 2, no traceback)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.cli import main
from bot.settings import RULES, Settings, SettingsError, default_data_dir

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "data" / "samples"

#: Every bad value issue 16 lists, plus the parse errors that were already caught.
BAD = [
    ({"LOG_LEVEL": "verbose"}, "LOG_LEVEL"),
    ({"FEED_POLL_MINUTES": "0"}, "FEED_POLL_MINUTES"),
    ({"FEED_POLL_MINUTES": "-5"}, "FEED_POLL_MINUTES"),
    ({"FETCH_TIMEOUT": "-1"}, "FETCH_TIMEOUT"),
    ({"FETCH_TIMEOUT": "soon"}, "FETCH_TIMEOUT"),
    ({"FETCH_MAX_BYTES": "0"}, "FETCH_MAX_BYTES"),
    ({"FETCH_MAX_BYTES": "lots"}, "FETCH_MAX_BYTES"),
    ({"DIGEST_CATCHUP_MINUTES": "-10"}, "DIGEST_CATCHUP_MINUTES"),
    ({"DIGEST_QUIET_DAY": "maybe"}, "DIGEST_QUIET_DAY"),
    ({"SHARD_COUNT": "0"}, "SHARD_COUNT"),
    ({"SHARD_IDS": "1"}, "SHARD_IDS"),
    ({"SHARD_COUNT": "4", "SHARD_IDS": "2,4"}, "SHARD_IDS"),
    ({"SHARD_COUNT": "2", "SHARD_IDS": "1,1"}, "SHARD_IDS"),
    ({"OWNER_IDS": "12,abc"}, "OWNER_IDS"),
    ({"DATABASE_URL": "mysql://nope"}, "DATABASE_URL"),
    ({"EXTRACT_TIME_BUDGET": "0"}, "EXTRACT_TIME_BUDGET"),
    ({"MAX_QUOTES_PER_ARTICLE": "0"}, "MAX_QUOTES_PER_ARTICLE"),
    ({"MESSAGE_CONTENT": "perhaps"}, "MESSAGE_CONTENT"),
    ({"INGEST_WORKERS": "0"}, "INGEST_WORKERS"),
]


def env_names() -> set[str]:
    return {name.upper() for name in Settings.model_fields}


def test_defaults_without_any_setting(tmp_path: Path) -> None:
    s = Settings.load({}, env_file=tmp_path / "missing.env")
    assert s.database_url == f"sqlite:///{default_data_dir() / 'whosaid.db'}"
    assert s.command_prefix == "!"
    assert s.owner_ids == ()
    assert s.log_level == "INFO"
    assert s.fetch_timeout == 20.0
    assert s.fetch_max_bytes == 5 * 1024 * 1024
    assert s.digest_quiet_day == "note"
    assert (s.shard_count, s.shard_ids) == (None, ())
    assert s.extract_time_budget == 20.0
    assert s.max_quotes_per_article == 500
    assert s.message_content is True
    assert s.ingest_workers == max(1, os.cpu_count() or 1)


def test_default_database_is_in_the_per_user_data_folder(tmp_path: Path) -> None:
    """Not relative to the working directory: every folder sees the same database."""
    home = os.environ["XDG_DATA_HOME"]  # set by conftest, never the real one in tests
    s = Settings.load({}, env_file=None)
    assert s.database_location() == str(Path(home) / "whosaid" / "whosaid.db")
    moved = Settings.load({"DATA_DIR": str(tmp_path)}, env_file=None)
    assert moved.database_location() == str(tmp_path / "whosaid.db")
    chosen = Settings.load(
        {"DATA_DIR": str(tmp_path), "DATABASE_URL": "sqlite:////srv/x.db"}, env_file=None
    )
    assert chosen.database_url == "sqlite:////srv/x.db"


def test_postgres_location_hides_the_password() -> None:
    s = Settings(database_url="postgresql://bot:secret@db.example:5432/whosaid")
    assert s.database_location() == "postgresql://bot:***@db.example:5432/whosaid"


def test_env_file_is_read_and_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        "COMMAND_PREFIX=?\nOWNER_IDS=1, 2\nDATABASE_URL=sqlite:///x.db\nSHARD_IDS=\n"
    )
    s = Settings.load({"COMMAND_PREFIX": "$"}, env_file=env_file)
    assert s.command_prefix == "$"
    assert s.owner_ids == (1, 2)
    assert s.database_url == "sqlite:///x.db"
    assert s.shard_ids == ()  # empty in .env means the default


def test_values_are_normalised(tmp_path: Path) -> None:
    s = Settings.load(
        {
            "LOG_LEVEL": "debug",
            "DIGEST_QUIET_DAY": "SKIP",
            "SHARD_COUNT": "4",
            "SHARD_IDS": " 2, 3 ",
            "MESSAGE_CONTENT": "false",
            "INGEST_WORKERS": "3",
            "EXTRACT_TIME_BUDGET": "2.5",
            "MAX_QUOTES_PER_ARTICLE": "40",
        },
        env_file=None,
    )
    assert (s.log_level, s.digest_quiet_day) == ("DEBUG", "skip")
    assert (s.shard_count, s.shard_ids) == (4, (2, 3))
    assert s.message_content is False
    assert (s.ingest_workers, s.extract_time_budget, s.max_quotes_per_article) == (3, 2.5, 40)


@pytest.mark.parametrize(("env", "name"), BAD, ids=[str(e) for e, _ in BAD])
def test_bad_values_name_the_setting_and_what_it_accepts(env: dict[str, str], name: str) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.load(env, env_file=None)
    message = str(caught.value)
    assert message.startswith(f"{name} ")
    assert "\n" not in message
    rule = RULES[name].removeprefix("be ")
    assert rule.split(",")[0].split(" (")[0] in message or "SHARD_COUNT" in message


@pytest.mark.parametrize(("env", "name"), BAD, ids=[str(e) for e, _ in BAD])
def test_bad_values_stop_the_cli_with_one_line(
    env: dict[str, str],
    name: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert main(["run"]) == 2
    assert main(["stats"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 2 and lines[0] == lines[1]
    assert lines[0].startswith(f"whosaid: {name} ")


def test_python_m_bot_stops_on_a_bad_setting(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "DISCORD_TOKEN": "x", "SHARD_COUNT": "0"}
    proc = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("whosaid: SHARD_COUNT must be the total number of shards")
    assert proc.stderr.count("\n") == 1


def test_database_is_the_same_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``whosaid stats`` from another folder finds what was ingested, and says where it is."""
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    monkeypatch.chdir(tmp_path / "a")
    assert main(["ingest", str(SAMPLES)]) == 0
    capsys.readouterr()
    monkeypatch.chdir(tmp_path / "b")
    assert main(["stats"]) == 0
    out, err = capsys.readouterr()
    assert "articles: 10" in out
    assert err == f"whosaid: database {tmp_path / 'data' / 'whosaid.db'}\n"


def test_location_line_stays_off_stdout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("“We will not close a branch,” said Mayor Ada Quill.", encoding="utf-8")
    assert main(["extract", str(article), "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and out.startswith("{")


def test_allow_list_matches_hosts_case_insensitively() -> None:
    s = Settings.load({"FETCH_ALLOW_HOSTS": "127.0.0.1, Example.Test, [::1]"}, env_file=None)
    assert s.allows_private("example.test")
    assert s.allows_private("::1")
    assert not s.allows_private("localhost")


@given(st.lists(st.integers(min_value=0, max_value=2**63), max_size=8), st.sampled_from(["", " "]))
def test_comma_lists_round_trip(ids: list[int], gap: str) -> None:
    raw = f",{gap}".join(str(i) for i in ids)
    assert Settings.load({"OWNER_IDS": raw}, env_file=None).owner_ids == tuple(ids)


def test_env_example_documents_every_setting() -> None:
    """Every setting is in .env.example with a comment above it, and has a rule."""
    lines = (REPO / ".env.example").read_text().splitlines()
    documented = {}
    for n, line in enumerate(lines):
        if "=" in line and not line.startswith("#"):
            above = n - 1  # a pair of settings may share one comment
            while "=" in lines[above] and not lines[above].startswith("#"):
                above -= 1
            documented[line.split("=")[0]] = lines[above].startswith("#")
    assert set(documented) == env_names()
    assert all(documented.values()), documented
    assert set(RULES) == env_names()
    Settings.load({}, env_file=REPO / ".env.example")  # its values are all valid


def test_readme_configuration_table_lists_every_setting() -> None:
    readme = (REPO / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"`([A-Z_]+)`", table))
    assert env_names() <= listed


def test_bot_says_where_its_database_is_on_start(tmp_path: Path) -> None:
    closed = "http://127.0.0.1:9/api/v10"  # the discard port: nothing listens
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "DISCORD_TOKEN": "x",
        "DISCORD_API_BASE": closed,
        "DATA_DIR": str(tmp_path / "data"),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    first = proc.stderr.splitlines()[0]
    assert first == f"whosaid: database {tmp_path / 'data' / 'whosaid.db'}"
    assert proc.returncode == 1 and "cannot reach Discord" in proc.stderr
