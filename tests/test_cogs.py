"""Command parsing, scopes, flood control and view behaviour, without a connection."""

from __future__ import annotations

import discord
from hypothesis import given
from hypothesis import strategies as st

from bot.client import FloodGuard, scope_of, scopes_for
from bot.ui.views import PageContent, page_view
from cogs.quotes import clean_name, clean_phrase, quoted_phrase


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


def test_page_buttons_carry_their_state_and_disable_at_the_ends() -> None:
    first = PageContent(discord.Embed(), offset=0, total=12, page_size=5)
    view = page_view("q", 7, "Dana Reyes", first)
    assert view is not None and view.timeout is None  # persistent
    prev, nxt = (item.to_component_dict() for item in view.children)
    assert prev["custom_id"] == "ws:pg:q:p:7:0:Dana Reyes" and prev.get("disabled") is True
    assert nxt["custom_id"] == "ws:pg:q:n:7:0:Dana Reyes" and not nxt.get("disabled")
    last = page_view("q", 7, "Dana Reyes", PageContent(discord.Embed(), 10, 12, 5))
    assert last is not None
    assert [i.to_component_dict().get("disabled") for i in last.children] == [False, True]
    assert page_view("q", 7, "x", PageContent(discord.Embed(), 0, 5, 5)) is None
    long = page_view("q", 7, "N" * 300, first)
    assert long is not None
    assert all(len(i.to_component_dict()["custom_id"]) <= 100 for i in long.children)


@given(st.text(max_size=300))
def test_quoted_phrase_is_a_part_of_the_message(text: str) -> None:
    out = quoted_phrase(text)
    assert len(out) <= len(text)
    assert out == " ".join(out.split())


def test_quoted_phrase_prefers_the_longest_quote() -> None:
    assert quoted_phrase('Did she say “on the table” or "off"?') == "on the table"
    assert quoted_phrase("no quotes here") == "no quotes here"
    assert quoted_phrase("«  a  b »") == "a b"
