"""The home screen: the organisation's name in every script, and a large tile for each topic."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.views.chrome import TouchButton, svg_icon
from kiosk.views.context import SlideContext
from kiosk.views.fonts import font_for
from kiosk.views.metrics import TextRole
from kiosk.views.slides.base import MIN_FIT_SCALE
from kiosk.views.text import TextLabel
from kiosk.views.theme import PALETTE

#: Between a tile's icon and its title (Qt's own gap is 4 px, which reads as touching).
ICON_GAP = "\u2002"  # EN SPACE


class TopicTile(TouchButton):
    """A big, plain button for one topic: its icon, then its title."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)


class HomeView(QWidget):
    """Announces ``topic_requested(index)``; the controller decides where that leads."""

    topic_requested = Signal(int)

    def __init__(self, context: SlideContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("home")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        deck = context.deck
        metrics = context.metrics
        layout = QVBoxLayout(self)
        layout.setContentsMargins(metrics.margin, metrics.gap, metrics.margin, metrics.gap)
        layout.setSpacing(metrics.gap)

        # The short name in every language the deck declares, each in its own script.
        names = " · ".join(dict.fromkeys(deck.short_name.get(code, deck.default_language)
                                         for code in deck.language_codes))
        self.brand = TextLabel(context.mark(names), TextRole.TITLE, bold=True, colour=PALETTE.primary,
                               align=Qt.AlignmentFlag.AlignHCenter, parent=self)
        self.name = TextLabel(context.rich(deck.name), TextRole.LEAD, colour=PALETTE.on_surface,
                              align=Qt.AlignmentFlag.AlignHCenter, parent=self)
        self.tagline = TextLabel(context.rich(deck.tagline), TextRole.BODY, colour=PALETTE.muted_text,
                                 align=Qt.AlignmentFlag.AlignHCenter, parent=self)
        self.brand.setAccessibleName(names)
        self.name.setAccessibleName(context.plain(deck.name))
        self.tagline.setAccessibleName(context.plain(deck.tagline))
        self.tagline.setVisible(deck.tagline is not None)
        layout.addWidget(self.brand)
        layout.addWidget(self.name)
        layout.addWidget(self.tagline)
        layout.addSpacing(metrics.gap)

        self.grid = QGridLayout()
        self.grid.setSpacing(metrics.gap * 2)
        columns = 3 if metrics.width >= metrics.height else 2
        if len(deck.topics) <= 4 and metrics.width >= metrics.height:
            columns = 2
        self.columns = columns
        self.tiles: list[TopicTile] = []
        for index, topic in enumerate(deck.topics):
            title = context.mark(context.plain(topic.title))
            tile = TopicTile(ICON_GAP + title if topic.icon else title, self)
            tile.setObjectName(f"tile-{index}")
            tile.setAccessibleName(context.plain(topic.title))
            tile.clicked.connect(lambda _checked=False, i=index: self.topic_requested.emit(i))
            self.tiles.append(tile)
        layout.addLayout(self.grid, 1)
        self._fit(context.slide_size)

    def _apply(self, scale: float) -> None:
        metrics = self.context.metrics
        for label in (self.brand, self.name, self.tagline):
            weight = QFont.Weight.Bold if label.bold else QFont.Weight.Normal
            label.setFont(font_for(self.context.language, self.context.fonts,
                                   pixel_size=metrics.text_px(label.role, scale), weight=weight))
        tile_font = font_for(self.context.language, self.context.fonts,
                             pixel_size=metrics.text_px(TextRole.LEAD, scale), weight=QFont.Weight.DemiBold)
        icon_px = round(metrics.text_px(TextRole.TITLE, scale) * 1.1)
        for tile, topic in zip(self.tiles, self.context.deck.topics, strict=True):
            tile.apply_metrics(metrics, tile_font)
            tile.setMinimumHeight(round(metrics.target_px * 1.3))
            if topic.icon:
                tile.setIcon(svg_icon(self.context.assets_dir / "icons" / f"{topic.icon}.svg",
                                      icon_px, PALETTE.primary))
                tile.setIconSize(QSize(icon_px, icon_px))

    def _place_tiles(self, columns: int) -> None:
        """Put the tiles in ``columns`` columns, all of one width when they fit that way."""
        for tile in self.tiles:
            self.grid.removeWidget(tile)
        for column in range(self.grid.columnCount()):
            self.grid.setColumnMinimumWidth(column, 0)
            self.grid.setColumnStretch(column, 0)
        for index, tile in enumerate(self.tiles):
            self.grid.addWidget(tile, index // columns, index % columns)
        widest = max((tile.sizeHint().width() for tile in self.tiles), default=0)
        if columns * widest + (columns - 1) * self.grid.horizontalSpacing() <= self._room():
            for column in range(columns):
                self.grid.setColumnMinimumWidth(column, widest)
                self.grid.setColumnStretch(column, 1)

    def _room(self) -> int:
        """The width the tiles may take: the view's width inside its side margins."""
        margins = self.layout().contentsMargins()  # type: ignore[union-attr]
        return self.width() - margins.left() - margins.right()

    def _needed_width(self, columns: int) -> int:
        """The width ``columns`` columns of tiles need, each column as wide as its widest tile."""
        widths = [0] * columns
        for index, tile in enumerate(self.tiles):
            widths[index % columns] = max(widths[index % columns], tile.sizeHint().width())
        return sum(widths) + (columns - 1) * self.grid.horizontalSpacing()

    def _fit(self, size: QSize) -> None:
        """Fewer columns when the titles do not fit across (a portrait screen), then smaller
        text until everything fits the page."""
        self.resize(size)
        scale = 1.0
        self._apply(scale)
        columns = self.columns
        while columns > 1 and self._needed_width(columns) > self._room():
            columns -= 1
        self.columns = columns
        self._place_tiles(columns)
        layout = self.layout()
        assert layout is not None
        while scale > MIN_FIT_SCALE:
            layout.invalidate()
            if (layout.totalHeightForWidth(size.width()) <= size.height()
                    and self._needed_width(columns) <= self._room()):
                break
            scale = round(scale - 0.05, 2)
            self._apply(scale)
            self._place_tiles(columns)
