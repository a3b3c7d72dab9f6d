"""Where the visitor is: page 0 is home, pages 1..N the slides. No Qt needed."""

from __future__ import annotations

import pytest

from kiosk.core.content.navigation import HOME, Navigator

SLIDES = ["welcome", "story", "people", "contact"]


@pytest.fixture
def nav() -> Navigator:
    return Navigator(list(SLIDES), "km")


def test_starts_at_home(nav: Navigator) -> None:
    assert nav.page == HOME == 0
    assert nav.page_count == len(SLIDES) + 1
    assert nav.slide_number == 0
    assert nav.current_slide_id is None


def test_next_walks_through_every_slide_then_stops(nav: Navigator) -> None:
    seen = []
    while nav.next():
        seen.append((nav.page, nav.current_slide_id))
    assert seen == [(1, "welcome"), (2, "story"), (3, "people"), (4, "contact")]
    assert nav.next() is False
    assert nav.page == 4


def test_previous_walks_back_to_home_then_stops(nav: Navigator) -> None:
    nav.go(3)
    assert nav.previous() is True
    assert nav.current_slide_id == "story"
    assert nav.previous() is True
    assert nav.previous() is True
    assert nav.page == HOME
    assert nav.previous() is False
    assert nav.page == HOME


@pytest.mark.parametrize(("page", "moved", "after"), [
    (0, False, 0),  # already there
    (2, True, 2),
    (4, True, 4),
    (5, False, 0),  # past the last slide
    (-1, False, 0),
])
def test_go(nav: Navigator, page: int, moved: bool, after: int) -> None:
    assert nav.go(page) is moved
    assert nav.page == after


@pytest.mark.parametrize(("page", "allowed"), [(-1, False), (0, True), (4, True), (5, False)])
def test_can_go(nav: Navigator, page: int, allowed: bool) -> None:
    assert nav.can_go(page) is allowed


def test_first_last_home(nav: Navigator) -> None:
    assert nav.last() is True
    assert nav.page == 4
    assert nav.last() is False
    assert nav.first() is True
    assert nav.page == 1
    assert nav.home() is True
    assert nav.page == HOME
    assert nav.home() is False


def test_an_empty_deck_has_only_home() -> None:
    nav = Navigator([], "en")
    assert nav.page_count == 1
    assert (nav.next(), nav.previous(), nav.first(), nav.last()) == (False, False, False, False)
    assert nav.page == HOME


@pytest.mark.parametrize(("slide_id", "page"), [("welcome", 1), ("contact", 4), ("missing", None)])
def test_page_of(nav: Navigator, slide_id: str, page: int | None) -> None:
    assert nav.page_of(slide_id) == page


def test_replace_slides_stays_on_the_same_slide(nav: Navigator) -> None:
    nav.go(nav.page_of("people") or 0)
    nav.replace_slides(["intro", "welcome", "people", "story"])
    assert nav.current_slide_id == "people"
    assert nav.page == 3


def test_replace_slides_goes_home_when_the_slide_is_gone(nav: Navigator) -> None:
    nav.go(2)
    nav.replace_slides(["welcome", "people"])
    assert nav.page == HOME
    assert nav.page_count == 3


def test_replace_slides_at_home_stays_home(nav: Navigator) -> None:
    nav.replace_slides(["other"])
    assert nav.page == HOME
    assert nav.slide_ids == ["other"]


def test_replace_slides_copies_the_list(nav: Navigator) -> None:
    ids = ["a", "b"]
    nav.replace_slides(ids)
    ids.append("c")
    assert nav.page_count == 3
