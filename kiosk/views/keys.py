"""The one key map: which keys (keyboards and presentation clickers) move through the deck."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt


class KeyAction(Enum):
    NEXT = "next"
    PREVIOUS = "previous"
    FIRST = "first"
    LAST = "last"


#: Clickers send PageDown/PageUp (some Right/Left, or Space); keyboards add the arrows.
KEY_MAP: dict[Qt.Key, KeyAction] = {
    Qt.Key.Key_Right: KeyAction.NEXT,
    Qt.Key.Key_PageDown: KeyAction.NEXT,
    Qt.Key.Key_Space: KeyAction.NEXT,
    Qt.Key.Key_Down: KeyAction.NEXT,
    Qt.Key.Key_Left: KeyAction.PREVIOUS,
    Qt.Key.Key_PageUp: KeyAction.PREVIOUS,
    Qt.Key.Key_Up: KeyAction.PREVIOUS,
    Qt.Key.Key_Backspace: KeyAction.PREVIOUS,
    Qt.Key.Key_Home: KeyAction.FIRST,
    Qt.Key.Key_End: KeyAction.LAST,
}

#: Presenter mode: black the screen, type a slide number then Enter to jump to it.
BLACKOUT_KEYS = frozenset({Qt.Key.Key_B, Qt.Key.Key_Period})
ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
DIGIT_KEYS = {Qt.Key(Qt.Key.Key_0.value + n): str(n) for n in range(10)}


def action_for(key: Qt.Key | int) -> KeyAction | None:
    """What ``key`` does on the slides, or None when it does nothing there."""
    try:
        return KEY_MAP.get(Qt.Key(key))
    except ValueError:  # a key code Qt's enum does not name
        return None
