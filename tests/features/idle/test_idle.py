"""Idle reset: "Still there?" in every language, then home, default language, attract loop."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.features.idle.controller import IdleFeature, IdleState, attract_highlights, install_idle
from kiosk.views.home import HomeView
from tests.conftest import KioskOptions
from tests.support import attract, prompt


@pytest.fixture
def kiosk_options() -> KioskOptions:
    return KioskOptions(size=(1024, 600), language="en", themed=False)


@pytest.fixture
def idle(kiosk: Kiosk) -> Iterator[IdleFeature]:
    kiosk.controller.on_page_requested(3)
    feature = install_idle(kiosk, idle_timeout_ms=200, countdown_ms=400, highlight_ms=150)
    yield feature
    feature.uninstall()


@pytest.fixture(scope="module")
def touchscreen() -> QPointingDevice:
    return QTest.createTouchDevice()


def wait_for(qtbot: QtBot, feature: IdleFeature, state: IdleState) -> None:
    qtbot.waitUntil(lambda: feature.state == state, timeout=3000)


def test_still_there_appears_in_every_language_after_the_timeout(
    qtbot: QtBot, kiosk: Kiosk, idle: IdleFeature
) -> None:
    assert not prompt(idle).isVisible()
    wait_for(qtbot, idle, IdleState.PROMPT)
    assert prompt(idle).isVisible()
    assert prompt(idle).texts() == [
        "នៅទីនេះទេ?",
        "ប៉ះអេក្រង់ដើម្បីបន្តអាន",
        "Still there?",
        "Touch the screen to keep reading",
    ]
    assert all(
        label.isVisible() for label in (*prompt(idle).titles.values(), *prompt(idle).hints.values())
    )
    assert prompt(idle).geometry() == kiosk.window.rect()


def test_a_click_cancels_the_countdown_and_keeps_the_visitors_place(
    qtbot: QtBot, kiosk: Kiosk, idle: IdleFeature
) -> None:
    wait_for(qtbot, idle, IdleState.PROMPT)
    qtbot.mouseClick(prompt(idle), Qt.MouseButton.LeftButton, pos=QPoint(30, 300))
    assert idle.state == IdleState.ACTIVE
    assert not prompt(idle).isVisible()
    qtbot.wait(500)  # longer than the countdown: it must not fire any more
    assert not attract(idle).isVisible()
    assert (kiosk.controller.page, kiosk.controller.language) == (3, "en")


def test_a_touch_cancels_the_countdown(
    qtbot: QtBot, kiosk: Kiosk, idle: IdleFeature, touchscreen: QPointingDevice
) -> None:
    wait_for(qtbot, idle, IdleState.PROMPT)
    QTest.touchEvent(kiosk.window, touchscreen).press(0, QPoint(300, 300)).commit()
    QTest.touchEvent(kiosk.window, touchscreen).release(0, QPoint(300, 300)).commit()
    assert idle.state == IdleState.ACTIVE
    assert not prompt(idle).isVisible()
    assert kiosk.controller.page == 3


def test_no_answer_resets_to_home_in_the_default_language_and_attracts(
    qtbot: QtBot, kiosk: Kiosk, idle: IdleFeature
) -> None:
    wait_for(qtbot, idle, IdleState.ATTRACT)
    assert kiosk.controller.page == 0
    assert kiosk.controller.language == "km"
    assert kiosk.window.language == "km"
    assert attract(idle).isVisible()
    assert not prompt(idle).isVisible()
    assert attract(idle).invite_texts() == ["ប៉ះដើម្បីចាប់ផ្ដើម", "Touch to begin"]
    assert all(label.isVisible() for label in attract(idle).invites.values())
    hand = attract(idle).hand  # the tapping hand shows what "touch" means
    assert hand.isVisible()
    assert hand.animation.state() == hand.animation.State.Running


def test_the_attract_loop_cycles_its_highlights(
    qtbot: QtBot, kiosk: Kiosk, idle: IdleFeature
) -> None:
    wait_for(qtbot, idle, IdleState.ATTRACT)
    first = attract(idle).current_texts()
    assert "Human rights for ethnic minority groups and Khmer Krom" in first
    qtbot.waitUntil(lambda: attract(idle).current_texts() != first, timeout=3000)
    assert attract(idle).current_texts() == [
        "ប្រវត្តិ",
        "អង្គការសិទ្ធិជនជាតិភាគតិច (មីរ៉ូ)",
        "Background",
        "Minority Rights Organization (MIRO)",
    ]


def test_highlights_are_the_tagline_then_each_topic(kiosk: Kiosk) -> None:
    deck = kiosk.controller.deck
    steps = attract_highlights(deck)
    assert len(steps) == len(deck.topics) + 1
    assert steps[0].text == deck.tagline
    assert [s.caption for s in steps[1:]] == [t.title for t in deck.topics]


def _tile_spy(kiosk: Kiosk) -> tuple[QPoint, list[bool]]:
    home = kiosk.window.current_view()
    assert isinstance(home, HomeView)
    tile = home.tiles[1]
    clicks: list[bool] = []
    tile.clicked.connect(lambda checked=False: clicks.append(checked))
    return tile.mapTo(kiosk.window, tile.rect().center()), clicks


def test_the_waking_click_does_not_press_the_tile_under_it(
    qtbot: QtBot, kiosk: Kiosk, idle: IdleFeature
) -> None:
    wait_for(qtbot, idle, IdleState.ATTRACT)
    qtbot.waitUntil(lambda: not kiosk.window.swipe.is_animating)
    where, clicks = _tile_spy(kiosk)
    handle = (
        kiosk.window.windowHandle()
    )  # through the window system, to the widget under the pointer
    QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    assert idle.state == IdleState.ACTIVE
    assert not attract(idle).isVisible()
    assert clicks == []
    assert kiosk.controller.page == 0
    QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    assert clicks == [False]
    assert kiosk.controller.page == 1 + len(kiosk.controller.deck.topics[0].slides)


def test_the_waking_touch_does_not_press_the_tile_under_it(
    qtbot: QtBot, kiosk: Kiosk, idle: IdleFeature, touchscreen: QPointingDevice
) -> None:
    wait_for(qtbot, idle, IdleState.ATTRACT)
    qtbot.waitUntil(lambda: not kiosk.window.swipe.is_animating)
    where, clicks = _tile_spy(kiosk)
    for _ in range(2):
        QTest.touchEvent(kiosk.window, touchscreen).press(0, where).commit()
        QTest.touchEvent(kiosk.window, touchscreen).release(0, where).commit()
        if not clicks:
            assert idle.state == IdleState.ACTIVE
            assert not attract(idle).isVisible()
            assert kiosk.controller.page == 0
    assert clicks == [False]  # only the second touch pressed the tile


def test_the_waking_key_does_not_turn_the_page(
    qtbot: QtBot, kiosk: Kiosk, idle: IdleFeature
) -> None:
    wait_for(qtbot, idle, IdleState.ATTRACT)
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Right)
    assert idle.state == IdleState.ACTIVE
    assert kiosk.controller.page == 0


def test_on_the_home_screen_in_the_default_language_it_goes_straight_to_attract(
    qtbot: QtBot, kiosk: Kiosk
) -> None:
    kiosk.controller.on_language_requested("km")
    feature = install_idle(kiosk, idle_timeout_ms=100, countdown_ms=10_000)
    try:
        wait_for(qtbot, feature, IdleState.ATTRACT)
        assert not prompt(feature).isVisible()
    finally:
        feature.uninstall()


def test_input_keeps_the_kiosk_awake(qtbot: QtBot, kiosk: Kiosk) -> None:
    feature = install_idle(kiosk, idle_timeout_ms=300, countdown_ms=10_000)
    try:
        kiosk.controller.on_page_requested(2)
        for x in range(8):
            qtbot.wait(80)
            QTest.mouseMove(kiosk.window, QPoint(100 + x * 10, 200))
        assert feature.state == IdleState.ACTIVE
        wait_for(qtbot, feature, IdleState.PROMPT)
    finally:
        feature.uninstall()


def test_disabled_means_no_prompt(qtbot: QtBot, kiosk: Kiosk, idle: IdleFeature) -> None:
    idle.set_enabled(False)
    qtbot.wait(400)
    assert idle.state == IdleState.DISABLED
    assert not prompt(idle).isVisible()
    idle.set_enabled(True)
    wait_for(qtbot, idle, IdleState.PROMPT)


def test_the_timeout_defaults_to_the_decks(kiosk: Kiosk) -> None:
    feature = install_idle(kiosk)
    try:
        assert feature.idle_timer.interval() == kiosk.controller.deck.idle_timeout_s * 1000
    finally:
        feature.uninstall()
