"""Pictures decoded at display size and kept in a bounded cache, so revisits never decode again."""
from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageIOHandler,
    QImageReader,
    QPainter,
    QPixmap,
    QPixmapCache,
)

from kiosk.core.content.model import Picture
from kiosk.views.theme import PALETTE

log = logging.getLogger(__name__)


#: Decoded pictures are kept at display size so a revisited slide (or a language switch, which
#: rebuilds the pages) does not decode a large photo again: a 24-megapixel JPEG costs ~80 ms even
#: with libjpeg's scaled decoding. At display size a picture is 1-3 MiB.
PICTURE_CACHE_KIB = 48 * 1024
#: How much of an illustration may be lost to cover a box of another shape (a share of its
#: side); past that its edges are carried on instead. At 0.12 the review found palms, lily pads,
#: a canopy and the scale's base cut on the home tiles: 0.02 loses 1 % at two edges, a sliver of
#: backdrop, and spares a box of nearly the scene's shape a hairline of carried-on edge.
ILLUSTRATION_MAX_CROP = 0.02
#: The bundled illustrations, inside the assets folder.
ILLUSTRATIONS_DIRNAME = "illustrations"


class PictureCache:
    """Decoded pictures at display size, least recently used first out past ``limit_kib``.

    One cache belongs to one kiosk window (its slide views share it through their context).
    Keys are the file, its modification time and the size, so an edited photo is read again.
    SVG illustrations are drawn on every request and not kept (see :meth:`read`).
    """

    def __init__(self, limit_kib: int = PICTURE_CACHE_KIB) -> None:
        self.limit_kib = limit_kib
        self._pictures: OrderedDict[tuple[str, int, int, int, int], QPixmap] = OrderedDict()

    def __len__(self) -> int:
        return len(self._pictures)

    def read(self, path: Path, size: QSize, *, cover: bool = False) -> QPixmap | None:
        """Decode an image to fit ``size`` (aspect kept), or None if it cannot be read.

        With ``cover`` the image is decoded to cover ``size`` instead (one side equal, the other
        larger), for a box that crops it around its focal point. SVG illustrations are drawn at
        that size, so they are crisp at every screen size.
        """
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            stamp = 0
        key = (str(path), stamp, size.width(), size.height(), int(cover))
        cached = self._pictures.get(key)
        if cached is not None:
            self._pictures.move_to_end(key)
            return cached
        picture = _decode_picture(path, size, cover)
        # An illustration (SVG, a few KB) is drawn again in 2-9 ms at any size: only decoded
        # photos are worth their memory here (a language switch changes the sizes, and every
        # size of every illustration would otherwise stay: +40 MiB after every slide was shown).
        if picture is not None and path.suffix.lower() != ".svg":
            self._pictures[key] = picture
            while len(self._pictures) > 1 and sum(_kib(p) for p in self._pictures.values()) > self.limit_kib:
                self._pictures.popitem(last=False)
        return picture

    def load(self, path: Path, size: QSize, *, cover: bool = False) -> QPixmap:
        """Decode an image at display size (aspect kept); a neutral placeholder if it cannot be read.

        The placeholder has a photo's usual 4:3 shape, fitted into ``size`` (or ``size`` itself
        with ``cover``).
        """
        picture = self.read(path, size, cover=cover)
        if picture is not None:
            return picture
        if cover:
            return placeholder_picture(size)
        return placeholder_picture(QSize(4, 3).scaled(size, Qt.AspectRatioMode.KeepAspectRatio))

    def cover(self, path: Path, size: QSize, ratio: float) -> QPixmap:
        """The picture at ``path`` decoded to cover ``size`` (device-independent pixels) on a
        screen of pixel ratio ``ratio``: what a covering picture box shows."""
        pixmap = self.load(path, size * ratio, cover=True)
        pixmap.setDevicePixelRatio(ratio)
        return pixmap


def drop_drawn_caches() -> None:
    """Empty Qt's pixmap cache (icons and style pieces drawn at every size the fitting chose).

    It is bounded (10 MiB) but fills over a day of visitors: the soak measured 5.5 of its 16.5 MiB
    growth there. Run when nobody is at the kiosk; what is shown next is drawn again on demand.
    """
    QPixmapCache.clear()


def _kib(picture: QPixmap) -> int:
    return picture.width() * picture.height() * max(1, picture.depth() // 8) // 1024


def natural_size(path: Path) -> QSize | None:
    """A picture's own size, as shown (a photo's EXIF rotation applied), from its header only;
    None if it cannot be read."""
    reader = QImageReader(str(path))
    size = reader.size()
    if not size.isValid() or size.isEmpty():
        return None
    if reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90:
        size.transpose()
    return size


def picture_file(picture: Picture, content_root: Path, assets_dir: Path) -> Path:
    """Where ``picture``'s file is: in the content folder, or a bundled illustration."""
    if picture.illustration is not None:
        return assets_dir / ILLUSTRATIONS_DIRNAME / f"{picture.illustration}.svg"
    return content_root / (picture.file or "")


def _decode_picture(path: Path, size: QSize, cover: bool = False) -> QPixmap | None:
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    original = reader.size()
    # An illustration is a whole scene: covering a box of another shape would cut off its
    # edges (a sun, a roof, the pans of a scale), so it is drawn whole and its edges are
    # carried on to fill the box instead (see _extended).
    extend = cover and path.suffix.lower() == ".svg"
    if original.isValid() and original.width() > 0 and original.height() > 0:
        if extend:
            reader.setScaledSize(_scene_size(original, size))
        else:
            mode = Qt.AspectRatioMode.KeepAspectRatioByExpanding if cover else Qt.AspectRatioMode.KeepAspectRatio
            reader.setScaledSize(original.scaled(size, mode))
    image = reader.read()
    if image.isNull():
        log.warning("cannot show image %s: %s", path, reader.errorString())
        return None
    if extend and image.size() != size:
        image = _extended(image, size)
    return QPixmap.fromImage(image)


def _scene_size(original: QSize, box: QSize) -> QSize:
    """The size an illustration is drawn at for ``box``: fitted, then enlarged by at most
    ILLUSTRATION_MAX_CROP so that a box close to its shape is simply covered (an edge of
    plain backdrop is lost, nothing more)."""
    fitted = original.scaled(box, Qt.AspectRatioMode.KeepAspectRatio)
    covering = original.scaled(box, Qt.AspectRatioMode.KeepAspectRatioByExpanding)
    zoom = min(covering.width() / max(1, fitted.width()), 1.0 + ILLUSTRATION_MAX_CROP)
    return QSize(max(1, round(fitted.width() * zoom)), max(1, round(fitted.height() * zoom)))


def _extended(scene: QImage, box: QSize) -> QImage:
    """``scene`` centred in an image of ``box``'s size, cropped where it is larger and its edge
    rows or columns stretched over the rest: the sky and ground of a scene drawn on a plain
    backdrop simply go on, so the scene stays whole in a wide tile or a tall column."""
    image = QImage(box, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(PALETTE.surface))
    left = (box.width() - scene.width()) // 2
    top = (box.height() - scene.height()) // 2
    painter = QPainter(image)
    painter.drawImage(left, top, scene)
    width, height = scene.width(), scene.height()
    if left > 0:  # wider than the scene: carry its first and last columns sideways
        painter.drawImage(QRectF(0, top, left, height), scene, QRectF(0, 0, 1, height))
        right = left + width
        painter.drawImage(QRectF(right, top, box.width() - right, height), scene, QRectF(width - 1, 0, 1, height))
    if top > 0:  # taller: carry its first and last rows up and down
        painter.drawImage(QRectF(0, 0, box.width(), top), image, QRectF(0, top, box.width(), 1))
        bottom = top + height
        painter.drawImage(QRectF(0, bottom, box.width(), box.height() - bottom), image,
                          QRectF(0, bottom - 1, box.width(), 1))
    painter.end()
    return image


def placeholder_picture(size: QSize) -> QPixmap:
    """A calm grey panel in place of a missing or broken picture."""
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(PALETTE.primary_light))
    painter = QPainter(image)
    painter.setPen(QColor(PALETTE.outline))
    painter.drawRect(0, 0, size.width() - 1, size.height() - 1)
    painter.end()
    return QPixmap.fromImage(image)
