"""Presenter mode: clicker keys, blackout, jump to slide N, overview, screens, presenter view."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.features.idle.controller import IdleState, install_idle
from kiosk.features.presenter.controller import PresenterFeature, format_elapsed, install_presenter
from kiosk.features.presenter.overview import grid_columns
from kiosk.features.presenter.screens import ScreenInfo, ScreenPlan, plan_screens
from tests.conftest import KioskOptions

LAPTOP = ScreenInfo("eDP-1", 0, 0, 1366, 768, primary=True)
PROJECTOR = ScreenInfo("HDMI-1", 1366, 0, 1920, 1080)
SMALL = ScreenInfo("DP-2", 3286, 0, 1024, 768)


@pytest.mark.parametrize(
    ("screens", "presenter", "plan"),
    [
        ([LAPTOP], True, ScreenPlan(None, None)),
        ([LAPTOP, PROJECTOR], False, ScreenPlan(None, None)),
        ([LAPTOP, PROJECTOR], True, ScreenPlan(slides=1, presenter=0)),
        ([PROJECTOR, LAPTOP], True, ScreenPlan(slides=0, presenter=1)),
        ([LAPTOP, SMALL, PROJECTOR], True, ScreenPlan(slides=2, presenter=0)),
        (
            [ScreenInfo("a", 0, 0, 800, 600), ScreenInfo("b", 800, 0, 800, 600)],
            True,
            ScreenPlan(1, 0),
        ),
        ([], True, ScreenPlan(None, None)),
    ],
)
def test_screen_plan(screens: list[ScreenInfo], presenter: bool, plan: ScreenPlan) -> None:
    assert plan_screens(screens, presenter) == plan


@pytest.mark.parametrize(
    ("ms", "text"),
    [
        (0, "00:00"),
        (999, "00:00"),
        (65_000, "01:05"),
        (3_599_000, "59:59"),
        (3_725_000, "1:02:05"),
    ],
)
def test_elapsed_format(ms: int, text: str) -> None:
    assert format_elapsed(ms) == text


@pytest.mark.parametrize(
    ("count", "width", "height", "columns"),
    [
        (1, 1000, 600, 1),
        (15, 1000, 560, 4),
        (15, 560, 1000, 2),
        (4, 1600, 300, 4),
    ],
)
def test_overview_grid_columns(count: int, width: int, height: int, columns: int) -> None:
    assert grid_columns(count, width, height, 9 / 16) == columns


@pytest.fixture
def kiosk_options() -> KioskOptions:
    return KioskOptions(size=(1024, 600), language="en", themed=False)


@pytest.fixture
def presenter(qapp: QApplication, kiosk: Kiosk) -> Iterator[PresenterFeature]:
    feature = install_presenter(kiosk, presenter=True, screens=lambda: [LAPTOP])
    yield feature
    feature.set_presenter(False)
    qapp.removeEventFilter(feature)


def test_b_and_full_stop_black_the_screen_and_any_key_brings_it_back(
    qtbot: QtBot, kiosk: Kiosk, presenter: PresenterFeature
) -> None:
    kiosk.controller.on_page_requested(2)
    for key in (Qt.Key.Key_B, Qt.Key.Key_Period):
        qtbot.keyClick(kiosk.window, key)
        assert presenter.blacked
        assert presenter.blackout.geometry() == kiosk.window.rect()
        qtbot.keyClick(kiosk.window, Qt.Key.Key_Right)
        assert not presenter.blacked
        assert kiosk.controller.page == 2  # the key that restored did not also turn the page
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Right)
    assert kiosk.controller.page == 3


def test_a_touch_brings_the_screen_back_without_pressing_anything(
    qtbot: QtBot, kiosk: Kiosk, presenter: PresenterFeature
) -> None:
    qtbot.keyClick(kiosk.window, Qt.Key.Key_B)
    next_button = kiosk.window.next_button
    where = next_button.mapTo(kiosk.window, next_button.rect().center())
    QTest.mouseClick(
        kiosk.window.windowHandle(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        where,
    )
    assert not presenter.blacked
    assert kiosk.controller.page == 0


def test_digits_then_enter_jump_to_that_slide(
    qtbot: QtBot, kiosk: Kiosk, presenter: PresenterFeature
) -> None:
    qtbot.keyClick(kiosk.window, Qt.Key.Key_1)
    qtbot.keyClick(kiosk.window, Qt.Key.Key_2)
    assert presenter.jump_badge.isVisible()
    assert presenter.jump_badge.text() == "12"
    assert kiosk.controller.page == 0
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Return)
    assert kiosk.controller.page == 12
    assert not presenter.jump_badge.isVisible()
    for key in (Qt.Key.Key_9, Qt.Key.Key_9, Qt.Key.Key_Enter):
        qtbot.keyClick(kiosk.window, key)
    assert kiosk.controller.page == len(kiosk.controller.deck.slides)  # past the end: the last


def test_home_and_end(qtbot: QtBot, kiosk: Kiosk, presenter: PresenterFeature) -> None:
    qtbot.keyClick(kiosk.window, Qt.Key.Key_End)
    assert kiosk.controller.page == len(kiosk.controller.deck.slides)
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Home)
    assert kiosk.controller.page == 0


def test_the_overview_opens_with_o_and_a_tap_on_a_thumbnail_jumps_there(
    qtbot: QtBot, kiosk: Kiosk, presenter: PresenterFeature
) -> None:
    qtbot.keyClick(kiosk.window, Qt.Key.Key_O)
    assert presenter.overview_open
    tiles = presenter.overview.tiles
    assert len(tiles) == len(kiosk.controller.deck.slides) + 1
    assert tiles[0].current
    assert not tiles[5].current
    assert min(t.height() for t in tiles) >= presenter.overview.close_button.height() * 0.9
    target = tiles[5]
    QTest.mouseClick(
        kiosk.window.windowHandle(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        target.mapTo(kiosk.window, target.rect().center()),
    )
    assert kiosk.controller.page == 5
    assert not presenter.overview_open
    qtbot.keyClick(kiosk.window, Qt.Key.Key_O)
    assert presenter.overview.tiles[5].current
    qtbot.mouseClick(presenter.overview.close_button, Qt.MouseButton.LeftButton)
    assert not presenter.overview_open


def test_pinching_two_fingers_together_opens_the_overview(
    qtbot: QtBot, kiosk: Kiosk, presenter: PresenterFeature
) -> None:
    device = QTest.createTouchDevice()
    QTest.touchEvent(kiosk.window, device).press(0, QPoint(200, 300)).press(
        1, QPoint(800, 300)
    ).commit()
    QTest.touchEvent(kiosk.window, device).move(0, QPoint(350, 300)).move(
        1, QPoint(650, 300)
    ).commit()
    QTest.touchEvent(kiosk.window, device).move(0, QPoint(450, 300)).move(
        1, QPoint(550, 300)
    ).commit()
    QTest.touchEvent(kiosk.window, device).release(0, QPoint(450, 300)).release(
        1, QPoint(550, 300)
    ).commit()
    assert presenter.overview_open


def test_keys_do_nothing_special_outside_presenter_mode(
    qtbot: QtBot, kiosk: Kiosk, presenter: PresenterFeature
) -> None:
    presenter.set_presenter(False)
    for key in (Qt.Key.Key_B, Qt.Key.Key_O, Qt.Key.Key_3, Qt.Key.Key_Return):
        qtbot.keyClick(kiosk.window, key)
    assert not presenter.blacked
    assert not presenter.overview_open
    assert kiosk.controller.page == 0


def test_presenter_mode_turns_the_idle_reset_off(
    qtbot: QtBot, kiosk: Kiosk, qapp: QApplication
) -> None:
    idle = install_idle(kiosk, mode=kiosk.mode, idle_timeout_ms=100, countdown_ms=100)
    feature = install_presenter(kiosk, mode=kiosk.mode, presenter=True, screens=lambda: [LAPTOP])
    try:
        kiosk.controller.on_page_requested(4)
        qtbot.wait(400)
        assert idle.state == IdleState.DISABLED
        assert kiosk.controller.page == 4
        feature.set_presenter(False)
        qtbot.waitUntil(lambda: idle.state == IdleState.ATTRACT, timeout=3000)
    finally:
        idle.uninstall()
        feature.set_presenter(False)
        qapp.removeEventFilter(feature)


@pytest.fixture
def two_screens(
    qapp: QApplication, kiosk: Kiosk
) -> Iterator[tuple[PresenterFeature, list[ScreenInfo]]]:
    screens = [
        ScreenInfo("laptop", 0, 0, 1024, 600, primary=True),
        ScreenInfo("projector", 1024, 0, 1280, 720),
    ]
    feature = install_presenter(kiosk, presenter=True, screens=lambda: list(screens), tick_ms=50)
    assert feature.presenter_view is not None
    yield feature, screens
    feature.set_presenter(False)
    qapp.removeEventFilter(feature)
    feature.presenter_view.deleteLater()


def _notes_page(kiosk: Kiosk) -> int:
    return next(i + 1 for i, s in enumerate(kiosk.controller.deck.slides) if s.notes is not None)


def test_with_a_projector_the_presenter_view_shows_the_notes_in_the_current_language(
    qtbot: QtBot, kiosk: Kiosk, two_screens: tuple[PresenterFeature, list[ScreenInfo]]
) -> None:
    feature, _ = two_screens
    view = feature.presenter_view
    assert view is not None
    assert view.isVisible()
    assert kiosk.window.geometry().center().x() > 1024  # the slides went to the projector
    page = _notes_page(kiosk)
    notes = kiosk.controller.deck.slides[page - 1].notes
    assert notes is not None
    kiosk.controller.on_page_requested(page)
    assert notes.get("en", "km") in view.notes.accessibleName()
    assert view.number.text() == f"Slide {page} / {len(kiosk.controller.deck.slides)}"
    assert view.next.pixmap is not None
    assert view.current.pixmap is not None
    kiosk.controller.on_language_requested("km")
    # Drawn with the line marks, read aloud as written.
    assert kiosk.window.context().rich(notes) in view.notes.text()
    assert view.notes.accessibleName() == notes.get("km", "en")
    assert "សូមស្វាគមន៍" in view.notes.accessibleName()
    kiosk.controller.on_next_requested()
    following = kiosk.controller.deck.slides[page]
    expected = kiosk.window.context().rich(following.notes) if following.notes else ""
    assert view.notes.accessibleName() == expected


def test_the_clicker_works_on_the_presenter_view_too(
    qtbot: QtBot, kiosk: Kiosk, two_screens: tuple[PresenterFeature, list[ScreenInfo]]
) -> None:
    view = two_screens[0].presenter_view
    assert view is not None
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert kiosk.controller.page == 2
    qtbot.keyClick(view, Qt.Key.Key_B)
    assert two_screens[0].blacked


def test_the_elapsed_time_ticks_and_restarts(
    qtbot: QtBot,
    kiosk: Kiosk,
    two_screens: tuple[PresenterFeature, list[ScreenInfo]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    feature = two_screens[0]
    view = feature.presenter_view
    assert view is not None
    assert view.elapsed.text() == "00:00"
    monkeypatch.setattr(feature, "elapsed_ms", lambda: 65_000)
    qtbot.waitUntil(lambda: view.elapsed.text() == "01:05", timeout=2000)
    monkeypatch.undo()
    qtbot.mouseClick(view.reset_button, Qt.MouseButton.LeftButton)
    assert view.elapsed.text() == "00:00"


def test_unplugging_the_projector_closes_the_presenter_view(
    qtbot: QtBot, kiosk: Kiosk, two_screens: tuple[PresenterFeature, list[ScreenInfo]]
) -> None:
    feature, screens = two_screens
    view = feature.presenter_view
    assert view is not None
    del screens[1]
    feature.on_screens_changed()
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=2000)
    screens.append(ScreenInfo("projector", 1024, 0, 1280, 720))
    feature.on_screens_changed()
    qtbot.waitUntil(view.isVisible, timeout=2000)


def test_the_overview_is_opaque_and_its_numbers_cover_no_slide(
    qtbot: QtBot, kiosk: Kiosk, presenter: PresenterFeature
) -> None:
    from kiosk.features.presenter.overview import SCRIM

    qtbot.keyClick(kiosk.window, Qt.Key.Key_O)
    assert SCRIM.alpha() == 255  # nothing of the slide underneath shows through
    for tile in presenter.overview.tiles[1:]:
        badge, picture = tile.badge_rect(), tile.picture_rect()
        assert not badge.intersects(picture), f"badge {tile.label} covers its thumbnail"
        assert QRectF(tile.rect()).contains(badge), f"badge {tile.label} is cut off"
        assert badge.height() >= 18
