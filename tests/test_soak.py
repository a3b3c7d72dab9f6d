"""A short soak: a few hundred random touches, swipes, keys, language switches and idle resets.

The long one (20,000 actions, with a memory-growth budget) is ``python -m benchmarks``
(benchmarks/soak.py). Here pytest-qt fails the test on any Qt warning (pyproject:
``qt_log_level_fail``) and on any exception raised inside a Qt virtual or slot.
"""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk

ACTIONS = 300
KEYS = [Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Space, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp,
        Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_A]


def _target(window: QWidget, pos: QPoint) -> tuple[QWidget, QPoint]:
    widget = window.childAt(pos) or window
    return widget, widget.mapFrom(window, pos)


def _swipe(window: QWidget, start: QPoint, end: QPoint, steps: int) -> None:
    widget, local = _target(window, start)
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, local)
    for i in range(1, steps + 1):
        point = start + (end - start) * i / steps
        QTest.mouseMove(widget, widget.mapFrom(window, point))
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       widget.mapFrom(window, end))


@pytest.mark.parametrize("seed", [1, 2])
def test_random_visitors_leave_the_kiosk_consistent(kiosk: Kiosk, qtbot: QtBot, seed: int) -> None:
    rng = random.Random(seed)
    window, controller = kiosk.window, kiosk.controller
    default = controller.deck.default_language
    languages = list(controller.deck.language_codes)
    for _ in range(ACTIONS):
        width, height = window.width(), window.height()
        action = rng.choices(["tap", "swipe", "key", "language", "idle"], [30, 30, 30, 5, 5])[0]
        if action == "tap":
            widget, local = _target(window, QPoint(rng.randrange(width), rng.randrange(height)))
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, local)
        elif action == "swipe":
            start = QPoint(rng.randrange(width // 8, width * 7 // 8), rng.randrange(height // 4, height * 3 // 4))
            end = QPoint(max(0, min(width - 1, start.x() + rng.randint(-width // 2, width // 2))), start.y())
            _swipe(window, start, end, rng.randint(1, 5))
        elif action == "key":
            QTest.keyClick(window, rng.choice(KEYS))
        elif action == "language":
            QTest.mouseClick(window.languages.buttons[rng.choice(languages)], Qt.MouseButton.LeftButton)
        else:  # the idle timeout's reset: home, in the default language
            controller.on_home_requested()
            controller.on_language_requested(default)
        qtbot.wait(rng.choice((0, 1, 5, 16)))

    # At rest, the window shows what the controller says, in its language.
    qtbot.waitUntil(lambda: not window.swipe.is_animating and window.current_page == controller.page,
                    timeout=3000)
    assert window.language == controller.language
    assert window.swipe.page(controller.page).isVisible()
    assert window.swipe.page(controller.page).geometry() == window.swipe.page_rect()
