"""Holds the kiosk window against the window manager: keyboard grabbed, on top, on every desktop, back at once.

A window manager acts on its own key bindings before the kiosk sees a key (openbox: Alt+Space opens
the window menu, Ctrl+Alt+Right switches desktop, Super+D shows the desktop). While the hold is on,
the window takes an X11 keyboard grab, so those bindings never fire; it asks to stay above other
windows and on every desktop; and if anything still minimises, hides, unmaps or deactivates it,
it comes back full screen and focused within :data:`CHECK_MS` or sooner.

The hold follows the kiosk's mode: on for visitors and for the error page, off while staff use the
menu or a presenter works with a second window (they may need the keyboard and the other window).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QWidget

from kiosk.control.mode import KioskMode, ModeState
from kiosk.features.lockdown.x11 import WindowManagerLink

log = logging.getLogger(__name__)

CHECK_MS = 250  # the slowest the window comes back (most events bring it back sooner)
SETTLE_MS = 50  # lets the window manager finish what it started before the kiosk undoes it
HELD_MODES = frozenset({KioskMode.VISITOR, KioskMode.ERROR_PAGE})
# Where a window can take the keyboard from the window manager. (A Wayland compositor such as cage
# has no bindings of its own to escape by; offscreen and minimal only warn.)
_GRAB_PLATFORMS = frozenset({"xcb", "windows"})
_NO_RAISE_PLATFORMS = frozenset({"offscreen", "minimal"})  # "This plugin does not support raise()"

_SIGNS_OF_TROUBLE = frozenset({
    QEvent.Type.Hide,
    QEvent.Type.WindowStateChange,
    QEvent.Type.WindowDeactivate,
    QEvent.Type.Expose,  # on the QWindow: mapped or unmapped by someone else
})


def show_full_screen(window: QWidget) -> None:
    """Full screen, also under a bare X server where showFullScreen() alone leaves 200x100."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        window.setGeometry(screen.geometry())
    window.showFullScreen()


class WindowHold(QObject):
    """Keeps ``window`` full screen, focused, on top and grabbing the keyboard while it is held."""

    def __init__(self, window: QWidget, *, mode: ModeState | None = None, check_ms: int = CHECK_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.held = False
        self.restores = 0  # times the window had to be brought back (diagnostics, tests)
        self._shown = window.isVisible()  # the hold starts with the first show, not before it
        self._grabbed = False
        self._handle: QWindow | None = None
        self._link: WindowManagerLink | None = None
        self._link_tried = False
        self.check_timer = QTimer(self)
        self.check_timer.setInterval(check_ms)
        self.check_timer.timeout.connect(self.check)
        self.settle_timer = QTimer(self)
        self.settle_timer.setSingleShot(True)
        self.settle_timer.setInterval(SETTLE_MS)
        self.settle_timer.timeout.connect(self.check)
        self._stay_on_top()
        window.installEventFilter(self)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self.on_application_state_changed)
        if mode is not None:
            mode.mode_changed.connect(self.on_mode_changed)
            self.set_held(mode.mode in HELD_MODES)
        else:
            self.set_held(True)

    # -- on and off -------------------------------------------------------------------------------
    def set_held(self, held: bool) -> None:
        if held == self.held:
            return
        self.held = held
        if held:
            log.info("holding the window: full screen, on top, every desktop, keyboard grabbed where possible")
            self.check_timer.start()
            self.check()
        else:
            log.info("window hold released (staff or presenter at the kiosk)")
            self.check_timer.stop()
            self.settle_timer.stop()
            self._release_grab()

    def release(self) -> None:
        """For good: staff are leaving, or the window is about to be replaced."""
        self.set_held(False)
        self.window.removeEventFilter(self)
        if self._handle is not None:
            self._handle.removeEventFilter(self)
        if self._link is not None:
            self._link.close()
            self._link = None

    @Slot(object)
    def on_mode_changed(self, mode: KioskMode) -> None:
        self.set_held(mode in HELD_MODES)

    @Slot(Qt.ApplicationState)
    def on_application_state_changed(self, state: Qt.ApplicationState) -> None:
        if self.held and state is not Qt.ApplicationState.ApplicationActive:
            self.settle_timer.start()

    # -- watching ---------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Show and not self._shown:
            self._shown = True
            self.settle_timer.start()
        if self.held and event.type() in _SIGNS_OF_TROUBLE:
            if event.type() == QEvent.Type.Expose:
                self._grabbed = False  # X drops a grab when its window is unmapped
            self.settle_timer.start()
        return False

    @Slot()
    def check(self) -> None:
        """Bring the window back if it is not whole; then keep the grab and the window manager's promises."""
        if not self.held or not self._shown:
            return
        window = self.window
        self._watch_handle()
        trouble = self._trouble()
        if trouble:
            self.restores += 1
            log.warning("the kiosk window was %s: bringing it back", trouble)
            self._grabbed = False
            if trouble == "unmapped":  # by another client: Qt still thinks it visible, so show() alone is a no-op
                window.hide()
            show_full_screen(window)
            self._ask_window_manager()
        # The platform's focus (QWindow), not QApplication's: offscreen keeps a hidden window focused,
        # so after hide() and show() QApplication never hears it is active again.
        if not (self._handle.isActive() if self._handle is not None else window.isActiveWindow()):
            if QGuiApplication.platformName() not in _NO_RAISE_PLATFORMS:
                window.raise_()
            window.activateWindow()
        if (not self._grabbed and self._handle is not None and self._handle.isExposed()
                and QGuiApplication.platformName() in _GRAB_PLATFORMS):
            self._grabbed = self._handle.setKeyboardGrabEnabled(True)
            if self._grabbed:
                self._ask_window_manager()

    def _trouble(self) -> str:
        window = self.window
        if not window.isVisible():
            return "hidden"
        if window.isMinimized():
            return "minimised"
        if self._handle is not None and not self._handle.isExposed():
            return "unmapped"
        screen = window.screen() or QGuiApplication.primaryScreen()
        if not window.isFullScreen() or (screen is not None and window.geometry() != screen.geometry()):
            return "not full screen"
        return ""

    # -- the platform -----------------------------------------------------------------------------
    def _watch_handle(self) -> None:
        handle = self.window.windowHandle()
        if handle is not None and handle is not self._handle:
            if self._handle is not None:
                self._handle.removeEventFilter(self)
            handle.installEventFilter(self)
            self._handle = handle
            self._grabbed = False

    def _stay_on_top(self) -> None:
        """Qt's on-top flag: _NET_WM_STATE_ABOVE on X11, HWND_TOPMOST on Windows."""
        handle = self.window.windowHandle()
        if handle is not None:  # already shown: set it on the QWindow, which does not re-create it
            handle.setFlags(handle.flags() | Qt.WindowType.WindowStaysOnTopHint)
        else:
            self.window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)

    def _release_grab(self) -> None:
        if self._grabbed and self._handle is not None:
            self._handle.setKeyboardGrabEnabled(False)
        self._grabbed = False

    def _ask_window_manager(self) -> None:
        if QGuiApplication.platformName() != "xcb":
            return
        if not self._link_tried:
            self._link_tried = True
            self._link = WindowManagerLink.open()
        if self._link is not None:
            self._link.keep_on_every_desktop_and_above(int(self.window.winId()))
