"""The deck controller: the visitor's requests in, the facts (page, language, deck) out."""

from __future__ import annotations

import dataclasses

import pytest
from pytestqt.qtbot import QtBot

from kiosk.control.deck import DeckController
from kiosk.core.content.loader import load_content
from kiosk.core.content.model import Deck, Language
from kiosk.core.storage.assets import available_icons
from kiosk.core.storage.paths import assets_dir, bundled_content_dir


@pytest.fixture(scope="module")
def deck() -> Deck:
    return load_content(bundled_content_dir(), icons=available_icons(assets_dir())).deck


@pytest.fixture
def controller(deck: Deck, qtbot: QtBot) -> DeckController:
    return DeckController(deck)


def page_of(deck: Deck, slide_id: str) -> int:
    return [s.id for s in deck.slides].index(slide_id) + 1


# --------------------------------------------------------------------------- the start


def test_starts_at_home_in_the_default_language(controller: DeckController) -> None:
    assert controller.page == 0
    assert controller.language == "km"


@pytest.mark.parametrize(("asked", "language"), [("en", "en"), ("km", "km"), ("fr", "km"), (None, "km")])
def test_starting_language(deck: Deck, qtbot: QtBot, asked: str | None, language: str) -> None:
    assert DeckController(deck, asked).language == language


# --------------------------------------------------------------------------- pages


def test_next_and_previous(controller: DeckController, qtbot: QtBot) -> None:
    with qtbot.waitSignal(controller.page_changed) as blocker:
        controller.on_next_requested()
    assert blocker.args == [1, True]
    with qtbot.waitSignal(controller.page_changed) as blocker:
        controller.on_next_requested()
    assert blocker.args == [2, True]
    with qtbot.waitSignal(controller.page_changed) as blocker:
        controller.on_previous_requested()
    assert blocker.args == [1, True]
    assert controller.page == 1


def test_no_page_before_home(controller: DeckController, qtbot: QtBot) -> None:
    with qtbot.assertNotEmitted(controller.page_changed):
        controller.on_previous_requested()
        controller.on_home_requested()
        controller.on_first_requested()
    assert controller.page == 0


def test_no_page_after_the_last(deck: Deck, controller: DeckController, qtbot: QtBot) -> None:
    with qtbot.waitSignal(controller.page_changed) as blocker:
        controller.on_last_requested()
    assert blocker.args == [len(deck.slides), True]
    with qtbot.assertNotEmitted(controller.page_changed):
        controller.on_next_requested()
        controller.on_last_requested()
    assert controller.page == len(deck.slides)


@pytest.mark.parametrize("request_", ["on_home_requested", "on_first_requested"])
def test_home_and_first_go_to_the_home_screen(controller: DeckController, qtbot: QtBot,
                                              request_: str) -> None:
    controller.on_page_requested(6)
    with qtbot.waitSignal(controller.page_changed) as blocker:
        getattr(controller, request_)()
    assert blocker.args == [0, True]


def test_page_requested(controller: DeckController, qtbot: QtBot) -> None:
    with qtbot.waitSignal(controller.page_changed) as blocker:
        controller.on_page_requested(7)
    assert blocker.args == [7, True]
    assert controller.navigator.current_slide_id == "vision"


def test_requesting_the_current_page_settles_it(controller: DeckController, qtbot: QtBot) -> None:
    """A swipe that went nowhere asks for the page it is on: the window slides it back."""
    controller.on_page_requested(3)
    with qtbot.waitSignal(controller.page_changed) as blocker:
        controller.on_page_requested(3)
    assert blocker.args == [3, True]


@pytest.mark.parametrize("page", [-1, 16, 99])
def test_pages_out_of_range_are_ignored(controller: DeckController, qtbot: QtBot, page: int) -> None:
    controller.on_page_requested(2)
    with qtbot.assertNotEmitted(controller.page_changed):
        controller.on_page_requested(page)
    assert controller.page == 2


@pytest.mark.parametrize(("topic", "first_slide"), [
    (0, "welcome"), (1, "mission"), (2, "vision"), (3, "values"), (4, "leaders"), (5, "contact"),
])
def test_topic_opens_its_first_slide(deck: Deck, controller: DeckController, qtbot: QtBot,
                                     topic: int, first_slide: str) -> None:
    with qtbot.waitSignal(controller.page_changed) as blocker:
        controller.on_topic_requested(topic)
    assert blocker.args == [page_of(deck, first_slide), True]
    assert controller.navigator.current_slide_id == first_slide


@pytest.mark.parametrize("topic", [-1, 6, 100])
def test_unknown_topic_is_ignored(controller: DeckController, qtbot: QtBot, topic: int) -> None:
    with qtbot.assertNotEmitted(controller.page_changed):
        controller.on_topic_requested(topic)
    assert controller.page == 0


# --------------------------------------------------------------------------- languages


def test_language_change(controller: DeckController, qtbot: QtBot) -> None:
    controller.on_page_requested(4)
    with qtbot.waitSignal(controller.language_changed) as blocker, \
            qtbot.assertNotEmitted(controller.page_changed):
        controller.on_language_requested("en")
    assert blocker.args == ["en"]
    assert controller.language == "en"
    assert controller.page == 4  # the visitor stays on the slide


@pytest.mark.parametrize("code", ["km", "fr", ""])
def test_current_or_unknown_language_changes_nothing(controller: DeckController, qtbot: QtBot,
                                                     code: str) -> None:
    with qtbot.assertNotEmitted(controller.language_changed):
        controller.on_language_requested(code)
    assert controller.language == "km"


# --------------------------------------------------------------------------- new content


def without_first_topic(deck: Deck) -> Deck:
    return dataclasses.replace(deck, topics=deck.topics[1:])


def test_new_content_keeps_the_slide(deck: Deck, controller: DeckController, qtbot: QtBot) -> None:
    controller.on_page_requested(page_of(deck, "mission-goal"))
    controller.on_language_requested("en")
    new_deck = without_first_topic(deck)
    facts: list[tuple[str, object]] = []
    controller.deck_changed.connect(lambda d: facts.append(("deck", d)))
    controller.page_changed.connect(lambda page, animate: facts.append(("page", (page, animate))))
    with qtbot.waitSignal(controller.page_changed), qtbot.assertNotEmitted(controller.language_changed):
        controller.replace_deck(new_deck)
    # The deck first (the window rebuilds its pages), then the page to show (a jump, no slide-in).
    assert facts == [("deck", new_deck), ("page", (page_of(new_deck, "mission-goal"), False))]
    assert page_of(new_deck, "mission-goal") == page_of(deck, "mission-goal") - 4
    assert controller.navigator.current_slide_id == "mission-goal"
    assert controller.deck is new_deck
    assert controller.language == "en"


def test_new_content_without_the_slide_goes_home(deck: Deck, controller: DeckController,
                                                 qtbot: QtBot) -> None:
    controller.on_page_requested(page_of(deck, "founding"))
    with qtbot.waitSignal(controller.page_changed) as blocker:
        controller.replace_deck(without_first_topic(deck))
    assert blocker.args == [0, False]
    assert controller.page == 0


def test_new_content_without_the_language_switches_to_its_default(
        deck: Deck, controller: DeckController, qtbot: QtBot) -> None:
    controller.on_language_requested("en")
    khmer_only = dataclasses.replace(deck, languages=(Language(code="km", name="ខ្មែរ"),))
    with qtbot.waitSignal(controller.language_changed) as blocker:
        controller.replace_deck(khmer_only)
    assert blocker.args == ["km"]  # the window must hear it, or it keeps drawing English
    assert controller.language == "km"
