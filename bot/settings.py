"""The one settings object, read from the environment and a ``.env`` file by pydantic-settings.

Every setting is documented in ``.env.example``. Values are validated once, at start-up, so a
typo or an impossible value stops the CLI or the bot with one line naming the setting and what
it accepts, before anything connects anywhere. ``Settings(...)`` built directly (tests, tools)
takes exactly the values given; only :meth:`Settings.load` reads the environment.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit, urlunsplit

from platformdirs import user_data_dir
from pydantic import AfterValidator, BeforeValidator, Field, ValidationError, model_validator
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)
from pydantic_settings.sources.utils import parse_env_vars

DEFAULT_USER_AGENT = "whosaid/0.1 (news quote bot; +https://github.com/whosaid/whosaid)"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

#: What each setting accepts, as the end of "NAME must ...": the one line a bad value prints.
RULES: dict[str, str] = {
    "DISCORD_TOKEN": "be the bot token from the Discord developer portal",
    "DATA_DIR": "be a folder for the default SQLite database",
    "DATABASE_URL": "start with sqlite:/// or postgresql://",
    "COMMAND_PREFIX": "be one to ten characters without spaces, such as !",
    "OWNER_IDS": "be comma-separated Discord user ids (whole numbers)",
    "LOG_LEVEL": "be one of DEBUG, INFO, WARNING, ERROR or CRITICAL",
    "DISCORD_API_BASE": "be an http(s) URL such as http://127.0.0.1:8080/api/v10",
    "DISCORD_GATEWAY_URL": "be a ws(s) URL such as ws://127.0.0.1:8080/",
    "FETCH_ALLOW_HOSTS": "be comma-separated host names or addresses",
    "FETCH_TIMEOUT": "be a number of seconds above 0, such as 20",
    "FETCH_MAX_BYTES": "be a whole number of bytes, 1 or more, such as 5242880",
    "USER_AGENT": "be a non-empty User-Agent string",
    "FEED_POLL_MINUTES": "be a whole number of minutes, 1 or more",
    "DIGEST_CATCHUP_MINUTES": "be a whole number of minutes, 0 or more",
    "DIGEST_QUIET_DAY": "be note or skip",
    "SHARD_COUNT": "be the total number of shards, a whole number of 1 or more",
    "SHARD_IDS": "be comma-separated shard numbers from 0 to SHARD_COUNT - 1, with SHARD_COUNT set",
    "EXTRACT_TIME_BUDGET": "be a number of seconds above 0 per article, such as 20",
    "MAX_QUOTES_PER_ARTICLE": "be a whole number of quotes, 1 or more",
    "MESSAGE_CONTENT": "be true or false",
    "INGEST_WORKERS": "be a whole number of parallel workers, 1 or more",
    "CLUSTER_WINDOW_DAYS": "be a whole number of days, 0 (no clustering) or more, such as 30",
}


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message says which and what it accepts."""


class _Invalid(ValueError):
    """Raised by the cross-setting checks: which setting is wrong, and the full sentence."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


def default_data_dir() -> Path:
    """The per-user data folder (``~/.local/share/whosaid`` on Linux; honours XDG_DATA_HOME)."""
    return Path(user_data_dir("whosaid", appauthor=False))


def _split(raw: object) -> object:
    """A comma-separated string as a tuple of its non-empty parts; anything else as is."""
    if isinstance(raw, str):
        return tuple(part.strip() for part in raw.split(",") if part.strip())
    return raw


def _log_level(raw: str) -> str:
    level = raw.upper()
    if level not in LOG_LEVELS:
        raise ValueError("not a log level")
    return level


def _lower(raw: object) -> object:
    return raw.strip().lower() if isinstance(raw, str) else raw


CommaInts = Annotated[tuple[Annotated[int, Field(ge=0)], ...], NoDecode, BeforeValidator(_split)]
CommaStrs = Annotated[tuple[str, ...], NoDecode, BeforeValidator(_split)]

#: The values of one :meth:`Settings.load` call; None when ``Settings(...)`` is built directly.
_LOADING: ContextVar[Mapping[str, str] | None] = ContextVar("_LOADING", default=None)


class _MappingSource(EnvSettingsSource):
    """The environment source, reading a given mapping instead of ``os.environ``."""

    def __init__(self, settings_cls: type[BaseSettings], env: Mapping[str, str]) -> None:
        self._env = env
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return parse_env_vars(
            self._env, self.case_sensitive, self.env_ignore_empty, self.env_parse_none_str
        )


def _default_database_url(data: dict[str, Any]) -> str:
    folder = data.get("data_dir") or default_data_dir()
    return f"sqlite:///{Path(folder).expanduser().resolve() / 'whosaid.db'}"


class Settings(BaseSettings):
    """Everything the CLI and the bot can be configured with (immutable once loaded)."""

    model_config = SettingsConfigDict(
        frozen=True,
        extra="ignore",
        case_sensitive=False,
        env_ignore_empty=True,
        str_strip_whitespace=True,
        validate_default=False,
    )

    discord_token: str = ""
    # Storage: data_dir comes first, the default database_url is built from it.
    data_dir: Path | None = None
    database_url: str = Field(
        default_factory=_default_database_url, pattern=r"^(sqlite|postgres(ql)?):"
    )
    command_prefix: str = Field(default="!", min_length=1, max_length=10, pattern=r"^\S+$")
    owner_ids: CommaInts = ()
    log_level: Annotated[str, AfterValidator(_log_level)] = "INFO"
    discord_api_base: str | None = Field(default=None, pattern=r"^https?://")
    discord_gateway_url: str | None = Field(default=None, pattern=r"^wss?://")
    # Fetching articles and feeds.
    fetch_allow_hosts: CommaStrs = ()
    fetch_timeout: float = Field(default=20.0, gt=0, allow_inf_nan=False)
    fetch_max_bytes: int = Field(default=5 * 1024 * 1024, ge=1)
    user_agent: str = Field(default=DEFAULT_USER_AGENT, min_length=1)
    # Feeds and the digest.
    feed_poll_minutes: int = Field(default=15, ge=1)
    digest_catchup_minutes: int = Field(default=180, ge=0)
    digest_quiet_day: Annotated[Literal["note", "skip"], BeforeValidator(_lower)] = "note"
    # Several processes (shards) sharing one PostgreSQL database.
    shard_count: int | None = Field(default=None, ge=1)
    shard_ids: CommaInts = ()
    # Extraction and ingestion limits.
    extract_time_budget: float = Field(default=20.0, gt=0, allow_inf_nan=False)
    max_quotes_per_article: int = Field(default=500, ge=1)
    message_content: bool = True
    # One extraction process per core: the parent's saves share the cores with them (on 2
    # cores, 2 workers ingest ~20% faster than 1: bench/ingest_bench.py, README).
    ingest_workers: int = Field(default_factory=lambda: max(1, os.cpu_count() or 1), ge=1)
    # Quote clusters: occurrences of one statement further apart than this never join.
    cluster_window_days: int = Field(default=30, ge=0)

    @model_validator(mode="after")
    def _shards_fit(self) -> Settings:
        if self.shard_ids and self.shard_count is None:
            raise _Invalid(
                "SHARD_IDS",
                "SHARD_IDS needs SHARD_COUNT, the total number of shards (or leave both empty)",
            )
        if self.shard_count is not None:
            wrong = [i for i in self.shard_ids if i >= self.shard_count]
            if wrong or len(set(self.shard_ids)) != len(self.shard_ids):
                raise _Invalid(
                    "SHARD_IDS",
                    f"SHARD_IDS must be different shard numbers from 0 to {self.shard_count - 1}"
                    f" (SHARD_COUNT={self.shard_count}), got {','.join(map(str, self.shard_ids))}",
                )
        return self

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Built directly: only the given values. Loaded: the environment, then ``.env``."""
        env = _LOADING.get()
        if env is None:
            return (init_settings,)
        source = env_settings if env is os.environ else _MappingSource(settings_cls, env)
        return (init_settings, source, dotenv_settings)

    @classmethod
    def load(
        cls, env: Mapping[str, str] | None = None, env_file: str | Path | None = ".env"
    ) -> Settings:
        """Read settings: explicit ``env`` wins, then the process environment, then ``.env``.

        A bad value raises :class:`SettingsError` with one line: the setting, what it accepts
        and what it got.
        """
        with _loading(os.environ if env is None else env):
            options: dict[str, Any] = {"_env_file": env_file}
            try:
                return cls(**options)
            except ValidationError as exc:
                raise SettingsError(_first_error(exc)) from None

    def replace(self, **changes: Any) -> Settings:
        """A copy with some settings changed, validated like the original."""
        return type(self).model_validate({**self.model_dump(), **changes})

    def allows_private(self, host: str) -> bool:
        """Whether the SSRF guard may let ``host`` through (tests allow-list their own server)."""
        return host.lower().strip("[]") in {h.lower().strip("[]") for h in self.fetch_allow_hosts}

    def database_location(self) -> str:
        """Where the data is, for the start-up line: a file path, or the URL without password."""
        url = self.database_url
        if url.startswith("sqlite:"):
            path = url.removeprefix("sqlite:").removeprefix("//").removeprefix("/")
            return path if path == ":memory:" else str(Path(path).resolve())
        parts = urlsplit(url)
        if parts.password:
            host = parts.netloc.rsplit("@", 1)[1]
            parts = parts._replace(netloc=f"{parts.username}:***@{host}")
        return urlunsplit(parts)


@contextlib.contextmanager
def _loading(values: Mapping[str, str]) -> Iterator[None]:
    token = _LOADING.set(values)
    try:
        yield
    finally:
        _LOADING.reset(token)


def _first_error(exc: ValidationError) -> str:
    """The one line for the first bad setting (and how many more there are)."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    cause = (first.get("ctx") or {}).get("error")
    if isinstance(cause, _Invalid):
        line = str(cause)
    else:
        name = str(first["loc"][0]).upper() if first["loc"] else "a setting"
        raw = first.get("input")
        shown = ",".join(map(str, raw)) if isinstance(raw, tuple | list) else raw
        line = f"{name} must {RULES.get(name, 'be valid')}, got {str(shown)!r}"
    more = len(errors) - 1
    return line + (f" (and {more} more bad setting{'s' * (more > 1)})" if more else "")
