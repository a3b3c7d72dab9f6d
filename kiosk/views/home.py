"""The home screen: the organisation's name in every script, the first-time prompt and a tile per topic."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QHBoxLayout, QLabel, QLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.content.model import Picture
from kiosk.views.chrome import TouchButton, svg_icon
from kiosk.views.context import SlideContext
from kiosk.views.decor import PictureBox
from kiosk.views.fonts import font_for
from kiosk.views.guidance import TouchPrompt
from kiosk.views.metrics import Metrics, TextRole
from kiosk.views.pictures import picture_file
from kiosk.views.slides.base import MIN_FIT_SCALE
from kiosk.views.text import TextLabel
from kiosk.views.theme import PALETTE

#: Share of a tile's height its picture takes (the title gets the rest).
TILE_PICTURE_SHARE = 0.62
#: A cell this much wider than high puts its picture beside the title instead of above it.
TILE_WIDE_ASPECT = 1.8
#: Share of the page's height the tile grid takes, landscape and portrait: fixed, so the grid is
#: the same size in every language (the name and prompt above it fit themselves to the rest).
GRID_SHARE_LANDSCAPE = 0.5
GRID_SHARE_PORTRAIT = 0.58
#: Below this share of their size the name and the prompt get too small to read from a step away.
HEADER_READABLE_SCALE = 0.85


def tile_columns(metrics: Metrics, count: int) -> int:
    """Columns of the tile grid: from the screen's shape and the number of topics only, so the
    grid is the same in every language."""
    if metrics.width < metrics.height:
        return 2 if count > 1 else 1
    return 2 if count <= 4 else 3


class TopicTile(TouchButton):
    """A big, raised card for one topic: its picture (if any), then its icon and title.

    Painted here rather than by the style sheet: a white card with a teal outline standing on a
    teal edge, which sinks and fills at once when pressed (docs/design.md, States).
    """

    def __init__(self, title: str, parent: QWidget | None = None, *, language: str = "en") -> None:
        super().__init__("", parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.edge = 4
        self.radius = 12
        self.picture: PictureBox | None = None
        self.picture_beside = False
        self.picture_width = 0
        layout = QVBoxLayout(self)
        layout.setSpacing(0)
        self.row = QHBoxLayout()
        self.icon_label = QLabel(self)
        self.icon_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.icon_label.setStyleSheet("background: transparent;")
        self.icon_label.hide()
        self.title = TextLabel(title, TextRole.LEAD, bold=True, colour=PALETTE.primary,
                               align=Qt.AlignmentFlag.AlignHCenter, valign=Qt.AlignmentFlag.AlignVCenter,
                               plain=True, language=language, parent=self)
        self.title.setObjectName("tile-title")
        self.title.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.row.addStretch(1)
        self.row.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignVCenter)
        self.row.addWidget(self.title, 0)
        self.row.addStretch(1)
        layout.addLayout(self.row, 1)
        self.pressed.connect(self.update)
        self.released.connect(self.update)

    def set_picture(self, picture: PictureBox, *, beside: bool = False) -> None:
        """Show ``picture`` across the tile's top, above the title; or, in a wide tile, at its left."""
        picture.setParent(self)
        picture.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.picture = picture
        self.picture_beside = beside
        layout = self.layout()
        assert isinstance(layout, QBoxLayout)
        if beside:
            layout.setDirection(QBoxLayout.Direction.LeftToRight)
            layout.insertWidget(0, picture, 0)
            layout.setStretch(1, 1)
        else:
            layout.insertWidget(0, picture, round(TILE_PICTURE_SHARE * 10))
            layout.setStretch(1, round((1 - TILE_PICTURE_SHARE) * 10))

    def style_sheet(self, metrics: Metrics, *, square: bool = False) -> str:
        return ""  # painted below; a style sheet would paint a second frame

    def apply_tile_metrics(self, metrics: Metrics, font: QFont) -> None:
        self.apply_metrics(metrics, font)
        self.edge = max(3, round(metrics.gap * 0.4))
        self.radius = round(metrics.target_px * 0.22)
        self.title.setFont(font)
        border = max(2, round(metrics.gap * 0.15))
        pad = round(metrics.gap * 0.8)
        layout = self.layout()
        assert layout is not None
        if self.picture is not None:
            self.picture.radius = self.radius - border
            layout.setContentsMargins(border, border, border, self.edge + border)
            if self.picture_beside:
                self.picture.setFixedWidth(self.picture_width)
            self.row.setContentsMargins(pad, round(pad * 0.5), pad, round(pad * 0.5))
        else:
            layout.setContentsMargins(pad, pad, pad, pad + self.edge)
            self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(round(metrics.gap * 0.6))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        border = max(2.0, self.edge / 2)
        card = QRectF(self.rect()).adjusted(border / 2, border / 2, -border / 2, -border / 2 - self.edge)
        down = self.isDown()
        if down:  # sunk: the card covers its edge
            card.translate(0, self.edge)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(PALETTE.primary))
            painter.drawRoundedRect(card.translated(0, self.edge), self.radius, self.radius)
        painter.setPen(QPen(QColor(PALETTE.primary), border))
        painter.setBrush(QColor(PALETTE.primary_light if down else PALETTE.surface_alt))
        painter.drawRoundedRect(card, self.radius, self.radius)
        painter.end()


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
        layout.setSpacing(0)  # the name's lines belong together; the gaps are placed below

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
        # Khmer first, in every language: it speaks to whoever stands in front of the screen.
        self.prompt = TouchPrompt(deck, parent=self)
        self.prompt.setObjectName("touch-prompt")
        layout.addStretch(1)
        layout.addWidget(self.brand)
        layout.addWidget(self.name)
        layout.addSpacing(round(metrics.gap * 0.3))
        layout.addWidget(self.tagline)
        layout.addStretch(1)
        layout.addSpacing(metrics.gap)
        layout.addWidget(self.prompt)
        layout.addSpacing(metrics.gap)

        self.grid_host = QWidget(self)
        self.grid_host.setObjectName("topic-grid")
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(metrics.gap * 2)
        share = GRID_SHARE_PORTRAIT if metrics.height > metrics.width else GRID_SHARE_LANDSCAPE
        self.grid_host.setFixedHeight(round(context.slide_size.height() * share))
        self.columns = tile_columns(metrics, len(deck.topics))
        self.tiles: list[TopicTile] = []
        for index, topic in enumerate(deck.topics):
            tile = TopicTile(context.mark(context.plain(topic.title)), self.grid_host, language=context.language)
            tile.setObjectName(f"tile-{index}")
            tile.setAccessibleName(context.plain(topic.title))
            tile.clicked.connect(lambda _checked=False, i=index: self.topic_requested.emit(i))
            if topic.picture is not None:
                tile.set_picture(self._tile_picture(topic.picture, tile), beside=self.pictures_beside)
            self.tiles.append(tile)
            self.grid.addWidget(tile, index // self.columns, index % self.columns)
        for column in range(self.columns):
            self.grid.setColumnStretch(column, 1)
        for row in range((len(self.tiles) + self.columns - 1) // self.columns):
            self.grid.setRowStretch(row, 1)
        layout.addWidget(self.grid_host)
        self._fit(context.slide_size)

    def cell_size(self) -> QSize:
        """One cell of the tile grid."""
        metrics = self.context.metrics
        count = len(self.context.deck.topics)
        rows = (count + self.columns - 1) // self.columns
        spacing = self.grid.spacing()
        room = self.context.slide_size.width() - 2 * metrics.margin
        return QSize(round((room - (self.columns - 1) * spacing) / self.columns),
                     round((self.grid_host.height() - (rows - 1) * spacing) / rows))

    @property
    def pictures_beside(self) -> bool:
        """Wide cells put the picture left of the title, taller ones above it."""
        cell = self.cell_size()
        return cell.width() > cell.height() * TILE_WIDE_ASPECT

    def picture_width(self) -> int:
        """The width of a picture beside a tile's title: a little wider than high, at most 36 %."""
        cell = self.cell_size()
        return min(round(cell.height() * 1.1), round(cell.width() * 0.36))

    def _tile_picture(self, picture: Picture, tile: TopicTile) -> PictureBox:
        """The tile's picture, decoded to cover its part of one grid cell."""
        metrics = self.context.metrics
        cell = self.cell_size()
        if self.pictures_beside:
            tile.picture_width = self.picture_width()
            cell = QSize(tile.picture_width, cell.height())
        else:
            cell = QSize(cell.width(), round(cell.height() * TILE_PICTURE_SHARE))
        path = picture_file(picture, self.context.deck.root, self.context.assets_dir)
        box = PictureBox(self.context.pictures.cover(path, cell, self.devicePixelRatioF()),
                         radius=metrics.gap, focus=picture.focus)
        box.setObjectName("tile-picture")
        return box

    def _apply_header(self, scale: float) -> None:
        metrics = self.context.metrics
        for label in (self.brand, self.name, self.tagline):
            weight = QFont.Weight.Bold if label.bold else QFont.Weight.Normal
            label.setFont(font_for(self.context.language, self.context.fonts,
                                   pixel_size=metrics.text_px(label.role, scale), weight=weight))
        self.prompt.apply_metrics(metrics, self.context.fonts, scale)

    def _apply_tiles(self, scale: float) -> None:
        metrics = self.context.metrics
        tile_font = font_for(self.context.language, self.context.fonts,
                             pixel_size=metrics.text_px(TextRole.LEAD, scale), weight=QFont.Weight.DemiBold)
        icon_px = round(metrics.text_px(TextRole.TITLE, scale) * 1.0)
        for tile, topic in zip(self.tiles, self.context.deck.topics, strict=True):
            tile.apply_tile_metrics(metrics, tile_font)
            tile.setMinimumHeight(round(metrics.target_px * 1.3))
            if topic.icon and topic.picture is None:  # a picture says what the icon would
                icon = svg_icon(self.context.assets_dir / "icons" / f"{topic.icon}.svg", icon_px, PALETTE.primary)
                tile.icon_label.setPixmap(icon.pixmap(QSize(icon_px, icon_px)))
                tile.icon_label.setFixedSize(icon_px, icon_px)
                tile.icon_label.show()

    def _fit(self, size: QSize) -> None:
        """The tiles' titles shrink only to fit their cells (one line); the name and the prompt
        above them shrink until they fit the rest of the page. The grid itself depends on the
        screen only."""
        self.resize(size)
        self.tile_scale = 1.0
        self._apply_tiles(self.tile_scale)
        while self.tile_scale > MIN_FIT_SCALE and not self._titles_fit():
            self.tile_scale = round(self.tile_scale - 0.05, 2)
            self._apply_tiles(self.tile_scale)
        self.tagline.setVisible(self.context.deck.tagline is not None)
        fits_at = None
        if not self.tagline.isHidden():
            if self._header_fits(size, HEADER_READABLE_SCALE):
                fits_at = HEADER_READABLE_SCALE
            else:
                # Too little room for the name, the tagline and the prompt at a readable size: the
                # tagline goes (the welcome slide says much the same), the prompt and the name stay large.
                self.tagline.hide()
        self._fit_header(size, fits_at=fits_at)

    def _fit_header(self, size: QSize, *, fits_at: float | None = None) -> None:
        """The largest header scale, in steps of 0.05 from 1.0 down to the smallest, at which the
        page fits ``size``: found by halving (each try lays the header out in new font sizes,
        the costly part of the first frame), the smallest when none fits. ``fits_at``: a scale
        already seen to fit (the answer is that or larger)."""
        scales = [1.0]
        while scales[-1] > MIN_FIT_SCALE:
            scales.append(round(scales[-1] - 0.05, 2))
        low, high = 0, len(scales) - 1  # the answer is in scales[low:high + 1]
        if fits_at is not None and fits_at in scales:
            high = scales.index(fits_at)
        while low < high:
            middle = (low + high) // 2
            if self._header_fits(size, scales[middle]):
                high = middle
            else:
                low = middle + 1
        self.header_scale = scales[low]
        self._apply_header(self.header_scale)

    def _header_fits(self, size: QSize, scale: float) -> bool:
        """Whether the page fits ``size`` with the header at ``scale`` (left applied)."""
        layout = self.layout()
        assert layout is not None
        self._apply_header(scale)
        # QLayout.invalidate() is not recursive: the prompt's own layout keeps its old height.
        for child in self.findChildren(QLayout):
            child.invalidate()
        for widget in (self.brand, self.name, self.tagline, self.prompt):
            widget.updateGeometry()
        layout.invalidate()
        return layout.totalHeightForWidth(size.width()) <= size.height()

    def _titles_fit(self) -> bool:
        """Every tile title fits its cell's width on one line."""
        margins = self.layout().contentsMargins()  # type: ignore[union-attr]
        room = self.width() - margins.left() - margins.right()
        cell = (room - (self.columns - 1) * self.grid.horizontalSpacing()) / self.columns
        fits = True
        for tile in self.tiles:
            # The row's padding on both sides, and the card's borders.
            gap = self.context.metrics.gap
            inner = cell - 2 * round(gap * 0.8) - 2 * max(2, round(gap * 0.15)) - 2
            if tile.picture is not None and tile.picture_beside:
                inner -= tile.picture_width
            if not tile.icon_label.isHidden():
                inner -= tile.icon_label.width() + tile.row.spacing()
            # One line: a tile's title is a word or two, and its cell's height is the grid's, not
            # the title's. The label is held that wide (a wrapping label asks for less).
            advance = tile.title.fontMetrics().horizontalAdvance(tile.title.text().replace("\u200b", ""))
            inner = max(1, round(inner))
            tile.title.setMinimumWidth(min(advance + 1, inner))
            if advance <= inner:
                continue
            # Too long for one line: two lines at its word breaks (Khmer), if the tile is tall enough.
            words = tile.title.text().replace("\u200b", " ").split()
            longest = max(tile.title.fontMetrics().horizontalAdvance(word) for word in words)
            if longest > inner or tile.title.heightForWidth(inner) > self._title_room():
                fits = False
        return fits

    def _title_room(self) -> int:
        """The height a tile's title has inside its card."""
        metrics = self.context.metrics
        height = self.cell_size().height() - max(3, round(metrics.gap * 0.4)) - 2 * round(metrics.gap * 0.8)
        if self.tiles and self.tiles[0].picture is not None and not self.pictures_beside:
            height = round(self.cell_size().height() * (1 - TILE_PICTURE_SHARE))
        return height
