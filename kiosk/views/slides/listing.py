"""The list slide: values or points, each with an icon (or a bullet), in one or two columns."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.content.model import ListSlide
from kiosk.views.decor import Dot
from kiosk.views.metrics import TextRole
from kiosk.views.slides.base import PageView
from kiosk.views.text import TextLabel, first_line_height
from kiosk.views.theme import PALETTE

#: More items than this go into two columns on a landscape slide.
ONE_COLUMN_MAX_ITEMS = 4


class SvgIcon(QWidget):
    """An SVG icon drawn at any size, centred in a box as tall as a line of text."""

    def __init__(self, renderer: QSvgRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderer = renderer
        self.icon_size = 24
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

    def set_box(self, width: int, height: int, icon_size: int) -> None:
        self.icon_size = max(1, min(icon_size, width, height))
        self.setFixedSize(width, height)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = self.icon_size
        self._renderer.render(painter, QRectF((self.width() - side) / 2,
                                              (self.height() - side) / 2, side, side))
        painter.end()


def icon_renderer(icons_dir: Path, name: str) -> QSvgRenderer | None:
    """The renderer for ``icons_dir/name.svg``, or None if the file is missing or unreadable."""
    path = icons_dir / f"{name}.svg"
    if not path.is_file():
        return None
    renderer = QSvgRenderer(str(path))
    return renderer if renderer.isValid() else None


class ListView(PageView):
    """Heading, optional intro, then the items with their icons."""

    slide: ListSlide

    def build(self) -> None:
        layout = self.page_layout()
        self.add_heading(layout, self.slide.heading, self.slide.intro)
        size = self.context.slide_size
        items = self.slide.items
        two_columns = len(items) > ONE_COLUMN_MAX_ITEMS and self.content_width > size.height()
        # Few, short points read better large; the fitting shrinks them if they do not fit.
        role = TextRole.BODY if len(items) > ONE_COLUMN_MAX_ITEMS else TextRole.LEAD
        per_column = -(-len(items) // 2) if two_columns else len(items)
        columns = QHBoxLayout()
        self.space(columns, 2)
        self._markers: list[tuple[SvgIcon | Dot, TextLabel]] = []
        icons_dir = self.context.assets_dir / "icons"
        for start in range(0, len(items), per_column):
            column = QVBoxLayout()
            self.space(column, 1.3)
            for item in items[start:start + per_column]:
                text = self.label(item.text, role)
                renderer = icon_renderer(icons_dir, item.icon) if item.icon else None
                marker: SvgIcon | Dot = (SvgIcon(renderer, self) if renderer is not None
                                         else Dot(PALETTE.accent, self))
                row = QHBoxLayout()
                self.space(row, 1.2)
                row.addWidget(marker, 0, Qt.AlignmentFlag.AlignTop)
                row.addWidget(text, 1)
                column.addLayout(row)
                self._markers.append((marker, text))
            column.addStretch(1)
            columns.addLayout(column, 1)
        layout.addLayout(columns)
        layout.addStretch(1)

    def on_scale_changed(self) -> None:
        super().on_scale_changed()
        for marker, text in self._markers:
            size = self.context.metrics.text_px(text.role, self.scale)
            line = first_line_height(text)
            if isinstance(marker, SvgIcon):
                marker.set_box(round(size * 1.5), line, min(round(size * 1.4), line))
            else:
                marker.set_box(round(size * 1.2), line, max(6, round(size * 0.36)))
