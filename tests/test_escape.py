"""The one escape every renderer uses: whatever the text, nothing in it is Discord markup."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.ui.limits import escape
from bot.ui.render import bold_matches

PIECES = [
    "@everyone",
    "@here",
    "<@123>",
    "<@&4>",
    "<#123>",
    "</who:123>",
    "<t:1700000000:R>",
    "<:emoji:123>",
    "<a:dance:9>",
    "**",
    "__",
    "~~",
    "||",
    "`",
    "[x](https://evil.example)",
    "https://example.com/x_y",
    "<https://example.com/z>",
    "> ",
    "# ",
    "-# ",
    "- ",
    "1. ",
    "\\",
    "\n",
    " ",
    "word",
    ".",
    ")",
]
_LINK = re.compile(r"<https?://[^\s<>]+>")


def _inert(out: str) -> None:
    plain = _LINK.sub(" ", out)
    # Every markup character is escaped: an odd run of backslashes stands before it.
    for found in re.finditer(r"[*_~|`\[\]<>]", plain):
        run = len(plain[: found.start()]) - len(plain[: found.start()].rstrip("\\"))
        assert run % 2 == 1, (out, found.start())
    assert all(plain[i + 1 : i + 2] == "\u200b" for i, c in enumerate(plain) if c == "@"), out
    for line in plain.split("\n"):
        assert not re.match(r"[ \t]*(#{1,3}|-#|-|\+|\d+\.)[ \t]", line), out


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_escaped_text_holds_no_markup(text: str) -> None:
    _inert(escape(text))


@given(st.text(max_size=200))
def test_any_text_escapes_to_inert_text(text: str) -> None:
    _inert(escape(text))


def test_examples() -> None:
    assert escape("**Vote** at <t:1700000000:R> in <#123>, see https://example.com/x.") == (
        "\\*\\*Vote\\*\\* at \\<t:1700000000:R\\> in \\<#123\\>, see <https://example.com/x>."
    )
    assert escape("[click](https://evil.example)") == "\\[click\\](<https://evil.example>)"
    assert escape("1. first\n- second\n127.0.0.1") == "1\\. first\n\\- second\n127.0.0.1"


def test_matched_words_inside_a_url_leave_the_url_whole() -> None:
    text = "Read the plan at https://example.com/harbour-plan today"
    at = text.index("harbour")
    assert bold_matches(text, [(0, 4), (at, at + 7)]) == (
        "**Read** the plan at <https://example.com/harbour-plan> today"
    )
