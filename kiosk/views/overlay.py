"""A layer over the whole kiosk window (idle prompt, attract loop, blackout, overview)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk.views.metrics import Metrics, metrics_for


class Overlay(QWidget):
    """Covers its parent completely, follows its size and paints a (possibly translucent) colour.

    Hidden until :meth:`show_over`. It takes no keyboard focus and offers no context menu.
    """

    def __init__(self, parent: QWidget, background: QColor) -> None:
        super().__init__(parent)
        self.background = background
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.hide()
        parent.installEventFilter(self)

    def show_over(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.apply_metrics(metrics_for(self))
        self.show()
        self.raise_()

    def apply_metrics(self, metrics: Metrics) -> None:
        """Hook: size fonts and parts for the window's size."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            parent = self.parentWidget()
            assert parent is not None
            self.setGeometry(parent.rect())
            if self.isVisible():
                self.apply_metrics(metrics_for(self))
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.background)
        painter.end()
