"""The core must work without Discord: the CLI and other tools import it on machines or in
processes where discord.py is absent or unwanted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_core_imports_nothing_from_discord() -> None:
    modules = sorted(
        ".".join(p.relative_to(REPO).with_suffix("").parts)
        for p in (REPO / "bot" / "core").rglob("*.py")
        if p.name != "__init__.py"
    )
    assert len(modules) > 10
    code = (
        "import sys, importlib\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m == 'discord' or m.startswith('discord.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"bot.core pulled in discord modules: {out}"


def test_cli_look_ups_do_not_load_discord() -> None:
    code = "import sys, bot.cli; print('discord' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "False"
