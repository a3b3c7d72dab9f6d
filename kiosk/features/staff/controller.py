"""Staff access by touch: a hidden corner gesture opens a PIN pad, the PIN opens the staff menu.

The gesture: five taps within 3 s in the top-left corner (a 12 mm square) of the kiosk window.
An application event filter only watches; the taps still do what they do (the Home button sits
there). This module decides; :mod:`kiosk.features.staff.views` only shows and announces.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk import __version__
from kiosk.app import Kiosk
from kiosk.core.content.ui_words import UiText
from kiosk.core.storage import paths
from kiosk.core.storage.pin import PinFile, PinGate, PinResult
from kiosk.core.storage.settings import StaffSettings
from kiosk.features.reload.controller import ContentStatus
from kiosk.features.staff.views import ErrorBadge, StaffOverlay
from kiosk.views.base import SlideContext
from kiosk.views.fonts import FontSet, font_for, khmer_glyph_font_families

log = logging.getLogger(__name__)

CORNER_MM = 12.0
GESTURE_TAPS = 5
GESTURE_WINDOW_S = 3.0
LOG_TAIL_LINES = 15
LOG_TAIL_BYTES = 16_384
KHMER_SAMPLE = "អង្គការសិទ្ធិជនជាតិភាគតិច"


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
        screen = self.window.screen() or QGuiApplication.primaryScreen()
        dpi = screen.physicalDotsPerInch() if screen is not None else 96.0
        dpi = dpi if 50.0 <= dpi <= 600.0 else 96.0
        return round(self.corner_mm * dpi / 25.4)

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


def read_log_tail(path: Path, lines: int = LOG_TAIL_LINES) -> list[str]:
    """The last ``lines`` lines of the log file (reading only its end), or [] if unreadable."""
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, 2)
            handle.seek(max(0, size - LOG_TAIL_BYTES))
            data = handle.read()
    except OSError:
        return []
    return data.decode("utf-8", errors="replace").splitlines()[-lines:]


def khmer_font_check(kiosk_fonts: FontSet) -> tuple[str, bool]:
    """Which fonts draw a Khmer sample; a problem unless it is the bundled Khmer font alone."""
    font = font_for("km", kiosk_fonts, pixel_size=24)
    families = khmer_glyph_font_families(KHMER_SAMPLE, font)
    ok = families == {kiosk_fonts.khmer}
    drawn = ", ".join(sorted(families)) or "nothing"
    return (f"OK: drawn with {drawn}" if ok else f"PROBLEM: drawn with {drawn}"), not ok


class StaffAccess(QObject):
    """The staff feature: gesture -> PIN pad -> menu -> callbacks; the error badge; diagnostics."""

    menu_opened = Signal()
    closed = Signal()
    default_language_changed = Signal(str)

    def __init__(self, kiosk: Kiosk, status: ContentStatus, *,
                 on_exit: Callable[[], None],
                 on_toggle_presenter: Callable[[], None] | None = None,
                 is_presenter: Callable[[], bool] | None = None,
                 on_reload: Callable[[], None] | None = None,
                 pin_file: PinFile | None = None,
                 settings: StaffSettings | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.status = status
        self.on_exit = on_exit
        self.on_toggle_presenter = on_toggle_presenter
        self.is_presenter = is_presenter
        self.on_reload = on_reload
        self.gate = PinGate(pin_file or PinFile.in_data_dir(), clock=clock)
        self.settings = settings or StaffSettings.in_data_dir()
        window = kiosk.window
        deck = kiosk.controller.deck
        self.overlay = StaffOverlay([(lang.code, lang.name) for lang in deck.languages], window)
        self.badge = ErrorBadge(window, window.context().metrics.px_per_mm)
        self.detector = CornerTapDetector(window, clock=clock, parent=self)

        # Staff intent (views) -> this controller.
        self.detector.gesture_detected.connect(self.on_gesture_detected)
        pad, menu, diagnostics = self.overlay.pin_pad, self.overlay.menu, self.overlay.diagnostics
        pad.pin_submitted.connect(self.on_pin_submitted)
        pad.cancelled.connect(self.on_close_requested)
        menu.exit_requested.connect(self.on_exit_requested)
        menu.presenter_requested.connect(self.on_presenter_requested)
        menu.reload_requested.connect(self.on_reload_requested)
        menu.default_language_requested.connect(self.on_default_language_requested)
        menu.diagnostics_requested.connect(self.on_diagnostics_requested)
        menu.close_requested.connect(self.on_close_requested)
        diagnostics.back_requested.connect(self.on_back_requested)
        # Facts -> views.
        status.changed.connect(self.on_status_changed)

        self.lock_timer = QTimer(self)
        self.lock_timer.setInterval(1000)
        self.lock_timer.timeout.connect(self.on_lock_tick)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.detector)
        self.on_status_changed()

    # -- state ------------------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.overlay.isVisible()

    @property
    def default_language(self) -> str:
        """The language the kiosk returns to (after idle): staff's choice, else the deck's."""
        deck = self.kiosk.controller.deck
        chosen = self.settings.default_language
        return chosen if chosen in deck.language_codes else deck.default_language

    def _context(self) -> SlideContext:
        return self.kiosk.window.context()

    def _text(self, key: UiText) -> str:
        return self._context().ui(key)

    def _apply_context(self) -> None:
        context = self._context()
        self.overlay.pin_pad.apply_context(context)
        self.overlay.menu.apply_context(
            context, presenter=self.is_presenter() if self.is_presenter is not None
            and self.on_toggle_presenter is not None else None)
        self.overlay.menu.set_reload_available(self.on_reload is not None)
        self.overlay.menu.set_default_language(self.default_language)
        self.overlay.diagnostics.apply_context(context)
        self.overlay.apply_context(context)

    def _menu_status(self) -> list[tuple[str, bool]]:
        lines = [(self._text(UiText.CONTENT_PROBLEMS if self.status.has_problems
                             else UiText.CONTENT_OK), self.status.has_problems)]
        if self.gate.uses_default_pin:
            lines.append((self._text(UiText.PIN_DEFAULT_IN_USE), True))
        return lines

    # -- slots ------------------------------------------------------------------------------
    @Slot()
    def on_gesture_detected(self) -> None:
        if self.is_open:
            return
        self.open_pin_pad()

    def open_pin_pad(self) -> None:
        self._apply_context()
        pad = self.overlay.pin_pad
        pad.clear_entry()
        pad.set_message("")
        self.detector.enabled = False
        self.overlay.show_page(pad)
        self.on_lock_tick()
        if self.gate.locked_remaining_s() > 0:
            self.lock_timer.start()

    @Slot(str)
    def on_pin_submitted(self, pin: str) -> None:
        result = self.gate.try_pin(pin)
        pad = self.overlay.pin_pad
        if result is PinResult.ACCEPTED:
            log.info("staff menu opened")
            self.open_menu()
        elif result is PinResult.WRONG:
            pad.set_message(self._text(UiText.PIN_WRONG).replace(
                "{count}", str(self.gate.attempts_left)))
        else:
            self.on_lock_tick()
            self.lock_timer.start()

    @Slot()
    def on_lock_tick(self) -> None:
        remaining = self.gate.locked_remaining_s()
        pad = self.overlay.pin_pad
        pad.set_locked(remaining > 0)
        if remaining > 0:
            pad.set_message(self._text(UiText.PIN_LOCKED).replace(
                "{seconds}", str(int(remaining + 0.999))))
        else:
            self.lock_timer.stop()
            if pad.message.text().strip() and self.gate.failures == 0:
                pad.set_message("")

    def open_menu(self) -> None:
        self._apply_context()
        self.overlay.menu.set_status(self._menu_status())
        self.overlay.show_page(self.overlay.menu)
        self.menu_opened.emit()

    @Slot()
    def on_exit_requested(self) -> None:
        log.info("staff: exit")
        self.close()
        self.on_exit()

    @Slot()
    def on_presenter_requested(self) -> None:
        if self.on_toggle_presenter is not None:
            log.info("staff: presenter/kiosk mode")
            self.close()
            self.on_toggle_presenter()

    @Slot()
    def on_reload_requested(self) -> None:
        if self.on_reload is not None:
            log.info("staff: reload content")
            self.on_reload()
            self.overlay.menu.set_status(self._menu_status())

    @Slot(str)
    def on_default_language_requested(self, code: str) -> None:
        if code not in self.kiosk.controller.deck.language_codes:
            return
        log.info("staff: default language %s", code)
        self.settings.set_default_language(code)
        self.kiosk.controller.on_language_requested(code)
        self.default_language_changed.emit(code)
        self.open_menu()  # in the new language

    @Slot()
    def on_diagnostics_requested(self) -> None:
        self._apply_context()
        self.refresh_diagnostics()
        self.overlay.show_page(self.overlay.diagnostics)

    @Slot()
    def on_back_requested(self) -> None:
        self.open_menu()

    @Slot()
    def on_close_requested(self) -> None:
        self.close()

    @Slot()
    def close(self) -> None:
        """Hide the staff UI (also for the idle timer: the menu never stays open unattended)."""
        if not self.overlay.isVisible():
            return
        self.lock_timer.stop()
        self.overlay.pin_pad.clear_entry()
        self.overlay.hide()
        self.detector.enabled = True
        self.kiosk.window.setFocus()
        self.closed.emit()

    @Slot()
    def on_status_changed(self) -> None:
        self.badge.setVisible(self.status.has_problems)
        if self.status.has_problems:
            self.badge.raise_()
        if self.overlay.isVisible():
            self.overlay.menu.set_status(self._menu_status())
            if self.overlay.stack.currentWidget() is self.overlay.diagnostics:
                self.refresh_diagnostics()

    # -- diagnostics ----------------------------------------------------------------------------
    def diagnostics_facts(self) -> tuple[list[tuple[str, str, bool]], list[str], list[str]]:
        status = self.status
        report = status.shown.report
        rows: list[tuple[str, str, bool]] = [
            (self._text(UiText.VERSION), __version__, False),
            (self._text(UiText.CONTENT_FOLDER), str(status.content_dir), False),
        ]
        problems: list[str] = []
        if status.problem is not None:
            count = len(status.problem.problems)
            shown = f" Showing the last good copy: {status.shown.deck.root}" if (
                status.showing_last_good) else ""
            rows.append((self._text(UiText.CONTENT_CHECK),
                         f"{count} problem(s); the last good content stays on screen.{shown}",
                         True))
            problems = [str(p) for p in status.problem.problems]
        else:
            rows.append((self._text(UiText.CONTENT_CHECK), report.summary(), False))
        rows.append((self._text(UiText.AWAITING_REVIEW), str(report.awaiting_review),
                     report.awaiting_review > 0))
        font_text, font_bad = khmer_font_check(self.kiosk.fonts)
        rows.append((self._text(UiText.KHMER_FONT), font_text, font_bad))
        rows.append((self._text(UiText.SCREEN), self._screen_facts(), False))
        rows.append((self._text(UiText.DATA_FOLDER), str(paths.data_dir()), False))
        rows.append((self._text(UiText.LOG_FOLDER), str(paths.log_dir()), False))
        if self.gate.uses_default_pin:
            rows.append(("PIN", self._text(UiText.PIN_DEFAULT_IN_USE), True))
        log_lines = read_log_tail(paths.log_dir() / "kiosk.log")
        if log_lines:
            log_lines = [f"{self._text(UiText.LAST_LOG_LINES)}:", *log_lines]
        return rows, problems, log_lines

    def _screen_facts(self) -> str:
        window = self.kiosk.window
        screen = window.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return "no screen"
        size = screen.size()
        return (f"{size.width()} x {size.height()} px, {screen.physicalDotsPerInch():.0f} dpi "
                f"(logical {screen.logicalDotsPerInch():.0f}, "
                f"scale {screen.devicePixelRatio():g}); "
                f"window {window.width()} x {window.height()} px")

    def refresh_diagnostics(self) -> None:
        self.overlay.diagnostics.set_facts(*self.diagnostics_facts())


def install_staff(kiosk: Kiosk, status: ContentStatus | None = None, *,
                  on_exit: Callable[[], None],
                  on_toggle_presenter: Callable[[], None] | None = None,
                  is_presenter: Callable[[], bool] | None = None,
                  on_reload: Callable[[], None] | None = None,
                  pin_file: PinFile | None = None,
                  settings: StaffSettings | None = None,
                  clock: Callable[[], float] = time.monotonic) -> StaffAccess:
    """Add the staff gesture, PIN pad, menu, diagnostics and error badge to the wired kiosk.

    ``status`` comes from :func:`kiosk.features.reload.controller.build_kiosk_with_fallback` (without it: the content
    the kiosk was built with, no problems). The menu hides presenter and reload when their
    callbacks are None (safe mode).
    """
    if status is None:
        status = ContentStatus(kiosk.content.deck.root, kiosk.content, None,
                               parent=kiosk.controller)
    return StaffAccess(kiosk, status, on_exit=on_exit, on_toggle_presenter=on_toggle_presenter,
                       is_presenter=is_presenter, on_reload=on_reload, pin_file=pin_file,
                       settings=settings, clock=clock, parent=kiosk.controller)
