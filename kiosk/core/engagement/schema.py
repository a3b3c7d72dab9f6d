"""The engagement log's SQLite tables, versioned with ``PRAGMA user_version`` and migrated in order."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Sequence

#: Each entry moves a log from version ``index`` to ``index + 1``; append, never edit a shipped one.
MIGRATIONS: tuple[Sequence[str], ...] = (
    (  # 0 -> 1: the first schema
        """CREATE TABLE meta (
               key   TEXT PRIMARY KEY,
               value TEXT NOT NULL
           )""",
        """CREATE TABLE visits (
               id         TEXT PRIMARY KEY,
               laptop_id  TEXT NOT NULL,
               started_at TEXT NOT NULL,
               ended_at   TEXT,
               end_reason TEXT,
               languages  TEXT NOT NULL
           )""",
        """CREATE TABLE slide_views (
               id        TEXT PRIMARY KEY,
               visit_id  TEXT NOT NULL,
               slide_id  TEXT NOT NULL,
               language  TEXT NOT NULL,
               shown_at  TEXT NOT NULL,
               dwell_ms  INTEGER
           )""",
        """CREATE TABLE answers (
               id          TEXT PRIMARY KEY,
               visit_id    TEXT NOT NULL,
               question_id TEXT NOT NULL,
               answer_id   TEXT NOT NULL,
               answered_at TEXT NOT NULL
           )""",
        "CREATE INDEX visits_started ON visits (started_at)",
        "CREATE INDEX slide_views_visit ON slide_views (visit_id)",
        "CREATE INDEX answers_visit ON answers (visit_id)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
LAPTOP_ID_KEY = "laptop_id"


class NewerLogError(sqlite3.DatabaseError):
    """The log was written by a newer kiosk: this one does not know its tables and leaves it alone."""


def schema_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the log to :data:`SCHEMA_VERSION`, one migration per transaction; returns the version.

    ``conn`` must be in autocommit mode (``isolation_level=None``): each step runs in its own
    ``BEGIN IMMEDIATE`` ... ``COMMIT``, so a crash leaves the log at a whole version.
    """
    version = schema_version(conn)
    if version > SCHEMA_VERSION:
        raise NewerLogError(f"the log has schema version {version}; this kiosk knows up to {SCHEMA_VERSION}")
    while version < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return version


def laptop_id(conn: sqlite3.Connection) -> str:
    """This laptop's random id, created once with the log (the only device id the log holds)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (LAPTOP_ID_KEY,)).fetchone()
    if row is not None:
        return str(row[0])
    new = uuid.uuid4().hex
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (LAPTOP_ID_KEY, new))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (LAPTOP_ID_KEY,)).fetchone()
    return str(row[0])


def configure(conn: sqlite3.Connection) -> None:
    """WAL, a full fsync at every commit, and deletes that overwrite what they remove."""
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
    if mode is None or str(mode[0]).lower() != "wal":
        raise sqlite3.OperationalError(f"cannot switch the log to WAL mode (got {mode})")
    conn.execute("PRAGMA synchronous = FULL")
    # A deleted log (staff's "delete the log", retention) leaves no readable remains in the file.
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA busy_timeout = 2000")
