"""The statement slide: one strong sentence (vision, mission, a quote), centred, quotation mark."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.content.model import StatementSlide
from kiosk.views.decor import AccentRule
from kiosk.views.fonts import FontSet, font_for
from kiosk.views.metrics import TextRole
from kiosk.views.slides.base import SlideView
from kiosk.views.text import trailing_space
from kiosk.views.theme import PALETTE

QUOTE_MARK = "\u201c"  # LEFT DOUBLE QUOTATION MARK


class QuoteMark(QWidget):
    """A large decorative opening quotation mark, exactly as tall as its ink."""

    def __init__(self, fonts: FontSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fonts = fonts
        self._path = QPainterPath()
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.set_pixel_size(64)

    def set_pixel_size(self, pixel_size: int) -> None:
        font = font_for("en", self._fonts, pixel_size=pixel_size, weight=QFont.Weight.Bold)
        path = QPainterPath()
        path.addText(QPointF(0, 0), font, QUOTE_MARK)
        ink = path.boundingRect()
        self._path = path.translated(-ink.topLeft())
        self.setFixedSize(QSize(max(1, round(ink.width()) + 1), max(1, round(ink.height()) + 1)))
        self.update()

    def ink(self) -> QRectF:
        return self._path.boundingRect()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillPath(self._path, QColor(PALETTE.accent))
        painter.end()


#: A statement's picture is smaller than a title's: the words are the point.
BANNER_SHARE = 0.3


class StatementView(SlideView):
    """A small heading, the statement large and centred, and who says it."""

    slide: StatementSlide

    def build(self) -> None:
        metrics = self.context.metrics
        size = self.context.slide_size
        side = max(metrics.margin, round(size.width() * 0.1))
        centre = Qt.AlignmentFlag.AlignHCenter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(side, metrics.margin, side, metrics.margin)
        layout.setSpacing(metrics.gap)
        layout.addStretch(1)
        self.add_banner(layout, size.width() - 2 * side, BANNER_SHARE)
        if self.slide.heading is not None:
            layout.addWidget(self.label(self.slide.heading, TextRole.BODY, bold=True,
                                        colour=PALETTE.primary, align=centre, balanced=True))
            layout.addSpacing(metrics.gap)
        self._mark = QuoteMark(self.context.fonts, self)
        layout.addWidget(self._mark, 0, centre)
        text = self.label(self.slide.text, TextRole.HEADING, colour=PALETTE.on_surface,
                          align=centre, balanced=True)
        layout.addWidget(text)
        self._rule: AccentRule | None = None
        if self.slide.attribution is not None:
            # Khmer text already ends with room under its last line (taller Khmer lines).
            layout.addSpacing(max(0, metrics.gap - trailing_space(text)))
            self._rule = AccentRule(self, colour=PALETTE.outline)
            layout.addWidget(self._rule, 0, centre)
            layout.addWidget(self.label(self.slide.attribution, TextRole.BODY,
                                        colour=PALETTE.muted_text, align=centre, balanced=True))
        layout.addStretch(1)

    def on_scale_changed(self) -> None:
        body = self.context.metrics.text_px(TextRole.BODY, self.scale)
        self._mark.set_pixel_size(round(body * 4.5))
        if self._rule is not None:
            self._rule.set_length(round(body * 2), max(2, round(body * 0.1)))
