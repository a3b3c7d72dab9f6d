"""Locked for visitors: no closing keys, no context menus, no cursor unless a mouse moves.

Nothing in the kiosk opens another program or a browser; this module makes sure the keyboard
and the window manager cannot close it either. Staff leave through the staff menu, which calls
:meth:`LockdownFeature.allow_exit` before closing the window or quitting the application.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Slot
from PySide6.QtGui import QCursor, QGuiApplication, QInputDevice, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from kiosk.features.parts import HasWindow

log = logging.getLogger(__name__)

CURSOR_HIDE_MS = 3000

_KEY_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride}
_MOUSE_BUTTON_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
}
_MODIFIERS = (
    Qt.KeyboardModifier.ShiftModifier
    | Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def is_locked_key(key: Qt.Key, modifiers: Qt.KeyboardModifier) -> bool:
    """Escape (any modifier), Alt+F4, Ctrl+Q and Ctrl+W: the keys that close or quit elsewhere."""
    held = modifiers & _MODIFIERS
    if key == Qt.Key.Key_Escape:
        return True
    if key == Qt.Key.Key_F4 and held & Qt.KeyboardModifier.AltModifier:
        return True
    return key in (Qt.Key.Key_Q, Qt.Key.Key_W) and bool(held & Qt.KeyboardModifier.ControlModifier)


def _from_touch(event: QMouseEvent) -> bool:
    device = event.device()
    return device is not None and device.type() == QInputDevice.DeviceType.TouchScreen


class LockdownFeature(QObject):
    """An application event filter that keeps visitors inside the kiosk."""

    def __init__(
        self, window: QWidget, *, cursor_hide_ms: int = CURSOR_HIDE_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.exit_allowed = False
        self.cursor_hidden = False
        self._last_mouse: QPointF | None = None
        self.cursor_timer = QTimer(self)
        self.cursor_timer.setSingleShot(True)
        self.cursor_timer.setInterval(cursor_hide_ms)
        self.cursor_timer.timeout.connect(self.hide_cursor)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.cursor_timer.start()
        log.info("locked for visitors: closing keys, context menus and the close button do nothing")

    def allow_exit(self) -> None:
        """The staff menu is closing the kiosk: let the next close request through."""
        log.info("exit allowed by staff")
        self.exit_allowed = True

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.cursor_timer.stop()
        self.show_cursor()

    # -- the cursor -------------------------------------------------------------------------------
    @Slot()
    def hide_cursor(self) -> None:
        if not self.cursor_hidden:
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
            self.cursor_hidden = True

    def show_cursor(self) -> None:
        if self.cursor_hidden:
            QGuiApplication.restoreOverrideCursor()
            self.cursor_hidden = False

    # -- events -----------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Close and watched is self.window:
            if self.exit_allowed:
                return False
            log.info("close request ignored (kiosk mode; staff exit through the staff menu)")
            event.ignore()
            return True
        if kind in _KEY_EVENTS and isinstance(event, QKeyEvent):
            if is_locked_key(Qt.Key(event.key()), event.modifiers()):
                if kind == QEvent.Type.KeyPress:
                    log.debug("locked key ignored: %s", event.keyCombination())
                event.accept()  # a ShortcutOverride accepted and filtered triggers no shortcut
                return True
            return False
        if kind == QEvent.Type.ContextMenu:
            return True
        if isinstance(event, QMouseEvent) and (kind in _MOUSE_BUTTON_EVENTS or kind == QEvent.Type.MouseMove):
            return self._on_mouse(event)
        if kind == QEvent.Type.TouchBegin:
            self.cursor_timer.stop()
            self.hide_cursor()
        return False

    def _on_mouse(self, event: QMouseEvent) -> bool:
        """The cursor hides for touch and shows for a moving mouse; only left clicks get through."""
        if event.type() == QEvent.Type.MouseMove:
            if _from_touch(event):
                self.hide_cursor()
            elif self._mouse_moved(event):
                self.show_cursor()
                self.cursor_timer.start()
            return False
        if _from_touch(event):
            self.cursor_timer.stop()
            self.hide_cursor()  # touch never shows a cursor
        return event.button() not in (Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton)

    def _mouse_moved(self, event: QMouseEvent) -> bool:
        """False for moves Qt repeats at the same place (a widget appeared under the pointer)."""
        position = event.globalPosition()
        moved = position != self._last_mouse
        self._last_mouse = position
        return moved


def install_lockdown(kiosk: HasWindow, *, cursor_hide_ms: int = CURSOR_HIDE_MS) -> LockdownFeature:
    """Lock ``kiosk``'s window for visitors. Call ``allow_exit()`` on the result before closing it."""
    return LockdownFeature(kiosk.window, cursor_hide_ms=cursor_hide_ms, parent=kiosk.window)
