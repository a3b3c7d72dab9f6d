"""The deck controller: owns where the visitor is and in which language; views only ask."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.core.content.model import Deck
from kiosk.core.content.navigation import HOME, Navigator

log = logging.getLogger(__name__)


class DeckController(QObject):
    """Decides on the views' requests and announces facts: the page, the language, the deck."""

    page_changed = Signal(int, bool)  # page, animate
    language_changed = Signal(str)
    deck_changed = Signal(object)  # Deck

    def __init__(self, deck: Deck, language: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.deck = deck
        start = language if language in deck.language_codes else deck.default_language
        self.navigator = Navigator([s.id for s in deck.slides], start)

    @property
    def page(self) -> int:
        return self.navigator.page

    @property
    def language(self) -> str:
        return self.navigator.language

    def _moved(self, moved: bool, animate: bool = True) -> None:
        if moved:
            log.info("page %d (%s)", self.navigator.page, self.navigator.current_slide_id or "home")
            self.page_changed.emit(self.navigator.page, animate)

    @Slot()
    def on_next_requested(self) -> None:
        self._moved(self.navigator.next())

    @Slot()
    def on_previous_requested(self) -> None:
        self._moved(self.navigator.previous())

    @Slot()
    def on_home_requested(self) -> None:
        self._moved(self.navigator.home())

    @Slot()
    def on_first_requested(self) -> None:
        self._moved(self.navigator.go(HOME))

    @Slot()
    def on_last_requested(self) -> None:
        self._moved(self.navigator.last())

    @Slot(int)
    def on_page_requested(self, page: int) -> None:
        moved = self.navigator.go(page)
        if not moved and page == self.navigator.page:
            self.page_changed.emit(page, True)  # settle a swipe that went nowhere
        self._moved(moved)

    @Slot(int)
    def on_topic_requested(self, index: int) -> None:
        if 0 <= index < len(self.deck.topics) and self.deck.topics[index].slides:
            page = self.navigator.page_of(self.deck.topics[index].slides[0].id)
            if page is not None:
                self._moved(self.navigator.go(page))

    @Slot(str)
    def on_language_requested(self, code: str) -> None:
        if code in self.deck.language_codes and code != self.navigator.language:
            self.navigator.language = code
            self.language_changed.emit(code)

    def replace_deck(self, deck: Deck) -> None:
        """New content: keep the slide id and the language when they still exist."""
        self.deck = deck
        self.navigator.replace_slides([s.id for s in deck.slides])
        language_gone = self.navigator.language not in deck.language_codes
        if language_gone:
            self.navigator.language = deck.default_language
        self.deck_changed.emit(deck)
        if language_gone:  # the views still draw the old language until they hear of it
            self.language_changed.emit(self.navigator.language)
        self.page_changed.emit(self.navigator.page, False)
