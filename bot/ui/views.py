"""Buttons and menus: a paginator for long lists and a picker for alternative answers.

Only the person who ran the command can use them (others get a private "only X can ..."),
and when they time out the buttons are disabled so nobody clicks a dead control.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import discord

from bot.core.models import Page, QuoteHit
from bot.ui.limits import SELECT_OPTIONS, escape
from bot.ui.render import hit_embed, option_label, quotes_page_embed

log = logging.getLogger(__name__)

NONE = discord.AllowedMentions.none()

FetchPage = Callable[[int], Awaitable[Page]]


class OwnedView(discord.ui.View):
    """A view only its owner may use; disabled in place when it times out."""

    def __init__(self, owner: discord.abc.User, *, verb: str, timeout: float | None = 180.0):
        super().__init__(timeout=timeout)
        self.owner_id = owner.id
        self.owner_name = owner.display_name
        self.verb = verb
        self.message: discord.Message | discord.InteractionMessage | None = None

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


class QuotesPaginator(OwnedView):
    """Pages through a speaker's quotes with ◀ / ▶ buttons, fetching each page on demand."""

    def __init__(
        self,
        owner: discord.abc.User,
        speaker: str,
        first: Page,
        fetch: FetchPage,
        *,
        page_size: int,
        timeout: float | None = 180.0,
    ):
        super().__init__(owner, verb="turn these pages", timeout=timeout)
        self.speaker = speaker
        self.page = first
        self.fetch = fetch
        self.page_size = page_size
        self._sync_buttons()

    def embed(self) -> discord.Embed:
        """The embed for the current page."""
        return quotes_page_embed(self.speaker, self.page, self.page_size)

    @property
    def single_page(self) -> bool:
        """Whether there is nothing to page through (then the view is not attached)."""
        return self.page.total <= self.page_size

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.page.offset <= 0
        self.next.disabled = self.page.offset + self.page_size >= self.page.total

    async def _show(self, interaction: discord.Interaction[Any], offset: int) -> None:
        offset = max(0, offset)
        self.page = await self.fetch(offset)
        self._sync_buttons()
        await interaction.response.edit_message(
            embed=self.embed(), view=self, allowed_mentions=NONE
        )

    @discord.ui.button(label="◀ Newer", style=discord.ButtonStyle.secondary, custom_id="page:prev")
    async def previous(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[QuotesPaginator]
    ) -> None:
        await self._show(interaction, self.page.offset - self.page_size)

    @discord.ui.button(label="Older ▶", style=discord.ButtonStyle.secondary, custom_id="page:next")
    async def next(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[QuotesPaginator]
    ) -> None:
        await self._show(interaction, self.page.offset + self.page_size)


class AlternativesView(OwnedView):
    """A menu of other close matches; picking one shows that answer in place."""

    def __init__(
        self,
        owner: discord.abc.User,
        hits: Sequence[QuoteHit],
        *,
        shown: int | None = 0,
        timeout: float | None = 180.0,
    ):
        super().__init__(owner, verb="pick from these answers", timeout=timeout)
        self.hits = list(hits)[:SELECT_OPTIONS]
        options = []
        for n, hit in enumerate(self.hits):
            label, description = option_label(hit)
            options.append(discord.SelectOption(label=label, description=description, value=str(n)))
        select: discord.ui.Select[AlternativesView] = self.choose
        select.options = options

    @discord.ui.select(placeholder="Other matches…", custom_id="answer:pick", min_values=1)
    async def choose(
        self, interaction: discord.Interaction[Any], select: discord.ui.Select[AlternativesView]
    ) -> None:
        try:
            hit = self.hits[int(select.values[0])]
        except (IndexError, ValueError):
            await interaction.response.send_message(
                "That choice is no longer available.", ephemeral=True, allowed_mentions=NONE
            )
            return
        for option in select.options:
            option.default = option.value == select.values[0]
        await interaction.response.edit_message(
            embed=hit_embed(hit, alternatives=len(self.hits) - 1), view=self, allowed_mentions=NONE
        )
