"""Settings come from the environment and .env, and a bad value is a clear error at start."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.settings import DEFAULT_DATABASE_URL, Settings, SettingsError


def test_defaults_without_any_setting(tmp_path: Path) -> None:
    s = Settings.load({}, env_file=tmp_path / "missing.env")
    assert s.database_url == DEFAULT_DATABASE_URL
    assert s.command_prefix == "!"
    assert s.owner_ids == ()
    assert s.fetch_max_bytes == 5 * 1024 * 1024
    assert s.digest_quiet_day == "note"


def test_env_file_is_read_and_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("COMMAND_PREFIX=?\nOWNER_IDS=1, 2\nDATABASE_URL=sqlite:///x.db\n")
    s = Settings.load({"COMMAND_PREFIX": "$"}, env_file=env_file)
    assert s.command_prefix == "$"
    assert s.owner_ids == (1, 2)
    assert s.database_url == "sqlite:///x.db"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("OWNER_IDS", "12,abc", "OWNER_IDS"),
        ("FETCH_MAX_BYTES", "lots", "FETCH_MAX_BYTES"),
        ("DIGEST_QUIET_DAY", "maybe", "DIGEST_QUIET_DAY"),
        ("FETCH_TIMEOUT", "soon", "FETCH_TIMEOUT"),
    ],
)
def test_bad_values_name_the_setting(tmp_path: Path, name: str, value: str, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.load({name: value}, env_file=tmp_path / "none")


def test_allow_list_matches_hosts_case_insensitively(tmp_path: Path) -> None:
    s = Settings.load({"FETCH_ALLOW_HOSTS": "127.0.0.1, Example.Test, [::1]"}, env_file=None)
    assert s.allows_private("example.test")
    assert s.allows_private("::1")
    assert not s.allows_private("localhost")


def test_env_example_documents_every_setting() -> None:
    """Every setting the code reads is in .env.example with a comment above it."""
    example = (Path(__file__).parent.parent / ".env.example").read_text()
    names = [
        line.split("=")[0]
        for line in example.splitlines()
        if "=" in line and not line.startswith("#")
    ]
    source = (Path(__file__).parent.parent / "bot" / "settings.py").read_text()
    for name in names:
        assert f'"{name}"' in source, f"{name} is in .env.example but not read"

    read = set(re.findall(r'get\("([A-Z_]+)"', source))
    assert read <= set(names), f"undocumented settings: {read - set(names)}"
