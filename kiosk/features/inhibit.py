"""Keep the screen on while the kiosk runs: no blanking, no screen saver, no sleep.

* Linux: the freedesktop ScreenSaver service on the session bus (KDE, GNOME through its
  screensaver proxy, Xfce, LXQt ...): ``Inhibit(app, reason) -> cookie``, ``UnInhibit(cookie)``
  at exit. The service also drops the inhibition by itself when the kiosk's bus connection
  closes, so a crash does not leave the screen on forever.
* Windows: ``SetThreadExecutionState(ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED)``
  from the GUI thread, and ``ES_CONTINUOUS`` alone at exit.

Whatever happens (done, not possible, failed) is written to the log, so staff can tell why a
screen went dark.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage

log = logging.getLogger(__name__)

SCREENSAVER_SERVICE = "org.freedesktop.ScreenSaver"
SCREENSAVER_PATH = "/org/freedesktop/ScreenSaver"
SCREENSAVER_INTERFACE = "org.freedesktop.ScreenSaver"
INHIBIT_REASON = "Kiosk is showing slides to visitors"

ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002


class DBusReply(Protocol):
    """What the inhibitor reads of a QDBusMessage reply."""

    def type(self) -> QDBusMessage.MessageType: ...
    def arguments(self) -> list[Any]: ...
    def errorMessage(self) -> str: ...


class ScreenSaverInterface(Protocol):
    """The part of QDBusInterface the inhibitor uses (tests pass a fake)."""

    def isValid(self) -> bool: ...
    def call(self, method: str, /, *args: Any) -> DBusReply: ...


class Kernel32(Protocol):
    def SetThreadExecutionState(self, flags: int, /) -> int: ...


def session_screensaver() -> ScreenSaverInterface | None:
    """The ScreenSaver service on the session bus, or None (logged) when there is none."""
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        log.warning(
            "screen blanking NOT inhibited: no D-Bus session bus (%s)", bus.lastError().message()
        )
        return None
    interface = QDBusInterface(SCREENSAVER_SERVICE, SCREENSAVER_PATH, SCREENSAVER_INTERFACE, bus)
    if not interface.isValid():
        log.warning(
            "screen blanking NOT inhibited: no %s service on the session bus (%s)",
            SCREENSAVER_SERVICE,
            interface.lastError().message(),
        )
        return None
    return interface


def windows_kernel32() -> Kernel32 | None:
    windll = getattr(ctypes, "windll", None)
    return getattr(windll, "kernel32", None) if windll is not None else None


class SleepInhibitor(QObject):
    """Asks the operating system to keep the display on; :meth:`release` undoes it."""

    def __init__(
        self,
        app_name: str,
        *,
        reason: str = INHIBIT_REASON,
        platform: str = sys.platform,
        screensaver: Callable[[], ScreenSaverInterface | None] = session_screensaver,
        kernel32: Callable[[], Kernel32 | None] = windows_kernel32,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.app_name = app_name
        self.reason = reason
        self.platform = platform
        self._screensaver_factory = screensaver
        self._kernel32_factory = kernel32
        self._interface: ScreenSaverInterface | None = None
        self._kernel32: Kernel32 | None = None
        self.cookie: int | None = None
        self.method = ""  # how the display is kept on, for the log and the staff diagnostics

    @property
    def active(self) -> bool:
        return bool(self.method)

    def inhibit(self) -> bool:
        """Keep the display on. True when the operating system agreed."""
        if self.active:
            return True
        if self.platform.startswith("win"):
            return self._inhibit_windows()
        if self.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
            return self._inhibit_dbus()
        log.warning("screen blanking NOT inhibited: nothing known to do on %s", self.platform)
        return False

    @Slot()
    def release(self) -> None:
        """Let the display sleep again (at exit)."""
        if self._interface is not None and self.cookie is not None:
            reply = self._interface.call("UnInhibit", self.cookie)
            if reply.type() == QDBusMessage.MessageType.ErrorMessage:
                log.info(
                    "UnInhibit failed (%s); the inhibition ends when the kiosk disconnects",
                    reply.errorMessage(),
                )
            else:
                log.info("screen blanking allowed again (cookie %d released)", self.cookie)
            self.cookie = None
        if self._kernel32 is not None:
            self._kernel32.SetThreadExecutionState(ES_CONTINUOUS)
            log.info("screen blanking allowed again (SetThreadExecutionState cleared)")
            self._kernel32 = None
        self.method = ""

    def _inhibit_dbus(self) -> bool:
        interface = self._screensaver_factory()
        if interface is None:
            return False  # the factory logged why
        reply = interface.call("Inhibit", self.app_name, self.reason)
        if reply.type() == QDBusMessage.MessageType.ErrorMessage:
            log.warning(
                "screen blanking NOT inhibited: %s.Inhibit failed: %s",
                SCREENSAVER_SERVICE,
                reply.errorMessage(),
            )
            return False
        arguments = reply.arguments()
        if not arguments or not isinstance(arguments[0], int):
            log.warning(
                "screen blanking NOT inhibited: %s.Inhibit gave no cookie (%r)",
                SCREENSAVER_SERVICE,
                arguments,
            )
            return False
        self._interface = interface
        self.cookie = int(arguments[0])
        self.method = f"D-Bus {SCREENSAVER_SERVICE}.Inhibit (cookie {self.cookie})"
        log.info("screen blanking inhibited through %s", self.method)
        return True

    def _inhibit_windows(self) -> bool:
        kernel32 = self._kernel32_factory()
        if kernel32 is None:
            log.warning("screen blanking NOT inhibited: kernel32 is not available")
            return False
        previous = kernel32.SetThreadExecutionState(
            ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED
        )
        if not previous:
            log.warning("screen blanking NOT inhibited: SetThreadExecutionState failed")
            return False
        self._kernel32 = kernel32
        self.method = (
            "SetThreadExecutionState(ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED)"
        )
        log.info("screen blanking inhibited through %s", self.method)
        return True


def install_inhibit(
    app: QCoreApplication,
    *,
    platform: str = sys.platform,
    screensaver: Callable[[], ScreenSaverInterface | None] = session_screensaver,
    kernel32: Callable[[], Kernel32 | None] = windows_kernel32,
) -> SleepInhibitor:
    """Keep the display on while ``app`` runs; released when the application quits."""
    inhibitor = SleepInhibitor(
        app.applicationName() or "kiosk",
        platform=platform,
        screensaver=screensaver,
        kernel32=kernel32,
        parent=app,
    )
    inhibitor.inhibit()
    app.aboutToQuit.connect(inhibitor.release)
    return inhibitor
