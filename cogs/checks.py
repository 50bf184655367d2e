"""Who may run the admin commands: Discord decides for slash forms, the same rule for prefix.

A slash command declared with ``default_permissions(manage_guild=True)`` is shown to and
runnable by members with Manage Server *unless* the server's owner changed that in Server
Settings → Integrations (a role or channel allowed or refused). Discord applies those
overrides before the interaction is sent, so an interaction that arrives is allowed: checking
Manage Server again would refuse a role the owner allowed. A prefix command has no such
setting, so it follows the default rule: Manage Server in this channel (owners and
administrators have every permission).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import discord
from discord.ext import commands

T = TypeVar("T")


def can_manage(ctx: commands.Context[Any]) -> bool:
    """The rule itself: an interaction Discord let through, or Manage Server here."""
    if ctx.guild is None:
        raise commands.NoPrivateMessage()
    if ctx.interaction is not None:
        return True
    author = ctx.author
    if not isinstance(author, discord.Member):
        member = ctx.guild.get_member(author.id)
        if member is None:
            raise commands.MissingPermissions(["manage_guild"])
        author = member
    if ctx.channel.permissions_for(author).manage_guild:
        return True
    raise commands.MissingPermissions(["manage_guild"])


def manage_server() -> Callable[[T], T]:
    """Decorator: :func:`can_manage` as a command check (pair it with
    ``app_commands.default_permissions(manage_guild=True)`` on the slash form)."""
    return commands.check(can_manage)
