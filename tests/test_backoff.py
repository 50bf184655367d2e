"""Feed polling: jittered intervals, exponential back-off with a cap, flagging, health lines."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.backoff import (
    describe_feed_health,
    failure_delay_bounds,
    format_duration,
    is_flagged,
    next_poll_after_failure,
    next_poll_after_success,
)
from bot.core.store.base import FeedState

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
FIFTEEN = timedelta(minutes=15)
SIX_HOURS = timedelta(hours=6)


def feed(**changes: object) -> FeedState:
    values: dict[str, object] = {
        "id": 1,
        "scope": "42",
        "url": "https://example.org/feed.xml",
        "channel_id": None,
        "etag": None,
        "modified": None,
        "interval_minutes": 15,
        "last_success": None,
        "last_error": None,
        "last_error_at": None,
        "failures": 0,
        "next_poll": None,
    }
    values.update(changes)
    return FeedState(**values)  # type: ignore[arg-type]


# -- success ---------------------------------------------------------------------------------
@given(st.integers(0, 2**32), st.integers(1, 24 * 60))
def test_success_polls_again_after_the_interval_within_ten_percent(seed: int, minutes: int) -> None:
    interval = timedelta(minutes=minutes)
    delay = next_poll_after_success(NOW, interval, random.Random(seed)) - NOW
    assert interval * 0.9 <= delay <= interval * 1.1


def test_success_jitter_spreads_feeds_out() -> None:
    rng = random.Random(7)
    delays = {next_poll_after_success(NOW, FIFTEEN, rng) - NOW for _ in range(50)}
    assert len(delays) > 40  # not all in the same instant


def test_a_zero_interval_is_treated_as_one_minute() -> None:
    delay = next_poll_after_success(NOW, timedelta(0), random.Random(1)) - NOW
    assert timedelta(seconds=54) <= delay <= timedelta(seconds=66)


# -- failure ---------------------------------------------------------------------------------
def test_backoff_doubles_from_the_interval_then_caps_at_six_hours() -> None:
    lows = [failure_delay_bounds(n, FIFTEEN)[0] for n in range(1, 10)]
    minutes = [round(low.total_seconds() / 60 / 0.9) for low in lows]
    assert minutes == [15, 30, 60, 120, 240, 360, 360, 360, 360]


@given(
    st.integers(0, 2**32),
    st.integers(-3, 10_000),
    st.integers(1, 48 * 60),
    st.integers(10, 24 * 60),
)
def test_failure_delay_is_jittered_and_never_beyond_the_cap(
    seed: int, failures: int, minutes: int, cap_minutes: int
) -> None:
    interval = timedelta(minutes=minutes)
    cap = timedelta(minutes=cap_minutes)
    delay = next_poll_after_failure(NOW, failures, interval, random.Random(seed), cap) - NOW
    doubled = minutes * 60 * 2.0 ** min(max(failures, 1) - 1, 40)
    expected = timedelta(seconds=min(doubled, cap.total_seconds()))
    tiny = timedelta(microseconds=1)  # float seconds round to microseconds
    assert expected * 0.9 - tiny <= delay <= min(expected * 1.1, cap)


def test_failure_delays_grow_with_each_failure() -> None:
    rng = random.Random(3)
    delays = [next_poll_after_failure(NOW, n, FIFTEEN, rng) - NOW for n in range(1, 8)]
    # Jitter is ±10%, doubling is 100%: each delay exceeds the previous until the cap.
    assert all(a < b for a, b in pairwise(delays[:6]))
    assert all(d <= SIX_HOURS for d in delays)


# -- flagging --------------------------------------------------------------------------------
def test_a_feed_failing_for_a_day_is_flagged() -> None:
    success = NOW - timedelta(hours=25)
    assert is_flagged(success, NOW - timedelta(minutes=5), 12, NOW)


def test_a_feed_failing_for_less_than_a_day_is_not_flagged() -> None:
    success = NOW - timedelta(hours=23)
    assert not is_flagged(success, NOW - timedelta(minutes=5), 10, NOW)


def test_a_healthy_feed_is_never_flagged() -> None:
    assert not is_flagged(NOW - timedelta(days=30), None, 0, NOW)


def test_one_blip_on_a_daily_feed_is_not_flagged() -> None:
    # Daily feed: last success a day ago, first failure just now.
    assert not is_flagged(NOW - timedelta(days=1), NOW, 1, NOW)


def test_first_failure_time_flags_exactly() -> None:
    first = NOW - timedelta(days=1)
    assert is_flagged(None, first, 3, NOW)
    assert not is_flagged(None, first + timedelta(minutes=1), 3, NOW)


def test_a_feed_that_never_succeeded_is_flagged_from_its_failure_count() -> None:
    # Only the latest error time is known; the back-off schedule says how long it took.
    latest = NOW - timedelta(minutes=3)
    assert not is_flagged(None, latest, 3, NOW, interval=FIFTEEN)
    assert is_flagged(None, latest, 12, NOW, interval=FIFTEEN)


# -- health lines ----------------------------------------------------------------------------
def test_healthy_feed_line() -> None:
    state = feed(last_success=NOW, next_poll=NOW + timedelta(minutes=14))
    assert describe_feed_health(state, NOW) == (
        "ok, last success 2026-11-24 08:00 UTC, next poll in 14 min"
    )


def test_flagged_feed_line() -> None:
    state = feed(
        last_success=NOW - timedelta(days=2, hours=3),
        last_error="HTTP 404",
        last_error_at=NOW - timedelta(hours=1),
        failures=14,
        next_poll=NOW + timedelta(hours=5),
    )
    assert describe_feed_health(state, NOW) == "failing for 2 days (HTTP 404) — check the URL"


def test_retrying_feed_line() -> None:
    state = feed(
        last_success=NOW - timedelta(minutes=40),
        last_error="timed out\nafter 20 s",
        last_error_at=NOW - timedelta(minutes=10),
        failures=2,
        next_poll=NOW + timedelta(minutes=20),
    )
    assert describe_feed_health(state, NOW) == (
        "retrying after 2 failures (timed out after 20 s), "
        "last success 2026-11-24 07:20 UTC, next poll in 20 min"
    )


def test_new_feed_line() -> None:
    assert describe_feed_health(feed(), NOW) == "not polled yet, next poll soon"
    assert describe_feed_health(feed(next_poll=NOW), NOW) == "not polled yet, next poll now"


def test_long_errors_are_shortened() -> None:
    state = feed(last_error="x" * 500, last_error_at=NOW, failures=1, next_poll=NOW)
    line = describe_feed_health(state, NOW)
    assert len(line) < 160
    assert "never succeeded" in line


@pytest.mark.parametrize(
    ("span", "text"),
    [
        (timedelta(seconds=30), "under a minute"),
        (timedelta(minutes=14, seconds=59), "14 min"),
        (timedelta(hours=2), "2 h"),
        (timedelta(hours=2, minutes=5), "2 h 5 min"),
        (timedelta(hours=30), "1 day"),
        (timedelta(days=3, hours=1), "3 days"),
        (timedelta(minutes=-5), "under a minute"),
    ],
)
def test_format_duration(span: timedelta, text: str) -> None:
    assert format_duration(span) == text
