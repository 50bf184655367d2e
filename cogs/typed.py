"""Typed wrappers for discord.py's hybrid decorators.

discord.py types them for pyright; mypy cannot solve their generics and infers ``Never``.
These wrappers only narrow the types (``cast``); the decorators are discord.py's own.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, cast

from discord.ext import commands

Callback = Callable[..., Coroutine[Any, Any, None]]
Hybrid = commands.HybridCommand[Any, ..., None]
HybridGroup = commands.HybridGroup[Any, ..., None]


def hybrid_command(**attrs: Any) -> Callable[[Callback], Hybrid]:
    """``commands.hybrid_command`` with types mypy understands."""
    return cast(Callable[[Callback], Hybrid], commands.hybrid_command(**attrs))


def hybrid_group(**attrs: Any) -> Callable[[Callback], HybridGroup]:
    """``commands.hybrid_group`` with types mypy understands."""
    return cast(Callable[[Callback], HybridGroup], commands.hybrid_group(**attrs))


def subcommand(group: HybridGroup, **attrs: Any) -> Callable[[Callback], Hybrid]:
    """``group.command`` with types mypy understands."""
    return cast(Callable[[Callback], Hybrid], group.command(**attrs))
