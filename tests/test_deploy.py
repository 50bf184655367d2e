"""The deployment files in deploy/: the Dockerfile is linted (CI builds it when a Docker
daemon is there) and the systemd unit is verified by systemd-analyze, or parsed without it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCKERFILE = REPO / "deploy" / "Dockerfile"
UNIT = REPO / "deploy" / "whosaid.service"

INSTRUCTIONS = {
    "FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME",
    "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
}  # fmt: skip


def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order: comments dropped, continuation lines joined."""
    out: list[tuple[str, str]] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line, pending = pending + line, ""
        word, _, args = line.partition(" ")
        out.append((word, args.strip()))
    assert not pending, "the Dockerfile ends inside a continued line"
    return out


def test_dockerfile_parses_and_runs_the_bot() -> None:
    steps = dockerfile_instructions(DOCKERFILE.read_text())
    assert all(word in INSTRUCTIONS for word, _ in steps), steps
    assert steps[0][0] == "FROM"
    image = steps[0][1].split()[0]
    match = re.fullmatch(r"python:3\.(\d+)(?:\.\d+)?-slim-\w+", image)
    assert match and int(match.group(1)) >= 11, f"pin a Python >= 3.11 image, not {image}"
    for word, args in steps:
        if word == "COPY":
            for source in args.split()[:-1]:
                assert (REPO / source).exists(), f"COPY {source}: not in the repository"
    command = [json.loads(args) for word, args in steps if word in {"CMD", "ENTRYPOINT"}]
    assert command[-1] == ["whosaid", "run"]  # exec form, so SIGTERM reaches the bot
    users = [args for word, args in steps if word == "USER"]
    assert users and users[-1] not in {"root", "0"}
    env = " ".join(args for word, args in steps if word == "ENV")
    # Not DATA_DIR: `--env-file .env` with an empty DATA_DIR= would override it.
    assert "XDG_DATA_HOME=/var/lib" in env
    assert ("VOLUME", '["/var/lib/whosaid"]') in steps


def unit_sections(text: str) -> dict[str, dict[str, list[str]]]:
    """A systemd unit as {section: {key: [values]}} (keys may repeat)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        assert current is not None and "=" in line, f"not a unit line: {line!r}"
        key, _, value = line.partition("=")
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def test_systemd_unit_runs_the_bot_and_keeps_its_data() -> None:
    unit = unit_sections(UNIT.read_text())
    assert set(unit) == {"Unit", "Service", "Install"}
    service = unit["Service"]
    assert service["ExecStart"][0].endswith("/whosaid run")
    assert service["Restart"] == ["on-failure"]
    assert service["RestartPreventExitStatus"] == ["2"]  # a bad setting: no restart loop
    # Not DATA_DIR: an empty DATA_DIR= in the EnvironmentFile would override it.
    assert "XDG_DATA_HOME=/var/lib" in service["Environment"]
    assert service["StateDirectory"] == ["whosaid"]
    assert unit["Install"]["WantedBy"] == ["multi-user.target"]


def test_systemd_analyze_accepts_the_unit(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (the unit is still parsed above)")
    program = tmp_path / "whosaid"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    text = UNIT.read_text().replace("/opt/whosaid/.venv/bin/whosaid", str(program))
    copy = tmp_path / "whosaid.service"
    copy.write_text(text)
    proc = subprocess.run(
        [analyze, "verify", str(copy)], capture_output=True, text=True, timeout=60
    )
    report = proc.stdout + proc.stderr
    problems = [
        line for line in report.splitlines() if str(copy) in line or "whosaid.service" in line
    ]
    assert proc.returncode == 0 and not problems, report
