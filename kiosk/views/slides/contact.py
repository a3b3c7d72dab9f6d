"""The contact slide: how to reach the organisation, as a label/value table."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QGridLayout

from kiosk.core.content.model import ContactSlide
from kiosk.views.decor import Card
from kiosk.views.metrics import TextRole
from kiosk.views.slides.base import PageView
from kiosk.views.text import TextLabel
from kiosk.views.theme import PALETTE

#: The label column never takes more than this share of the table's width.
MAX_LABEL_SHARE = 0.38


class ContactCard(Card):
    """The panel holding the contact table."""


class ContactView(PageView):
    """Heading, an optional invitation, then each entry's label (muted) beside its value (bold)."""

    slide: ContactSlide

    def build(self) -> None:
        metrics = self.context.metrics
        layout = self.page_layout()
        self.add_heading(layout, self.slide.heading)
        if self.slide.text is not None:
            layout.addWidget(self.label(self.slide.text, TextRole.LEAD))
        self._entry_labels: list[TextLabel] = []
        self._grid: QGridLayout | None = None
        self._stacked = False
        if self.slide.entries:
            layout.addSpacing(metrics.gap)
            card = ContactCard(metrics.gap, self)
            grid = QGridLayout(card)
            pad = metrics.gap * 2
            grid.setContentsMargins(metrics.margin, pad, metrics.margin, pad)
            grid.setHorizontalSpacing(metrics.margin)
            # On a narrow (portrait) slide a label beside its value leaves the value a sliver:
            # each label goes above its value instead.
            self._stacked = self.content_width < self.context.slide_size.height()
            grid.setVerticalSpacing(round(metrics.gap * (0.3 if self._stacked else 1.2)))
            for row, entry in enumerate(self.slide.entries):
                name = self.label(entry.label, TextRole.LEAD, colour=PALETTE.muted_text)
                value = self.label(entry.value, TextRole.LEAD, bold=True)
                if self._stacked:
                    name.setContentsMargins(0, metrics.gap if row else 0, 0, 0)
                    grid.addWidget(name, 2 * row, 0)
                    grid.addWidget(value, 2 * row + 1, 0)
                else:
                    grid.addWidget(name, row, 0)
                    grid.addWidget(value, row, 1)
                self._entry_labels.append(name)
            if not self._stacked:
                grid.setColumnStretch(0, 0)
                grid.setColumnStretch(1, 1)
            self._grid = grid
            layout.addWidget(card)
        layout.addStretch(1)

    def on_scale_changed(self) -> None:
        super().on_scale_changed()
        if self._grid is None or self._stacked:
            return
        # Labels keep to one line when they can: the column is as wide as the longest label.
        metrics = self.context.metrics
        table = self.content_width - 2 * metrics.margin
        longest = max(QFontMetrics(label.font()).horizontalAdvance(label.accessibleName())
                      for label in self._entry_labels)
        column = min(longest + 2, round(table * MAX_LABEL_SHARE))
        self._grid.setColumnMinimumWidth(0, column)
        # A fixed width, not just a minimum: the values' column is then the same in every pass
        # of the layout, so a value re-marked for its width keeps the height it was given.
        for label in self._entry_labels:
            label.setFixedWidth(column)
