"""The hidden staff gesture: five taps within 3 s in the top-left corner of the kiosk window.

An application event filter only watches; the taps still do what they do (the Home button sits
there). The corner is a 12 mm square, measured on the screen the window is on.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

from kiosk.views.metrics import px_per_mm

log = logging.getLogger(__name__)

CORNER_MM = 12.0
GESTURE_TAPS = 5
GESTURE_WINDOW_S = 3.0


class CornerTapDetector(QObject):
    """Application event filter: announces ``gesture_detected`` after the corner taps.

    Counts mouse presses, which also covers touch (no kiosk widget accepts touch, so Qt turns
    touches into mouse events). One press reaches the filter once per widget it propagates to,
    so presses are de-duplicated by timestamp and position.
    """

    gesture_detected = Signal()

    def __init__(self, window: QWidget, *, corner_mm: float = CORNER_MM, taps: int = GESTURE_TAPS,
                 within_s: float = GESTURE_WINDOW_S,
                 clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.corner_mm = corner_mm
        self.taps = taps
        self.within_s = within_s
        self.clock = clock
        self.enabled = True
        self._times: deque[float] = deque()
        self._last_press: tuple[int, int, int] | None = None

    def corner_px(self) -> int:
        return round(self.corner_mm * px_per_mm(self.window))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            self._on_press(watched, event)
        return False  # never eat the tap

    def _belongs_to_window(self, watched: QObject) -> bool:
        if watched is self.window or watched is self.window.windowHandle():
            return True
        return isinstance(watched, QWidget) and self.window.isAncestorOf(watched)

    def _on_press(self, watched: QObject, event: QMouseEvent) -> None:
        if not self.enabled or not self._belongs_to_window(watched):
            return
        global_pos = event.globalPosition().toPoint()
        key = (event.timestamp(), global_pos.x(), global_pos.y())
        if key == self._last_press:
            return  # the same press, propagating to a parent widget
        self._last_press = key
        local = self.window.mapFromGlobal(global_pos)
        corner = self.corner_px()
        if not (0 <= local.x() < corner and 0 <= local.y() < corner):
            self._times.clear()
            return
        now = self.clock()
        self._times.append(now)
        while self._times and now - self._times[0] > self.within_s:
            self._times.popleft()
        if len(self._times) >= self.taps:
            self._times.clear()
            log.info("staff gesture detected")
            self.gesture_detected.emit()
