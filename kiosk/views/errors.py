"""The page shown when there is no valid content at all: the problems, in plain words."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.core.errors import ContentError
from kiosk.core.text.rules import wrap_khmer
from kiosk.views.fonts import FontSet, font_for
from kiosk.views.metrics import Metrics, TextRole
from kiosk.views.text import TextLabel
from kiosk.views.theme import PALETTE

# This page is shown when the deck itself could not be read, so its words cannot come from the
# deck: they are fixed here in the languages of the bundled content, one line each.
TITLES = (("km", "មាតិកាមានបញ្ហា"), ("en", "The content has problems"))
HINTS = (
    ("km", "សូមឱ្យបុគ្គលិកកែឯកសារខាងក្រោម ហើយដំណើរការ kiosk check ។ "
           "កម្មវិធីនឹងចាប់ផ្ដើមដោយខ្លួនឯង នៅពេលឯកសារត្រឹមត្រូវ។"),
    ("en", "Staff: fix the files listed below (check them with  kiosk check). "
           "The kiosk starts by itself once they are valid."),
)


class ErrorPage(QWidget):
    """Lists every content problem as ``FILE:LINE:COL: message (hint)``, sized for the screen."""

    def __init__(self, error: ContentError, fonts: FontSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("error-page")
        self.setStyleSheet(f"#error-page {{ background: {PALETTE.surface}; }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.fonts = fonts
        layout = QVBoxLayout(self)
        self.titles = [self._label(code, text, TextRole.HEADING, PALETTE.danger) for code, text in TITLES]
        self.hints = [self._label(code, text, TextRole.CAPTION, PALETTE.on_surface) for code, text in HINTS]
        for label in (*self.titles, *self.hints):
            layout.addWidget(label)
        body = QLabel(self)
        body.setTextFormat(Qt.TextFormat.RichText)
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        body.setStyleSheet(f"color: {PALETTE.on_surface}; background: {PALETTE.surface_alt};")
        scroll = QScrollArea(self)
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        layout.addWidget(scroll, 1)
        self.problems_label = body
        self.show_problems(error)

    def _label(self, code: str, text: str, role: TextRole, colour: str) -> TextLabel:
        return TextLabel(wrap_khmer(html.escape(text)), role, bold=role is TextRole.HEADING, colour=colour,
                         valign=Qt.AlignmentFlag.AlignVCenter, language=code, parent=self)

    def show_problems(self, error: ContentError) -> None:
        """The current list of problems (the page stays up while staff fix the files)."""
        self.problems_label.setText("<br>".join(html.escape(str(p)) for p in error.problems))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        metrics = Metrics(self.width(), self.height())
        layout = self.layout()
        assert layout is not None
        layout.setContentsMargins(metrics.margin, metrics.margin, metrics.margin, metrics.margin)
        layout.setSpacing(metrics.gap)
        for label in (*self.titles, *self.hints):
            label.apply_metrics(metrics, self.fonts)
        self.problems_label.setFont(font_for("en", self.fonts, pixel_size=metrics.text_px(TextRole.CAPTION)))
        self.problems_label.setContentsMargins(metrics.gap, metrics.gap, metrics.gap, metrics.gap)
