"""Lockdown: visitors cannot close, leave or hide the kiosk, by key, click or window manager.

Nothing in the kiosk opens another program or a browser; this package makes sure the keyboard
and the window manager cannot close it or put it away either. :mod:`.guard` filters the kiosk's
own events (closing keys, close requests, context menus, the cursor); :mod:`.hold` holds the
window against the window manager (keyboard grab, on top, every desktop, back at once). Staff
leave through the staff menu, which calls :meth:`LockdownFeature.allow_exit` first.

Install the lockdown before the window is first shown, so it holds from the first frame.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.control.mode import ModeState
from kiosk.features.lockdown.guard import CURSOR_HIDE_MS, LockdownFeature, is_locked_key
from kiosk.features.lockdown.hold import CHECK_MS, WindowHold, show_full_screen
from kiosk.features.parts import HasWindow

__all__ = [
    "CHECK_MS",
    "CURSOR_HIDE_MS",
    "LockdownFeature",
    "WindowHold",
    "install_lockdown",
    "is_locked_key",
    "lock_window",
    "show_full_screen",
]


def lock_window(window: QWidget, *, mode: ModeState | None = None, hold: bool = True,
                cursor_hide_ms: int = CURSOR_HIDE_MS, check_ms: int = CHECK_MS) -> LockdownFeature:
    """Lock any top-level ``window`` (the error page has no mode: it is held always)."""
    return LockdownFeature(window, mode=mode, hold=hold, cursor_hide_ms=cursor_hide_ms, check_ms=check_ms,
                           parent=window)


def install_lockdown(kiosk: HasWindow, *, mode: ModeState | None = None, hold: bool = True,
                     cursor_hide_ms: int = CURSOR_HIDE_MS, check_ms: int = CHECK_MS) -> LockdownFeature:
    """Lock ``kiosk``'s window for visitors, following ``mode`` (held in visitor mode only).

    Call ``allow_exit()`` on the result before closing the window.
    """
    return lock_window(kiosk.window, mode=mode, hold=hold, cursor_hide_ms=cursor_hide_ms, check_ms=check_ms)
