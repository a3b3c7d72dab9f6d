"""The kiosk's heartbeat: one byte a second from its event loop to the supervisor, so a hang is seen.

The supervisor hands the kiosk the writing end of a pipe (its number in :data:`HEARTBEAT_FD_ENV`).
A timer on the event loop writes :data:`BEAT` to it every second; a blocked loop writes nothing,
and the supervisor restarts the kiosk. The end of the pipe (the kiosk gone) wakes the supervisor
at once. Without the variable (``--no-restart``, Windows) there is no heartbeat.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

HEARTBEAT_FD_ENV = "KIOSK_HEARTBEAT_FD"
BEAT = b"."
BEAT_INTERVAL_MS = 1000


def heartbeat_fd(environ: Mapping[str, str] | None = None) -> int | None:
    """The pipe to beat on, or None when nobody listens."""
    value = (os.environ if environ is None else environ).get(HEARTBEAT_FD_ENV, "")
    return int(value) if value.isdigit() else None


class Heartbeat(QObject):
    """Writes a beat every second from the event loop; never blocks the loop, never raises."""

    def __init__(self, fd: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fd = fd
        os.set_blocking(fd, False)  # a full pipe (a stalled supervisor) must not freeze the kiosk
        self.timer = QTimer(self)
        self.timer.setInterval(BEAT_INTERVAL_MS)
        self.timer.timeout.connect(self.beat)
        self.timer.start()
        QTimer.singleShot(0, self.beat)  # the first beat as soon as the event loop runs

    def beat(self) -> None:
        try:
            os.write(self.fd, BEAT)
        except BlockingIOError:
            pass  # the supervisor is behind: the beats already waiting say the same
        except OSError as exc:  # the supervisor is gone: nothing left to tell
            log.warning("heartbeat stopped: %s", exc)
            self.timer.stop()


def start_heartbeat(parent: QObject) -> Heartbeat | None:
    """Start beating for the supervisor (when there is one); the beat lives as long as ``parent``."""
    fd = heartbeat_fd()
    return Heartbeat(fd, parent) if fd is not None else None
