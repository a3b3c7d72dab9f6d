"""The kiosk's chrome: touch buttons with instant feedback, the language switch and the progress strip."""

from __future__ import annotations

import functools
from pathlib import Path

from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from kiosk.views.fonts import FontSet, font_for
from kiosk.views.metrics import Metrics, TextRole
from kiosk.views.theme import PALETTE


def svg_icon(path: Path, size: int, colour: str) -> QIcon:
    """An SVG drawn at ``size`` in ``colour`` (the SVG's own colours replaced), or an empty icon.

    Cached: pages are rebuilt on every language switch, and a fresh QIcon each time would also
    fill Qt's pixmap cache with copies of the same picture.
    """
    return _svg_icon(str(path), size, colour)


@functools.lru_cache(maxsize=128)
def _svg_icon(path: str, size: int, colour: str) -> QIcon:
    renderer = QSvgRenderer(path)
    if not renderer.isValid():
        return QIcon()
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.GlobalColor.transparent)
    # The colour where the SVG draws: a pixmap of it drawn in, not QPainter.fillRect, whose
    # first call builds QGradient's enum classes (~2.5 ms before the first frame). Same pixels.
    ink = QPixmap(QSize(size, size))
    ink.fill(QColor(colour))
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.drawPixmap(0, 0, ink)
    painter.end()
    return QIcon(pixmap)


def arrow_pixmap(size: int, colour: str, *, left: bool) -> QPixmap:
    """A chevron drawn in code, so the arrows need no asset and scale to any size."""
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = painter.pen()
    pen.setColor(QColor(colour))
    pen.setWidthF(max(2.0, size * 0.12))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    s = float(size)
    if left:
        painter.drawPolyline([_pt(0.62 * s, 0.2 * s), _pt(0.32 * s, 0.5 * s), _pt(0.62 * s, 0.8 * s)])
    else:
        painter.drawPolyline([_pt(0.38 * s, 0.2 * s), _pt(0.68 * s, 0.5 * s), _pt(0.38 * s, 0.8 * s)])
    painter.end()
    return pixmap


def _pt(x: float, y: float) -> QPointF:
    return QPointF(x, y)


class TouchButton(QPushButton):
    """A button sized for a finger: never takes keyboard focus, shows its pressed state at once."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, filled: bool = False,
                 danger: bool = False) -> None:
        super().__init__(text, parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.filled = filled
        #: A dangerous action (Exit): red, and bold when filled (docs/design.md, States).
        self.danger = danger
        self.setAutoRepeat(False)

    def apply_metrics(self, metrics: Metrics, font: QFont, *, square: bool = False) -> None:
        target = metrics.target_px
        self.setFont(font)
        self.setMinimumSize(QSize(target, target))
        if square:
            self.setFixedSize(QSize(target, target))
        self.setIconSize(QSize(round(target * 0.5), round(target * 0.5)))
        sheet = self.style_sheet(metrics, square=square)
        if sheet != self.styleSheet():  # each new sheet is parsed and re-polishes the button
            self.setStyleSheet(sheet)

    def style_sheet(self, metrics: Metrics, *, square: bool = False) -> str:
        """The button's own style sheet at ``metrics``: its colours, border and radius."""
        target = metrics.target_px
        radius = target // 2 if square else round(target * 0.22)
        pad = round(metrics.gap * 1.2)
        if self.danger and self.filled:
            normal, pressed, text, border = PALETTE.danger, PALETTE.on_surface, PALETTE.on_primary, PALETTE.danger
        elif self.danger:
            normal, pressed, text, border = PALETTE.surface_alt, PALETTE.surface, PALETTE.danger, PALETTE.danger
        elif self.filled:
            normal, pressed, text, border = PALETTE.primary, PALETTE.primary_dark, PALETTE.on_primary, PALETTE.primary
        else:
            normal, pressed, text, border = PALETTE.surface_alt, PALETTE.primary_light, PALETTE.primary, PALETTE.primary
        return (
            f"QPushButton {{ background: {normal}; color: {text}; border: 2px solid {border};"
            f" border-radius: {radius}px; padding: 0 {pad}px; text-transform: none; }}"
            f" QPushButton:pressed, QPushButton:checked:pressed {{ background: {pressed}; }}"
            f" QPushButton:checked {{ background: {PALETTE.primary}; color: {PALETTE.on_primary}; }}"
            f" QPushButton:disabled {{ color: {PALETTE.outline}; border-color: {PALETTE.outline};"
            f" background: {PALETTE.surface}; }}"
        )


class LanguageSwitch(QWidget):
    """One button per deck language, each labelled by its own name ("ខ្មែរ | English")."""

    language_requested = Signal(str)

    def __init__(self, languages: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, TouchButton] = {}
        # Exclusive: touching the language already chosen must not un-check it (leaving none lit).
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        for code, name in languages:
            button = TouchButton(name, self)
            button.setCheckable(True)
            self._group.addButton(button)
            button.setObjectName(f"language-{code}")
            button.clicked.connect(lambda _checked=False, c=code: self.language_requested.emit(c))
            layout.addWidget(button)
            self.buttons[code] = button

    def set_current(self, code: str, accessible_label: str) -> None:
        for button_code, button in self.buttons.items():
            button.setChecked(button_code == code)
            button.setAccessibleName(f"{accessible_label}: {button.text()}")

    def apply_metrics(self, metrics: Metrics, fonts: FontSet) -> None:
        layout = self.layout()
        assert layout is not None
        layout.setSpacing(metrics.gap)
        for code, button in self.buttons.items():
            button.apply_metrics(metrics, font_for(code, fonts, pixel_size=metrics.text_px(TextRole.BODY)))


class ProgressStrip(QWidget):
    """Where the visitor is: the topic's name, a thin bar and "3 / 14"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.topic = QLabel(self)
        self.topic.setTextFormat(Qt.TextFormat.PlainText)
        self.topic.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.count = QLabel(self)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # Topic and count take equal room, so the bar sits in the middle of the screen.
        layout.addWidget(self.topic, 1)
        layout.addWidget(self.bar, 2)
        layout.addWidget(self.count, 1)

    def set_compact(self, compact: bool) -> None:
        """Between the arrows (a portrait screen) the topic's name takes the room the bar gives up."""
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        for index, stretch in enumerate((2, 1, 1) if compact else (1, 2, 1)):
            layout.setStretch(index, stretch)

    def apply_metrics(self, metrics: Metrics, font: QFont) -> None:
        self.topic.setFont(font)
        self.count.setFont(font)
        self.layout().setSpacing(metrics.gap * 2)  # type: ignore[union-attr]
        height = max(6, metrics.gap // 2)
        self.bar.setFixedHeight(height)
        radius = height // 2
        sheet = (f"QProgressBar {{ background: {PALETTE.primary_light}; border: none; border-radius: {radius}px; }}"
                 f" QProgressBar::chunk {{ background: {PALETTE.primary}; border-radius: {radius}px; }}")
        if sheet != self.bar.styleSheet():  # each new sheet is parsed and re-polishes the bar
            self.bar.setStyleSheet(sheet)
        for label in (self.topic, self.count):
            label.setStyleSheet(f"color: {PALETTE.muted_text};")

    def set_progress(self, topic: str, number_text: str, total_text: str, number: int, total: int,
                     accessible: str) -> None:
        """``topic`` already marked for line breaking; the numbers already in the language's digits."""
        self.topic.setText(topic)
        self.count.setText(f"{number_text} / {total_text}" if number else "")
        self.bar.setMaximum(max(total, 1))
        self.bar.setValue(number)
        self.bar.setVisible(number > 0)
        self.setAccessibleName(f"{accessible} {number_text} / {total_text}" if number else topic)
