"""The text slide: a heading and short paragraphs, with an optional captioned picture."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.core.content.model import LocalizedText, TextSlide
from kiosk.views.metrics import TextRole
from kiosk.views.slides.base import PageView


class TextView(PageView):
    """Heading and paragraphs; a picture right of the text (landscape) or above it (portrait)."""

    slide: TextSlide

    def build(self) -> None:
        layout = self.page_layout()
        self.add_heading(layout, self.slide.heading)
        paragraphs = QVBoxLayout()
        self.space(paragraphs, 1.5)
        # A few short paragraphs: large text, grown or shrunk by the fitting to fill the page.
        for paragraph in self.slide.paragraphs:
            paragraphs.addWidget(self.label(paragraph, TextRole.LEAD))
        layout.addLayout(paragraphs)
        layout.addStretch(1)

    def caption_text(self) -> LocalizedText | None:
        """The slide's own caption wins over the picture's (``caption:`` came before ``image:`` had one)."""
        return self.slide.caption or super().caption_text()
