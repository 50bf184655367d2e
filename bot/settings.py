"""The one settings object, read from the environment and a ``.env`` file.

Every setting is documented in ``.env.example``. Values are parsed once, at start-up,
so that a typo in a setting fails loudly before the bot connects anywhere.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

DEFAULT_DATABASE_URL = "sqlite:///data/whosaid.db"
DEFAULT_USER_AGENT = "whosaid/0.1 (news quote bot; +https://github.com/whosaid/whosaid)"


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message says which and why."""


def _int_list(name: str, raw: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in raw.replace(" ", "").split(",") if part)
    except ValueError as exc:
        raise SettingsError(f"{name} must be comma-separated numbers, got {raw!r}") from exc


def _int(name: str, raw: str) -> int:
    try:
        return int(raw)
    except ValueError as exc:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from exc


def _bool(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise SettingsError(f"{name} must be true or false, got {raw!r}")


def _str_list(raw: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in raw.split(",") if part.strip())


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the CLI and the bot can be configured with."""

    discord_token: str = ""
    database_url: str = DEFAULT_DATABASE_URL
    command_prefix: str = "!"
    owner_ids: tuple[int, ...] = ()
    log_level: str = "INFO"
    discord_api_base: str | None = None
    discord_gateway_url: str | None = None
    # Fetching articles and feeds.
    fetch_allow_hosts: tuple[str, ...] = ()
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 5 * 1024 * 1024
    user_agent: str = DEFAULT_USER_AGENT
    # Feeds and the digest.
    feed_poll_minutes: int = 15
    digest_catchup_minutes: int = 180
    digest_quiet_day: str = "note"
    # Several processes (shards) sharing one PostgreSQL database.
    shard_count: int | None = None
    shard_ids: tuple[int, ...] = ()
    extra: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def load(
        cls, env: Mapping[str, str] | None = None, env_file: str | Path | None = ".env"
    ) -> Settings:
        """Read settings: explicit ``env`` wins, then the process environment, then ``.env``."""
        values: dict[str, str] = {}
        if env_file is not None and Path(env_file).is_file():
            values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
        values.update(os.environ if env is None else env)

        def get(name: str, default: str = "") -> str:
            return values.get(name, default).strip()

        quiet = get("DIGEST_QUIET_DAY", "note").lower()
        if quiet not in {"note", "skip"}:
            raise SettingsError(f"DIGEST_QUIET_DAY must be 'note' or 'skip', got {quiet!r}")
        shard_count = get("SHARD_COUNT")
        try:
            timeout = float(get("FETCH_TIMEOUT", "20"))
        except ValueError as exc:
            raise SettingsError("FETCH_TIMEOUT must be a number of seconds") from exc
        return cls(
            discord_token=get("DISCORD_TOKEN"),
            database_url=get("DATABASE_URL") or DEFAULT_DATABASE_URL,
            command_prefix=get("COMMAND_PREFIX", "!") or "!",
            owner_ids=_int_list("OWNER_IDS", get("OWNER_IDS")),
            log_level=(get("LOG_LEVEL", "INFO") or "INFO").upper(),
            discord_api_base=get("DISCORD_API_BASE") or None,
            discord_gateway_url=get("DISCORD_GATEWAY_URL") or None,
            fetch_allow_hosts=_str_list(get("FETCH_ALLOW_HOSTS")),
            fetch_timeout=timeout,
            fetch_max_bytes=_int("FETCH_MAX_BYTES", get("FETCH_MAX_BYTES", str(5 * 1024 * 1024))),
            user_agent=get("USER_AGENT") or DEFAULT_USER_AGENT,
            feed_poll_minutes=_int("FEED_POLL_MINUTES", get("FEED_POLL_MINUTES", "15")),
            digest_catchup_minutes=_int(
                "DIGEST_CATCHUP_MINUTES", get("DIGEST_CATCHUP_MINUTES", "180")
            ),
            digest_quiet_day=quiet,
            shard_count=_int("SHARD_COUNT", shard_count) if shard_count else None,
            shard_ids=_int_list("SHARD_IDS", get("SHARD_IDS")),
            extra={k: v for k, v in values.items() if k.startswith("WHOSAID_")},
        )

    def allows_private(self, host: str) -> bool:
        """Whether the SSRF guard may let ``host`` through (tests allow-list their own server)."""
        return host.lower().strip("[]") in {h.lower().strip("[]") for h in self.fetch_allow_hosts}
