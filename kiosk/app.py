"""The composition root: options -> build -> wire -> run. Nothing else imports this module.

``kiosk`` (the console script and ``python -m kiosk``) enters at :func:`main`. The start-up order
of the kiosk itself (:func:`run_kiosk`):

1. logging to a rotating file in the user log folder (never the install folder);
2. the QApplication (mouse events synthesised from touch, so one swipe path serves both), Qt's
   messages routed into the log, the pre-rendered theme;
3. the bundled fonts (Khmer and Latin), registered once;
4. the content: the folder, else the last good copy; with neither, the error page (step 7);
5. the deck controller, the kiosk's one mode, the window, and the signals between them;
6. the window shown, then the operational features (:func:`install_operations`): lockdown, idle
   reset, presenter mode, live reload, sleep inhibit, staff access, each wired to the mode;
7. with no good content at all: the error page, watched by the content recovery, which starts
   the kiosk (step 5) once the folder is valid.

Tools (``kiosk check``, ``render``, ...) run through :mod:`kiosk.cli`, which gets a :class:`Root`
from here for the commands that need a built kiosk.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMessageLogContext,
    QObject,
    Qt,
    QTimer,
    QtMsgType,
    Slot,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from kiosk import cli
from kiosk.control.deck import DeckController
from kiosk.control.mode import KioskMode, ModeState
from kiosk.control.status import ContentStatus
from kiosk.core.content.lastgood import LastGoodStore, load_with_fallback
from kiosk.core.content.loader import LoadedContent, load_content
from kiosk.core.errors import ContentError
from kiosk.core.storage.assets import available_icons
from kiosk.core.storage.paths import assets_dir, bundled_content_dir, default_content_dir
from kiosk.core.storage.pin import PinState
from kiosk.core.storage.settings import StaffSettings
from kiosk.features.engagement.controller import EngagementController
from kiosk.features.engagement.install import install_engagement, start_log
from kiosk.features.idle.controller import IdleFeature, IdleState, install_idle
from kiosk.features.inhibit import SleepInhibitor, install_inhibit
from kiosk.features.lockdown import LockdownFeature, install_lockdown
from kiosk.features.presenter.controller import PresenterFeature, install_presenter
from kiosk.features.reload.controller import ContentRecovery, ContentReloader, install_live_reload
from kiosk.features.staff.controller import StaffController
from kiosk.features.staff.install import install_staff
from kiosk.runtime.logfile import setup_logging
from kiosk.runtime.supervisor import run_supervised
from kiosk.views.errors import ErrorPage
from kiosk.views.fonts import FontSet, register_fonts
from kiosk.views.theme import apply_theme
from kiosk.views.window import KioskWindow

log = logging.getLogger(__name__)

#: Benchmarks time a real start (source or frozen) to its first painted slide with this switch.
EXIT_AFTER_FIRST_PAINT_ENV = "KIOSK_EXIT_AFTER_FIRST_PAINT"


# --------------------------------------------------------------------------- options -> run

def main(argv: Sequence[str] | None = None) -> int:
    """``kiosk [OPTIONS] [COMMAND ...]``: a tool when a command is named, else the kiosk."""
    args = cli.parse_args(argv)
    if isinstance(args, int):
        return args
    if args.command is not None:
        return cli.run_command(args, _Root())
    raw = list(argv) if argv is not None else sys.argv[1:]
    return cli.guarded(lambda: run_supervised(raw, args.no_restart, lambda: run_kiosk(args)))


class _Root:
    """What the tools may ask of the composition root (:class:`kiosk.cli.common.Root`)."""

    def build_for_drawing(self, content_dir: Path) -> Kiosk:
        return build_kiosk(create_application(), content_dir)


# --------------------------------------------------------------------------- build

def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (or the existing one), themed."""
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


_FONTS: list[FontSet] = []


def fonts_once() -> FontSet:
    """The bundled fonts, registered with Qt the first time they are asked for."""
    if not _FONTS:
        _FONTS.append(register_fonts())
    return _FONTS[0]


@dataclass
class Kiosk:
    """The wired-up objects, for the caller (run, render, tests) to drive.

    ``content`` is what the kiosk was built with; after a live reload the content on screen is
    the :class:`ContentStatus`'s ``shown``.
    """

    app: QApplication
    fonts: FontSet
    content: LoadedContent
    controller: DeckController
    window: KioskWindow
    mode: ModeState


def build_kiosk(app: QApplication, content_dir: Path | LoadedContent, language: str | None = None) -> Kiosk:
    """Load the content (unless given loaded) and wire controller, mode and window.

    Raises ContentError for bad content.
    """
    fonts = fonts_once()
    content = content_dir if isinstance(content_dir, LoadedContent) else load_content(
        content_dir, icons=available_icons())
    deck = content.deck
    controller = DeckController(deck, language)
    mode = ModeState(parent=controller)
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
    return Kiosk(app, fonts, content, controller, window, mode)


def build_kiosk_with_fallback(app: QApplication, content_dir: Path, store: LastGoodStore | None,
                              language: str | None = None) -> tuple[Kiosk, ContentStatus]:
    """The kiosk on ``content_dir``, or on the last good copy when the folder has problems.

    Raises the folder's ContentError only when there is no good version at all (then the caller
    shows the error page). ``store`` None (safe mode, on the bundled content): no fallback, and the
    last good copy of the staff's content is left alone.
    """
    if store is None:
        loaded, problem = load_content(content_dir, icons=available_icons()), None
    else:
        loaded, problem = load_with_fallback(content_dir, store, icons=available_icons())
    kiosk = build_kiosk(app, loaded, language)
    return kiosk, ContentStatus(content_dir, kiosk.content, problem, parent=kiosk.controller)


def show_full_screen(window: QWidget) -> None:
    """Full screen, also under a bare X server where showFullScreen() alone leaves 200x100."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        window.setGeometry(screen.geometry())
    window.showFullScreen()


# --------------------------------------------------------------------------- wire

@dataclass
class Operations:
    """The operational features attached to a running kiosk (see :func:`install_operations`)."""

    lockdown: LockdownFeature
    idle: IdleFeature
    presenter: PresenterFeature | None
    reloader: ContentReloader | None
    inhibitor: SleepInhibitor
    staff: StaffController
    engagement: EngagementController


def install_operations(kiosk: Kiosk, status: ContentStatus, store: LastGoodStore | None, *,
                       presenter_mode: bool = False, safe_mode: bool = False,
                       language: str | None = None) -> Operations:
    """Lockdown, idle reset, presenter mode, live reload, sleep inhibit and the staff menu.

    Every feature follows the kiosk's one mode (``kiosk.mode``). Safe mode (after repeated
    crashes) leaves out the optional features: presenter mode and live reload.
    """
    app, mode, controller = kiosk.app, kiosk.mode, kiosk.controller
    settings = StaffSettings.in_data_dir()

    def default_language() -> str:
        """Staff's chosen default language, else the deck's: where an idle reset returns to."""
        return settings.language_for(controller.deck.language_codes, controller.deck.default_language)

    # Installed in this order on purpose: application event filters see events in the reverse
    # order, so the staff gesture sees a tap before the idle reset may swallow it.
    lockdown = install_lockdown(kiosk)
    idle = install_idle(kiosk, mode=mode, reset_language=default_language)
    presenter = None if safe_mode else install_presenter(kiosk, mode=mode, presenter=presenter_mode)
    reloader = None if safe_mode else install_live_reload(controller, status, store)
    inhibitor = install_inhibit(app)

    def exit_kiosk() -> None:
        lockdown.allow_exit()
        app.quit()

    staff = install_staff(
        kiosk, status, on_exit=exit_kiosk,
        on_toggle_presenter=None if safe_mode else lambda: mode.set_presenter(not mode.is_presenter),
        is_presenter=None if safe_mode else lambda: mode.is_presenter,
        on_reload=reloader.reload_now if reloader else None,
        settings=settings,
    )
    if language is None:
        controller.on_language_requested(default_language())

    # Staff menu -> the mode (the idle reset pauses while it is open, and resumes after).
    staff.menu_opened.connect(mode.open_staff)
    staff.closed.connect(mode.close_staff)
    # A visitor's idle countdown (or the attract loop) closes a PIN pad left open.
    idle.state_changed.connect(
        lambda state: staff.close() if state in (IdleState.PROMPT, IdleState.ATTRACT) else None
    )
    if staff.gate.state() is PinState.NOT_SET:  # no factory PIN: staff choose one before anything else
        staff.open_setup(first_start=True)

    # The visitor log: installed last, so its input filter sees every touch first (and passes it on).
    engagement = install_engagement(kiosk, start_log(controller.deck.log_keep_days),
                                    counting=lambda: mode.mode is not KioskMode.STAFF)
    idle.state_changed.connect(lambda state: engagement.on_idle_reset() if state is IdleState.ATTRACT else None)
    staff.add_section(engagement)
    staff.menu_opened.connect(engagement.on_staff_menu_opened)
    app.aboutToQuit.connect(engagement.on_quit)
    return Operations(lockdown, idle, presenter, reloader, inhibitor, staff, engagement)


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


# --------------------------------------------------------------------------- run

def _start(app: QApplication, args: argparse.Namespace, content_dir: Path, safe_mode: bool) -> Operations:
    """Build, show and equip the kiosk; raises ContentError when there is no good content at all."""
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
        _FirstPaintExit(kiosk, operations)  # parented to the window, so it lives as long
    log.info("kiosk started on %s (%s)%s", content_dir, os.environ.get("QT_QPA_PLATFORM", "default platform"),
             " in safe mode" if safe_mode else "")
    return operations


def run_kiosk(args: argparse.Namespace) -> int:
    """``kiosk`` with no command: the full-screen kiosk with every operational feature."""
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
        log.error("content has errors and no good version is kept:\n%s", exc)
        page = ErrorPage(exc, fonts_once())
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
