"""Several article saves in one SQLite transaction (bulk ingest, issue 17).

``SQLiteStore._save_sync`` opens and commits its own transaction. To save a batch in one,
the writer thread hands the save this stand-in for its connection: each article's
``BEGIN IMMEDIATE`` / ``COMMIT`` / ``ROLLBACK`` becomes a savepoint, its release or its
rollback, so one article that fails rolls back alone, while nothing of the batch is on
disk until the batch's own ``COMMIT`` (a kill before it leaves none of the batch).
"""

from __future__ import annotations

import sqlite3
from typing import Any

_SAVEPOINT = "whosaid_article"


class Savepoints:
    """A connection whose transaction statements are savepoints inside an open transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        statement = sql.strip().upper()
        if statement in ("BEGIN", "BEGIN IMMEDIATE"):
            return self._conn.execute(f"SAVEPOINT {_SAVEPOINT}")
        if statement == "COMMIT":
            return self._conn.execute(f"RELEASE {_SAVEPOINT}")
        if statement == "ROLLBACK":
            self._conn.execute(f"ROLLBACK TO {_SAVEPOINT}")
            return self._conn.execute(f"RELEASE {_SAVEPOINT}")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


__all__ = ["Savepoints"]
