"""The page shown when there is no valid content at all: the problems, in plain words."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.core.errors import ContentError
from kiosk.theme import PALETTE

# This page is shown when the deck itself could not be read, so its words cannot come from the
# deck: they are fixed here in the languages of the bundled content.
TITLE = "មាតិកាមានបញ្ហា · The content has problems"
HINT = ("សូមឱ្យបុគ្គលិកកែឯកសារខាងក្រោម ហើយដំណើរការ kiosk check ។ "
        "កម្មវិធីនឹងចាប់ផ្ដើមដោយខ្លួនឯង នៅពេលឯកសារត្រឹមត្រូវ។ · "
        "Staff: fix the files listed below (check them with  kiosk check); "
        "the kiosk starts by itself once they are valid.")


class ErrorPage(QWidget):
    """Lists every content problem as ``FILE:LINE:COL: message (hint)``."""

    def __init__(self, error: ContentError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("error-page")
        self.setStyleSheet(f"background: {PALETTE.surface}; color: {PALETTE.on_surface};")
        layout = QVBoxLayout(self)
        title = QLabel(TITLE, self)
        title.setStyleSheet(f"color: {PALETTE.danger}; font-size: 28px; font-weight: bold;")
        hint = QLabel(HINT, self)
        hint.setWordWrap(True)
        body = QLabel(self)
        body.setTextFormat(Qt.TextFormat.RichText)
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea(self)
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(scroll, 1)
        self.problems_label = body
        self.show_problems(error)

    def show_problems(self, error: ContentError) -> None:
        """The current list of problems (the page stays up while staff fix the files)."""
        self.problems_label.setText("<br>".join(html.escape(str(p)) for p in error.problems))
