"""Command parsing, scopes, flood control and view behaviour, without a connection."""

from __future__ import annotations

from typing import Any

import discord
from hypothesis import given
from hypothesis import strategies as st

from bot.client import FloodGuard, scope_of, scopes_for
from bot.core.models import Page
from bot.ui.views import QuotesPaginator
from cogs.quotes import clean_name, clean_phrase


def test_prefix_form_swallows_said_and_quote_marks() -> None:
    assert clean_phrase('said "on the table"', prefix_form=True) == "on the table"
    assert clean_phrase("SAID: “on the table”", prefix_form=True) == "on the table"
    assert clean_phrase("said on  the\ttable", prefix_form=True) == "on the table"
    assert clean_phrase("‘on the table’", prefix_form=True) == "on the table"
    assert clean_phrase("saidso it goes", prefix_form=True) == "saidso it goes"
    # The slash form has its own option: a phrase that starts with "said" is kept.
    assert clean_phrase("said it twice", prefix_form=False) == "said it twice"
    assert clean_phrase('said ""', prefix_form=True) == ""
    assert clean_name(' "JD  Vance" ') == "JD Vance"


@given(st.text(max_size=200))
def test_cleaning_never_fails_and_never_grows(raw: str) -> None:
    out = clean_phrase(raw, prefix_form=True)
    assert len(out) <= len(raw)
    assert out == out.strip()


def test_scopes_server_sees_its_own_plus_global_dm_only_global() -> None:
    assert scopes_for(42) == ["42", "global"]
    assert scopes_for(None) == ["global"]
    assert scope_of(42) == "42" and scope_of(None) == "global"


def test_flood_guard_allows_five_per_ten_seconds_per_user() -> None:
    now = [1000.0]
    guard = FloodGuard(rate=5, per=10.0, clock=lambda: now[0])
    assert [guard.hit(1) for _ in range(5)] == [None] * 5
    wait = guard.hit(1)
    assert wait is not None and 0 < wait <= 10
    assert guard.first_warning(1, wait) and not guard.first_warning(1, wait)
    assert guard.hit(2) is None  # another user is not slowed down
    now[0] = 1010.1
    assert guard.hit(1) is None
    assert guard.first_warning(1, 10.0)  # a new window warns again


class _Message:
    def __init__(self) -> None:
        self.edits: list[dict[str, Any]] = []

    async def edit(self, **kwargs: Any) -> None:
        self.edits.append(kwargs)


class _User:
    id = 7
    display_name = "Alice"


async def test_paginator_buttons_are_disabled_on_timeout() -> None:
    async def fetch(offset: int) -> Page:
        return Page(items=[], total=12, offset=offset)

    view = QuotesPaginator(_User(), "Dana", Page(total=12), fetch, page_size=5)  # type: ignore[arg-type]
    assert not view.single_page
    assert view.previous.disabled and not view.next.disabled
    message = _Message()
    view.message = message  # type: ignore[assignment]
    await view.on_timeout()
    assert all(item.disabled for item in view.children if isinstance(item, discord.ui.Button))
    assert message.edits and message.edits[0]["allowed_mentions"].to_dict() == {"parse": []}
