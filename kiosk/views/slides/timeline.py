"""The timeline slide: dated milestones on a line, down the page (or across, when few and wide)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout

from kiosk.core.content.model import TimelineSlide
from kiosk.views.decor import Dot
from kiosk.views.metrics import TextRole
from kiosk.views.slides.base import PageView
from kiosk.views.text import TextLabel, first_line_height
from kiosk.views.theme import PALETTE

#: At most this many events run across the slide, and only on a clearly wide slide.
HORIZONTAL_MAX_EVENTS = 4
HORIZONTAL_MIN_ASPECT = 1.6
#: Up to this many events, their texts are large.
LARGE_TEXT_MAX_EVENTS = 3
#: Down the page on a landscape slide, more events than this run in two columns.
DOWN_ONE_COLUMN_MAX_EVENTS = 3


class TimelineView(PageView):
    """Heading, optional intro, then a dot per event on a line, its date (bold) and its text."""

    slide: TimelineSlide

    def build(self) -> None:
        layout = self.page_layout()
        self.add_heading(layout, self.slide.heading, self.slide.intro)
        self._markers: list[tuple[Dot, TextLabel]] = []
        self._across: QGridLayout | None = None
        self._lines: list[tuple[Dot, Dot]] = []
        self._role = (TextRole.LEAD if len(self.slide.events) <= LARGE_TEXT_MAX_EVENTS
                      else TextRole.BODY)
        size = self.context.slide_size
        self.horizontal = (len(self.slide.events) <= HORIZONTAL_MAX_EVENTS
                           and size.width() >= HORIZONTAL_MIN_ASPECT * size.height())
        if self.horizontal:
            self._build_across(layout)
        else:
            self._build_down(layout)
        layout.addStretch(1)

    def _marker(self) -> Dot:
        return Dot(PALETTE.surface_alt, self, ring=PALETTE.accent)

    def _build_down(self, layout: QVBoxLayout) -> None:
        """Events down the page; on a landscape slide, more than a few run in two columns."""
        size = self.context.slide_size
        events = self.slide.events
        two_columns = len(events) > DOWN_ONE_COLUMN_MAX_EVENTS and size.width() > size.height()
        per_column = -(-len(events) // 2) if two_columns else len(events)
        columns = QHBoxLayout()
        self.space(columns, 2)
        for start in range(0, len(events), per_column):
            column = QVBoxLayout()
            self.space(column, 1.6)
            first = len(self._markers)
            for event in events[start:start + per_column]:
                row = QHBoxLayout()
                self.space(row, 1)
                dot = self._marker()
                row.addWidget(dot, 0, Qt.AlignmentFlag.AlignTop)
                texts = QVBoxLayout()
                self.space(texts, 0.3)
                date = self.label(event.date, TextRole.LEAD, bold=True, colour=PALETTE.accent)
                texts.addWidget(date)
                texts.addWidget(self.label(event.text, self._role))
                row.addLayout(texts, 1)
                column.addLayout(row)
                self._markers.append((dot, date))
            column.addStretch(1)
            columns.addLayout(column, 1)
            self._lines.append((self._markers[first][0], self._markers[-1][0]))
        layout.addLayout(columns)

    def _build_across(self, layout: QVBoxLayout) -> None:
        metrics = self.context.metrics
        grid = QGridLayout()
        self.space(grid, 0.6)
        self._across = grid
        centre = Qt.AlignmentFlag.AlignHCenter
        for column, event in enumerate(self.slide.events):
            dot = self._marker()
            date = self.label(event.date, TextRole.LEAD, bold=True, colour=PALETTE.accent,
                              align=centre)
            grid.addWidget(dot, 0, column, centre)
            grid.addWidget(date, 1, column)
            grid.addWidget(self.label(event.text, self._role, align=centre), 2, column)
            grid.setColumnStretch(column, 1)
            self._markers.append((dot, date))
        self._lines = [(self._markers[0][0], self._markers[-1][0])]
        layout.addSpacing(metrics.gap)
        layout.addLayout(grid)

    def on_scale_changed(self) -> None:
        super().on_scale_changed()  # sets every registered layout's spacing, the grid's too
        if self._across is not None:
            # A wide gutter: centred texts side by side must not read as one line.
            self._across.setHorizontalSpacing(self.context.metrics.margin * 2)
        body = self.context.metrics.text_px(TextRole.BODY, self.scale)
        diameter = max(10, round(body * (1.1 if self.horizontal else 0.9)))
        for dot, date in self._markers:
            if self.horizontal:
                dot.set_box(diameter, diameter, diameter)
            else:
                dot.set_box(round(body * 1.4), first_line_height(date), diameter)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The line through the markers, drawn under them."""
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        body = self.context.metrics.text_px(TextRole.BODY, self.scale)
        painter.setPen(QPen(QColor(PALETTE.outline), max(2, round(body * 0.12)),
                            Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        for first, last in self._lines:
            start = QPointF(first.mapTo(self, first.rect().center()))
            end = QPointF(last.mapTo(self, last.rect().center()))
            if self.horizontal:  # the axis runs the full width of the events
                margin = self.context.metrics.margin
                start.setX(margin)
                end.setX(self.width() - margin)
            if start != end:
                painter.drawLine(start, end)
        painter.end()
