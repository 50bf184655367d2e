"""When a server's digest is due: local time, once a day, catch-up, DST, zones and shards.

All times are injected; the DST tests simulate a scheduler tick every minute for three days
around each change and check that exactly one digest is posted per local day, at the first
minute whose local wall time reaches the configured time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.schedule import (
    ScheduleError,
    digest_period,
    due_local_date,
    handles_guild,
    next_run,
    parse_hhmm,
    parse_timezone,
    plan_due,
    shard_for_guild,
    suggest_timezones,
    upcoming_digest,
)
from bot.core.store.base import DigestConfig

CATCHUP = timedelta(minutes=180)
NY = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")


def config(
    hhmm: str = "08:00",
    tz: str = "America/New_York",
    last: date | None = None,
    *,
    guild_id: int = 1234 << 22,
    enabled: bool = True,
) -> DigestConfig:
    return DigestConfig(
        guild_id=guild_id,
        channel_id=99,
        time_hhmm=hhmm,
        timezone=tz,
        enabled=enabled,
        last_sent_date=last,
        last_sent_at=None,
    )


def local(
    tz: ZoneInfo, year: int, month: int, day: int, hour: int, minute: int, second: int = 0
) -> datetime:
    """A local wall time (first occurrence) as an aware UTC instant, like the bot's clock."""
    return datetime(year, month, day, hour, minute, second, tzinfo=tz).astimezone(UTC)


# -- due at the configured local time, once --------------------------------------------------
def test_not_due_one_minute_before_the_configured_time() -> None:
    assert due_local_date(config(), local(NY, 2026, 11, 24, 7, 59), CATCHUP) is None


def test_due_exactly_at_the_configured_local_time() -> None:
    now = local(NY, 2026, 11, 24, 8, 0)
    assert due_local_date(config(), now, CATCHUP) == date(2026, 11, 24)


def test_local_time_is_used_not_utc() -> None:
    # 08:00 UTC is 03:00 in New York: too early there.
    assert due_local_date(config(), datetime(2026, 11, 24, 8, 0, tzinfo=UTC), CATCHUP) is None
    tokyo = config(tz="Asia/Tokyo")
    # 23:30 UTC on the 23rd is 08:30 on the 24th in Tokyo.
    now = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)
    assert due_local_date(tokyo, now, CATCHUP) == date(2026, 11, 24)


def test_not_due_twice_the_same_local_day() -> None:
    sent = config(last=date(2026, 11, 24))
    for minute in (0, 1, 30, 179):
        now = local(NY, 2026, 11, 24, 8, 0) + timedelta(minutes=minute)
        assert due_local_date(sent, now, CATCHUP) is None


def test_due_again_the_next_local_day() -> None:
    sent = config(last=date(2026, 11, 24))
    assert due_local_date(sent, local(NY, 2026, 11, 25, 8, 0), CATCHUP) == date(2026, 11, 25)


def test_disabled_digest_is_never_due() -> None:
    assert due_local_date(config(enabled=False), local(NY, 2026, 11, 24, 8, 0), CATCHUP) is None


def test_naive_now_is_refused_with_a_clear_error() -> None:
    with pytest.raises(ScheduleError, match="aware"):
        due_local_date(config(), datetime(2026, 11, 24, 8, 0), CATCHUP)


# -- catch-up after downtime -----------------------------------------------------------------
def test_posts_once_when_back_within_the_catchup_window() -> None:
    back = local(NY, 2026, 11, 24, 10, 59)
    assert due_local_date(config(), back, CATCHUP) == date(2026, 11, 24)
    # Once claimed, the rest of the window stays quiet.
    claimed = config(last=date(2026, 11, 24))
    assert due_local_date(claimed, back + timedelta(minutes=1), CATCHUP) is None


def test_skips_the_day_when_back_after_the_window() -> None:
    assert due_local_date(config(), local(NY, 2026, 11, 24, 11, 0), CATCHUP) is None
    assert due_local_date(config(), local(NY, 2026, 11, 24, 18, 0), CATCHUP) is None
    # ... and waits for the next day.
    assert due_local_date(config(), local(NY, 2026, 11, 25, 8, 0), CATCHUP) == date(2026, 11, 25)


def test_catchup_window_crosses_local_midnight() -> None:
    late = config("23:30")
    now = local(NY, 2026, 11, 25, 0, 20)
    assert due_local_date(late, now, CATCHUP) == date(2026, 11, 24)
    assert due_local_date(replace(late, last_sent_date=date(2026, 11, 24)), now, CATCHUP) is None


def test_zero_catchup_still_fires_on_the_minute_tick() -> None:
    now = local(NY, 2026, 11, 24, 8, 0, 30)
    assert due_local_date(config(), now, timedelta(0)) == date(2026, 11, 24)
    assert due_local_date(config(), now + timedelta(minutes=5), timedelta(0)) is None


# -- DST: a tick every minute over three days around each change ------------------------------
def ticks(start: datetime, tz: ZoneInfo, days: int) -> list[datetime]:
    """A tick every minute from ``start`` to the same wall time ``days`` local days later."""
    wall = start.astimezone(tz).replace(tzinfo=None) + timedelta(days=days)
    end = wall.replace(tzinfo=tz).astimezone(UTC)
    return [start + timedelta(minutes=m) for m in range(int((end - start).total_seconds()) // 60)]


def simulate(cfg: DigestConfig, start: datetime, days: int = 3) -> list[datetime]:
    """Tick every minute; claim like the store does; return the instants posted at."""
    claimed: set[tuple[int, date]] = set()
    posted: list[datetime] = []
    state = cfg
    for now in ticks(start, ZoneInfo(cfg.timezone), days):
        day = due_local_date(state, now, CATCHUP)
        if day is not None and (state.guild_id, day) not in claimed:
            claimed.add((state.guild_id, day))
            state = replace(state, last_sent_date=day, last_sent_at=now)
            posted.append(now)
    return posted


def expected_posts(hhmm: str, tz: ZoneInfo, start: datetime, days: int = 3) -> list[datetime]:
    """Oracle: for each local day, the first minute tick whose wall time reaches HH:MM."""
    at = parse_hhmm(hhmm)
    firsts: dict[date, datetime] = {}
    for now in ticks(start, tz, days):
        wall = now.astimezone(tz)
        if wall.time() >= at and wall.date() not in firsts:
            firsts[wall.date()] = now
    return sorted(firsts.values())


CHANGES = [
    pytest.param(NY, date(2026, 3, 7), id="new-york-spring-forward"),
    pytest.param(NY, date(2026, 10, 31), id="new-york-fall-back"),
    pytest.param(LONDON, date(2026, 3, 28), id="london-spring-forward"),
    pytest.param(LONDON, date(2026, 10, 24), id="london-fall-back"),
]


@pytest.mark.parametrize(("tz", "first_day"), CHANGES)
@pytest.mark.parametrize("hhmm", ["00:30", "01:30", "02:30", "08:00", "23:59"])
def test_one_digest_per_local_day_across_dst(tz: ZoneInfo, first_day: date, hhmm: str) -> None:
    start = local(tz, first_day.year, first_day.month, first_day.day, 0, 0)
    # The bot has been running: the day before's digest was sent.
    posted = simulate(config(hhmm, str(tz), last=first_day - timedelta(days=1)), start)
    assert posted == expected_posts(hhmm, tz, start)
    local_days = [p.astimezone(tz).date() for p in posted]
    assert local_days == [first_day + timedelta(days=i) for i in range(3)]


def test_spring_forward_gap_fires_at_the_first_valid_instant() -> None:
    # 02:30 does not exist in New York on 2026-03-08 (02:00 -> 03:00): post at 03:00 EDT.
    posted = simulate(config("02:30"), local(NY, 2026, 3, 7, 0, 0))
    assert [p.astimezone(NY).strftime("%m-%d %H:%M %Z") for p in posted] == [
        "03-07 02:30 EST",
        "03-08 03:00 EDT",
        "03-09 02:30 EDT",
    ]


def test_london_spring_forward_gap() -> None:
    # 01:30 does not exist in London on 2026-03-29 (01:00 -> 02:00 BST).
    posted = simulate(config("01:30", "Europe/London"), local(LONDON, 2026, 3, 28, 0, 0))
    assert [p.astimezone(LONDON).strftime("%d %H:%M %Z") for p in posted] == [
        "28 01:30 GMT",
        "29 02:00 BST",
        "30 01:30 BST",
    ]


def test_fall_back_fires_at_the_first_occurrence_only() -> None:
    # 01:30 happens twice in New York on 2026-11-01: 05:30 UTC (EDT) and 06:30 UTC (EST).
    posted = simulate(config("01:30"), local(NY, 2026, 10, 31, 0, 0))
    assert datetime(2026, 11, 1, 5, 30, tzinfo=UTC) in posted
    assert datetime(2026, 11, 1, 6, 30, tzinfo=UTC) not in posted
    assert len(posted) == 3


def test_back_at_the_second_occurrence_posts_once() -> None:
    second = datetime(2026, 11, 1, 6, 30, tzinfo=UTC)  # 01:30 EST, fold=1
    assert due_local_date(config("01:30"), second, CATCHUP) == date(2026, 11, 1)


def test_downtime_across_the_change_posts_once_within_the_window() -> None:
    # Down from 01:00 to 03:10 local on the spring-forward day; 02:30 was due at 03:00 EDT.
    down_from = local(NY, 2026, 3, 8, 1, 0)
    up_at = local(NY, 2026, 3, 8, 3, 10)
    cfg = config("02:30", last=date(2026, 3, 7))
    assert due_local_date(cfg, down_from, CATCHUP) is None
    assert due_local_date(cfg, up_at, CATCHUP) == date(2026, 3, 8)


# -- next run and period -----------------------------------------------------------------------
def test_next_run_today_tomorrow_and_dst() -> None:
    cfg = config()
    assert next_run(cfg, local(NY, 2026, 11, 24, 7, 0)) == local(NY, 2026, 11, 24, 8, 0)
    sent = replace(cfg, last_sent_date=date(2026, 11, 24))
    assert next_run(sent, local(NY, 2026, 11, 24, 8, 1)) == local(NY, 2026, 11, 25, 8, 0)
    gap = config("02:30", last=date(2026, 3, 7))
    assert next_run(gap, local(NY, 2026, 3, 7, 12, 0)) == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)


def test_next_run_is_now_when_a_catchup_is_due() -> None:
    now = local(NY, 2026, 11, 24, 9, 0)
    assert next_run(config(), now, CATCHUP) == now
    # Missed and out of the window: tomorrow.
    late = local(NY, 2026, 11, 24, 12, 0)
    assert next_run(config(), late, CATCHUP) == local(NY, 2026, 11, 25, 8, 0)


def test_digest_periods_are_contiguous_and_follow_dst() -> None:
    cfg = config()
    days = [date(2026, 3, 7) + timedelta(days=i) for i in range(3)]
    periods = [digest_period(cfg, d) for d in days]
    for (_, until), (since, _) in pairwise(periods):
        assert until == since
    assert [u - s for s, u in periods] == [
        timedelta(hours=24),
        timedelta(hours=23),
        timedelta(hours=24),
    ]


# -- validation ------------------------------------------------------------------------------
def test_unknown_time_zone_has_a_clear_message_with_a_suggestion() -> None:
    with pytest.raises(ScheduleError) as info:
        parse_timezone("Europe/Pariss")
    message = str(info.value)
    assert message.startswith("Unknown time zone 'Europe/Pariss'.")
    assert "Did you mean Europe/Paris?" in message
    assert "Use an IANA name such as Europe/Paris or America/New_York." in message


@pytest.mark.parametrize("name", ["", "Mars/Olympus", "../../etc/passwd", "Europe", "x" * 500])
def test_bad_time_zones_are_refused(name: str) -> None:
    with pytest.raises(ScheduleError, match="Unknown time zone"):
        parse_timezone(name)


def test_time_zone_names_are_case_insensitive() -> None:
    assert parse_timezone(" europe/london ") == LONDON
    assert parse_timezone("UTC").key == "UTC"


@pytest.mark.parametrize(("text", "expected"), [("08:30", time(8, 30)), ("8:05", time(8, 5))])
def test_parse_hhmm(text: str, expected: time) -> None:
    assert parse_hhmm(text) == expected


@pytest.mark.parametrize("text", ["24:00", "08:60", "8", "8:5", "08:30:00", "8am", "", "-1:00"])
def test_bad_times_are_refused(text: str) -> None:
    with pytest.raises(ScheduleError, match=r"Time must be HH:MM in 24-hour form, e\.g\. 08:30"):
        parse_hhmm(text)


@given(st.integers(0, 23), st.integers(0, 59))
def test_every_valid_time_round_trips(hour: int, minute: int) -> None:
    assert parse_hhmm(f"{hour:02d}:{minute:02d}") == time(hour, minute)


@given(st.text(alphabet="0123456789: h.-ap", max_size=8) | st.text(max_size=12))
def test_parse_hhmm_accepts_exactly_the_real_times(text: str) -> None:
    try:
        parsed = parse_hhmm(text)
    except ScheduleError as exc:
        assert "HH:MM" in str(exc)
    else:
        assert text.strip().zfill(5) == parsed.strftime("%H:%M")


@given(st.sampled_from(["Europe/Paris", "America/New_York", "Asia/Kolkata"]) | st.text(max_size=40))
def test_parse_timezone_gives_the_named_zone_or_a_clear_error(text: str) -> None:
    try:
        zone = parse_timezone(text)
    except ScheduleError as exc:
        assert str(exc).startswith("Unknown time zone")
    else:
        assert zone.key.casefold() == text.strip().casefold()


def test_bad_stored_config_is_reported_and_others_still_run() -> None:
    now = local(NY, 2026, 11, 24, 8, 0)
    good = config(guild_id=1 << 22)
    bad_zone = config(tz="Nowhere/Town", guild_id=2 << 22)
    bad_time = config(hhmm="25:00", guild_id=3 << 22)
    with pytest.raises(ScheduleError):
        due_local_date(bad_zone, now, CATCHUP)
    plan = plan_due([bad_zone, good, bad_time], now, CATCHUP)
    assert plan.due == ((good, date(2026, 11, 24)),)
    assert [c.guild_id for c, _ in plan.errors] == [2 << 22, 3 << 22]
    assert "Unknown time zone 'Nowhere/Town'" in plan.errors[0][1]


# -- shards ----------------------------------------------------------------------------------
def test_shard_formula_matches_discord() -> None:
    guild = 81384788765712384  # an example snowflake
    assert shard_for_guild(guild, 1) == 0
    assert shard_for_guild(guild, 4) == (guild >> 22) % 4
    assert shard_for_guild((5 << 22) | 0x3FFFFF, 4) == 1


def test_shard_count_must_be_positive() -> None:
    with pytest.raises(ScheduleError):
        shard_for_guild(1, 0)


def test_a_process_only_handles_its_own_shards() -> None:
    guilds = [n << 22 for n in range(8)]
    mine = [g for g in guilds if handles_guild(g, 4, {1, 3})]
    assert mine == [1 << 22, 3 << 22, 5 << 22, 7 << 22]
    assert all(handles_guild(g, None, ()) for g in guilds)
    assert all(handles_guild(g, 4, ()) for g in guilds)


def test_plan_due_filters_by_shard() -> None:
    now = local(NY, 2026, 11, 24, 8, 0)
    configs = [config(guild_id=n << 22) for n in range(4)]
    plan = plan_due(configs, now, CATCHUP, shard_count=2, shard_ids=(0,))
    assert [c.guild_id for c, _ in plan.due] == [0, 2 << 22]
    other = plan_due(configs, now, CATCHUP, shard_count=2, shard_ids=(1,))
    assert [c.guild_id for c, _ in other.due] == [1 << 22, 3 << 22]


# -- the next digest's window -----------------------------------------------------------------
def test_upcoming_digest_is_the_scheduled_one_or_the_catch_up_due_now() -> None:
    cfg = config()
    morning = local(NY, 2026, 11, 24, 7, 0)
    ahead = upcoming_digest(cfg, morning, CATCHUP)
    assert ahead.post_at == ahead.until == local(NY, 2026, 11, 24, 8, 0)
    assert ahead.since == local(NY, 2026, 11, 23, 8, 0)
    assert ahead.so_far(morning) == (ahead.since, morning + timedelta(seconds=1))
    late = local(NY, 2026, 11, 24, 9, 30)
    due = upcoming_digest(cfg, late, CATCHUP)
    assert due.post_at == late and due.local_date == date(2026, 11, 24)
    assert due.so_far(late) == (ahead.since, ahead.until)  # the catch-up's window, not tomorrow's
    done = upcoming_digest(config(last=date(2026, 11, 24)), late, CATCHUP)
    assert (done.since, done.until) == (ahead.until, local(NY, 2026, 11, 25, 8, 0))


# -- time zone autocomplete --------------------------------------------------------------------
def test_time_zone_suggestions_match_cities_and_any_case() -> None:
    assert suggest_timezones("berlin") == ["Europe/Berlin"]
    assert suggest_timezones("New York")[0] == "America/New_York"
    assert suggest_timezones("europe/par") == ["Europe/Paris"]
    # Names that start with the text first, then cities that do, then the rest.
    ind = suggest_timezones("ind")
    firsts = [i for i, name in enumerate(ind) if name.startswith("Indian/")]
    assert firsts == list(range(len(firsts))) and firsts
    assert ind.index("America/Indianapolis") < ind.index("America/Indiana/Knox")
    assert len(suggest_timezones("a")) == 25 and len(suggest_timezones("a", limit=3)) == 3
    assert suggest_timezones("")[0] == "UTC"
    assert suggest_timezones("Mars/Olympus") == []


@given(st.text(max_size=300))
def test_time_zone_suggestions_are_real_zones_containing_the_text(typed: str) -> None:
    found = suggest_timezones(typed)
    assert len(found) <= 25
    spoken = " ".join(typed.casefold().replace("_", " ").split())
    for name in found:
        assert parse_timezone(name).key == name
        if spoken:
            assert spoken in name.casefold().replace("_", " ")
