"""Painted, non-interactive parts of slides: pictures in boxes, dots, accent rules and cards."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QSizePolicy,
    QWidget,
)

from kiosk.views.theme import PALETTE


class _Decoration(QWidget):
    """A painted, non-interactive part of a slide (never takes focus, no context menu)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground, True)


class PictureBox(_Decoration):
    """A picture in a box with rounded corners.

    Fitted (the default): drawn whole, aspect kept, its height following its width;
    ``max_height`` caps the height so a tall picture cannot push text off the slide.
    With a ``focus`` ([x, y], 0..1) it *covers* its box instead: it takes the room the layout
    gives it and is cropped around that point, so a face or a house stays in view at every
    screen shape.
    """

    def __init__(self, picture: QPixmap, parent: QWidget | None = None, *, max_height: int = 0,
                 radius: int = 0,
                 align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignHCenter,
                 focus: tuple[float, float] | None = None,
                 source: Callable[[], QPixmap] | None = None) -> None:
        super().__init__(parent)
        self._picture = picture
        self._source = source
        self.max_height = max_height
        self.radius = radius
        self.align = align
        self.focus = focus
        if focus is None:
            policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
            policy.setHeightForWidth(True)
        else:
            policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setSizePolicy(policy)

    @property
    def picture(self) -> QPixmap:
        self.restore()
        return self._picture

    @property
    def released(self) -> bool:
        return self._picture.isNull() and self._source is not None

    def release(self) -> None:
        """Let go of the decoded picture while its page is parked (a covering box with a
        ``source`` only: its size never depends on the picture); it is asked for again when the
        page comes back or is painted."""
        if self._source is not None and self.covers:
            self._picture = QPixmap()

    def restore(self) -> None:
        """Decode the picture again after :meth:`release` (nothing when it is there)."""
        if self._source is not None and self._picture.isNull():
            self._picture = self._source()
            self.update()

    @property
    def covers(self) -> bool:
        return self.focus is not None

    def _aspect(self) -> float:
        size = self._picture.deviceIndependentSize()
        return size.height() / size.width() if size.width() > 0 else 0.0

    def hasHeightForWidth(self) -> bool:
        return not self.covers

    def heightForWidth(self, width: int) -> int:
        if self.covers:
            return -1
        height = round(width * self._aspect())
        return min(height, self.max_height) if self.max_height > 0 else height

    def sizeHint(self) -> QSize:
        if self.covers:
            # It takes the room the layout gives it: asking for its decoded size would make a page
            # with a picture look overfull to the fitting, which would then shrink the text.
            return QSize(0, 0)
        width = round(self._picture.deviceIndependentSize().width())
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(0, 0)

    def picture_rect(self) -> QRectF:
        """Where the picture is drawn: its whole box when it covers; else scaled to fit, at the
        top, placed across by ``align``."""
        source = self._picture.deviceIndependentSize()
        if source.isEmpty() or self.width() <= 0 or self.height() <= 0:
            return QRectF()
        if self.covers:
            return QRectF(self.rect())
        shown = source.scaled(QSizeF(self.size()), Qt.AspectRatioMode.KeepAspectRatio)
        left = 0.0
        if self.align & Qt.AlignmentFlag.AlignHCenter:
            left = (self.width() - shown.width()) / 2
        elif self.align & Qt.AlignmentFlag.AlignRight:
            left = self.width() - shown.width()
        return QRectF(left, 0.0, shown.width(), shown.height())

    def source_rect(self) -> QRectF:
        """The part of the picture shown: all of it, or (covering) the box's shape around the focus."""
        whole = QRectF(self._picture.rect())
        if not self.covers or whole.isEmpty() or self.height() <= 0:
            return whole
        assert self.focus is not None
        box_aspect = self.width() / self.height()
        width, height = whole.width(), whole.height()
        if width / height > box_aspect:
            width = height * box_aspect
        else:
            height = width / box_aspect
        fx, fy = self.focus
        left = min(max(fx * whole.width() - width / 2, 0.0), whole.width() - width)
        top = min(max(fy * whole.height() - height / 2, 0.0), whole.height() - height)
        return QRectF(left, top, width, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.restore()
        target = self.picture_rect()
        if target.isEmpty():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if self.radius > 0:
            path = QPainterPath()
            path.addRoundedRect(target, self.radius, self.radius)
            painter.setClipPath(path)
        painter.drawPixmap(target, self._picture, self.source_rect())
        painter.end()


class Dot(_Decoration):
    """A filled circle centred in a fixed box: list bullets and timeline markers.

    With ``ring`` the circle gets an outline of that colour (a hollow-looking marker).
    """

    def __init__(self, colour: str, parent: QWidget | None = None, *,
                 ring: str | None = None) -> None:
        super().__init__(parent)
        self.colour = colour
        self.ring = ring
        self.diameter = 8
        self.setFixedSize(8, 8)

    def set_box(self, width: int, height: int, diameter: int) -> None:
        self.diameter = max(2, min(diameter, width, height))
        self.setFixedSize(width, height)
        self.update()

    def centre(self) -> QPointF:
        return QPointF(self.width() / 2, self.height() / 2)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = self.diameter / 2
        if self.ring is not None:
            width = max(2.0, self.diameter / 4)
            painter.setPen(QPen(QColor(self.ring), width))
            radius -= width / 2
        else:
            painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.colour))
        painter.drawEllipse(self.centre(), radius, radius)
        painter.end()


class AccentRule(_Decoration):
    """A short, thick rule in the accent colour under a heading or title."""

    def __init__(self, parent: QWidget | None = None, *, colour: str = PALETTE.accent) -> None:
        super().__init__(parent)
        self.colour = colour
        self.set_length(48, 4)

    def set_length(self, length: int, thickness: int) -> None:
        self.setFixedSize(max(1, length), max(1, thickness))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.colour))
        radius = self.height() / 2
        painter.drawRoundedRect(QRectF(self.rect()), radius, radius)
        painter.end()


class Card(QWidget):
    """A white, softly outlined panel (people cards, the contact table); its layout sets its height."""

    def __init__(self, radius: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.radius = radius
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # The outline thickens with the screen, so it stays visible on a 4K display.
        border = max(1.0, self.radius / 10)
        painter.setPen(QPen(QColor(PALETTE.outline), border))
        painter.setBrush(QColor(PALETTE.surface_alt))
        inset = border / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset),
                                self.radius, self.radius)
        painter.end()
