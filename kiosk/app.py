"""The composition root: options -> build -> wire -> run. Nothing else imports this module.

``kiosk`` (the console script and ``python -m kiosk``) enters at :func:`main`. The start-up order
of the kiosk itself (:func:`run_kiosk`):

1. logging to a file in the user log folder (never the install folder), rotating from step 7 on;
2. the QApplication (mouse events synthesised from touch, so one swipe path serves both), Qt's
   messages routed into the log, the pre-rendered theme;
3. the bundled fonts (Khmer and Latin), registered once;
4. the content: the folder, else the last good copy (each through the validated-deck cache, so an
   unchanged deck starts without pydantic or YAML); with neither, the error page (step 8);
5. the deck controller, the kiosk's one mode, the window, and the signals between them;
6. the lockdown, before the window is first shown: it watches the window only (closing keys and
   close requests are refused from the first frame) and holds it on top, full screen and with the
   keyboard against the window manager; then the window is shown;
7. once the first frame is painted (:class:`_FirstFrame`), log rotation and the operational features
   (:func:`install_operations`): the application-wide event filters (swipe, lockdown), idle
   reset, presenter mode, live reload, sleep inhibit, staff access (the set-up pad when no PIN is
   set), the visitor log, each wired to the one mode, and the last good copy stored. Only what
   the first screen needs is built before it is painted: an application-wide Python event filter
   active while Qt paints the first frame makes PySide6 create ~150 more enum classes;
8. with no good content at all: the error page, under the same lockdown and full screen, watched
   by the content recovery, which starts the kiosk (step 5) once the folder is valid.

A heartbeat from the event loop tells the supervisor (:mod:`kiosk.runtime.supervisor`) the kiosk is
alive; only staff's Exit ends it for good (``EXIT_FINAL``).

Tools (``kiosk check``, ``render``, ...) run through :mod:`kiosk.cli`, which gets a :class:`Root`
from here for the commands that need a built kiosk.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

# The Qt-free modules first: PySide6 reads the source of every module imported after it (its
# __feature__ import hook looks for the word PySide6), about 0.2 ms a module at every start.
from kiosk import cli
from kiosk.core.content.cache import load_content_cached
from kiosk.core.content.lastgood import LastGoodStore, load_with_fallback, save_quietly
from kiosk.core.content.loaded import LoadedContent
from kiosk.core.errors import ContentError
from kiosk.core.storage.assets import available_icons
from kiosk.core.storage.paths import assets_dir, bundled_content_dir, default_content_dir
from kiosk.core.storage.settings import StaffSettings
from kiosk.runtime.children import exit_like_python
from kiosk.runtime.logfile import setup_logging, start_rotation
from kiosk.runtime.safemode import safe_mode_content, safe_mode_reason
from kiosk.runtime.supervisor import EXIT_FINAL, final_code, run_supervised

# isort: split
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

from kiosk.control.deck import DeckController
from kiosk.control.mode import KioskMode, ModeState
from kiosk.control.status import ContentStatus
from kiosk.features.lockdown import LockdownFeature, install_lockdown, lock_window, show_full_screen
from kiosk.runtime.heartbeat import start_heartbeat
from kiosk.views.fonts import FontSet, register_fonts
from kiosk.views.theme import apply_theme, style_arguments
from kiosk.views.window import KioskWindow

if TYPE_CHECKING:  # the operational features are imported after the first frame (install_operations)
    from kiosk.features.engagement.controller import EngagementController
    from kiosk.features.idle.controller import IdleFeature
    from kiosk.features.inhibit import SleepInhibitor
    from kiosk.features.presenter.controller import PresenterFeature
    from kiosk.features.reload.controller import ContentReloader
    from kiosk.features.staff.controller import StaffController

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
        app = create_application()  # first: the tools' drawing needs Qt either way
        # Read the validated-deck cache, never write it: a tool writes nothing to the home folder.
        kiosk = build_kiosk(app, load_content_cached(content_dir, available_icons(), write=False))
        # Nobody swipes a drawing: without the swipe's application-wide Python filter the pages
        # build as fast as the kiosk's first screen (PySide6 wraps every event for such a filter).
        app.removeEventFilter(kiosk.window.swipe)
        return kiosk


# --------------------------------------------------------------------------- build

def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (or the existing one), themed."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_SynthesizeMouseForUnhandledTouchEvents, True)
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    qInstallMessageHandler(_qt_message_to_log)
    app = QApplication([*(argv or [sys.argv[0]]), *style_arguments()])
    app.setApplicationName("miro-kiosk")
    app.setOrganizationName("miro-kiosk")
    apply_theme(app, assets_dir(), style_chosen=True)
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
    content = content_dir if isinstance(content_dir, LoadedContent) else load_content_cached(
        content_dir, available_icons())
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
                              language: str | None = None,
                              settings: StaffSettings | None = None) -> tuple[Kiosk, ContentStatus]:
    """The kiosk on ``content_dir``, or on the last good copy when the folder has problems.

    Raises the folder's ContentError only when there is no good version at all (then the caller
    shows the error page). ``store`` None (safe mode, on the bundled content): no fallback, and the
    last good copy of the staff's content is left alone (the caller stores good content, see
    :func:`install_operations`). ``language`` None and ``settings`` given: the staff's default.
    """
    if store is None:
        loaded, problem = load_content_cached(content_dir, available_icons()), None
    else:
        loaded, problem = load_with_fallback(content_dir, store, icons=available_icons())
    if language is None and settings is not None:  # the first screen in the right language
        language = settings.language_for(loaded.deck.language_codes, loaded.deck.default_language)
    kiosk = build_kiosk(app, loaded, language)
    return kiosk, ContentStatus(content_dir, kiosk.content, problem, parent=kiosk.controller)


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
                       language: str | None = None, lockdown: LockdownFeature | None = None,
                       settings: StaffSettings | None = None) -> Operations:
    """Lockdown, idle reset, presenter mode, live reload, sleep inhibit and the staff menu.

    Every feature follows the kiosk's one mode (``kiosk.mode``). Safe mode (after repeated
    crashes) leaves out the optional features: presenter mode and live reload. ``lockdown``: the
    one installed before the first frame (watching the window), now made application-wide.
    Last, good content from the folder is stored as the last good copy.
    """
    # Late imports for speed: the features (and QtDBus, QtSvg views) load after the first frame.
    from kiosk.core.storage.pin import PinState
    from kiosk.features.engagement.install import install_engagement, start_log
    from kiosk.features.idle.controller import IdleState, install_idle
    from kiosk.features.inhibit import install_inhibit
    from kiosk.features.presenter.controller import install_presenter
    from kiosk.features.reload.controller import install_live_reload
    from kiosk.features.staff.install import install_staff

    app, mode, controller = kiosk.app, kiosk.mode, kiosk.controller
    settings = settings or StaffSettings.in_data_dir()

    def default_language() -> str:
        """Staff's chosen default language, else the deck's: where an idle reset returns to."""
        return settings.language_for(controller.deck.language_codes, controller.deck.default_language)

    # Installed in this order on purpose: application event filters see events in the reverse
    # order, so the staff gesture sees a tap before the idle reset may swallow it.
    if lockdown is None:  # (the kiosk's start installs it before the first frame and passes it in)
        lockdown = install_lockdown(kiosk, mode=mode)
    else:
        _watch_application(app, kiosk.window, lockdown)
    idle = install_idle(kiosk, mode=mode, reset_language=default_language)
    presenter = None if safe_mode else install_presenter(kiosk, mode=mode, presenter=presenter_mode)
    reloader = None if safe_mode else install_live_reload(controller, status, store)
    inhibitor = install_inhibit(app)

    reason = safe_mode_reason(asked=True) if safe_mode else None  # why, for staff

    def exit_kiosk() -> None:
        lockdown.allow_exit()
        app.exit(EXIT_FINAL)  # the one exit the supervisor does not restart

    staff = install_staff(
        kiosk, status, on_exit=exit_kiosk,
        on_toggle_presenter=None if safe_mode else lambda: mode.set_presenter(not mode.is_presenter),
        is_presenter=None if safe_mode else lambda: mode.is_presenter,
        on_reload=reloader.reload_now if reloader else None,
        settings=settings, safe_mode=reason.words if reason else None,
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
    if store is not None and status.problem is None:
        save_quietly(store, status.shown)  # the folder's content passed: keep it as the last good

    # The visitor log: installed last, so its input filter sees every touch first (and passes it on).
    engagement = install_engagement(kiosk, start_log(controller.deck.log_keep_days),
                                    counting=lambda: mode.mode is not KioskMode.STAFF)
    idle.state_changed.connect(lambda state: engagement.on_idle_reset() if state is IdleState.ATTRACT else None)
    staff.add_section(engagement)
    staff.menu_opened.connect(engagement.on_staff_menu_opened)
    app.aboutToQuit.connect(engagement.on_quit)
    return Operations(lockdown, idle, presenter, reloader, inhibitor, staff, engagement)


def _watch_application(app: QApplication, window: QWidget, event_filter: QObject) -> None:
    """Move ``event_filter`` from the window to the whole application (after the first frame)."""
    window.removeEventFilter(event_filter)
    app.removeEventFilter(event_filter)  # never twice
    app.installEventFilter(event_filter)


class _FirstFrame(QObject):
    """Runs ``then`` once the window's first frame at its shown size has been painted.

    It watches the window alone (an object event filter, not an application-wide one): Qt sends
    the window its Paint event first in a paint pass, and the zero-delay timer started there runs
    after the whole pass, the current page included.
    """

    def __init__(self, window: QWidget, then: Callable[[], None], *, full_screen: bool) -> None:
        super().__init__(window)
        self.window = window
        self.then = then
        self.full_screen = full_screen
        self.done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        window = self.window
        if (not self.done and watched is window and event.type() == QEvent.Type.Paint and window.isVisible()
                and (not self.full_screen or window.screen() is None
                     or window.size() == window.screen().size())):
            self.done = True
            window.removeEventFilter(self)
            QTimer.singleShot(0, self.on_painted)  # after the whole paint pass
        return False

    @Slot()
    def on_painted(self) -> None:
        self.then()


# --------------------------------------------------------------------------- run

def _start(app: QApplication, args: argparse.Namespace, content_dir: Path, safe_mode: bool,
           running: list[Operations]) -> Kiosk:
    """Build and show the kiosk, equip it after its first frame (appended to ``running``).

    The caller keeps the returned kiosk: until the operations hold it, nothing else does. Raises
    ContentError when there is no good content at all.
    """
    store = None if safe_mode else LastGoodStore.in_data_dir()
    settings = StaffSettings.in_data_dir()
    kiosk, status = build_kiosk_with_fallback(app, content_dir, store, args.lang, settings)
    # Until the first frame is painted only the window is watched: a close request (Alt+F4) and
    # the closing keys are refused from the start, without an application-wide Python filter.
    swipe = kiosk.window.swipe
    app.removeEventFilter(swipe)
    # Locked before it is first shown: on top and held against the window manager from the first frame.
    lockdown = install_lockdown(kiosk, mode=kiosk.mode, hold=not args.windowed)
    app.removeEventFilter(lockdown)
    kiosk.window.installEventFilter(lockdown)

    def after_first_frame() -> None:
        if os.environ.get(EXIT_AFTER_FIRST_PAINT_ENV) == "1":
            log.info("first page painted: exiting (%s)", EXIT_AFTER_FIRST_PAINT_ENV)
            # At once, as the floor it is measured against leaves: the launch is timed to its
            # first frame, not to a teardown (~30 ms). EXIT_FINAL: the supervisor does not restart it.
            exit_like_python(final_code(EXIT_FINAL) if args.no_restart else EXIT_FINAL)
        start_rotation()
        app.installEventFilter(swipe)
        running.append(install_operations(kiosk, status, store, presenter_mode=args.presenter,
                                          safe_mode=safe_mode, language=args.lang, lockdown=lockdown,
                                          settings=settings))
        log.info("kiosk equipped after its first frame")

    _FirstFrame(kiosk.window, after_first_frame, full_screen=not args.windowed)  # lives as the window
    if args.windowed:
        kiosk.window.resize(1280, 720)
        kiosk.window.show()
    else:
        show_full_screen(kiosk.window)
    log.info("kiosk started on %s (%s)%s", content_dir, os.environ.get("QT_QPA_PLATFORM", "default platform"),
             " in safe mode" if safe_mode else "")
    return kiosk


def run_kiosk(args: argparse.Namespace) -> int:
    """``kiosk`` with no command: the full-screen kiosk with every operational feature."""
    setup_logging(rotate=False)  # rotation (and logging.handlers) after the first frame
    app = create_application()
    start_heartbeat(app)  # for the supervisor: a kiosk whose event loop stops beating is restarted
    reason = safe_mode_reason(bool(getattr(args, "safe_mode", False)))  # --safe-mode, or the supervisor's
    safe_mode = reason is not None
    if reason is not None:  # the organisation's last good content, else the bundled one
        content_dir = safe_mode_content(reason, LastGoodStore.in_data_dir().current(), bundled_content_dir())
    else:
        content_dir = Path(args.content) if args.content else default_content_dir()
    running: list[Operations] = []
    shown: list[Kiosk] = []
    try:
        shown.append(_start(app, args, content_dir, safe_mode, running))
    except ContentError as exc:
        from kiosk.features.reload.controller import ContentRecovery
        from kiosk.views.errors import ErrorPage

        start_rotation()
        log.error("content has errors and no good version is kept:\n%s", exc)
        page = ErrorPage(exc, fonts_once())
        page_lock = lock_window(page, hold=not args.windowed)  # Alt+F4 and the window manager cannot end it
        recovery = ContentRecovery(content_dir, parent=page)
        recovery.still_broken.connect(page.show_problems)

        def on_valid() -> None:
            log.info("the content is valid now: starting the kiosk")
            page_lock.uninstall()
            shown.append(_start(app, args, content_dir, safe_mode, running))
            page.hide()
            page.deleteLater()

        recovery.valid.connect(on_valid)
        if args.windowed:
            page.show()
        else:
            show_full_screen(page)
    code = app.exec()
    for operations in running:
        operations.inhibitor.release()
    return code
