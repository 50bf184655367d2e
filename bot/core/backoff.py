"""When to poll a feed next, when a failing feed gets flagged, and how its health reads.

Pure functions over times and counts: the random generator is passed in so tests (and a
replayed schedule) are deterministic. Jitter (±10%) spreads feeds added together so that they
do not all hit their servers, or our event loop, in the same minute forever after.

Back-off: after the n-th consecutive failure the next poll waits ``interval · 2^(n-1)``
(the first failure retries at the normal pace, so one blip costs nothing), capped at
``max_delay`` (6 hours); the jittered delay never exceeds the cap. A feed failing for a day
or more is flagged in ``feeds list``, never dropped: it keeps being polled at the capped pace
and recovers by itself when the site comes back.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from bot.core.store.base import FeedState

JITTER = 0.10
MIN_INTERVAL = timedelta(minutes=1)
DEFAULT_MAX_DELAY = timedelta(hours=6)
DEFAULT_FLAG_AFTER = timedelta(days=1)
_MAX_EXPONENT = 40  # 2^40 intervals is far beyond any cap; avoids overflow on absurd counts


def _jittered(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(seconds=rng.uniform(low, high))


def next_poll_after_success(now: datetime, interval: timedelta, rng: random.Random) -> datetime:
    """``now`` plus the interval (at least one minute), jittered by ±10%."""
    base = max(interval, MIN_INTERVAL).total_seconds()
    return now + _jittered(rng, base * (1 - JITTER), base * (1 + JITTER))


def failure_delay_bounds(
    failures: int, interval: timedelta, max_delay: timedelta = DEFAULT_MAX_DELAY
) -> tuple[timedelta, timedelta]:
    """The (lowest, highest) jittered delay after ``failures`` consecutive failures."""
    step = max(interval, MIN_INTERVAL).total_seconds()
    cap = max(max_delay, MIN_INTERVAL).total_seconds()
    exponent = min(max(failures, 1) - 1, _MAX_EXPONENT)
    base = min(step * 2.0**exponent, cap)
    return timedelta(seconds=base * (1 - JITTER)), timedelta(seconds=min(base * (1 + JITTER), cap))


def next_poll_after_failure(
    now: datetime,
    failures: int,
    interval: timedelta,
    rng: random.Random,
    max_delay: timedelta = DEFAULT_MAX_DELAY,
) -> datetime:
    """Exponential back-off from ``interval`` after ``failures`` consecutive failures (this one
    included), capped at ``max_delay``, jittered within the cap."""
    low, high = failure_delay_bounds(failures, interval, max_delay)
    return now + _jittered(rng, low.total_seconds(), high.total_seconds())


def _min_failing_time(failures: int, interval: timedelta, max_delay: timedelta) -> timedelta:
    """A lower bound on how long ``failures`` consecutive failures took (shortest delays)."""
    total = timedelta()
    for n in range(1, max(failures, 1)):
        total += failure_delay_bounds(n, interval, max_delay)[0]
        if total > timedelta(days=365):
            break
    return total


def failing_for(
    last_success: datetime | None,
    first_failure_or_last_error_at: datetime | None,
    failures: int,
    now: datetime,
    *,
    interval: timedelta | None = None,
    max_delay: timedelta = DEFAULT_MAX_DELAY,
) -> timedelta:
    """How long a feed has been failing (zero when it is not), from what the store knows.

    Takes the largest of: time since the given failure time (exact when it is the first failure
    of the run, a lower bound when it is the latest error); time since the last success once at
    least two polls failed after it; and, with ``interval``, the shortest time the back-off
    schedule needs for that many failures (covers feeds that never succeeded).
    """
    if failures <= 0:
        return timedelta()
    estimates = [timedelta()]
    if first_failure_or_last_error_at is not None:
        estimates.append(now - first_failure_or_last_error_at)
    if last_success is not None and failures >= 2:
        estimates.append(now - last_success)
    if interval is not None:
        estimates.append(_min_failing_time(failures, interval, max_delay))
    return max(estimates)


def is_flagged(
    last_success: datetime | None,
    first_failure_or_last_error_at: datetime | None,
    failures: int,
    now: datetime,
    flag_after: timedelta = DEFAULT_FLAG_AFTER,
    *,
    interval: timedelta | None = None,
    max_delay: timedelta = DEFAULT_MAX_DELAY,
) -> bool:
    """A feed failing for ``flag_after`` (a day) or more is flagged: shown as needing a look,
    still polled, never dropped."""
    span = failing_for(
        last_success,
        first_failure_or_last_error_at,
        failures,
        now,
        interval=interval,
        max_delay=max_delay,
    )
    return failures > 0 and span >= flag_after


def format_duration(span: timedelta) -> str:
    """``14 min``, ``2 h 5 min``, ``1 day``, ``3 days``: coarse, as people say it."""
    seconds = max(int(span.total_seconds()), 0)
    minutes = seconds // 60
    if minutes < 1:
        return "under a minute"
    if minutes < 60:
        return f"{minutes} min"
    hours, mins = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h" if mins == 0 else f"{hours} h {mins} min"
    days = hours // 24
    return "1 day" if days == 1 else f"{days} days"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _short_error(error: str | None, limit: int = 80) -> str:
    text = " ".join((error or "").split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def describe_feed_health(
    feed: FeedState, now: datetime, flag_after: timedelta = DEFAULT_FLAG_AFTER
) -> str:
    """One line for ``feeds list``: healthy, retrying, or flagged with the last error.

    e.g. ``ok, last success 2026-11-24 08:00 UTC, next poll in 14 min`` or
    ``failing for 2 days (HTTP 404) — check the URL``.
    """
    interval = timedelta(minutes=max(feed.interval_minutes, 1))
    if feed.next_poll is None:
        next_part = "next poll soon"
    elif feed.next_poll <= now:
        next_part = "next poll now"
    else:
        next_part = f"next poll in {format_duration(feed.next_poll - now)}"
    error = _short_error(feed.last_error)
    error_part = f" ({error})" if error else ""
    if feed.failures <= 0:
        if feed.last_success is None:
            return f"not polled yet, {next_part}"
        return f"ok, last success {_stamp(feed.last_success)}, {next_part}"
    span = failing_for(feed.last_success, feed.last_error_at, feed.failures, now, interval=interval)
    if feed.failures > 0 and span >= flag_after:
        return f"failing for {format_duration(span)}{error_part} — check the URL"
    plural = "s" if feed.failures != 1 else ""
    last = (
        f", last success {_stamp(feed.last_success)}"
        if feed.last_success is not None
        else ", never succeeded"
    )
    return f"retrying after {feed.failures} failure{plural}{error_part}{last}, {next_part}"
