"""The presenter's black screen (``B`` or ``.`` on a clicker), until a key or a touch."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from kiosk.views.overlay import Overlay


class Blackout(Overlay):
    """Plain black over the whole window; whoever shows it decides when it goes."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, QColor(0, 0, 0))
        self.setObjectName("blackout")
