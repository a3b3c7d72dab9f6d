"""The idle controller decides alone: driven here with fake prompt and attract views, no widgets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.control.deck import DeckController
from kiosk.control.mode import ModeState
from kiosk.core.content.loader import load_content
from kiosk.core.content.model import Deck
from kiosk.core.storage.assets import available_icons
from kiosk.core.storage.paths import bundled_content_dir
from kiosk.features.idle.controller import IdleFeature, IdleState
from kiosk.features.idle.views import Highlight


class FakePrompt:
    def __init__(self) -> None:
        self.visible = False
        self.remaining: list[str] = []

    def set_deck(self, deck: Deck) -> None:
        pass

    def set_remaining(self, seconds: str, fraction: float) -> None:
        self.remaining.append(seconds)

    def show_over(self) -> None:
        self.visible = True

    def hide(self) -> None:
        self.visible = False


class FakeAttract:
    def __init__(self) -> None:
        self.visible = False

    def set_deck(self, deck: Deck, highlights: list[Highlight]) -> None:
        pass

    def show_over(self) -> None:
        self.visible = True

    def hide(self) -> None:
        self.visible = False


@pytest.fixture
def deck() -> DeckController:
    return DeckController(load_content(bundled_content_dir(), icons=available_icons()).deck, "en")


@pytest.fixture
def mode() -> ModeState:
    return ModeState()


@pytest.fixture
def idle(qapp: QApplication, deck: DeckController, mode: ModeState) -> Iterator[tuple[IdleFeature, FakePrompt,
                                                                                      FakeAttract]]:
    prompt, attract = FakePrompt(), FakeAttract()
    feature = IdleFeature(deck, prompt, attract, mode=mode, reset_language=lambda: "km",
                          idle_timeout_ms=150, countdown_ms=2200)
    yield feature, prompt, attract
    feature.uninstall()


def test_quiet_spell_asks_then_resets_home_and_language_then_attracts(
        qtbot: QtBot, deck: DeckController, idle: tuple[IdleFeature, FakePrompt, FakeAttract]) -> None:
    feature, prompt, attract = idle
    deck.on_page_requested(4)
    qtbot.waitUntil(lambda: feature.state is IdleState.PROMPT, timeout=2000)
    assert prompt.visible
    assert prompt.remaining[0] == "3"
    assert deck.page == 4  # asked first, nothing reset yet
    qtbot.waitUntil(lambda: feature.state is IdleState.ATTRACT, timeout=5000)
    assert not prompt.visible
    assert attract.visible
    assert (deck.page, deck.language) == (0, "km")


def test_at_the_start_already_it_goes_straight_to_the_attract_loop(
        qtbot: QtBot, deck: DeckController, idle: tuple[IdleFeature, FakePrompt, FakeAttract]) -> None:
    feature, prompt, attract = idle
    deck.on_language_requested("km")
    qtbot.waitUntil(lambda: feature.state is IdleState.ATTRACT, timeout=2000)
    assert attract.visible
    assert prompt.remaining == []


def test_waking_hides_the_attract_loop_and_swallows_the_waking_press(
        qtbot: QtBot, qapp: QApplication, deck: DeckController,
        idle: tuple[IdleFeature, FakePrompt, FakeAttract]) -> None:
    feature, _prompt, attract = idle
    deck.on_language_requested("km")
    qtbot.waitUntil(lambda: feature.state is IdleState.ATTRACT, timeout=2000)
    target = QWidget()
    qtbot.add_widget(target)
    event = QMouseEvent(QEvent.Type.MouseButtonPress, QPointF(5, 5), QPointF(5, 5), Qt.MouseButton.LeftButton,
                        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    assert feature.eventFilter(target, event) is True  # the tile under the finger is not pressed
    assert state_of(feature) is IdleState.ACTIVE
    assert not attract.visible


def test_the_mode_decides_staff_menu_and_presenter_pause_it(
        qtbot: QtBot, deck: DeckController, mode: ModeState,
        idle: tuple[IdleFeature, FakePrompt, FakeAttract]) -> None:
    feature, prompt, _attract = idle
    deck.on_page_requested(4)
    mode.open_staff()
    assert feature.state is IdleState.DISABLED
    qtbot.wait(400)
    assert not prompt.visible
    assert deck.page == 4
    mode.close_staff()
    assert state_of(feature) is IdleState.ACTIVE
    mode.set_presenter(True)
    assert feature.state is IdleState.DISABLED
    mode.set_presenter(False)
    qtbot.waitUntil(lambda: feature.state is IdleState.PROMPT, timeout=2000)


def state_of(idle: IdleFeature) -> IdleState:
    """The idle state read afresh (mypy would keep an earlier assert's narrowing of ``idle.state``)."""
    return idle.state


def test_between_visitors_the_drawn_pixmaps_and_free_heap_are_given_back(
        qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QPixmap, QPixmapCache

    from kiosk.features.idle import controller as idle_controller

    released: list[bool] = []
    monkeypatch.setattr(idle_controller, "release_free_memory", lambda: released.append(True))
    pixmap = QPixmap(32, 32)
    key = QPixmapCache.insert(pixmap)
    idle_controller.free_memory_between_visitors()
    assert not QPixmapCache.find(key, QPixmap())
    assert released == [True]
