"""Kiosk mode: closing keys, the close button, context menus and the resting cursor do nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import (
    QContextMenuEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPointingDevice,
    QShortcut,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.features.lockdown import LockdownFeature, install_lockdown, is_locked_key
from tests.conftest import KioskOptions

KIOSK_SOURCES = Path(__file__).resolve().parents[2] / "kiosk"
LOCKED = [
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier, "Esc"),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier, "Alt+F4"),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier, "Ctrl+Q"),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier, "Ctrl+W"),
]


@pytest.fixture
def kiosk_options() -> KioskOptions:
    return KioskOptions(size=(1024, 600), language="en")


@pytest.fixture
def lockdown(kiosk: Kiosk) -> Iterator[LockdownFeature]:
    feature = install_lockdown(kiosk, cursor_hide_ms=150)
    yield feature
    feature.uninstall()
    feature.allow_exit()


class KeyProbe(QObject):
    """Records the keys that reach the window."""

    def __init__(self) -> None:
        super().__init__()
        self.pressed: list[Qt.Key] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            self.pressed.append(Qt.Key(event.key()))
        return False


def _menu_event() -> QContextMenuEvent:
    return QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard,
        QPoint(2, 2),
        QPoint(2, 2),
        Qt.KeyboardModifier.NoModifier,
    )


def _cursor_hidden() -> bool:
    cursor = QGuiApplication.overrideCursor()
    return cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor


@pytest.mark.parametrize(("key", "modifiers", "sequence"), LOCKED)
def test_closing_keys_do_nothing(
    qtbot: QtBot,
    kiosk: Kiosk,
    lockdown: LockdownFeature,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier,
    sequence: str,
) -> None:
    reached: list[str] = []
    keys = KeyProbe()
    kiosk.window.installEventFilter(keys)
    shortcut = QShortcut(QKeySequence(sequence), kiosk.window)
    shortcut.activated.connect(lambda: reached.append("shortcut"))
    qtbot.keyClick(kiosk.window, key, modifiers)
    assert reached == []
    assert key not in keys.pressed  # (the modifier keys alone do arrive, and do nothing)
    assert kiosk.window.isVisible()
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Right)  # the test can see a key that does arrive
    assert keys.pressed[-1] == Qt.Key.Key_Right


@pytest.mark.parametrize(
    ("key", "modifiers", "locked"),
    [
        *[(k, m, True) for k, m, _ in LOCKED],
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.ShiftModifier, True),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier, False),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.NoModifier, False),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ShiftModifier, False),
        (Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier, False),
    ],
)
def test_locked_key_table(key: Qt.Key, modifiers: Qt.KeyboardModifier, locked: bool) -> None:
    assert is_locked_key(key, modifiers) is locked


def test_the_close_request_is_ignored_until_staff_allow_exit(
    kiosk: Kiosk, lockdown: LockdownFeature
) -> None:
    assert kiosk.window.close() is False
    assert kiosk.window.isVisible()
    lockdown.allow_exit()
    assert kiosk.window.close() is True
    assert not kiosk.window.isVisible()


def test_no_context_menu_anywhere(qtbot: QtBot, kiosk: Kiosk, lockdown: LockdownFeature) -> None:
    requested: list[QPoint] = []
    probe = kiosk.window.progress.topic
    probe.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    probe.customContextMenuRequested.connect(requested.append)
    where = probe.mapTo(kiosk.window, probe.rect().center())
    QTest.mouseClick(
        kiosk.window.windowHandle(),
        Qt.MouseButton.RightButton,
        Qt.KeyboardModifier.NoModifier,
        where,
    )
    QApplication.sendEvent(probe, _menu_event())
    assert requested == []
    lockdown.uninstall()  # the probe does ask for a menu when the kiosk is not locked
    QApplication.sendEvent(probe, _menu_event())
    assert len(requested) == 1


def test_the_cursor_hides_when_the_mouse_rests_and_returns_when_it_moves(
    qtbot: QtBot, kiosk: Kiosk, lockdown: LockdownFeature
) -> None:
    qtbot.waitUntil(_cursor_hidden, timeout=2000)
    QTest.mouseMove(kiosk.window.windowHandle(), QPoint(200, 200))
    assert QGuiApplication.overrideCursor() is None
    qtbot.waitUntil(_cursor_hidden, timeout=2000)


def test_touch_never_shows_a_cursor(qtbot: QtBot, kiosk: Kiosk, lockdown: LockdownFeature) -> None:
    QTest.mouseMove(kiosk.window.windowHandle(), QPoint(300, 100))
    assert QGuiApplication.overrideCursor() is None
    device: QPointingDevice = QTest.createTouchDevice()
    QTest.touchEvent(kiosk.window, device).press(0, QPoint(300, 300)).commit()
    assert _cursor_hidden()
    QTest.touchEvent(kiosk.window, device).move(0, QPoint(330, 300)).commit()
    QTest.touchEvent(kiosk.window, device).release(0, QPoint(330, 300)).commit()
    assert _cursor_hidden()


def test_nothing_opens_a_browser_or_another_program() -> None:
    pattern = re.compile(r"QDesktopServices|webbrowser|os\.startfile|setOpenExternalLinks\(True\)")
    offenders = [
        str(path.relative_to(KIOSK_SOURCES))
        for path in KIOSK_SOURCES.rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
