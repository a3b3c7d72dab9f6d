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

from kiosk.views.theme import PALETTE

log = logging.getLogger(__name__)


#: Decoded pictures are kept at display size so a revisited slide (or a language switch, which
#: rebuilds the pages) does not decode a large photo again: a 24-megapixel JPEG costs ~80 ms even
#: with libjpeg's scaled decoding. At display size a picture is 1-3 MiB.
PICTURE_CACHE_KIB = 48 * 1024


class PictureCache:
    """Decoded pictures at display size, least recently used first out past ``limit_kib``.

    One cache belongs to one kiosk window (its slide views share it through their context).
    Keys are the file, its modification time and the size, so an edited photo is read again.
    """

    def __init__(self, limit_kib: int = PICTURE_CACHE_KIB) -> None:
        self.limit_kib = limit_kib
        self._pictures: OrderedDict[tuple[str, int, int, int], QPixmap] = OrderedDict()

    def __len__(self) -> int:
        return len(self._pictures)

    def read(self, path: Path, size: QSize) -> QPixmap | None:
        """Decode an image to fit ``size`` (aspect kept), or None if it cannot be read."""
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            stamp = 0
        key = (str(path), stamp, size.width(), size.height())
        cached = self._pictures.get(key)
        if cached is not None:
            self._pictures.move_to_end(key)
            return cached
        picture = _decode_picture(path, size)
        if picture is not None:
            self._pictures[key] = picture
            while len(self._pictures) > 1 and sum(_kib(p) for p in self._pictures.values()) > self.limit_kib:
                self._pictures.popitem(last=False)
        return picture

    def load(self, path: Path, size: QSize) -> QPixmap:
        """Decode an image at display size (aspect kept); a neutral placeholder if it cannot be read.

        The placeholder has a photo's usual 4:3 shape, fitted into ``size``.
        """
        picture = self.read(path, size)
        if picture is not None:
            return picture
        return placeholder_picture(QSize(4, 3).scaled(size, Qt.AspectRatioMode.KeepAspectRatio))


def _kib(picture: QPixmap) -> int:
    return picture.width() * picture.height() * max(1, picture.depth() // 8) // 1024


def _decode_picture(path: Path, size: QSize) -> QPixmap | None:
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    original = reader.size()
    if original.isValid() and original.width() > 0 and original.height() > 0:
        reader.setScaledSize(original.scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
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
