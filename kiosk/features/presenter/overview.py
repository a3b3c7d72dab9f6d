"""Finding a slide fast: thumbnails of every page in a grid, and the typed slide number."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QIcon, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.views.chrome import TouchButton
from kiosk.views.fonts import FontSet, font_for
from kiosk.views.home import HomeView
from kiosk.views.metrics import Metrics, TextRole, metrics_for
from kiosk.views.overlay import Overlay
from kiosk.views.slides.registry import view_for
from kiosk.views.theme import PALETTE
from kiosk.views.window import KioskWindow

THUMBNAIL_CACHE_WIDTH = 480
#: Opaque: the slide under the overview must not show through its thumbnails' gaps.
SCRIM = QColor(18, 30, 32, 255)
#: The strip under each thumbnail that holds its number, as a share of the thumbnail's height.
BADGE_STRIP_SHARE = 0.2


class SlideThumbnails:
    """Small pictures of the window's pages, drawn exactly as the window draws them, cached per
    language, size and deck."""

    def __init__(self, window: KioskWindow) -> None:
        self.window = window
        self._cache: dict[tuple[int, str, int, int, int], QPixmap] = {}

    def page_count(self) -> int:
        return len(self.window.deck.slides) + 1

    def pixmap(self, page: int, width: int) -> QPixmap:
        context = self.window.context()
        size = context.slide_size
        key = (id(context.deck), context.language, size.width(), size.height(), page)
        cached = self._cache.get(key)
        # Drawn again, larger, when asked for more than the cached picture has (the presenter
        # view's current slide is wider than an overview tile): never a blurry enlargement.
        wanted = min(max(THUMBNAIL_CACHE_WIDTH, width), size.width())
        if cached is None or cached.width() < wanted:
            view = (
                HomeView(context) if page == 0 else view_for(context.deck.slides[page - 1], context)
            )
            view.resize(size)
            cached = view.grab().scaledToWidth(wanted, Qt.TransformationMode.SmoothTransformation)
            view.deleteLater()
            self._cache[key] = cached
        return cached.scaledToWidth(max(1, width), Qt.TransformationMode.SmoothTransformation)

    def clear(self) -> None:
        self._cache.clear()


class ThumbnailTile(QAbstractButton):
    """A tappable thumbnail with its slide number; the current slide is outlined."""

    def __init__(self, page: int, pixmap: QPixmap, parent: QWidget | None = None, *, label: str = "") -> None:
        super().__init__(parent)
        self.page = page
        self.label = label or str(page)  # the number in the kiosk's digits
        self.pixmap = pixmap
        self.current = False
        self.setObjectName(f"thumbnail-{page}")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAccessibleName(self.label)

    def sizeHint(self) -> QSize:
        size = self.pixmap.deviceIndependentSize().toSize()
        return QSize(size.width(), round(size.height() * (1 + BADGE_STRIP_SHARE)))

    def picture_rect(self) -> QRectF:
        """Where the thumbnail is drawn: the tile less the number's strip under it."""
        source = self.pixmap.deviceIndependentSize()
        room = QSizeF(self.width(), self.height() / (1 + BADGE_STRIP_SHARE))
        shown = source.scaled(room, Qt.AspectRatioMode.KeepAspectRatio)
        strip = shown.height() * BADGE_STRIP_SHARE
        top = (self.height() - shown.height() - strip) / 2
        return QRectF((self.width() - shown.width()) / 2, top, shown.width(), shown.height())

    def badge_rect(self) -> QRectF:
        """The number's badge: in the strip under the thumbnail, so it covers none of the slide."""
        target = self.picture_rect()
        badge_h = max(18.0, target.height() * BADGE_STRIP_SHARE * 0.9)
        font = self.font()
        font.setPixelSize(round(badge_h * 0.7))
        font.setWeight(QFont.Weight.Bold)
        badge_w = QFontMetricsF(font).horizontalAdvance(self.label) + badge_h * 0.9
        return QRectF(target.center().x() - badge_w / 2, target.bottom() + target.height() * BADGE_STRIP_SHARE * 0.05,
                      badge_w, badge_h)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        target = self.picture_rect()
        painter.drawPixmap(target, self.pixmap, QRectF(self.pixmap.rect()))
        if self.isDown():
            pressed = QColor(PALETTE.primary)
            pressed.setAlpha(90)
            painter.fillRect(target, pressed)
        edge = QColor(PALETTE.accent) if self.current else QColor(PALETTE.outline)
        painter.setPen(QPen(edge, 4 if self.current else 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(target.adjusted(1, 1, -1, -1))
        if self.page > 0:
            badge = self.badge_rect()
            font = painter.font()
            font.setPixelSize(round(badge.height() * 0.7))
            font.setWeight(QFont.Weight.Bold)
            painter.setFont(font)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(PALETTE.accent if self.current else PALETTE.primary_light))
            painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
            painter.setPen(QColor(PALETTE.on_accent if self.current else PALETTE.on_surface))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, self.label)
        painter.end()


def grid_columns(count: int, width: int, height: int, aspect: float) -> int:
    """The column count giving the largest tiles for ``count`` tiles of ``aspect`` (h/w)."""
    best, best_width = 1, 0.0
    for columns in range(1, max(1, count) + 1):
        rows = math.ceil(count / columns)
        tile_width = min(width / columns, height / rows / aspect)
        if tile_width > best_width:
            best, best_width = columns, tile_width
    return best


class OverviewView(Overlay):
    """Every page as a thumbnail; announces ``page_chosen(page)`` or ``close_requested``."""

    page_chosen = Signal(int)
    close_requested = Signal()

    def __init__(self, thumbnails: SlideThumbnails, fonts: FontSet, parent: QWidget) -> None:
        super().__init__(parent, SCRIM)
        self.setObjectName("overview")
        self.thumbnails = thumbnails
        self.fonts = fonts
        self.tiles: list[ThumbnailTile] = []
        self.current = 0
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setStyleSheet(f"color: {PALETTE.on_primary}; background: transparent;")
        self.close_button = TouchButton("", self, filled=True)
        self.close_button.setObjectName("overview-close")
        self.close_button.setAccessibleName("Close")
        self.close_button.clicked.connect(self.close_requested)
        header.addWidget(self.title, 1)
        header.addWidget(self.close_button)
        layout.addLayout(header)
        self.grid_host = QWidget(self)
        self.grid_host.setStyleSheet("background: transparent;")
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.grid_host, 1)

    def open(self, current: int, title: str) -> None:
        """Build the tiles for the window's pages now (the language or size may have changed)."""
        self.current = current
        self.title.setText(title)
        self.show_over()

    def apply_metrics(self, metrics: Metrics) -> None:
        layout = self.layout()
        assert layout is not None
        layout.setContentsMargins(metrics.margin, metrics.gap, metrics.margin, metrics.margin)
        layout.setSpacing(metrics.gap)
        self.title.setFont(
            font_for(
                self.thumbnails.window.language,
                self.fonts,
                pixel_size=metrics.text_px(TextRole.LEAD),
                weight=QFont.Weight.Bold,
            )
        )
        self.close_button.apply_metrics(metrics, self.title.font(), square=True)
        self.close_button.setIcon(
            QIcon(_cross(round(metrics.target_px * 0.45), PALETTE.on_primary))
        )
        self._build_tiles(metrics)

    def _build_tiles(self, metrics: Metrics) -> None:
        for tile in self.tiles:
            self.grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles = []
        count = self.thumbnails.page_count()
        slide = self.thumbnails.window.context().slide_size
        # Each tile is its thumbnail and the strip with its number under it.
        aspect = slide.height() / max(1, slide.width()) * (1 + BADGE_STRIP_SHARE)
        gap = metrics.gap
        self.grid.setSpacing(gap)
        width = self.width() - 2 * metrics.margin
        height = self.height() - metrics.gap - metrics.margin - metrics.target_px - gap
        columns = grid_columns(count, width, height, aspect)
        rows = math.ceil(count / columns)
        tile_width = max(
            metrics.target_px,
            min(
                (width - gap * (columns - 1)) // columns,
                round((height - gap * (rows - 1)) / rows / aspect),
            ),
        )
        for page in range(count):
            tile = ThumbnailTile(page, self.thumbnails.pixmap(page, tile_width), self.grid_host,
                                 label=self.thumbnails.window.context().number(page))
            tile.current = page == self.current
            tile.setFixedSize(tile_width, max(metrics.target_px, round(tile_width * aspect)))
            tile.clicked.connect(lambda _checked=False, p=page: self.page_chosen.emit(p))
            self.grid.addWidget(tile, page // columns, page % columns)
            self.tiles.append(tile)


def _cross(size: int, colour: str) -> QPixmap:
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(colour), max(2.0, size * 0.14))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    inset = size * 0.2
    painter.drawLine(round(inset), round(inset), round(size - inset), round(size - inset))
    painter.drawLine(round(size - inset), round(inset), round(inset), round(size - inset))
    painter.end()
    return pixmap


class JumpBadge(QLabel):
    """The slide number being typed ("12"), shown large at the bottom of the slides."""

    def __init__(self, fonts: FontSet, parent: QWidget) -> None:
        super().__init__(parent)
        self.fonts = fonts
        self.setObjectName("jump-badge")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.hide()

    @Slot(str)
    def show_number(self, text: str) -> None:
        parent = self.parentWidget()
        assert parent is not None
        metrics = metrics_for(parent)
        self.setFont(
            font_for(
                "en",
                self.fonts,
                pixel_size=metrics.text_px(TextRole.TITLE),
                weight=QFont.Weight.Bold,
            )
        )
        self.setStyleSheet(
            f"#jump-badge {{ background: {PALETTE.primary_dark}; color: {PALETTE.on_primary};"
            f" border-radius: {metrics.gap * 2}px; padding: {metrics.gap}px {metrics.gap * 3}px; }}"
        )
        self.setText(text)
        self.adjustSize()
        self.move(
            (parent.width() - self.width()) // 2,
            parent.height() - self.height() - metrics.margin * 2,
        )
        self.show()
        self.raise_()
