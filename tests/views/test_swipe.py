"""Swiping between pages with a finger (touch) or a mouse, as visitors do on the kiosk."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.views.decor import PictureBox
from kiosk.views.home import HomeView

Settle = Callable[[Kiosk], None]
LEFT = Qt.MouseButton.LeftButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


@pytest.fixture(scope="module")
def touchscreen(qapp: object) -> QPointingDevice:
    return QTest.createTouchDevice()


# --------------------------------------------------------------------------- helpers


def swipe_point(kiosk: Kiosk, fx: float, fy: float) -> QPoint:
    """A point on the page area, as fractions of its width and height."""
    swipe = kiosk.window.swipe
    return QPoint(round(swipe.width() * fx), round(swipe.height() * fy))


def empty_point(kiosk: Kiosk) -> QPoint:
    """A point on the page area with nothing to tap under it (below the home screen's tiles)."""
    swipe = kiosk.window.swipe
    point = QPoint(swipe.width() * 3 // 4, swipe.height() - 5)
    assert isinstance(swipe.childAt(point), HomeView | type(None)), swipe.childAt(point)
    return point


class Mouse:
    """A mouse drag, delivered like Qt delivers one: every event to the widget pressed on."""

    def __init__(self, qtbot: QtBot, kiosk: Kiosk, start: QPoint) -> None:
        self.qtbot = qtbot
        self.swipe = kiosk.window.swipe
        self.target: QWidget = self.swipe.childAt(start) or self.swipe
        self.start = start
        self.point = start
        QTest.mousePress(self.target, LEFT, NO_MODIFIER, self._local(start))

    def _local(self, point: QPoint) -> QPoint:
        return self.target.mapFrom(self.swipe, point)

    def move_by(self, dx: int, dy: int = 0, *, steps: int = 5, pause_ms: int = 10) -> None:
        origin = self.point
        for step in range(1, steps + 1):
            self.point = origin + QPoint(round(dx * step / steps), round(dy * step / steps))
            QTest.mouseMove(self.target, self._local(self.point))
            if pause_ms:
                self.qtbot.wait(pause_ms)

    def release(self) -> None:
        QTest.mouseRelease(self.target, LEFT, NO_MODIFIER, self._local(self.point))


class Finger:
    """One finger on the touchscreen: Qt turns its touches into mouse events for the widgets."""

    def __init__(self, qtbot: QtBot, kiosk: Kiosk, device: QPointingDevice, start: QPoint) -> None:
        self.qtbot = qtbot
        self.window = kiosk.window
        self.device = device
        self.point = kiosk.window.swipe.mapTo(kiosk.window, start)
        QTest.touchEvent(self.window, device).press(0, self.point).commit()

    def move_by(self, dx: int, dy: int = 0, *, steps: int = 5, pause_ms: int = 10) -> None:
        origin = self.point
        for step in range(1, steps + 1):
            self.point = origin + QPoint(round(dx * step / steps), round(dy * step / steps))
            QTest.touchEvent(self.window, self.device).move(0, self.point).commit()
            if pause_ms:
                self.qtbot.wait(pause_ms)

    def release(self) -> None:
        QTest.touchEvent(self.window, self.device).release(0, self.point).commit()


def go_to(kiosk: Kiosk, page: int, settle: Settle) -> None:
    kiosk.controller.on_page_requested(page)
    settle(kiosk)


def shown_page(kiosk: Kiosk) -> str:
    """The page the visitor sees at rest: ``home`` or a slide id."""
    view = kiosk.window.current_view()
    assert view.isVisible()
    assert view.x() == kiosk.window.swipe.gutter  # at rest: beside the arrows' gutter
    return view.objectName().removeprefix("slide-")


def slide_id(kiosk: Kiosk, page: int) -> str:
    return kiosk.content.deck.slides[page - 1].id


# --------------------------------------------------------------------------- mouse


def test_dragging_left_past_a_quarter_turns_the_page(kiosk: Kiosk, qtbot: QtBot, settle: Settle) -> None:
    width = kiosk.window.swipe.width()
    drag = Mouse(qtbot, kiosk, empty_point(kiosk))
    drag.move_by(-round(width * 0.3), steps=10)
    with qtbot.waitSignal(kiosk.controller.page_changed) as blocker:
        drag.release()
    assert blocker.args[0] == 1
    settle(kiosk)
    assert shown_page(kiosk) == slide_id(kiosk, 1)


def test_dragging_right_goes_back(kiosk: Kiosk, qtbot: QtBot, settle: Settle) -> None:
    go_to(kiosk, 3, settle)
    drag = Mouse(qtbot, kiosk, swipe_point(kiosk, 0.2, 0.95))
    drag.move_by(round(kiosk.window.swipe.width() * 0.3), steps=10)
    with qtbot.waitSignal(kiosk.controller.page_changed) as blocker:
        drag.release()
    assert blocker.args[0] == 2
    settle(kiosk)
    assert shown_page(kiosk) == slide_id(kiosk, 2)


def test_short_slow_drag_snaps_back(kiosk: Kiosk, qtbot: QtBot, settle: Settle) -> None:
    swipe = kiosk.window.swipe
    drag = Mouse(qtbot, kiosk, empty_point(kiosk))
    drag.move_by(-20, steps=4, pause_ms=25)
    assert kiosk.window.current_view().x() == swipe.gutter - 20  # it moved with the finger ...
    with qtbot.assertNotEmitted(kiosk.controller.page_changed):
        drag.release()
    qtbot.waitUntil(lambda: not swipe.is_animating)
    assert shown_page(kiosk) == "home"  # ... and came back


def test_quick_flick_turns_the_page(kiosk: Kiosk, qtbot: QtBot, settle: Settle) -> None:
    drag = Mouse(qtbot, kiosk, empty_point(kiosk))
    drag.move_by(-120, steps=4, pause_ms=0)  # far less than a quarter, but fast
    with qtbot.waitSignal(kiosk.controller.page_changed) as blocker:
        drag.release()
    assert blocker.args[0] == 1


def test_drag_that_pauses_before_lifting_snaps_back(kiosk: Kiosk, qtbot: QtBot) -> None:
    """A quick start is no flick if the finger then rests: the visitor changed their mind."""
    drag = Mouse(qtbot, kiosk, empty_point(kiosk))
    drag.move_by(-120, steps=4, pause_ms=5)
    qtbot.wait(300)
    with qtbot.assertNotEmitted(kiosk.controller.page_changed):
        drag.release()
    qtbot.waitUntil(lambda: not kiosk.window.swipe.is_animating)
    assert shown_page(kiosk) == "home"


def test_swiping_right_on_the_home_screen_stays_home(kiosk: Kiosk, qtbot: QtBot) -> None:
    swipe = kiosk.window.swipe
    drag = Mouse(qtbot, kiosk, swipe_point(kiosk, 0.1, 0.95))
    drag.move_by(round(swipe.width() * 0.6), steps=10)
    # Nothing lies to the left of home: the page gives way only a little (rubber band).
    assert 0 < kiosk.window.current_view().x() - swipe.gutter < swipe.width() * 0.25
    with qtbot.assertNotEmitted(kiosk.controller.page_changed):
        drag.release()
    qtbot.waitUntil(lambda: not swipe.is_animating)
    assert shown_page(kiosk) == "home"


def test_vertical_drag_does_not_turn_the_page(kiosk: Kiosk, qtbot: QtBot, settle: Settle) -> None:
    go_to(kiosk, 2, settle)
    drag = Mouse(qtbot, kiosk, swipe_point(kiosk, 0.5, 0.2))
    drag.move_by(-30, 250, steps=10)
    assert kiosk.window.current_view().x() == kiosk.window.swipe.gutter
    with qtbot.assertNotEmitted(kiosk.controller.page_changed):
        drag.release()
    assert shown_page(kiosk) == slide_id(kiosk, 2)


def test_page_follows_the_finger(kiosk: Kiosk, qtbot: QtBot, settle: Settle) -> None:
    go_to(kiosk, 4, settle)
    swipe = kiosk.window.swipe
    current = kiosk.window.current_view()
    drag = Mouse(qtbot, kiosk, swipe_point(kiosk, 0.6, 0.5))
    drag.move_by(-100, steps=5, pause_ms=30)
    assert current.x() == pytest.approx(swipe.gutter - 100, abs=2)
    following = swipe.built_pages()[5]
    assert following.isVisible()
    assert following.x() == pytest.approx(swipe.gutter + swipe.width() - 100, abs=2)
    assert following.objectName() == f"slide-{slide_id(kiosk, 5)}"
    drag.move_by(60, steps=3, pause_ms=30)  # and back, with the finger
    assert current.x() == pytest.approx(swipe.gutter - 40, abs=2)
    assert following.x() == pytest.approx(swipe.gutter + swipe.width() - 40, abs=2)
    qtbot.wait(150)
    drag.release()
    settle(kiosk)
    assert shown_page(kiosk) == slide_id(kiosk, 4)


def test_dragging_from_a_topic_tile_swipes_and_does_not_open_the_topic(
        kiosk: Kiosk, qtbot: QtBot, settle: Settle) -> None:
    swipe = kiosk.window.swipe
    home = kiosk.window.current_view()
    assert isinstance(home, HomeView)
    tile = home.tiles[2]
    start = tile.mapTo(swipe, tile.rect().center())
    drag = Mouse(qtbot, kiosk, start)
    assert drag.target is tile
    assert tile.isDown()  # pressed at once: the visitor sees the touch
    with qtbot.assertNotEmitted(tile.clicked), qtbot.assertNotEmitted(home.topic_requested):
        drag.move_by(-round(swipe.width() * 0.3), steps=10)
        assert not tile.isDown()  # a swipe, not a press, after all
        with qtbot.waitSignal(kiosk.controller.page_changed) as blocker:
            drag.release()
    assert blocker.args[0] == 1  # the next page, not the topic's first slide
    settle(kiosk)
    assert shown_page(kiosk) == slide_id(kiosk, 1)


def test_two_quick_swipes_turn_two_pages(kiosk: Kiosk, qtbot: QtBot, settle: Settle) -> None:
    """The second swipe catches the pages still sliding; it goes on forward, never back."""
    swipe = kiosk.window.swipe
    go_to(kiosk, 3, settle)
    for expected in (4, 5):
        drag = Mouse(qtbot, kiosk, swipe_point(kiosk, 0.8, 0.5))
        drag.move_by(-round(swipe.width() * 0.3), steps=3, pause_ms=5)
        with qtbot.waitSignal(kiosk.controller.page_changed) as blocker:
            drag.release()
        assert blocker.args[0] == expected
        assert swipe.is_animating
    settle(kiosk)
    assert shown_page(kiosk) == slide_id(kiosk, 5)


def test_tile_still_opens_with_a_small_wobble(kiosk: Kiosk, qtbot: QtBot, settle: Settle) -> None:
    swipe = kiosk.window.swipe
    home = kiosk.window.current_view()
    assert isinstance(home, HomeView)
    tile = home.tiles[4]
    drag = Mouse(qtbot, kiosk, tile.mapTo(swipe, tile.rect().center()))
    drag.move_by(-4, 3, steps=2)
    with qtbot.waitSignal(home.topic_requested) as blocker:
        drag.release()
    assert blocker.args == [4]
    settle(kiosk)
    assert shown_page(kiosk) == kiosk.content.deck.topics[4].slides[0].id


# --------------------------------------------------------------------------- touch


def test_touch_swipe_left_turns_the_page(kiosk: Kiosk, qtbot: QtBot, settle: Settle,
                                         touchscreen: QPointingDevice) -> None:
    width = kiosk.window.swipe.width()
    finger = Finger(qtbot, kiosk, touchscreen, empty_point(kiosk))
    finger.move_by(-round(width * 0.3), steps=10)
    assert kiosk.window.current_view().x() == pytest.approx(kiosk.window.swipe.gutter - round(width * 0.3), abs=2)
    with qtbot.waitSignal(kiosk.controller.page_changed) as blocker:
        finger.release()
    assert blocker.args[0] == 1
    settle(kiosk)
    assert shown_page(kiosk) == slide_id(kiosk, 1)


def test_touch_swipe_right_goes_back(kiosk: Kiosk, qtbot: QtBot, settle: Settle,
                                     touchscreen: QPointingDevice) -> None:
    go_to(kiosk, 6, settle)
    finger = Finger(qtbot, kiosk, touchscreen, swipe_point(kiosk, 0.2, 0.5))
    finger.move_by(round(kiosk.window.swipe.width() * 0.3), steps=10)
    with qtbot.waitSignal(kiosk.controller.page_changed) as blocker:
        finger.release()
    assert blocker.args[0] == 5
    settle(kiosk)
    assert shown_page(kiosk) == slide_id(kiosk, 5)


def test_touch_short_drag_snaps_back(kiosk: Kiosk, qtbot: QtBot, settle: Settle,
                                     touchscreen: QPointingDevice) -> None:
    go_to(kiosk, 6, settle)
    finger = Finger(qtbot, kiosk, touchscreen, swipe_point(kiosk, 0.5, 0.5))
    finger.move_by(-20, steps=4, pause_ms=25)
    with qtbot.assertNotEmitted(kiosk.controller.page_changed):
        finger.release()
    qtbot.waitUntil(lambda: not kiosk.window.swipe.is_animating)
    assert shown_page(kiosk) == slide_id(kiosk, 6)


def test_touch_tap_on_a_tile_opens_the_topic(kiosk: Kiosk, qtbot: QtBot, settle: Settle,
                                             touchscreen: QPointingDevice) -> None:
    home = kiosk.window.current_view()
    assert isinstance(home, HomeView)
    tile = home.tiles[1]
    finger = Finger(qtbot, kiosk, touchscreen, tile.mapTo(kiosk.window.swipe, tile.rect().center()))
    with qtbot.waitSignal(tile.clicked):
        finger.release()
    settle(kiosk)
    assert shown_page(kiosk) == kiosk.content.deck.topics[1].slides[0].id


def test_touch_swipe_from_a_tile_does_not_open_the_topic(kiosk: Kiosk, qtbot: QtBot, settle: Settle,
                                                         touchscreen: QPointingDevice) -> None:
    home = kiosk.window.current_view()
    assert isinstance(home, HomeView)
    tile = home.tiles[0]
    finger = Finger(qtbot, kiosk, touchscreen, tile.mapTo(kiosk.window.swipe, tile.rect().center()))
    with qtbot.assertNotEmitted(tile.clicked), qtbot.assertNotEmitted(home.topic_requested):
        finger.move_by(-round(kiosk.window.swipe.width() * 0.3), steps=10)
        with qtbot.waitSignal(kiosk.controller.page_changed) as blocker:
            finger.release()
    assert blocker.args[0] == 1
    settle(kiosk)
    assert shown_page(kiosk) == slide_id(kiosk, 1)


def test_double_tap_on_a_tile_opens_the_topic(kiosk: Kiosk, qtbot: QtBot, settle: Settle,
                                              touchscreen: QPointingDevice) -> None:
    """Many visitors double-tap; the second tap lands while the topic's slide is sliding in."""
    home = kiosk.window.current_view()
    assert isinstance(home, HomeView)
    tile = home.tiles[3]
    point = tile.mapTo(kiosk.window.swipe, tile.rect().center())
    Finger(qtbot, kiosk, touchscreen, point).release()
    assert kiosk.window.swipe.is_animating
    qtbot.wait(20)
    Finger(qtbot, kiosk, touchscreen, point).release()
    settle(kiosk)
    assert shown_page(kiosk) == kiosk.content.deck.topics[3].slides[0].id


class StepClock:
    """A clock the test moves: the swipe's flick speed is measured with it, not with real time."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(("seconds_per_step", "rest_s", "turns"), [
    (0.01, 0.0, True),    # 120 px in 40 ms: a flick, though far short of the snap point
    (0.01, 0.5, False),   # the same start, then the finger rests before lifting: no flick
    (0.25, 0.0, False),   # 120 px over a second: a slow drag that snaps back
])
def test_flick_is_judged_by_the_injected_clock(qtbot: QtBot, seconds_per_step: float, rest_s: float,
                                               turns: bool) -> None:
    from kiosk.views.swipe import SwipeArea

    clock = StepClock()
    area = SwipeArea(lambda _index: QWidget(), 3, px_per_mm=4.0, clock=clock)
    qtbot.add_widget(area)
    area.resize(800, 400)
    area.show()
    qtbot.wait_exposed(area)
    start = QPoint(600, 200)
    QTest.mousePress(area, LEFT, NO_MODIFIER, start)
    for step in range(1, 5):
        clock.now += seconds_per_step
        QTest.mouseMove(area, start - QPoint(30 * step, 0))
    clock.now += rest_s
    with qtbot.wait_signals([area.page_requested], timeout=500, raising=False) as blocker:
        QTest.mouseRelease(area, LEFT, NO_MODIFIER, start - QPoint(120, 0))
    assert blocker.signal_triggered is turns


# --------------------------------------------------------------------------- kept pages


def test_pages_kept_for_a_quick_return_let_their_pictures_go_until_they_are_neighbours(
        kiosk: Kiosk, qtbot: QtBot, settle: Settle) -> None:
    pictured = [page for page, slide in enumerate(kiosk.content.deck.slides, start=1) if slide.image is not None]
    first = pictured[0]
    go_to(kiosk, first, settle)
    swipe = kiosk.window.swipe
    boxes = swipe.built_pages()[first].findChildren(PictureBox)
    assert boxes
    assert not any(box.released for box in boxes)
    go_to(kiosk, first + 3, settle)  # kept (recent), no longer next to the page shown
    assert first in swipe.built_pages()
    assert all(box.released for box in boxes)
    kiosk.controller.on_page_requested(first + 1)  # a neighbour again ...
    assert all(box.released for box in boxes)  # ... but not decoded in the frame the slide-in starts
    settle(kiosk)  # decoded at rest, before a swipe can show it
    qtbot.waitUntil(lambda: not any(box.released for box in boxes), timeout=2000)
    assert not any(box.picture.isNull() for box in boxes)
