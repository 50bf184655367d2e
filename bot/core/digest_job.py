"""What the digest scheduler should post now, without Discord: plan, claim, read, compose.

The digest cog calls :func:`claim_due_digests` once a minute with its clock's ``now`` and
posts what comes back. The order is the "exactly once" guarantee: a digest is claimed in the
store (``claim_digest``, atomic, keyed by server and LOCAL date) BEFORE it is composed and
posted. A second tick, a restarted process or another shard asking for the same day gets
``False`` from the claim and posts nothing. The price is that a crash between claim and
post loses that one day's digest; it is never posted twice.

``preview_period`` (preview and ``digest now``) reads the same window as the post
(``schedule.upcoming_digest``), and ``start_schedule`` makes a freshly set time that already
passed start tomorrow instead of firing a catch-up of a window from before it was set.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from bot.core.digest import Digest, compose_digest, quiet_note
from bot.core.models import GLOBAL_SCOPE
from bot.core.schedule import (
    INCLUSIVE,
    ScheduleError,
    digest_window,
    due_local_date,
    parse_timezone,
    plan_due,
    upcoming_digest,
)
from bot.core.store.base import DigestConfig, Store

log = logging.getLogger(__name__)

#: A preview without a schedule covers the last day.
DEFAULT_PERIOD = timedelta(hours=24)


def digest_scopes(guild_id: int) -> list[str]:
    """A server's digest reads its own scope and the global one, nothing else."""
    return [str(guild_id), GLOBAL_SCOPE]


@dataclass(frozen=True, slots=True)
class DigestPost:
    """A claimed digest to post: the composed digest, or on a quiet day the note (or None
    when quiet days post nothing)."""

    config: DigestConfig
    local_date: date
    digest: Digest
    quiet_text: str | None = None

    @property
    def is_quiet(self) -> bool:
        return self.digest.is_empty


@dataclass(frozen=True, slots=True)
class DueDigests:
    """One tick's work: claimed digests to post, and configs that could not be used."""

    posts: tuple[DigestPost, ...] = ()
    errors: tuple[tuple[DigestConfig, str], ...] = field(default_factory=tuple)


async def compose_period(
    store: Store,
    guild_id: int,
    *,
    since: datetime,
    until: datetime,
    scope_name: str,
    timezone: str | None = None,
) -> Digest:
    """The digest of one server's quotes added in [since, until)."""
    tz = parse_timezone(timezone) if timezone else UTC
    hits = await store.quotes_added(digest_scopes(guild_id), since, until)
    return compose_digest(hits, scope_name=scope_name, since=since, until=until, tz=tz)


async def claim_due_digests(
    store: Store,
    now: datetime,
    *,
    catchup: timedelta,
    quiet_day: str = "note",
    shard_count: int | None = None,
    shard_ids: Collection[int] = (),
    scope_name: Callable[[int], str] = lambda _guild: "this server",
) -> DueDigests:
    """Claim every digest due now on this process's shards and compose it (claim first)."""
    plan = plan_due(
        await store.digest_configs(),
        now,
        catchup,
        shard_count=shard_count,
        shard_ids=shard_ids,
    )
    posts: list[DigestPost] = []
    errors = list(plan.errors)
    for config, local_date in plan.due:
        try:
            if not await store.claim_digest(config.guild_id, local_date, now):
                continue  # another tick, process or shard has it
        except Exception as exc:
            log.exception("could not claim the digest of guild %s", config.guild_id)
            errors.append((config, f"could not claim: {type(exc).__name__}"))
            continue
        try:
            window = digest_window(config, local_date, now)
            name = scope_name(config.guild_id)
            digest = await compose_period(
                store,
                config.guild_id,
                since=window.since,
                until=window.until,
                scope_name=name,
                timezone=config.timezone,
            )
        except Exception as exc:  # claimed but not composable: logged, that day is lost
            log.exception("could not compose the digest of guild %s", config.guild_id)
            errors.append((config, f"could not compose: {type(exc).__name__}"))
            continue
        note = quiet_note(name, local_date) if digest.is_empty and quiet_day == "note" else None
        posts.append(DigestPost(config, local_date, digest, note))
    return DueDigests(tuple(posts), tuple(errors))


def preview_period(
    config: DigestConfig | None, now: datetime, catchup: timedelta
) -> tuple[datetime, datetime]:
    """What ``digest preview`` and ``digest now`` show: the part of the next digest's window
    (``upcoming_digest``, the same the scheduler will post) lived so far; the last 24 hours
    when there is no usable schedule."""
    fallback = now - DEFAULT_PERIOD, now + INCLUSIVE
    if config is None or not config.enabled:
        return fallback
    try:
        return upcoming_digest(config, now, catchup).so_far(now)
    except ScheduleError:
        return fallback


async def start_schedule(
    store: Store, config: DigestConfig, now: datetime, catchup: timedelta
) -> DigestConfig:
    """Settle a schedule just set at ``now``: a digest whose time passed before it was set is
    not a missed one, so its day is claimed without posting and the first digest is the next
    scheduled one (setting 09:00 at 09:20 never fires a catch-up of yesterday's window)."""
    try:
        passed = due_local_date(config, now, catchup)
    except ScheduleError:
        return config
    if passed is None:
        return config
    await store.claim_digest(config.guild_id, passed, now)
    return await store.get_digest(config.guild_id) or config


__all__ = [
    "DigestPost",
    "DueDigests",
    "claim_due_digests",
    "compose_period",
    "digest_scopes",
    "preview_period",
    "start_schedule",
]
