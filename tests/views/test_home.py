"""The home screen as a first-time visitor meets it: a prompt to touch, and tiles that look pressable."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.views.home import HomeView
from kiosk.views.theme import PALETTE

Settle = Callable[[Kiosk], None]
SIZES = [(1024, 600), (1366, 768), (1920, 1080), (1080, 1920)]


def home_at(kiosk: Kiosk, settle: Settle, size: tuple[int, int], language: str) -> HomeView:
    kiosk.window.resize(*size)
    kiosk.controller.on_language_requested(language)
    settle(kiosk)
    home = kiosk.window.current_view()
    assert isinstance(home, HomeView)
    return home


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_tiles_are_equal_cells_that_keep_their_size_across_languages(
        kiosk: Kiosk, settle: Settle, size: tuple[int, int]) -> None:
    geometries = {}
    for language in ("km", "en"):
        home = home_at(kiosk, settle, size, language)
        widths = {tile.width() for tile in home.tiles}
        heights = {tile.height() for tile in home.tiles}
        assert max(widths) - min(widths) <= 1, f"{language}: tile widths {sorted(widths)}"
        assert max(heights) - min(heights) <= 1, f"{language}: tile heights {sorted(heights)}"
        geometries[language] = [tile.geometry() for tile in home.tiles]
    km, en = geometries["km"], geometries["en"]
    for a, b in zip(km, en, strict=True):
        assert abs(a.width() - b.width()) <= 1, (a, b)
        assert abs(a.x() - b.x()) <= 1, (a, b)


@pytest.mark.parametrize("language", ["km", "en"])
def test_the_prompt_speaks_khmer_first_then_english(kiosk: Kiosk, settle: Settle, language: str) -> None:
    home = home_at(kiosk, settle, (1366, 768), language)
    lines = [line.text() for line in home.prompt.lines]
    assert [line.replace("\u200b", "") for line in lines] == ["ប៉ះប្រធានបទមួយ", "Touch a topic"]
    first, second = home.prompt.lines
    assert first.isVisible()
    assert second.isVisible()
    assert first.y() < second.y()
    assert first.font().pixelSize() > second.font().pixelSize()  # Khmer largest
    # Above the tiles, where the eye goes first.
    assert home.prompt.geometry().bottom() < home.grid_host.y()


def test_the_hand_taps_while_home_is_shown_and_rests_when_hidden(kiosk: Kiosk, settle: Settle,
                                                                qtbot: QtBot) -> None:
    home = home_at(kiosk, settle, (1366, 768), "km")
    hand = home.prompt.hand
    assert hand.isVisible()
    assert hand.animation.state() == hand.animation.State.Running
    seen: set[float] = set()

    def moved() -> bool:
        seen.add(round(hand.offset(), 1))
        return len(seen) >= 3

    qtbot.waitUntil(moved, timeout=3000)
    kiosk.window.show_page(1, animate=False)
    qtbot.waitUntil(lambda: not hand.isVisible())
    assert hand.animation.state() == hand.animation.State.Stopped


def pixel(widget: HomeView, tile_index: int) -> QColor:
    tile = widget.tiles[tile_index]
    image = tile.grab().toImage()
    return image.pixelColor(QPoint(tile.width() // 2, tile.height() // 5))


def test_a_tile_looks_pressed_the_moment_it_is_touched(kiosk: Kiosk, settle: Settle, qtbot: QtBot) -> None:
    home = home_at(kiosk, settle, (1366, 768), "en")
    tile = home.tiles[1]
    assert pixel(home, 1) == QColor(PALETTE.surface_alt)
    qtbot.mousePress(tile, Qt.MouseButton.LeftButton)
    assert tile.isDown()
    assert pixel(home, 1) == QColor(PALETTE.primary_light)  # filled at once, no transition
    qtbot.mouseRelease(tile, Qt.MouseButton.LeftButton)
    assert pixel(home, 1) == QColor(PALETTE.surface_alt)


def test_a_raised_tile_stands_on_its_edge(kiosk: Kiosk, settle: Settle) -> None:
    home = home_at(kiosk, settle, (1366, 768), "en")
    tile = home.tiles[0]
    image = tile.grab().toImage()
    bottom = image.pixelColor(QPoint(tile.width() // 2, tile.height() - tile.edge // 2 - 2))
    assert bottom == QColor(PALETTE.primary)  # the edge under the card


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_home_is_fitted_to_the_page_area_it_gets_and_nothing_is_cut(
        kiosk: Kiosk, settle: Settle, size: tuple[int, int]) -> None:
    for language in ("km", "en"):
        home = home_at(kiosk, settle, size, language)
        assert home.context.slide_size == kiosk.window.swipe.page_size()
        assert home.grid_host.geometry().bottom() <= home.height(), f"{language}: the grid is cut"
        if home.tagline.isVisible():
            assert home.prompt.y() >= home.tagline.geometry().bottom()
