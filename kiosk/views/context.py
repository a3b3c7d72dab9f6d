"""The drawing context every view gets: deck, language, metrics, fonts, and the text in that language."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import (
    QFont,
)

from kiosk.core.content.breaking import breaker_for
from kiosk.core.content.markup import to_plain_text, to_rich_text
from kiosk.core.content.model import Deck, LocalizedText
from kiosk.core.content.ui_words import UiText, ui_text
from kiosk.core.text.digits import localize_digits
from kiosk.views.fonts import FontSet, font_for
from kiosk.views.metrics import Metrics, TextRole
from kiosk.views.pictures import PictureCache


@dataclass(frozen=True)
class SlideContext:
    """Everything a view needs to draw a slide in one language at one size."""

    deck: Deck
    language: str
    metrics: Metrics
    fonts: FontSet
    assets_dir: Path
    slide_size: QSize = field(default_factory=lambda: QSize(800, 600))
    #: The window's picture cache (a context built on its own gets a fresh one).
    pictures: PictureCache = field(default_factory=PictureCache, compare=False)

    @property
    def default_language(self) -> str:
        return self.deck.default_language

    def plain(self, text: LocalizedText | None) -> str:
        """The text in the current language (default language when missing), markup removed."""
        if text is None:
            return ""
        return to_plain_text(text.get(self.language, self.default_language))

    def rich(self, text: LocalizedText | None) -> str:
        """Safe rich text with Khmer break opportunities, ready for a QLabel."""
        if text is None:
            return ""
        return self.mark(to_rich_text(text.get(self.language, self.default_language)))

    def mark(self, text: str) -> str:
        """``text`` (plain or rich) with the line breaks the kiosk allows: the deck's breaker, which
        keeps the organisation's names, people's names, dates and numbers with their units whole."""
        return breaker_for(self.deck).mark(text, self.language)

    def mark_to_fit(self, plain: str, width: float, measure: Callable[[str], float]) -> str:
        """Plain ``text`` marked for a line ``width`` wide (see ``Breaker.mark_to_fit``)."""
        return breaker_for(self.deck).mark_to_fit(plain, width, measure, self.language)

    def number(self, value: int | str) -> str:
        """A number the kiosk itself shows ("3 / 14", a countdown) in the language's digits."""
        return localize_digits(str(value), self.deck.digits_for(self.language))

    def ui(self, key: UiText) -> str:
        return ui_text(key, self.language, self.default_language, self.deck.interface)

    def font(self, role: TextRole, scale: float = 1.0,
             weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
        return font_for(self.language, self.fonts, pixel_size=self.metrics.text_px(role, scale),
                        weight=weight)

    def resolve(self, relative: str) -> Path:
        return self.deck.root / relative
