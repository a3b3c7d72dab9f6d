"""The title slide: a large centred heading, an accent rule, a subtitle and an optional picture."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout

from kiosk.core.content.model import TitleSlide
from kiosk.views.decor import AccentRule
from kiosk.views.metrics import TextRole
from kiosk.views.slides.base import SlideView
from kiosk.views.text import trailing_space
from kiosk.views.theme import PALETTE

#: Share of the slide's height a title picture may take.
PICTURE_HEIGHT_SHARE = 0.38


class TitleView(SlideView):
    """Welcome or section title, centred in the slide."""

    slide: TitleSlide

    def build(self) -> None:
        metrics = self.context.metrics
        size = self.context.slide_size
        side = max(metrics.margin, round(size.width() * 0.08))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(side, metrics.margin, side, metrics.margin)
        layout.setSpacing(metrics.gap)
        layout.addStretch(1)
        self._picture = self.add_banner(layout, size.width() - 2 * side, PICTURE_HEIGHT_SHARE)
        centre = Qt.AlignmentFlag.AlignHCenter
        title = self.label(self.slide.heading, TextRole.TITLE, bold=True, colour=PALETTE.primary,
                           align=centre, balanced=True)
        self._rule = AccentRule(self)
        layout.addWidget(title)
        if not trailing_space(title):  # Khmer titles end with room under their last line already
            layout.addSpacing(round(metrics.gap * 0.5))
        layout.addWidget(self._rule, 0, centre)
        layout.addSpacing(round(metrics.gap * 0.5))
        if self.slide.subtitle is not None:
            layout.addWidget(self.label(self.slide.subtitle, TextRole.LEAD, colour=PALETTE.on_surface,
                                        align=centre, balanced=True))
        layout.addStretch(1)

    def on_scale_changed(self) -> None:
        body = self.context.metrics.text_px(TextRole.BODY, self.scale)
        self._rule.set_length(round(body * 4), max(3, round(body * 0.2)))
