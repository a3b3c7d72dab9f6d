"""The engagement log's writer: events go through a queue to one thread that commits them to SQLite.

The UI thread only puts a small tuple on a queue, so a slow or failing disk never stutters a swipe.
The writer takes everything queued, writes it in one transaction and commits (WAL,
``synchronous=FULL``: on disk when the commit returns), then *acknowledges* it: every event gets a
sequence number, and :attr:`EngagementLog.acknowledged` is the highest one committed. Events wait
in the queue only while an earlier commit runs, so each is on disk within a commit's time of being
recorded (a few milliseconds on a laptop's disk; see docs/engagement-log.md).

A full, read-only or missing disk never raises into the caller: the writer keeps the events in
memory (up to :data:`MAX_PENDING`), reports :attr:`LogStatus.state` ``FAILING`` with the reason for
staff, retries every :data:`RETRY_S` seconds, and writes them all once the disk is back.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import Enum
from pathlib import Path

from kiosk.core.engagement import schema

log = logging.getLogger(__name__)

LOG_FILE = "engagement.db"
#: Seconds between two tries to write after the disk failed.
RETRY_S = 5.0
#: Events kept in memory while the disk fails; more are refused (and counted) so memory stays small.
MAX_PENDING = 20_000
#: Events written in one transaction at most.
BATCH_MAX = 500

_Statement = tuple[str, tuple[object, ...]]


class LogState(Enum):
    """How the log is doing, for the staff menu."""

    STARTING = "starting"  # the writer has not opened the file yet
    OK = "ok"  # the last commit succeeded
    FAILING = "failing"  # the last try failed; events wait in memory and are retried
    CLOSED = "closed"


@dataclass(frozen=True)
class LogStatus:
    """What staff see about the log: its state, the last error and what waits to be written."""

    state: LogState
    path: Path
    error: str = ""
    pending: int = 0
    refused: int = 0  # events given up: the memory buffer was full, or the event was invalid

    @property
    def ok(self) -> bool:
        return self.state in (LogState.OK, LogState.STARTING) and not self.error


@dataclass(frozen=True)
class _Op:
    seq: int
    statements: Sequence[_Statement]
    checkpoint: bool = False  # truncate the WAL after the commit (after a delete)


_STOP = object()


class EngagementLog:
    """Records visits, slide views and answers into ``path``; every method returns at once.

    Methods that record return the event's sequence number (0 if the event was refused); wait on
    it with :meth:`wait_acknowledged`. ``on_commit`` is called on the writer thread with the new
    :attr:`acknowledged` number after each commit (for a Qt object, emit a signal from it: Qt
    queues it to the UI thread).
    """

    def __init__(self, path: Path, *, on_commit: Callable[[int], None] | None = None,
                 retry_s: float = RETRY_S, max_pending: int = MAX_PENDING,
                 connect: Callable[[Path], sqlite3.Connection] | None = None) -> None:
        self.path = path
        self._connect = connect or _connect
        self._on_commit = on_commit
        self._retry_s = retry_s
        self._max_pending = max_pending
        self._queue: queue.SimpleQueue[_Op | object] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._acked = threading.Condition(self._lock)
        self._seq = 0
        self._acknowledged = 0
        self._status = LogStatus(LogState.STARTING, path)
        self._laptop_id: str | None = None
        self._thread = threading.Thread(target=self._run, name="engagement-log", daemon=True)
        self._closed = False

    @classmethod
    def in_data_dir(cls, *, on_commit: Callable[[int], None] | None = None) -> EngagementLog:
        """The log in the user data folder (``data_dir()/engagement.db``), not yet started."""
        from kiosk.core.storage.paths import data_dir

        return cls(data_dir() / LOG_FILE, on_commit=on_commit)

    def start(self) -> EngagementLog:
        self._thread.start()
        return self

    # -- events ---------------------------------------------------------------------------------
    def visit_started(self, visit_id: str, at: datetime, languages: Sequence[str]) -> int:
        return self._record((
            "INSERT OR IGNORE INTO visits (id, laptop_id, started_at, languages) VALUES "
            "(?, (SELECT value FROM meta WHERE key = 'laptop_id'), ?, ?)",
            (visit_id, _iso(at), _codes(languages)),
        ))

    def visit_languages(self, visit_id: str, languages: Sequence[str]) -> int:
        return self._record(("UPDATE visits SET languages = ? WHERE id = ?", (_codes(languages), visit_id)))

    def visit_ended(self, visit_id: str, at: datetime, reason: str, languages: Sequence[str]) -> int:
        return self._record((
            "UPDATE visits SET ended_at = ?, end_reason = ?, languages = ? WHERE id = ?",
            (_iso(at), reason, _codes(languages), visit_id),
        ))

    def slide_view_started(self, view_id: str, visit_id: str, slide_id: str, language: str,
                           at: datetime) -> int:
        return self._record((
            "INSERT OR IGNORE INTO slide_views (id, visit_id, slide_id, language, shown_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (view_id, visit_id, slide_id, language, _iso(at)),
        ))

    def slide_view_ended(self, view_id: str, dwell_ms: int) -> int:
        return self._record(("UPDATE slide_views SET dwell_ms = ? WHERE id = ?", (max(0, dwell_ms), view_id)))

    def answer_given(self, event_id: str, visit_id: str, question_id: str, answer_id: str,
                     at: datetime) -> int:
        return self._record((
            "INSERT OR IGNORE INTO answers (id, visit_id, question_id, answer_id, answered_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (event_id, visit_id, question_id, answer_id, _iso(at)),
        ))

    # -- maintenance ----------------------------------------------------------------------------
    def prune(self, keep_days: int, now: datetime) -> int:
        """Delete every event older than ``keep_days`` days before ``now`` (the retention setting)."""
        cutoff = (_iso(now - timedelta(days=keep_days)),)
        return self._record(
            ("DELETE FROM slide_views WHERE julianday(shown_at) < julianday(?)", cutoff),
            ("DELETE FROM answers WHERE julianday(answered_at) < julianday(?)", cutoff),
            ("DELETE FROM visits WHERE julianday(started_at) < julianday(?)", cutoff),
            checkpoint=True,
        )

    def delete_all(self) -> int:
        """Delete every visit, view and answer (staff's "delete the log"); the laptop id stays."""
        return self._record(
            ("DELETE FROM slide_views", ()), ("DELETE FROM answers", ()), ("DELETE FROM visits", ()),
            checkpoint=True,
        )

    # -- acknowledgement and state --------------------------------------------------------------
    @property
    def acknowledged(self) -> int:
        """The highest sequence number committed: every event up to it is on disk."""
        with self._lock:
            return self._acknowledged

    @property
    def recorded(self) -> int:
        """The sequence number of the last event recorded."""
        with self._lock:
            return self._seq

    def wait_acknowledged(self, seq: int, timeout: float) -> bool:
        """Wait until event ``seq`` is committed; False if ``timeout`` seconds pass first."""
        with self._acked:
            return self._acked.wait_for(lambda: self._acknowledged >= seq, timeout)

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until everything recorded so far is committed."""
        return self.wait_acknowledged(self.recorded, timeout)

    @property
    def status(self) -> LogStatus:
        with self._lock:
            return replace(self._status, pending=self._seq - self._acknowledged)

    @property
    def laptop_id(self) -> str | None:
        """This laptop's random id, once the writer has opened the log."""
        with self._lock:
            return self._laptop_id

    def close(self, timeout: float = 5.0) -> None:
        """Write what is queued (for up to ``timeout`` seconds), then stop the writer."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._queue.put(_STOP)
        if self._thread.is_alive():
            self._thread.join(timeout)
        with self._lock:
            self._status = replace(self._status, state=LogState.CLOSED)

    # -- the caller's side ----------------------------------------------------------------------
    def _record(self, *statements: _Statement, checkpoint: bool = False) -> int:
        with self._lock:
            if self._closed:
                return 0
            if self._seq - self._acknowledged >= self._max_pending:
                self._status = replace(self._status, refused=self._status.refused + 1)
                return 0
            self._seq += 1
            seq = self._seq
            # Put under the lock: the queue holds events in sequence order.
            self._queue.put(_Op(seq, statements, checkpoint))
        return seq

    # -- the writer thread ----------------------------------------------------------------------
    def _run(self) -> None:
        conn: sqlite3.Connection | None = None
        pending: deque[_Op] = deque()
        stopping = False
        next_try = 0.0
        while True:
            if not pending and not stopping:
                stopping = self._collect(pending, None)
            failing = self._status.state is LogState.FAILING
            wait = next_try - time.monotonic()
            if pending and failing and wait > 0 and not stopping:
                stopping = self._collect(pending, wait)
                continue
            stopping = self._collect(pending, 0) or stopping
            if pending:
                if conn is None:
                    conn = self._open()
                if conn is not None and not self._write(conn, pending):
                    _close_quietly(conn)
                    conn = None
                if conn is None:
                    next_try = time.monotonic() + self._retry_s
            if stopping and (not pending or conn is None):
                break
        if pending:
            log.error("engagement log closed with %d event(s) not written: %s", len(pending),
                      self._status.error)
        if conn is not None:
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as exc:
                log.warning("cannot checkpoint the engagement log: %s", exc)
            _close_quietly(conn)

    def _collect(self, pending: deque[_Op], timeout: float | None) -> bool:
        """Move queued events to ``pending``: wait ``timeout`` s for the first (None: forever)."""
        stop = False
        try:
            item = self._queue.get(timeout=timeout) if timeout != 0 else self._queue.get_nowait()
        except queue.Empty:
            return False
        while True:
            if item is _STOP:
                stop = True
            else:
                assert isinstance(item, _Op)
                pending.append(item)
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return stop

    def _open(self) -> sqlite3.Connection | None:
        conn: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = self._connect(self.path)
            schema.configure(conn)
            schema.migrate(conn)
            laptop = schema.laptop_id(conn)
        except (sqlite3.Error, OSError) as exc:
            if conn is not None:
                _close_quietly(conn)
            self._failed(f"cannot open the visitor log {self.path}: {_reason(exc)}")
            return None
        with self._lock:
            self._laptop_id = laptop
        return conn

    def _write(self, conn: sqlite3.Connection, pending: deque[_Op]) -> bool:
        """Commit the first events of ``pending``; False when the disk failed (they stay queued)."""
        batch = [pending[i] for i in range(min(len(pending), BATCH_MAX))]
        try:
            self._commit(conn, batch)
        except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError):
            # A bad event (a bug, not the disk): write the others one by one and drop it.
            try:
                for op in batch:
                    try:
                        self._commit(conn, [op])
                    except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError) as exc:
                        log.error("engagement log: event %d refused: %s", op.seq, exc)
                        with self._lock:
                            self._status = replace(self._status, refused=self._status.refused + 1)
                    pending.popleft()
                    self._acknowledge(op.seq)
            except (sqlite3.Error, OSError) as exc:
                self._failed(f"cannot write the visitor log {self.path}: {_reason(exc)}")
                return False
            return True
        except (sqlite3.Error, OSError) as exc:
            self._failed(f"cannot write the visitor log {self.path}: {_reason(exc)}")
            return False
        for _ in batch:
            pending.popleft()
        if any(op.checkpoint for op in batch):
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as exc:  # committed anyway; the WAL is folded in later
                log.warning("cannot checkpoint the engagement log: %s", exc)
        self._acknowledge(batch[-1].seq)
        return True

    def _commit(self, conn: sqlite3.Connection, batch: Sequence[_Op]) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for op in batch:
                for sql, params in op.statements:
                    conn.execute(sql, params)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error as exc:
                    log.debug("rollback failed: %s", exc)
            raise

    def _acknowledge(self, seq: int) -> None:
        with self._acked:
            recovered = self._status.state is not LogState.OK
            if recovered and self._status.state is LogState.FAILING:
                log.warning("engagement log: writing again (%s)", self.path)
            self._acknowledged = max(self._acknowledged, seq)
            self._status = replace(self._status, state=LogState.OK, error="")
            self._acked.notify_all()
        if self._on_commit is not None:
            try:
                self._on_commit(seq)
            except Exception:  # the caller's callback must not stop the writer
                log.exception("engagement log: on_commit callback failed")

    def _failed(self, message: str) -> None:
        with self._lock:
            first = self._status.state is not LogState.FAILING or self._status.error != message
            self._status = replace(self._status, state=LogState.FAILING, error=message)
        if first:  # once per kind of failure, not at every retry
            log.error("%s; events are kept in memory and retried every %.0f s", message, self._retry_s)


def _connect(path: Path) -> sqlite3.Connection:
    """The writer's connection: autocommit mode, so :meth:`EngagementLog._commit` owns transactions."""
    return sqlite3.connect(path, isolation_level=None, timeout=2.0)


def _iso(at: datetime) -> str:
    """Local time with its UTC offset, to the millisecond: readable, and dated where it happened."""
    if at.tzinfo is None:
        at = at.astimezone()
    return at.isoformat(timespec="milliseconds")


def _codes(languages: Sequence[str]) -> str:
    return ",".join(languages)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _close_quietly(conn: sqlite3.Connection) -> None:
    try:
        conn.close()
    except sqlite3.Error as exc:
        log.debug("closing the engagement log failed: %s", exc)
