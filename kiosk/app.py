"""The composition root: the one place that creates the QApplication and wires the kiosk together.

Start-up order:
1. logging (to a rotating file in the user log folder, never the install folder);
2. the QApplication, with mouse events synthesised from touch so one swipe code path serves both;
3. the bundled fonts (Khmer and Latin) and the pre-rendered theme (nothing written to HOME);
4. the content: validated; on errors the kiosk shows them instead of a slide;
5. the controller (state) and the window (views), and the signals between them, grouped below.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMessageLogContext,
    QObject,
    Qt,
    QTimer,
    QtMsgType,
    Signal,
    Slot,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.control.deck import DeckController
from kiosk.core.content.errors import ContentError
from kiosk.core.content.loader import LoadedContent, load_content
from kiosk.views.fonts import FontSet, register_fonts
from kiosk.runtime.logfile import setup_logging
from kiosk.core.storage.paths import assets_dir, default_content_dir
from kiosk.views.theme import apply_theme
from kiosk.views.window import KioskWindow

if TYPE_CHECKING:  # the operational features import this module: import them late
    from kiosk.core.storage.lastgood import LastGoodStore
    from kiosk.features.idle.controller import IdleFeature
    from kiosk.features.inhibit import SleepInhibitor
    from kiosk.features.lockdown import LockdownFeature
    from kiosk.features.presenter.controller import PresenterFeature
    from kiosk.features.reload.controller import ContentReloader, ContentStatus
    from kiosk.features.staff.controller import StaffAccess

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (or the existing one), themed and with the bundled fonts registered."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_SynthesizeMouseForUnhandledTouchEvents, True)
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    qInstallMessageHandler(_qt_message_to_log)
    app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName("miro-kiosk")
    app.setOrganizationName("miro-kiosk")
    apply_theme(app, assets_dir())
    return app


# Messages Qt prints that say nothing about the kiosk (the offscreen platform cannot resize
# native windows; Latin-first font lists note that Noto Sans has no Khmer tables).
_QT_NOISE = ("This plugin does not support propagateSizeHints", "OpenType support missing for")
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message_to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's messages go to the log file, not to a visitor's or an editor's terminal."""
    level = logging.DEBUG if any(n in message for n in _QT_NOISE) else _QT_LEVELS.get(kind, logging.INFO)
    logging.getLogger(f"qt.{context.category or 'default'}").log(level, "%s", message)


@dataclass
class Kiosk:
    """The wired-up objects, for the caller (run, render, tests) to drive."""

    app: QApplication
    fonts: FontSet
    content: LoadedContent
    controller: DeckController
    window: KioskWindow


def icon_names() -> list[str]:
    from kiosk.cli import available_icons

    return available_icons(assets_dir())


def build_kiosk(app: QApplication, content_dir: Path | LoadedContent, language: str | None = None) -> Kiosk:
    """Load the content (unless given loaded) and wire controller and window.

    Raises ContentError for bad content.
    """
    fonts = register_fonts()
    content = content_dir if isinstance(content_dir, LoadedContent) else load_content(content_dir, icons=icon_names())
    deck = content.deck
    controller = DeckController(deck, language)
    window = KioskWindow(deck, controller.language, fonts, assets_dir())

    # Visitor intent -> controller.
    window.next_requested.connect(controller.on_next_requested)
    window.previous_requested.connect(controller.on_previous_requested)
    window.home_requested.connect(controller.on_home_requested)
    window.first_requested.connect(controller.on_first_requested)
    window.last_requested.connect(controller.on_last_requested)
    window.page_requested.connect(controller.on_page_requested)
    window.topic_requested.connect(controller.on_topic_requested)
    window.language_requested.connect(controller.on_language_requested)

    # Controller facts -> window.
    controller.page_changed.connect(window.show_page)
    controller.language_changed.connect(window.set_language)
    controller.deck_changed.connect(window.set_deck)
    return Kiosk(app, fonts, content, controller, window)


def show_full_screen(window: KioskWindow) -> None:
    """Full screen, also under a bare X server where showFullScreen() alone leaves 200x100."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        window.setGeometry(screen.geometry())
    window.showFullScreen()


@dataclass
class Operations:
    """The operational features attached to a running kiosk (see :func:`install_operations`)."""

    lockdown: LockdownFeature
    idle: IdleFeature
    presenter: PresenterFeature | None
    reloader: ContentReloader | None
    inhibitor: SleepInhibitor
    staff: StaffAccess


def install_operations(kiosk: Kiosk, status: ContentStatus, store: LastGoodStore | None, *,
                       presenter_mode: bool = False, safe_mode: bool = False,
                       language: str | None = None) -> Operations:
    """Lockdown, idle reset, presenter mode, live reload, sleep inhibit and the staff menu.

    Safe mode (after repeated crashes) leaves out the optional features: presenter mode and live
    reload.
    """
    from kiosk.features.idle.controller import IdleState, install_idle
    from kiosk.features.inhibit import install_inhibit
    from kiosk.features.lockdown import install_lockdown
    from kiosk.features.presenter.controller import install_presenter
    from kiosk.features.reload.controller import install_live_reload
    from kiosk.features.staff.controller import install_staff

    app = kiosk.app
    lockdown = install_lockdown(kiosk)
    idle = install_idle(kiosk)
    presenter = None if safe_mode else install_presenter(kiosk, idle=idle, presenter=presenter_mode)
    reloader = None if safe_mode else install_live_reload(kiosk, status, store)
    inhibitor = install_inhibit(kiosk)

    def exit_kiosk() -> None:
        lockdown.allow_exit()
        app.quit()

    def toggle_presenter() -> None:
        if presenter is not None:
            presenter.set_presenter(not presenter.is_presenter)

    staff = install_staff(
        kiosk, status, on_exit=exit_kiosk,
        on_toggle_presenter=toggle_presenter if presenter else None,
        is_presenter=(lambda: presenter.is_presenter) if presenter else None,
        on_reload=reloader.reload_now if reloader else None,
    )
    idle.reset_language = lambda: staff.default_language
    if language is None and staff.default_language in kiosk.content.deck.language_codes:
        kiosk.controller.on_language_requested(staff.default_language)

    # The staff menu pauses the idle reset; leaving it restores what the mode wants. A visitor's
    # idle countdown (or the attract loop) closes a staff menu left open.
    staff.menu_opened.connect(lambda: idle.set_enabled(False))
    staff.closed.connect(lambda: idle.set_enabled(presenter is None or not presenter.is_presenter))
    idle.state_changed.connect(
        lambda state: staff.close() if state in (IdleState.PROMPT, IdleState.ATTRACT) else None
    )
    return Operations(lockdown, idle, presenter, reloader, inhibitor, staff)


#: Benchmarks time a real start (source or frozen) to its first painted slide with this switch.
EXIT_AFTER_FIRST_PAINT_ENV = "KIOSK_EXIT_AFTER_FIRST_PAINT"


class _FirstPaintExit(QObject):
    """Quits once the current page has been painted at the window's real size."""

    def __init__(self, kiosk: Kiosk, operations: Operations) -> None:
        super().__init__(kiosk.window)
        self.kiosk = kiosk
        self.operations = operations
        self.done = False
        kiosk.app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        window = self.kiosk.window
        if (not self.done and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
                and window.swipe.isAncestorOf(watched) and window.isVisible()
                and window.size() == (window.screen().size() if window.screen() else window.size())):
            self.done = True
            QTimer.singleShot(0, self.quit)  # after the whole paint pass
        return False

    @Slot()
    def quit(self) -> None:
        log.info("first page painted: exiting (%s)", EXIT_AFTER_FIRST_PAINT_ENV)
        self.operations.lockdown.allow_exit()
        self.kiosk.app.quit()


def _exit_after_first_paint(kiosk: Kiosk, operations: Operations) -> None:
    _FirstPaintExit(kiosk, operations)  # parented to the window, so it lives as long


class ContentRecovery(QObject):
    """While no good content exists, re-checks the content folder after each edit.

    The error page lists the problems; once the staff's edit makes the folder valid, ``valid``
    fires and the kiosk starts without anyone touching the laptop.
    """

    valid = Signal()
    still_broken = Signal(object)  # ContentError

    def __init__(self, content_dir: Path, debounce_ms: int = 500, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtCore import QFileSystemWatcher

        self.content_dir = content_dir
        self.watcher = QFileSystemWatcher(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        self.timer.timeout.connect(self.on_settled)
        self.watcher.directoryChanged.connect(lambda _path: self.timer.start())
        self.watcher.fileChanged.connect(lambda _path: self.timer.start())
        self._watch()

    def _watch(self) -> None:
        paths = [str(self.content_dir)] if self.content_dir.is_dir() else []
        if self.content_dir.is_dir():
            paths += [str(p) for p in self.content_dir.glob("*.y*ml")]
        known = set(self.watcher.files()) | set(self.watcher.directories())
        wanted = [p for p in paths if p not in known]
        if wanted:
            self.watcher.addPaths(wanted)

    @Slot()
    def on_settled(self) -> None:
        self._watch()  # editors replace files: watch the new ones
        try:
            load_content(self.content_dir, icons=icon_names())
        except ContentError as exc:
            self.still_broken.emit(exc)
            return
        self.valid.emit()


def _start(app: QApplication, args: argparse.Namespace, content_dir: Path, safe_mode: bool) -> Operations:
    """Build, show and equip the kiosk; raises ContentError when there is no good content at all."""
    from kiosk.core.storage.lastgood import LastGoodStore
    from kiosk.features.reload.controller import build_kiosk_with_fallback

    store = None if safe_mode else LastGoodStore.in_data_dir()
    kiosk, status = build_kiosk_with_fallback(app, content_dir, store, args.lang)
    if args.windowed:
        kiosk.window.resize(1280, 720)
        kiosk.window.show()
    else:
        show_full_screen(kiosk.window)
    operations = install_operations(kiosk, status, store, presenter_mode=args.presenter,
                                    safe_mode=safe_mode, language=args.lang)
    if os.environ.get(EXIT_AFTER_FIRST_PAINT_ENV) == "1":
        _exit_after_first_paint(kiosk, operations)
    log.info("kiosk started on %s (%s)%s", content_dir, os.environ.get("QT_QPA_PLATFORM", "default platform"),
             " in safe mode" if safe_mode else "")
    return operations


def run_kiosk(args: argparse.Namespace) -> int:
    """``kiosk`` with no command: the full-screen kiosk with every operational feature."""
    from kiosk.core.storage.paths import bundled_content_dir

    setup_logging()
    app = create_application()
    safe_mode = bool(getattr(args, "safe_mode", False))
    if safe_mode:
        content_dir = bundled_content_dir()
    else:
        content_dir = Path(args.content) if args.content else default_content_dir()
    running: list[Operations] = []
    try:
        running.append(_start(app, args, content_dir, safe_mode))
    except ContentError as exc:
        from kiosk.views.errors import ErrorPage

        log.error("content has errors and no good version is kept:\n%s", exc)
        page = ErrorPage(exc)
        recovery = ContentRecovery(content_dir, parent=page)
        recovery.still_broken.connect(page.show_problems)

        def on_valid() -> None:
            log.info("the content is valid now: starting the kiosk")
            running.append(_start(app, args, content_dir, safe_mode))
            page.hide()
            page.deleteLater()

        recovery.valid.connect(on_valid)
        if args.windowed:
            page.show()
        else:
            page.showFullScreen()
    code = app.exec()
    for operations in running:
        operations.inhibitor.release()
    return code
