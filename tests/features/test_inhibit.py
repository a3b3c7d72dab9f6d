"""Screen blanking inhibited: the right D-Bus or Win32 calls, and a log line in every case."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtDBus import QDBusMessage
from PySide6.QtWidgets import QApplication

from kiosk.features.inhibit import (
    ES_CONTINUOUS,
    ES_DISPLAY_REQUIRED,
    ES_SYSTEM_REQUIRED,
    INHIBIT_REASON,
    SleepInhibitor,
    install_inhibit,
)


@dataclass
class FakeReply:
    kind: QDBusMessage.MessageType
    values: list[Any] = field(default_factory=list)
    error: str = ""

    def type(self) -> QDBusMessage.MessageType:
        return self.kind

    def arguments(self) -> list[Any]:
        return self.values

    def errorMessage(self) -> str:
        return self.error


@dataclass
class FakeScreenSaver:
    """Stands in for QDBusInterface(org.freedesktop.ScreenSaver)."""

    inhibit_reply: FakeReply = field(
        default_factory=lambda: FakeReply(QDBusMessage.MessageType.ReplyMessage, [4242])
    )
    calls: list[tuple[Any, ...]] = field(default_factory=list)

    def isValid(self) -> bool:
        return True

    def call(self, method: str, /, *args: Any) -> FakeReply:
        self.calls.append((method, *args))
        if method == "Inhibit":
            return self.inhibit_reply
        return FakeReply(QDBusMessage.MessageType.ReplyMessage)


@dataclass
class FakeKernel32:
    result: int = 0x80000000
    flags: list[int] = field(default_factory=list)

    def SetThreadExecutionState(self, flags: int, /) -> int:
        self.flags.append(flags)
        return self.result


def test_linux_inhibits_through_the_screensaver_service_and_releases_at_exit(
    caplog: pytest.LogCaptureFixture,
) -> None:
    bus = FakeScreenSaver()
    inhibitor = SleepInhibitor("miro-kiosk", platform="linux", screensaver=lambda: bus)
    with caplog.at_level(logging.INFO, logger="kiosk.features.inhibit"):
        assert inhibitor.inhibit() is True
        assert bus.calls == [("Inhibit", "miro-kiosk", INHIBIT_REASON)]
        assert inhibitor.cookie == 4242
        assert inhibitor.active
        inhibitor.release()
    assert bus.calls[-1] == ("UnInhibit", 4242)
    assert not inhibitor.active
    assert (
        "screen blanking inhibited through D-Bus org.freedesktop.ScreenSaver.Inhibit (cookie 4242)"
        in caplog.text
    )
    assert "cookie 4242 released" in caplog.text


def test_inhibit_twice_asks_once() -> None:
    bus = FakeScreenSaver()
    inhibitor = SleepInhibitor("k", platform="linux", screensaver=lambda: bus)
    assert inhibitor.inhibit()
    assert inhibitor.inhibit()
    assert [c[0] for c in bus.calls] == ["Inhibit"]


def test_no_session_bus_logs_that_nothing_was_done(caplog: pytest.LogCaptureFixture) -> None:
    inhibitor = SleepInhibitor("k", platform="linux", screensaver=lambda: None)
    assert inhibitor.inhibit() is False
    assert not inhibitor.active
    inhibitor.release()  # nothing to undo, no error


def test_a_refused_inhibit_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    bus = FakeScreenSaver(FakeReply(QDBusMessage.MessageType.ErrorMessage, error="Access denied"))
    inhibitor = SleepInhibitor("k", platform="linux", screensaver=lambda: bus)
    with caplog.at_level(logging.INFO, logger="kiosk.features.inhibit"):
        assert inhibitor.inhibit() is False
    assert "NOT inhibited: org.freedesktop.ScreenSaver.Inhibit failed: Access denied" in caplog.text
    inhibitor.release()
    assert [c[0] for c in bus.calls] == ["Inhibit"]  # no UnInhibit without a cookie


def test_the_real_session_bus_lookup_logs_when_there_is_no_service(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/kiosk-test-bus")
    from kiosk.features import inhibit

    with caplog.at_level(logging.INFO, logger="kiosk.features.inhibit"):
        interface = inhibit.session_screensaver()
    if interface is None:
        assert "screen blanking NOT inhibited" in caplog.text
    else:  # a session bus was already connected in this process; then the interface is usable
        assert interface.isValid()


def test_windows_keeps_display_and_system_on_and_clears_at_exit(
    caplog: pytest.LogCaptureFixture,
) -> None:
    kernel32 = FakeKernel32()
    inhibitor = SleepInhibitor("k", platform="win32", kernel32=lambda: kernel32)
    with caplog.at_level(logging.INFO, logger="kiosk.features.inhibit"):
        assert inhibitor.inhibit() is True
        inhibitor.release()
    assert kernel32.flags == [
        ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED,
        ES_CONTINUOUS,
    ]
    assert kernel32.flags[0] == 0x80000003
    assert "inhibited through SetThreadExecutionState" in caplog.text
    assert "SetThreadExecutionState cleared" in caplog.text


def test_windows_failure_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    inhibitor = SleepInhibitor("k", platform="win32", kernel32=lambda: FakeKernel32(result=0))
    with caplog.at_level(logging.INFO, logger="kiosk.features.inhibit"):
        assert inhibitor.inhibit() is False
    assert "NOT inhibited: SetThreadExecutionState failed" in caplog.text


def test_other_systems_log_that_nothing_was_done(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="kiosk.features.inhibit"):
        assert SleepInhibitor("k", platform="darwin").inhibit() is False
    assert "NOT inhibited: nothing known to do on darwin" in caplog.text


def test_install_inhibits_now_and_releases_when_the_application_quits(qapp: QApplication) -> None:
    bus = FakeScreenSaver()
    inhibitor = install_inhibit(qapp, platform="linux", screensaver=lambda: bus)
    assert bus.calls == [("Inhibit", qapp.applicationName(), INHIBIT_REASON)]
    qapp.aboutToQuit.emit()
    assert bus.calls[-1] == ("UnInhibit", 4242)
    inhibitor.setParent(None)
    inhibitor.deleteLater()
