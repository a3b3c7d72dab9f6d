"""The kiosk's heartbeat: beats from the event loop onto the supervisor's pipe, and none when it blocks."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from kiosk.runtime.heartbeat import BEAT, HEARTBEAT_FD_ENV, start_heartbeat


@pytest.fixture
def pipe(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[int, int]]:
    read, write = os.pipe()
    os.set_blocking(read, False)
    monkeypatch.setenv(HEARTBEAT_FD_ENV, str(write))
    yield read, write
    for fd in (read, write):
        os.close(fd)


def _beats(fd: int) -> bytes:
    try:
        return os.read(fd, 4096)
    except BlockingIOError:
        return b""


def test_the_event_loop_beats_and_a_blocked_loop_does_not(qtbot: QtBot, pipe: tuple[int, int]) -> None:
    owner = QObject()
    heartbeat = start_heartbeat(owner)
    assert heartbeat is not None
    qtbot.waitUntil(lambda: _beats(pipe[0]) == BEAT, timeout=2000)  # the first beat, at once
    time.sleep(1.5)  # the loop is blocked here: nothing beats
    assert _beats(pipe[0]) == b""
    qtbot.waitUntil(lambda: _beats(pipe[0]).startswith(BEAT), timeout=3000)  # it beats again once it runs
    heartbeat.timer.stop()


def test_no_supervisor_no_heartbeat(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(HEARTBEAT_FD_ENV, raising=False)
    assert start_heartbeat(QObject()) is None


def test_a_gone_supervisor_stops_the_beat_without_an_error(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    read, write = os.pipe()
    monkeypatch.setenv(HEARTBEAT_FD_ENV, str(write))
    os.close(read)  # the supervisor is gone
    owner = QObject()
    heartbeat = start_heartbeat(owner)
    assert heartbeat is not None
    try:
        qtbot.waitUntil(lambda: not heartbeat.timer.isActive(), timeout=3000)
    finally:
        os.close(write)
    assert "heartbeat stopped" in caplog.text
