"""When a server's daily digest is due: local wall time, DST, catch-up and shards.

Everything here is pure: it takes a ``DigestConfig`` and an aware ``now`` and never reads a
clock or the store, so that a whole week of minute-by-minute ticks can be simulated in a test.

Contract with the caller (a ``discord.ext.tasks`` loop waking about once a minute)::

    now = clock()                                    # aware, UTC
    plan = plan_due(await store.digest_configs(), now, catchup,
                    shard_count=settings.shard_count, shard_ids=settings.shard_ids)
    for config, error in plan.errors:                # bad stored time or zone: log, go on
        log.warning("digest of guild %s: %s", config.guild_id, error)
    for config, local_date in plan.due:
        if not await store.claim_digest(config.guild_id, local_date, now):
            continue                                 # another process or tick got it first
        window = digest_window(config, local_date, now)
        hits = await store.quotes_added(scopes_of(config.guild_id), window.since, window.until)
        post(compose_digest(hits, scope_name=guild.name, since=window.since, ...))

- Exactly once per server per LOCAL day: ``due_local_date`` only names a local date later
  than ``last_sent_date``, and ``claim_digest`` is the atomic gate between processes and
  ticks. Claim first, post second: a crash between the two loses that day's digest, it
  never posts it twice.
- Catch-up: a bot that was down at the scheduled instant posts once when it comes back within
  ``catchup`` (``DIGEST_CATCHUP_MINUTES``) of it; later than that it skips the day and waits
  for the next. The window may cross local midnight (a 23:30 digest caught up at 00:20).
- DST: a scheduled wall time that does not exist (02:30 on a spring-forward day in
  America/New_York) fires at the first valid instant after it (03:00 local); one that occurs
  twice (01:30 on a fall-back day) fires at its first occurrence only.
- Shards: a process only handles guilds on its own shards (``handles_guild``).
- ``digest_period`` gives contiguous, non-overlapping windows (previous scheduled instant to
  this one), so every quote lands in exactly one daily digest when none is skipped.
- One window: ``upcoming_digest`` names the next digest (the one due now, else the next
  scheduled one) with its ``DigestWindow``; the preview, the "Next digest" line and the post
  all read it, so they can never describe different days.
- Setting a schedule is not a missed digest: a time that had already passed when it was set
  is claimed without a post (``digest_job.start_schedule``), never caught up.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from rapidfuzz import fuzz
from rapidfuzz import process as fuzz_process

from bot.core.store.base import DigestConfig

#: The shortest catch-up window used, whatever the setting: a loop waking every minute (with
#: some scheduling slack) must always get at least one tick inside the window.
MIN_WINDOW = timedelta(minutes=2)

#: ``quotes_added`` reads [since, until): a quote added this very second is in a preview.
INCLUSIVE = timedelta(seconds=1)

_HHMM = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
_MAX_ZONE_NAME = 64


class ScheduleError(ValueError):
    """A digest time or time zone that cannot be used; the message is meant for the user."""


def parse_hhmm(value: str) -> time:
    """Parse a 24-hour ``HH:MM`` (``8:30`` is accepted too) into a ``time``."""
    text = value.strip() if isinstance(value, str) else ""
    match = _HHMM.fullmatch(text)
    if match is None:
        raise ScheduleError("Time must be HH:MM in 24-hour form, e.g. 08:30")
    return time(int(match.group(1)), int(match.group(2)))


@lru_cache(maxsize=1)
def _zone_names() -> dict[str, str]:
    """Case-folded IANA name -> canonical name, so ``europe/paris`` works on any file system."""
    return {name.casefold(): name for name in available_timezones()}


def parse_timezone(name: str) -> ZoneInfo:
    """Resolve an IANA zone name (case-insensitive), using the tzdata package when the system
    has no zone files."""
    text = name.strip() if isinstance(name, str) else ""
    canonical = _zone_names().get(text.casefold()) if len(text) <= _MAX_ZONE_NAME else None
    if canonical is not None:
        try:
            return ZoneInfo(canonical)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    shown = text if len(text) <= _MAX_ZONE_NAME else text[: _MAX_ZONE_NAME - 1] + "…"
    hint = ""
    if text and len(text) <= _MAX_ZONE_NAME:
        best = fuzz_process.extractOne(
            text.casefold(), list(_zone_names()), scorer=fuzz.ratio, score_cutoff=85
        )
        if best is not None:
            hint = f" Did you mean {_zone_names()[best[0]]}?"
    raise ScheduleError(
        f"Unknown time zone {shown!r}.{hint} "
        "Use an IANA name such as Europe/Paris or America/New_York."
    )


#: What an empty time-zone box suggests first: zones many servers use.
COMMON_ZONES = (
    "UTC",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
)
_MAX_TYPED = 100


def _spoken(text: str) -> str:
    """Case-folded, underscores as spaces: ``New_York`` and "new york" look the same."""
    return " ".join(text.casefold().replace("_", " ").split())


@lru_cache(maxsize=1)
def _zones_for_search() -> tuple[tuple[str, str, str], ...]:
    """(canonical name, spoken name, spoken city) for every zone, sorted by name."""
    return tuple(
        (name, _spoken(name), _spoken(name.rsplit("/", 1)[-1]))
        for name in sorted(available_timezones())
    )


def suggest_timezones(typed: str, limit: int = 25) -> list[str]:
    """IANA zone names for autocomplete, at most ``limit``: case-insensitive, matching anywhere
    in the name ("berlin" finds Europe/Berlin, "new york" America/New_York). Names that start
    with the text come first, then cities that do, then other matches, alphabetical within."""
    text = _spoken(typed[:_MAX_TYPED] if isinstance(typed, str) else "")
    if not text:
        return list(COMMON_ZONES[: max(limit, 0)])
    ranked: list[tuple[int, str]] = []
    for name, spoken, city in _zones_for_search():
        if spoken.startswith(text):
            ranked.append((0, name))
        elif city.startswith(text):
            ranked.append((1, name))
        elif text in spoken:
            ranked.append((2, name))
    ranked.sort()
    return [name for _rank, name in ranked[: max(limit, 0)]]


def _require_aware(now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ScheduleError("now must be an aware datetime (UTC), not a naive one")


def scheduled_instant(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The UTC instant at which the digest of local ``day`` is scheduled.

    Uses fold=0 (the first occurrence of an ambiguous wall time). A wall time inside a DST gap
    maps to the transition itself, the first valid instant after it.
    """
    wall = datetime.combine(day, at)
    first = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if first.astimezone(tz).replace(tzinfo=None) == wall:
        return first
    # In a gap, fold=0 applies the offset before the transition (an instant after it) and
    # fold=1 the offset after it (an instant before it): bisect between them for the change.
    lo = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)
    hi = first
    if lo >= hi:  # not a plain gap (should not happen with real zone data)
        return first
    before = lo.astimezone(tz).utcoffset()
    while hi - lo > timedelta(seconds=1):
        mid = lo + (hi - lo) / 2
        if mid.astimezone(tz).utcoffset() == before:
            lo = mid
        else:
            hi = mid
    # Transitions fall on whole seconds, so flooring ``hi`` stays at or after the transition.
    return hi.replace(microsecond=0)


def _config_schedule(config: DigestConfig) -> tuple[time, ZoneInfo]:
    return parse_hhmm(config.time_hhmm), parse_timezone(config.timezone)


def due_local_date(config: DigestConfig, now: datetime, catchup: timedelta) -> date | None:
    """The local date whose digest should be posted now, or None.

    Due when the scheduled instant of that local date has passed, ``now`` is less than
    ``catchup`` (at least ``MIN_WINDOW``) after it, and that date is later than
    ``last_sent_date``. The most recent such date wins. Disabled configs are never due.
    Raises ``ScheduleError`` when the stored time or zone is invalid (see ``plan_due``).
    """
    _require_aware(now)
    if not config.enabled:
        return None
    at, tz = _config_schedule(config)
    window = max(catchup, MIN_WINDOW)
    today = now.astimezone(tz).date()
    for back in range(window.days + 2):
        day = today - timedelta(days=back)
        if config.last_sent_date is not None and day <= config.last_sent_date:
            return None
        start = scheduled_instant(day, at, tz)
        if start.astimezone(tz).date() != day:
            continue  # the whole local day was skipped by a zone change: no digest for it
        if start <= now < start + window:
            return day
    return None


def _next_scheduled_day(config: DigestConfig, now: datetime) -> date:
    """The first local date after ``last_sent_date`` whose scheduled instant is after ``now``."""
    at, tz = _config_schedule(config)
    today = now.astimezone(tz).date()
    for ahead in range(8):
        day = today + timedelta(days=ahead)
        if config.last_sent_date is not None and day <= config.last_sent_date:
            continue
        start = scheduled_instant(day, at, tz)
        if start > now and start.astimezone(tz).date() == day:
            return day
    # Only reachable with a last_sent_date far in the future (clock trouble): say so honestly.
    assert config.last_sent_date is not None
    return config.last_sent_date + timedelta(days=1)


def next_run(config: DigestConfig, now: datetime, catchup: timedelta | None = None) -> datetime:
    """When the next digest will be posted (UTC), for "next digest at ..." displays.

    With ``catchup`` given and a digest due right now, that is ``now``. Otherwise it is the
    first scheduled instant after ``now`` of a local date later than ``last_sent_date``.
    Computed whether or not the config is enabled; the caller says "off" when it is not.
    """
    _require_aware(now)
    if catchup is not None and due_local_date(config, now, catchup) is not None:
        return now.astimezone(UTC)
    at, tz = _config_schedule(config)
    return scheduled_instant(_next_scheduled_day(config, now), at, tz)


def digest_period(config: DigestConfig, local_date: date) -> tuple[datetime, datetime]:
    """The [since, until) UTC window the digest of ``local_date`` covers: from the previous
    day's scheduled instant to this day's, so consecutive digests neither overlap nor leave gaps
    (23 or 25 hours long across DST changes)."""
    at, tz = _config_schedule(config)
    return (
        scheduled_instant(local_date - timedelta(days=1), at, tz),
        scheduled_instant(local_date, at, tz),
    )


@dataclass(frozen=True, slots=True)
class DigestWindow:
    """One digest: the local date it is for, when it is posted, and the quotes it covers (those
    added in [since, until)). The single answer to "which digest next, and of what", shared by
    the scheduler's post, ``digest preview`` and the "Next digest" line."""

    local_date: date
    post_at: datetime
    since: datetime
    until: datetime

    def so_far(self, now: datetime) -> tuple[datetime, datetime]:
        """The part of the window already lived at ``now`` (a preview): [since, now] at most."""
        return self.since, min(self.until, now + INCLUSIVE)


def digest_window(
    config: DigestConfig, local_date: date, post_at: datetime | None = None
) -> DigestWindow:
    """The window of the digest of ``local_date`` (see ``digest_period``); posted at its
    scheduled instant unless ``post_at`` says otherwise (a catch-up)."""
    since, until = digest_period(config, local_date)
    return DigestWindow(local_date, post_at or until, since, until)


def upcoming_digest(config: DigestConfig, now: datetime, catchup: timedelta) -> DigestWindow:
    """The next digest this config will post: the one due now (a catch-up, posted at ``now``),
    else the next scheduled one. Raises ``ScheduleError`` for an unusable stored schedule."""
    _require_aware(now)
    due = due_local_date(config, now, catchup)
    if due is not None:
        return digest_window(config, due, now.astimezone(UTC))
    return digest_window(config, _next_scheduled_day(config, now))


def shard_for_guild(guild_id: int, shard_count: int) -> int:
    """Discord's shard formula: ``(guild_id >> 22) % shard_count``."""
    if shard_count < 1:
        raise ScheduleError(f"shard_count must be at least 1, got {shard_count}")
    return (guild_id >> 22) % shard_count


def handles_guild(guild_id: int, shard_count: int | None, shard_ids: Collection[int]) -> bool:
    """Whether this process owns ``guild_id``. No shard count, or no shard ids (one process
    running every shard), means it handles every guild."""
    if shard_count is None or shard_count <= 1 or not shard_ids:
        return True
    return shard_for_guild(guild_id, shard_count) in shard_ids


@dataclass(frozen=True, slots=True)
class DuePlan:
    """What one scheduler tick should do: digests to claim and post, and configs it could not
    use (with a message to log), so one bad config never stops the others."""

    due: tuple[tuple[DigestConfig, date], ...] = ()
    errors: tuple[tuple[DigestConfig, str], ...] = ()


def plan_due(
    configs: Iterable[DigestConfig],
    now: datetime,
    catchup: timedelta,
    *,
    shard_count: int | None = None,
    shard_ids: Collection[int] = (),
) -> DuePlan:
    """Filter configs to this process's shards and to those due now (see the module doc)."""
    _require_aware(now)
    due: list[tuple[DigestConfig, date]] = []
    errors: list[tuple[DigestConfig, str]] = []
    for config in configs:
        if not handles_guild(config.guild_id, shard_count, shard_ids):
            continue
        try:
            day = due_local_date(config, now, catchup)
        except ScheduleError as exc:
            errors.append((config, str(exc)))
            continue
        if day is not None:
            due.append((config, day))
    return DuePlan(tuple(due), tuple(errors))
