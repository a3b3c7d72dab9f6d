"""The engagement log's writer: what reaches the file, and how it behaves when the disk fails."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from kiosk.core.engagement import schema
from kiosk.core.engagement.log import EngagementLog, LogState

PHNOM_PENH = timezone(timedelta(hours=7))
T0 = datetime(2025, 3, 1, 9, 30, 0, tzinfo=PHNOM_PENH)


@pytest.fixture
def started() -> Iterator[Callable[..., EngagementLog]]:
    logs: list[EngagementLog] = []

    def make(path: Path, **kwargs: object) -> EngagementLog:
        engagement = EngagementLog(path, **kwargs).start()  # type: ignore[arg-type]
        logs.append(engagement)
        return engagement

    yield make
    for engagement in logs:
        engagement.close()


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_events_reach_the_file_in_wal_mode_with_the_current_schema(
        tmp_path: Path, started: Callable[..., EngagementLog]) -> None:
    path = tmp_path / "data" / "engagement.db"
    log = started(path)
    log.visit_started("v1", T0, ["km"])
    log.slide_view_started("s1", "v1", "mission", "km", T0 + timedelta(seconds=2))
    log.slide_view_ended("s1", 4200)
    log.answer_given("a1", "v1", "feedback", "happy", T0 + timedelta(seconds=7))
    log.visit_languages("v1", ["km", "en"])
    seq = log.visit_ended("v1", T0 + timedelta(seconds=60), "idle", ["km", "en"])
    assert log.wait_acknowledged(seq, 5.0)
    assert log.status.state is LogState.OK
    assert log.status.pending == 0

    laptop = log.laptop_id
    assert laptop is not None
    assert len(laptop) == 32
    assert rows(path, "SELECT * FROM visits") == [
        ("v1", laptop, "2025-03-01T09:30:00.000+07:00", "2025-03-01T09:31:00.000+07:00", "idle", "km,en")]
    assert rows(path, "SELECT * FROM slide_views") == [
        ("s1", "v1", "mission", "km", "2025-03-01T09:30:02.000+07:00", 4200)]
    assert rows(path, "SELECT * FROM answers") == [
        ("a1", "v1", "feedback", "happy", "2025-03-01T09:30:07.000+07:00")]
    assert rows(path, "PRAGMA journal_mode") == [("wal",)]
    assert rows(path, "PRAGMA user_version") == [(schema.SCHEMA_VERSION,)]


def test_the_laptop_id_is_made_once_and_kept(tmp_path: Path, started: Callable[..., EngagementLog]) -> None:
    path = tmp_path / "engagement.db"
    first = started(path)
    assert first.flush()
    assert first.wait_acknowledged(first.visit_started("v1", T0, ["km"]), 5.0)
    laptop = first.laptop_id
    first.close()
    second = started(path)
    assert second.wait_acknowledged(second.visit_started("v2", T0, ["en"]), 5.0)
    assert second.laptop_id == laptop
    assert rows(path, "SELECT DISTINCT laptop_id FROM visits") == [(laptop,)]


def test_on_commit_reports_each_acknowledged_sequence_number(
        tmp_path: Path, started: Callable[..., EngagementLog]) -> None:
    seen: list[int] = []
    done = threading.Event()

    def on_commit(seq: int) -> None:
        seen.append(seq)
        if seq >= 3:
            done.set()

    log = started(tmp_path / "engagement.db", on_commit=on_commit)
    seqs = [log.answer_given(f"a{i}", "v", "q", "x", T0) for i in range(3)]
    assert seqs == [1, 2, 3]
    assert done.wait(5.0)
    assert seen == sorted(seen)
    assert seen[-1] == 3
    assert log.acknowledged == 3


def test_a_folder_that_cannot_be_made_is_reported_and_the_events_wait(
        tmp_path: Path, started: Callable[..., EngagementLog]) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    path = blocker / "engagement.db"
    log = started(path, retry_s=0.05)
    seq = log.answer_given("a1", "v1", "feedback", "sad", T0)  # never raises
    assert seq == 1
    assert not log.wait_acknowledged(seq, 0.3)
    status = log.status
    assert status.state is LogState.FAILING
    assert not status.ok
    assert status.error.startswith(f"cannot open the visitor log {path}: ")
    assert status.pending == 1
    # The folder comes back (a USB disk plugged in again): the waiting event is written.
    blocker.unlink()
    blocker.mkdir()
    assert log.wait_acknowledged(seq, 5.0)
    assert log.status.ok
    assert log.status.error == ""
    assert rows(path, "SELECT id FROM answers") == [("a1",)]


class FlakyDisk:
    """Opens the log as the kiosk does, but on a disk that is full or read-only until told otherwise."""

    def __init__(self, problem: str) -> None:
        self.problem = problem
        self.opened = 0

    def __call__(self, path: Path) -> sqlite3.Connection:
        self.opened += 1
        if self.problem == "read-only" and path.exists():
            return sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        conn = sqlite3.connect(path, isolation_level=None)
        if self.problem == "full":
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            # SQLite answers SQLITE_FULL ("database or disk is full") past this many pages.
            conn.execute(f"PRAGMA max_page_count = {max(pages, 8)}")
        return conn


@pytest.mark.parametrize(("problem", "message"), [
    ("full", "database or disk is full"),
    ("read-only", "attempt to write a readonly database"),
])
def test_a_full_or_read_only_disk_is_reported_and_nothing_is_lost_when_it_recovers(
        tmp_path: Path, started: Callable[..., EngagementLog], problem: str, message: str) -> None:
    path = tmp_path / "engagement.db"
    first = started(path)
    assert first.wait_acknowledged(first.visit_started("v0", T0, ["km"]), 5.0)
    first.close()
    disk = FlakyDisk(problem)
    log = started(path, retry_s=0.05, connect=disk)
    big = "x" * 200
    seqs = [log.answer_given(f"a{i}", "v1", "feedback" + big, "happy", T0) for i in range(200)]
    assert not log.wait_acknowledged(seqs[-1], 0.5)
    assert log.status.state is LogState.FAILING
    assert message in log.status.error
    assert disk.opened >= 2  # retried
    disk.problem = ""
    assert log.wait_acknowledged(seqs[-1], 5.0)
    assert rows(path, "SELECT count(*) FROM answers") == [(200,)]
    assert rows(path, "PRAGMA integrity_check") == [("ok",)]


def test_events_beyond_the_memory_buffer_are_refused_and_counted(
        tmp_path: Path, started: Callable[..., EngagementLog]) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("")
    log = started(blocker / "engagement.db", retry_s=10.0, max_pending=3)
    assert [log.answer_given(f"a{i}", "v", "q", "x", T0) for i in range(5)] == [1, 2, 3, 0, 0]
    assert log.status.refused == 2
    assert log.status.pending == 3


def test_a_log_from_a_newer_kiosk_is_left_alone(tmp_path: Path, started: Callable[..., EngagementLog]) -> None:
    path = tmp_path / "engagement.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    log = started(path, retry_s=10.0)
    seq = log.answer_given("a1", "v", "q", "x", T0)
    assert not log.wait_acknowledged(seq, 0.5)
    assert "this kiosk knows up to" in log.status.error
    assert rows(path, "SELECT name FROM sqlite_master") == []


def test_retention_deletes_only_events_older_than_the_setting(
        tmp_path: Path, started: Callable[..., EngagementLog]) -> None:
    path = tmp_path / "engagement.db"
    log = started(path)
    old, recent = T0 - timedelta(days=31), T0 - timedelta(days=29)
    for name, at in (("old", old), ("recent", recent)):
        log.visit_started(name, at, ["km"])
        log.slide_view_started(f"{name}-view", name, "mission", "km", at)
        log.answer_given(f"{name}-answer", name, "feedback", "happy", at)
    assert log.wait_acknowledged(log.prune(30, T0), 5.0)
    assert rows(path, "SELECT id FROM visits") == [("recent",)]
    assert rows(path, "SELECT id FROM slide_views") == [("recent-view",)]
    assert rows(path, "SELECT id FROM answers") == [("recent-answer",)]


def test_deleting_the_log_leaves_no_readable_trace_in_the_files(
        tmp_path: Path, started: Callable[..., EngagementLog]) -> None:
    path = tmp_path / "engagement.db"
    log = started(path)
    marker = "where-do-you-come-from"
    for i in range(50):
        log.answer_given(f"answer-{i}", "v", marker, "kampot", T0)
    assert log.flush()
    laptop = log.laptop_id
    rows(path, "PRAGMA wal_checkpoint(TRUNCATE)")  # the answers now sit in the main file's pages
    assert marker.encode() in path.read_bytes()
    assert log.wait_acknowledged(log.delete_all(), 5.0)
    assert rows(path, "SELECT count(*) FROM answers") == [(0,)]
    wal = Path(f"{path}-wal")
    leftovers = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert marker.encode() not in leftovers
    assert rows(path, "SELECT value FROM meta WHERE key = 'laptop_id'") == [(laptop,)]


def test_nothing_is_recorded_after_close(tmp_path: Path) -> None:
    log = EngagementLog(tmp_path / "engagement.db").start()
    assert log.wait_acknowledged(log.answer_given("a1", "v", "q", "x", T0), 5.0)
    log.close()
    assert log.answer_given("a2", "v", "q", "x", T0) == 0
    assert log.status.state is LogState.CLOSED
    # A clean close folds the WAL into the file: one self-contained file to copy.
    assert not Path(f"{tmp_path / 'engagement.db'}-wal").exists() or \
        Path(f"{tmp_path / 'engagement.db'}-wal").stat().st_size == 0
