"""Kiosk mode: closing keys, close requests, context menus and the resting cursor do nothing; the window is held."""

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
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.control.mode import KioskMode
from kiosk.core.errors import ContentError
from kiosk.features.lockdown import (
    LockdownFeature,
    install_lockdown,
    is_locked_key,
    lock_window,
    show_full_screen,
)
from kiosk.views.errors import ErrorPage
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
    return KioskOptions(size=(1024, 600), language="en", themed=False)


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


# --------------------------------------------------------------------------- the hold on the window

def _whole(window: QWidget) -> None:
    """Shown, not minimised, full screen over its whole screen, and the active window."""
    screen = window.screen()
    assert window.isVisible()
    assert not window.isMinimized()
    assert window.isFullScreen()
    assert screen is not None
    assert window.geometry() == screen.geometry()
    handle = window.windowHandle()
    assert handle is not None
    assert handle.isActive()  # where the keys go


@pytest.fixture
def held(kiosk: Kiosk, qtbot: QtBot) -> Iterator[LockdownFeature]:
    feature = install_lockdown(kiosk, mode=kiosk.mode, check_ms=100)
    qtbot.waitUntil(lambda: _whole(kiosk.window), timeout=1000)
    yield feature
    feature.allow_exit()
    feature.uninstall()


@pytest.mark.parametrize("put_away", ["showMinimized", "hide", "showNormal"])
def test_the_window_comes_back_full_screen_within_a_second(
    qtbot: QtBot, kiosk: Kiosk, put_away: str
) -> None:
    feature = install_lockdown(kiosk)  # (the plain call, as the kiosk made it before the hold)
    try:
        show_full_screen(kiosk.window)
        getattr(kiosk.window, put_away)()
        qtbot.waitUntil(lambda: _whole(kiosk.window), timeout=1000)
    finally:
        feature.allow_exit()
        feature.uninstall()


def test_another_window_cannot_keep_the_focus_from_visitors(
    qtbot: QtBot, kiosk: Kiosk, held: LockdownFeature
) -> None:
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: _whole(kiosk.window), timeout=1000)
    assert not other.isActiveWindow()
    assert kiosk.window.isActiveWindow()


def test_staff_and_presenters_are_let_go_and_visitors_held_again(
    qtbot: QtBot, kiosk: Kiosk, held: LockdownFeature
) -> None:
    for attended in (kiosk.mode.open_staff, lambda: kiosk.mode.set_presenter(True)):
        attended()
        assert kiosk.mode.mode in (KioskMode.STAFF, KioskMode.PRESENTER)
        kiosk.window.showMinimized()
        qtbot.wait(300)  # three checks of the hold: it must leave the window alone
        assert kiosk.window.isMinimized()
        kiosk.mode.close_staff()
        kiosk.mode.set_presenter(False)
        assert kiosk.mode.idle_allowed  # visitor mode again
        qtbot.waitUntil(lambda: _whole(kiosk.window), timeout=1000)


def test_after_staff_allow_exit_the_window_may_go(qtbot: QtBot, kiosk: Kiosk, held: LockdownFeature) -> None:
    held.allow_exit()
    assert kiosk.window.close() is True
    qtbot.wait(300)
    assert not kiosk.window.isVisible()


def test_the_error_page_fills_the_screen_and_refuses_to_close(qtbot: QtBot, kiosk: Kiosk) -> None:
    page = ErrorPage(ContentError([]), kiosk.fonts)
    qtbot.addWidget(page)
    feature = lock_window(page, check_ms=100)
    try:
        show_full_screen(page)
        qtbot.waitUntil(lambda: _whole(page), timeout=1000)
        assert page.close() is False  # what Alt+F4 from a window manager asks
        page.showMinimized()
        qtbot.waitUntil(lambda: _whole(page), timeout=1000)
    finally:
        feature.allow_exit()
        feature.uninstall()
