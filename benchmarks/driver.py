"""Drives a real kiosk window the way a visitor does and waits, without polling, until it is painted.

Used by the child processes (kiosk_probe, interaction, soak); Qt is imported at module level here
because only those children import this module.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.app import Kiosk, build_kiosk, create_application, show_full_screen


@dataclass
class PaintLog:
    """Paints of the swipe area's pages, and the window's frames, timestamped (perf_counter).

    A frame starts when the window gets its UpdateRequest (Qt then paints every dirty widget and
    flushes); it ends when the event loop next runs a zero-delay timer, i.e. after that paint pass.
    Paint events alone are not enough: Qt scrolls a moved page by copying pixels, without a Paint.
    """

    #: time, the page's metrics (width, height), x. No reference to the page itself: holding the
    #: Python wrapper would keep what it holds (a decoded picture) alive after Qt deletes the page.
    page_paints: list[tuple[float, tuple[int, int], int]] = field(default_factory=list)
    frames: list[list[float]] = field(default_factory=list)  # [start, end]; end 0.0 while painting
    last_page_change: float = 0.0  # a page moved, resized, appeared or disappeared

    def clear(self) -> None:
        self.page_paints.clear()
        self.frames.clear()

    def frames_between(self, start: float, end: float) -> list[list[float]]:
        return [f for f in self.frames if start <= f[0] <= end and f[1]]


_PAGE_CHANGES = (QEvent.Type.Paint, QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show,
                 QEvent.Type.Hide)


class _Watcher(QObject):
    def __init__(self, driver: KioskDriver) -> None:
        super().__init__()
        self.driver = driver

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        driver = self.driver
        if kind in _PAGE_CHANGES and isinstance(watched, QWidget):
            if watched.parentWidget() is driver.window.swipe:
                now = time.perf_counter()
                if kind == QEvent.Type.Paint:
                    metrics = watched.context.metrics  # type: ignore[attr-defined]
                    driver.log.page_paints.append((now, (metrics.width, metrics.height), watched.x()))
                else:
                    driver.log.last_page_change = now
        elif kind == QEvent.Type.UpdateRequest and watched is driver.window:
            frame = [time.perf_counter(), 0.0]
            driver.log.frames.append(frame)
            QTimer.singleShot(0, lambda: driver.on_frame_end(frame))
        return False


class KioskDriver:
    """A kiosk at 1920x1080 with a paint log, and visitor actions that wait for the painted result."""

    def __init__(self, content_dir: Path, language: str | None = None) -> None:
        self.app = create_application()
        self.kiosk: Kiosk = build_kiosk(self.app, content_dir, language)
        self.window = self.kiosk.window
        self.controller = self.kiosk.controller
        self.log = PaintLog()
        self._watcher = _Watcher(self)
        self.app.installEventFilter(self._watcher)
        self._loop: QEventLoop | None = None
        self._done: Callable[[], bool] = lambda: False
        self.animation = self.window.swipe._animation
        self.finished_at = 0.0
        self.animation.finished.connect(self._on_finished)

    def _on_finished(self) -> None:
        self.finished_at = time.perf_counter()
        if self._loop is not None:
            QTimer.singleShot(0, self._check)

    def _check(self) -> None:
        if self._loop is not None and self._done():
            self._loop.quit()

    # -- waiting ----------------------------------------------------------------------------------
    def on_frame_end(self, frame: list[float]) -> None:
        frame[1] = time.perf_counter()
        if self._loop is not None and self._done():
            self._loop.quit()

    def wait(self, done: Callable[[], bool], timeout_ms: int = 5000) -> bool:
        """Run the event loop until ``done()`` holds after a paint (or at once if it already does)."""
        if done():
            return True
        self._loop = QEventLoop()
        self._done = done
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(self._loop.quit)
        timer.start(timeout_ms)
        self._loop.exec()
        self._loop = None
        timer.stop()
        return done()

    def current_page_widget(self) -> QWidget | None:
        return self.window.swipe.built_pages().get(self.window.swipe.current)

    def at_rest(self) -> bool:
        page = self.current_page_widget()
        window = self.window
        if page is None or window.swipe.is_animating or window.current_page != self.controller.page:
            return False
        metrics = page.context.metrics  # type: ignore[attr-defined]
        return (metrics.width, metrics.height) == (window.width(), window.height()) \
            and page.geometry() == window.swipe.page_rect()

    def painted_at_rest_since(self, since: float) -> float | None:
        """When the pages, at rest, were first fully drawn in their final place after ``since``.

        That is the end of the first frame after the last change of a page's place; near the end of
        an eased animation the last steps move nothing, so that frame may come before ``finished``.
        """
        if not self.at_rest():
            return None
        since = max(since, self.log.last_page_change)
        for start, end in self.log.frames:
            if start >= since and end:
                return end
        return None

    def first_page_paint(self) -> float | None:
        """When a page built for the window's present size was first painted (for the launch)."""
        for when, size, _x in self.log.page_paints:
            if size == (self.window.width(), self.window.height()):
                return when
        return None

    def show(self) -> None:
        show_full_screen(self.window)
        self.settle()

    def settle(self, timeout_ms: int = 5000) -> None:
        """Until the current page is at rest and painted (repainting it if nothing is pending)."""
        mark = time.perf_counter()
        if not self.wait(lambda: self.painted_at_rest_since(mark) is not None, 300):
            page = self.current_page_widget()
            if page is not None:
                page.update()
            self.wait(lambda: self.painted_at_rest_since(mark) is not None, timeout_ms)

    def pump(self, ms: int) -> None:
        """Let the event loop run for ``ms`` (a visitor's pause)."""
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    # -- the visitor ------------------------------------------------------------------------------
    def key(self, key: Qt.Key) -> None:
        press = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)
        release = QKeyEvent(QEvent.Type.KeyRelease, key, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(self.window, press)
        QApplication.sendEvent(self.window, release)

    def _mouse(self, kind: QEvent.Type, pos: QPoint, buttons: Qt.MouseButton) -> None:
        target = self.window.childAt(pos) or self.window
        local = target.mapFrom(self.window, pos)
        global_pos = self.window.mapToGlobal(pos)
        button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
        event = QMouseEvent(kind, QPointF(local), QPointF(local), QPointF(global_pos), button, buttons,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(target, event)

    def press(self, pos: QPoint) -> None:
        self._mouse(QEvent.Type.MouseButtonPress, pos, Qt.MouseButton.LeftButton)

    def move(self, pos: QPoint) -> None:
        self._mouse(QEvent.Type.MouseMove, pos, Qt.MouseButton.LeftButton)

    def release(self, pos: QPoint) -> None:
        self._mouse(QEvent.Type.MouseButtonRelease, pos, Qt.MouseButton.NoButton)

    def tap(self, pos: QPoint) -> None:
        self.press(pos)
        self.release(pos)

    def drag(self, start: QPoint, end: QPoint, steps: int = 8, step_ms: int = 0) -> None:
        """Press, move in ``steps`` and stop before releasing (the caller releases)."""
        self.press(start)
        for i in range(1, steps + 1):
            point = QPoint(start.x() + (end.x() - start.x()) * i // steps,
                           start.y() + (end.y() - start.y()) * i // steps)
            self.move(point)
            if step_ms:
                self.pump(step_ms)

    def swipe_centre(self) -> QPoint:
        swipe = self.window.swipe
        return swipe.mapTo(self.window, QPoint(swipe.width() // 2, swipe.height() // 2))


def percentile(values: list[float], share: float) -> float:
    """The ``share`` (0..1) percentile, nearest-rank (no interpolation: a real observed value)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), math.ceil(share * len(ordered))))
    return ordered[rank - 1]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
