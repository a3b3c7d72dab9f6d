"""Pictures decoded at display size and kept in a bounded cache, so revisits never decode again."""
from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageReader,
    QPainter,
    QPixmap,
)

from kiosk.core.content.model import Picture
from kiosk.views.theme import PALETTE

log = logging.getLogger(__name__)


#: Decoded pictures are kept at display size so a revisited slide (or a language switch, which
#: rebuilds the pages) does not decode a large photo again: a 24-megapixel JPEG costs ~80 ms even
#: with libjpeg's scaled decoding. At display size a picture is 1-3 MiB.
PICTURE_CACHE_KIB = 48 * 1024
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


def _kib(picture: QPixmap) -> int:
    return picture.width() * picture.height() * max(1, picture.depth() // 8) // 1024


def picture_file(picture: Picture, content_root: Path, assets_dir: Path) -> Path:
    """Where ``picture``'s file is: in the content folder, or a bundled illustration."""
    if picture.illustration is not None:
        return assets_dir / ILLUSTRATIONS_DIRNAME / f"{picture.illustration}.svg"
    return content_root / (picture.file or "")


def _decode_picture(path: Path, size: QSize, cover: bool = False) -> QPixmap | None:
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    original = reader.size()
    if original.isValid() and original.width() > 0 and original.height() > 0:
        mode = Qt.AspectRatioMode.KeepAspectRatioByExpanding if cover else Qt.AspectRatioMode.KeepAspectRatio
        reader.setScaledSize(original.scaled(size, mode))
    image = reader.read()
    if image.isNull():
        log.warning("cannot show image %s: %s", path, reader.errorString())
        return None
    return QPixmap.fromImage(image)


def placeholder_picture(size: QSize) -> QPixmap:
    """A calm grey panel in place of a missing or broken picture."""
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(PALETTE.primary_light))
    painter = QPainter(image)
    painter.setPen(QColor(PALETTE.outline))
    painter.drawRect(0, 0, size.width() - 1, size.height() - 1)
    painter.end()
    return QPixmap.fromImage(image)
