"""What a new operator copies from the README and what CI installs: the quick start, the
invite link, the deployment notes and the package metadata."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import discord

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text()


def section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def commands(block: str) -> list[str]:
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_quick_start_makes_a_venv_then_has_two_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", section("Quick start"), re.S)
    assert commands(blocks[0]) == ["python3 -m venv .venv && . .venv/bin/activate"]
    first, second = commands(blocks[1])
    assert "whosaid ingest data/samples" in first and 'whosaid who "on the table"' in first
    assert "pytest" in second
    assert "data/whosaid.db" not in section("Quick start")  # the database is in DATA_DIR


def test_invite_link_asks_for_what_the_bot_uses() -> None:
    steps = section("Running the bot in Discord")
    value = int(re.findall(r"permissions=(\d+)", steps)[0])
    perms = discord.Permissions(value)
    wanted = discord.Permissions(
        view_channel=True,
        send_messages=True,
        send_messages_in_threads=True,
        embed_links=True,
        read_message_history=True,
        use_application_commands=True,
    )
    assert perms == wanted
    words = " ".join(steps.split())
    assert "Application ID" in words and "General Information" in words


def test_running_for_months_covers_service_backups_upgrades_and_data() -> None:
    months = section("Running it for months")
    for needle in (
        "deploy/whosaid.service",
        "deploy/Dockerfile",
        ".backup",
        "pg_dump",
        "migrations run",
        "What is stored",
    ):
        assert needle in months, needle
    assert (REPO / "deploy" / "whosaid.service").is_file()
    assert (REPO / "deploy" / "Dockerfile").is_file()


def test_package_metadata_is_current() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert project["project"]["license"] == "MIT"  # SPDX string: no setuptools deprecation
    deps = {re.split(r"[<>=!~ \[]", d)[0]: d for d in project["project"]["dependencies"]}
    for name in ("pydantic-settings", "platformdirs"):
        assert ">=" in deps[name], f"{name} needs a lower bound"


def test_ci_keeps_the_postgres_log_out_of_the_test_output() -> None:
    script = (REPO / ".ci" / "run").read_text()
    start = next(line for line in script.splitlines() if "pg_ctl" in line and " start" in line)
    assert " -l " in start
    assert "docker info" in script and "deploy/Dockerfile" in script
