"""Buttons and menus: page buttons for long lists and a picker for alternative answers.

Only the person who ran the command can use them (others get a private "only X can ...").
Page buttons are persistent: their custom id carries what they need (list, invoker, offset,
speaker), so they keep working after a restart. Controls whose state lives in memory (the
alternatives menu of :mod:`bot.ui.menus`, confirmations) carry this process's boot id:
after a restart, pressing one says it expired and removes it, instead of failing.
"""

from __future__ import annotations

import contextlib
import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Self

import discord

from bot.core.models import QuoteHit
from bot.ui.limits import escape
from bot.ui.why import NOT_AVAILABLE, why_embed

log = logging.getLogger(__name__)

NONE = discord.AllowedMentions.none()

#: Identifies this process in the custom ids of controls whose state lives in memory (a
#: client may carry its own ``boot_id``: several clients in one process, as in tests).
BOOT = secrets.token_hex(4)
#: Discord's limit on a component's custom id.
CUSTOM_ID_MAX = 100
EXPIRED = "This control expired when the bot restarted. Run the command again."


class OwnedView(discord.ui.View):
    """A view only its owner may use; disabled in place when it times out."""

    def __init__(self, owner: discord.abc.User, *, verb: str, timeout: float | None = 180.0):
        super().__init__(timeout=timeout)
        self.owner_id = owner.id
        self.owner_name = owner.display_name
        self.verb = verb
        self._message: discord.Message | discord.PartialMessage | None = None

    @property
    def message(self) -> discord.Message | discord.PartialMessage | None:
        """The message under which the view was sent, to edit it (e.g. disable on timeout)."""
        return self._message

    @message.setter
    def message(self, sent: discord.Message | discord.PartialMessage | None) -> None:
        # A channel message is kept as a partial one (channel and id): editing needs no more,
        # and the full message (embed, components, author) would be dozens of objects per
        # answer for the garbage collector to walk while the view lives. Interaction
        # messages (maybe private) can only be edited through their webhook: kept whole.
        if type(sent) is discord.Message:
            with contextlib.suppress(TypeError):  # a channel kind partial messages refuse
                sent = discord.PartialMessage(channel=sent.channel, id=sent.id)
        self._message = sent

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            f"Only {escape(self.owner_name)} can {self.verb}. Run the command yourself to get "
            "your own.",
            ephemeral=True,
            allowed_mentions=NONE,
        )
        return False

    def disable_all(self) -> None:
        """Grey out every control."""
        for item in self.children:
            if isinstance(item, discord.ui.Button | discord.ui.Select):
                item.disabled = True

    async def on_timeout(self) -> None:
        self.disable_all()
        if self.message is None:
            return
        try:
            await self.message.edit(view=self, allowed_mentions=NONE)
        except discord.HTTPException as exc:  # the message may be gone; nothing to disable
            log.debug("could not disable timed-out view: %s", exc)

    async def on_error(
        self, interaction: discord.Interaction[Any], error: Exception, item: discord.ui.Item[Any], /
    ) -> None:
        log.exception(
            "view %s failed for user %s on item %s",
            type(self).__name__,
            interaction.user.id,
            getattr(item, "custom_id", item),
            exc_info=error,
        )
        send = (
            interaction.followup.send
            if interaction.response.is_done()
            else interaction.response.send_message
        )
        try:
            await send("Sorry, something went wrong.", ephemeral=True, allowed_mentions=NONE)
        except discord.HTTPException:
            log.debug("could not report a view error to the user")


# -- persistent page buttons ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PageContent:
    """One page of a list, as a page source renders it."""

    embed: discord.Embed
    offset: int
    total: int
    page_size: int
    #: The quotes shown, in order, for a "Why #n?" button each (empty for other lists).
    quote_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class PageSource:
    """A kind of list: its page size and how to render the page at an offset of list ``arg``
    for the interaction's place (None when the list is gone, e.g. its quotes were removed)."""

    page_size: int
    fetch: Callable[[discord.Interaction[Any], str, int], Awaitable[PageContent | None]]


class PageButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=r"ws:pg:(?P<kind>[a-z]):(?P<dir>[pn]):(?P<owner>\d+):(?P<offset>\d+):(?P<arg>.*)",
):
    """◀ / ▶ of a paged list; everything it needs is in its custom id."""

    #: Page sources by list kind (``q`` a speaker's quotes, ``a`` a server's articles).
    sources: ClassVar[dict[str, PageSource]] = {}

    def __init__(
        self, kind: str, forward: bool, owner_id: int, offset: int, arg: str, *, disabled: bool
    ) -> None:
        prefix = f"ws:pg:{kind}:{'n' if forward else 'p'}:{owner_id}:{offset}:"
        arg = arg[: CUSTOM_ID_MAX - len(prefix)]
        super().__init__(
            discord.ui.Button(
                label="Older ▶" if forward else "◀ Newer",
                style=discord.ButtonStyle.secondary,
                custom_id=prefix + arg,
                disabled=disabled,
            )
        )
        self.kind, self.forward, self.owner_id = kind, forward, owner_id
        self.offset, self.arg = offset, arg

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> Self:
        return cls(
            match["kind"],
            match["dir"] == "n",
            int(match["owner"]),
            int(match["offset"]),
            match["arg"],
            disabled=False,
        )

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        member = interaction.guild.get_member(self.owner_id) if interaction.guild else None
        who = escape(member.display_name) if member else "the person who ran the command"
        await interaction.response.send_message(
            f"Only {who} can turn these pages. Run the command yourself to get your own.",
            ephemeral=True,
            allowed_mentions=NONE,
        )
        return False

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        source = self.sources.get(self.kind)
        page = None
        if source is not None:
            step = source.page_size if self.forward else -source.page_size
            page = await source.fetch(interaction, self.arg, max(0, self.offset + step))
        if page is None:
            await interaction.response.edit_message(view=None, allowed_mentions=NONE)
            await interaction.followup.send(
                "This list is no longer available.", ephemeral=True, allowed_mentions=NONE
            )
            return
        await interaction.response.edit_message(
            embed=page.embed,
            view=page_view(self.kind, self.owner_id, self.arg, page),
            allowed_mentions=NONE,
        )


def page_view(kind: str, owner_id: int, arg: str, page: PageContent) -> discord.ui.View | None:
    """◀ / ▶ buttons for ``page`` (when it does not all fit on one page) and, on a list of
    quotes, a "Why #n?" button per quote on the row below; None when there is neither."""
    paged = page.total > page.page_size
    if not paged and not page.quote_ids:
        return None
    view = discord.ui.View(timeout=None)
    if paged:
        first = page.offset <= 0
        view.add_item(PageButton(kind, False, owner_id, page.offset, arg, disabled=first))
        last = page.offset + page.page_size >= page.total
        view.add_item(PageButton(kind, True, owner_id, page.offset, arg, disabled=last))
    for n, quote_id in enumerate(page.quote_ids[:5], start=page.offset + 1):
        view.add_item(WhyButton(quote_id, label=f"Why #{n}?", row=1))
    return view


# -- controls that live in memory ----------------------------------------------------------------
def live_id(kind: str, owner_id: int, boot: str) -> str:
    """The custom id of an in-memory control: its kind, owner and the client's boot id."""
    return f"ws:{kind}:{owner_id}:{boot}"


def boot_of(client: object) -> str:
    """The boot id of a running client (the process's when it has none of its own)."""
    boot = getattr(client, "boot_id", None)
    return boot if isinstance(boot, str) else BOOT


class ExpiredControl(
    discord.ui.DynamicItem[discord.ui.Item[discord.ui.View]],
    template=r"(?:page:prev|page:next|answer:pick)|ws:[a-z]+:\d+:(?P<boot>[0-9a-f]+)",
):
    """A control from before a restart (or an older version): say so and remove it."""

    def __init__(self, item: discord.ui.Item[Any], boot: str | None) -> None:
        super().__init__(item)
        self.boot = boot

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> Self:
        return cls(item, match["boot"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        if self.boot == boot_of(interaction.client):  # a live view of this client answers
            return
        await interaction.response.edit_message(view=None, allowed_mentions=NONE)
        await interaction.followup.send(EXPIRED, ephemeral=True, allowed_mentions=NONE)


# -- "Why this speaker?" -------------------------------------------------------------------------
#: Loads a quote by id as the clicking place sees it (None when gone or not visible there).
QuoteLookup = Callable[[discord.Interaction[Any], int], Awaitable[QuoteHit | None]]


class WhyButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=r"ws:why:(?P<quote>\d{1,19})",
):
    """Under an answer: anyone may ask why it names that speaker; the chain comes back
    privately. Persistent: the id holds only the quote's id, and the quote is loaded with
    the clicking server's scopes, so a forged id never shows another server's quote."""

    #: Set by the quotes cog at load (the store lives on the client, which this module
    #: cannot import).
    lookup: ClassVar[QuoteLookup | None] = None

    def __init__(
        self, quote_id: int, *, label: str = "Why this speaker?", row: int | None = None
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.secondary,
                custom_id=f"ws:why:{quote_id}",
                row=row,
            )
        )
        self.quote_id = quote_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> Self:
        label = getattr(item, "label", None)
        return cls(int(match["quote"]), label=label or "Why this speaker?")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        lookup = WhyButton.lookup
        hit = await lookup(interaction, self.quote_id) if lookup is not None else None
        if hit is None:
            await interaction.response.send_message(
                NOT_AVAILABLE, ephemeral=True, allowed_mentions=NONE
            )
            return
        await interaction.response.send_message(
            embed=why_embed(hit), ephemeral=True, allowed_mentions=NONE
        )


def why_view(quote_id: int) -> discord.ui.View:
    """A persistent view holding only the "Why this speaker?" button of one quote."""
    view = discord.ui.View(timeout=None)
    view.add_item(WhyButton(quote_id))
    return view


#: Register these on the client at start-up (``add_dynamic_items``).
DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (
    PageButton,
    ExpiredControl,
    WhyButton,
)


class ShowInChannelView(OwnedView):
    """Under a private answer: post the same answer in the channel for everyone."""

    def __init__(
        self,
        owner: discord.abc.User,
        embed: discord.Embed,
        *,
        timeout: float = 600.0,
        boot: str = BOOT,
        quote_id: int | None = None,
    ):
        super().__init__(owner, verb="use this button", timeout=timeout)
        self.embed = embed
        self.quote_id = quote_id
        button: discord.ui.Button[ShowInChannelView] = self.show
        button.custom_id = live_id("show", owner.id, boot)
        if quote_id is not None:
            self.add_item(WhyButton(quote_id))

    @discord.ui.button(label="Show in channel", style=discord.ButtonStyle.primary)
    async def show(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[ShowInChannelView]
    ) -> None:
        if self.quote_id is None:
            await interaction.response.send_message(embed=self.embed, allowed_mentions=NONE)
        else:
            await interaction.response.send_message(
                embed=self.embed, view=why_view(self.quote_id), allowed_mentions=NONE
            )
        self.stop()
        self.disable_all()
        if self.message is not None:
            try:
                await self.message.edit(view=self, allowed_mentions=NONE)
            except discord.HTTPException as exc:
                log.debug("could not disable the show button: %s", exc)


class ConfirmView(OwnedView):
    """Confirm or cancel a destructive action; only the invoker can press, and a timeout
    (or a restart) does nothing but say so."""

    def __init__(
        self,
        owner: discord.abc.User,
        action: Callable[[discord.Interaction[Any]], Awaitable[str]],
        *,
        confirm_label: str,
        cancelled: str,
        timed_out: str,
        timeout: float = 60.0,
        boot: str = BOOT,
    ):
        super().__init__(owner, verb="answer this", timeout=timeout)
        self.action = action
        self.cancelled = cancelled
        self.timed_out = timed_out
        confirm: discord.ui.Button[ConfirmView] = self.confirm
        cancel: discord.ui.Button[ConfirmView] = self.cancel
        confirm.label = confirm_label
        confirm.custom_id = live_id("confirm", owner.id, boot)
        cancel.custom_id = live_id("cancel", owner.id, boot)

    @discord.ui.button(label="Confirm", style=discord.ButtonStyle.danger)
    async def confirm(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[ConfirmView]
    ) -> None:
        self.stop()
        await interaction.response.edit_message(
            content="Working…", view=None, allowed_mentions=NONE
        )
        outcome = await self.action(interaction)
        message = self.message or interaction.message
        if message is not None:
            await message.edit(content=outcome, view=None, allowed_mentions=NONE)

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[ConfirmView]
    ) -> None:
        self.stop()
        await interaction.response.edit_message(
            content=self.cancelled, view=None, allowed_mentions=NONE
        )

    async def on_timeout(self) -> None:
        if self.message is None:
            return
        try:
            await self.message.edit(content=self.timed_out, view=None, allowed_mentions=NONE)
        except discord.HTTPException as exc:
            log.debug("could not close a timed-out confirmation: %s", exc)
