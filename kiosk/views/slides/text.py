"""The text slide: a heading and short paragraphs, with an optional captioned picture."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QVBoxLayout

from kiosk.core.content.model import TextSlide
from kiosk.views.decor import PictureBox
from kiosk.views.metrics import TextRole
from kiosk.views.slides.base import PageView
from kiosk.views.text import TextLabel
from kiosk.views.theme import PALETTE

#: Share of the content width the text column takes beside a picture (landscape).
TEXT_SHARE = 0.6
#: Share of the page height a picture may take above the text (portrait).
PORTRAIT_PICTURE_SHARE = 0.4


class TextView(PageView):
    """Heading and paragraphs; a picture right of the text (landscape) or above it (portrait)."""

    slide: TextSlide

    def build(self) -> None:
        metrics = self.context.metrics
        layout = self.page_layout()
        self.add_heading(layout, self.slide.heading)
        self._picture: PictureBox | None = None
        self._caption: TextLabel | None = None
        paragraphs = QVBoxLayout()
        self.space(paragraphs, 1.5)
        # A few short paragraphs: large text, shrunk by the fitting only when it must.
        for paragraph in self.slide.paragraphs:
            paragraphs.addWidget(self.label(paragraph, TextRole.LEAD))
        if self.slide.image is None:
            layout.addLayout(paragraphs)
            layout.addStretch(1)
            return
        figure = self._figure(self.slide.image)
        if self.side_by_side:
            columns = QHBoxLayout()
            columns.setSpacing(metrics.margin)
            paragraphs.addStretch(1)
            figure.addStretch(1)
            columns.addLayout(paragraphs, round(TEXT_SHARE * 10))
            columns.addLayout(figure, round((1 - TEXT_SHARE) * 10))
            layout.addLayout(columns, 1)
        else:
            layout.addLayout(figure)
            layout.addSpacing(metrics.gap)
            layout.addLayout(paragraphs)
            layout.addStretch(1)

    @property
    def side_by_side(self) -> bool:
        size = self.context.slide_size
        return size.width() > size.height()

    def _figure(self, image: str) -> QBoxLayout:
        """The picture (decoded at the size it is shown) and its caption under it."""
        metrics = self.context.metrics
        figure = QVBoxLayout()
        self.space(figure, 0.6)
        box = self._picture_box()
        ratio = self.devicePixelRatioF()
        picture = self.context.pictures.load(self.context.resolve(image), box * ratio)
        picture.setDevicePixelRatio(ratio)
        self._picture = PictureBox(picture, self, max_height=box.height(), radius=metrics.gap,
                                   align=Qt.AlignmentFlag.AlignLeft)
        figure.addWidget(self._picture)
        if self.slide.caption is not None:
            self._caption = self.label(self.slide.caption, TextRole.CAPTION,
                                       colour=PALETTE.muted_text)
            figure.addWidget(self._caption)
        return figure

    def _picture_box(self) -> QSize:
        """The most room the picture can have: its column's width and the page's free height."""
        metrics = self.context.metrics
        size = self.context.slide_size
        inner = size.width() - 2 * metrics.margin
        heading = metrics.text_px(TextRole.HEADING) * 2 + 2 * metrics.gap
        free = size.height() - 2 * metrics.margin - heading
        if self.side_by_side:
            width = round((inner - metrics.margin) * (1 - TEXT_SHARE))
            height = free
        else:
            width = inner
            height = round(free * PORTRAIT_PICTURE_SHARE)
        return QSize(max(1, width), max(1, height))

    def on_scale_changed(self) -> None:
        super().on_scale_changed()
        if self._picture is None:
            return
        # The picture gives way to its caption: together they never exceed the room they have.
        box = self._picture_box()
        caption = 0
        if self._caption is not None:
            caption = (self._caption.heightForWidth(box.width())
                       + round(self.context.metrics.gap * 0.6))
        self._picture.max_height = max(1, box.height() - caption)
