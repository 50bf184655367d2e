"""The "Other matches…" menu under an answer, kept as one small record per answer.

Most answers carry this menu and it lives three minutes, so what it keeps is what every full
garbage collection walks with every thread stopped. A discord.py view per answer (view,
select, options, "Why?" button, its timeout task and future: ~40 tracked objects) made
those collections tens of milliseconds long after a few hundred answers. Instead the menu's
select is a :class:`~discord.ui.DynamicItem` (its custom id is the same as before), and
:class:`Menus` keeps, per answer message, only numbers and strings (tuples the collector
stops tracking) and the message to grey out; one task greys out the expired menus in place,
as discord.py's timeout did.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Self

import discord

from bot.core.models import QuoteHit
from bot.ui.limits import SELECT_OPTIONS, escape
from bot.ui.render import hit_embed, option_label
from bot.ui.views import BOOT, NONE, WhyButton, boot_of, live_id

log = logging.getLogger(__name__)

#: Seconds a menu stays usable (discord.py's default view timeout, as before).
MENU_TIMEOUT = 180.0
GONE = "That choice is no longer available."
MENU_EXPIRED = "This menu has expired. Run the command again."

Span = tuple[int, int]


@dataclass(slots=True)
class Menu:
    """What picking from one answer's menu, and greying it out, needs."""

    owner_id: int
    owner_name: str
    #: (label, description) of each option, in order.
    options: tuple[tuple[str, str | None], ...]
    #: (quote id, score, spans to bold) of each option: the picked quote is loaded when
    #: picked, as the picking place sees it (as "Why this speaker?" loads it).
    picks: tuple[tuple[int, float, tuple[Span, ...]], ...]
    boot: str
    #: The option whose "Why this speaker?" button shows (None: suggestions, no button).
    shown: int | None = 0
    #: The option marked as picked in the menu (None before any pick).
    picked: int | None = None
    #: Clock time (``Menus.clock``) after which the menu is greyed out.
    expires: float = 0.0
    message: discord.Message | discord.PartialMessage | None = None


def menu_for(
    owner: discord.abc.User, hits: Sequence[QuoteHit], *, shown: int | None = 0, boot: str = BOOT
) -> Menu:
    """The menu of ``hits`` (the first :data:`SELECT_OPTIONS`) for ``owner``."""
    kept = list(hits)[:SELECT_OPTIONS]
    return Menu(
        owner_id=owner.id,
        owner_name=owner.display_name,
        options=tuple(option_label(hit) for hit in kept),
        picks=tuple((hit.quote.id, hit.score, tuple(hit.matched)) for hit in kept),
        boot=boot,
        shown=None if shown is None or not kept else min(shown, len(kept) - 1),
    )


def menu_view(menu: Menu, *, disabled: bool = False) -> discord.ui.View:
    """The controls of ``menu``: the select (greyed out when ``disabled``) and the
    persistent "Why this speaker?" button of the option shown. Holds no state: discord.py
    keeps nothing of it once sent."""
    view = discord.ui.View(timeout=None)
    select: discord.ui.Select[discord.ui.View] = discord.ui.Select(
        custom_id=live_id("alt", menu.owner_id, menu.boot),
        placeholder="Other matches…",
        min_values=1,
        disabled=disabled,
        options=[
            discord.SelectOption(
                label=label, description=description, value=str(n), default=n == menu.picked
            )
            for n, (label, description) in enumerate(menu.options)
        ],
    )
    view.add_item(AlternativesSelect(select, menu.owner_id, menu.boot))
    if menu.shown is not None:
        view.add_item(WhyButton(menu.picks[menu.shown][0]))
    return view


def editable(
    sent: discord.Message | discord.PartialMessage | None,
) -> discord.Message | discord.PartialMessage | None:
    """A sent channel message as a partial one (channel and id: all editing needs);
    interaction messages (maybe private) can only be edited through their webhook: whole."""
    if type(sent) is discord.Message:
        with contextlib.suppress(TypeError):  # a channel kind partial messages refuse
            return discord.PartialMessage(channel=sent.channel, id=sent.id)
    return sent


class Menus:
    """The live menus by answer message id, in order of expiry (one timeout for all)."""

    def __init__(
        self, timeout: float = MENU_TIMEOUT, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.timeout = timeout
        self.clock = clock
        #: Oldest first (the expiry order: one timeout for all); an OrderedDict takes the
        #: oldest off in constant time, where a dict rescans the holes left at its front.
        self._menus: OrderedDict[int, Menu] = OrderedDict()
        self._task: asyncio.Task[None] | None = None

    def __len__(self) -> int:
        return len(self._menus)

    def keep(self, menu: Menu, sent: discord.Message | discord.PartialMessage) -> None:
        """Remember ``menu`` under the message it was sent with, until it expires."""
        menu.message = editable(sent)
        menu.expires = self.clock() + self.timeout
        self._menus.pop(sent.id, None)
        self._menus[sent.id] = menu
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._expire_loop())

    def get(self, message_id: int) -> Menu | None:
        """The live menu under message ``message_id``, if any."""
        return self._menus.get(message_id)

    async def expire(self, now: float | None = None) -> int:
        """Grey out, in place, the menus expired at ``now``; how many."""
        now = self.clock() if now is None else now
        due: list[Menu] = []
        while self._menus and next(iter(self._menus.values())).expires <= now:
            due.append(self._menus.popitem(last=False)[1])
        for menu in due:
            if menu.message is None:
                continue
            try:
                await menu.message.edit(view=menu_view(menu, disabled=True), allowed_mentions=NONE)
            except discord.HTTPException as exc:  # the message may be gone; nothing to disable
                log.debug("could not disable a timed-out menu: %s", exc)
        return len(due)

    async def _expire_loop(self) -> None:
        while self._menus:
            first = next(iter(self._menus.values()))
            delay = first.expires - self.clock()
            if delay > 0:
                await asyncio.sleep(delay)
            await self.expire()

    async def close(self) -> None:
        """Stop greying out (the bot is closing)."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None


def menus_of(client: object) -> Menus | None:
    """The running client's menus (None for a client without them)."""
    menus = getattr(client, "menus", None)
    return menus if isinstance(menus, Menus) else None


class AlternativesSelect(
    discord.ui.DynamicItem[discord.ui.Select[discord.ui.View]],
    template=r"ws:alt:(?P<owner>\d+):(?P<boot>[0-9a-f]+)",
):
    """The menu's select: picking an option shows that answer in place. Only the person
    who ran the command may pick; a menu from before a restart is
    :class:`~bot.ui.views.ExpiredControl`'s to answer."""

    def __init__(self, item: discord.ui.Select[discord.ui.View], owner_id: int, boot: str) -> None:
        super().__init__(item)
        self.owner_id, self.boot = owner_id, boot

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> Self:
        if not isinstance(item, discord.ui.Select):
            raise TypeError(f"not a select: {item!r}")
        return cls(item, int(match["owner"]), match["boot"])

    def _menu(self, interaction: discord.Interaction[Any]) -> Menu | None:
        menus = menus_of(interaction.client)
        message = interaction.message
        return None if menus is None or message is None else menus.get(message.id)

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        if self.boot != boot_of(interaction.client):
            return False  # from before a restart: ExpiredControl answers
        if interaction.user.id == self.owner_id:
            return True
        menu = self._menu(interaction)
        who = escape(menu.owner_name) if menu else "the person who ran the command"
        await interaction.response.send_message(
            f"Only {who} can pick from these answers. Run the command yourself to get your own.",
            ephemeral=True,
            allowed_mentions=NONE,
        )
        return False

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        menu = self._menu(interaction)
        if menu is None:
            await interaction.response.send_message(
                MENU_EXPIRED, ephemeral=True, allowed_mentions=NONE
            )
            return
        hit, index = await self._picked(interaction, menu)
        if hit is None or index is None:
            await interaction.response.send_message(GONE, ephemeral=True, allowed_mentions=NONE)
            return
        menu.picked = menu.shown = index  # the "Why?" button follows the answer shown
        await interaction.response.edit_message(
            embed=hit_embed(hit, alternatives=len(menu.picks) - 1),
            view=menu_view(menu),
            allowed_mentions=NONE,
        )

    async def _picked(
        self, interaction: discord.Interaction[Any], menu: Menu
    ) -> tuple[QuoteHit | None, int | None]:
        """The answer behind the picked option as it was listed, and its index (None when
        gone)."""
        try:
            index = int(self.item.values[0])
            quote_id, score, matched = menu.picks[index]
        except (IndexError, ValueError):
            return None, None
        lookup = WhyButton.lookup
        found = await lookup(interaction, quote_id) if lookup is not None else None
        if found is None:
            return None, None
        return replace(found, score=score, matched=matched), index
