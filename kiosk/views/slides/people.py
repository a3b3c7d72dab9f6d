"""The people slide: a card per leader with a photo or a person silhouette, name, role and bio."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QImageReader,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.content.model import PeopleSlide, Person
from kiosk.views.context import SlideContext
from kiosk.views.decor import Card
from kiosk.views.metrics import TextRole
from kiosk.views.pictures import PictureCache
from kiosk.views.slides.base import PageView
from kiosk.views.theme import PALETTE

#: Avatar diameter, in multiples of the body text size.
AVATAR_EM = 3.2
#: Narrowest card, in multiples of the body text size.
MIN_CARD_EM = 11
#: Cards narrower than this put the avatar above the name instead of beside it.
SIDE_AVATAR_MIN_CARD_EM = 14


def _read_square(pictures: PictureCache, path: Path, side: int) -> QPixmap | None:
    """The centre square of a photo, decoded at ``side`` pixels; None if it cannot be read."""
    original = QImageReader(str(path)).size()
    box = QSize(side, side)
    if original.isValid() and not original.isEmpty():
        box = original.scaled(box, Qt.AspectRatioMode.KeepAspectRatioByExpanding)
    picture = pictures.read(path, box)
    if picture is None:
        return None
    short = min(picture.width(), picture.height())
    left, top = (picture.width() - short) // 2, (picture.height() - short) // 2
    return picture.copy(left, top, short, short)


def silhouette_path(side: float) -> QPainterPath:
    """A neutral person silhouette (head and shoulders) filling a ``side`` x ``side`` circle.

    Shown for people without a photo: initials are no Khmer convention and read as nonsense
    syllables, while a silhouette says "a person" in any script.
    """
    path = QPainterPath()
    head = side * 0.19
    path.addEllipse(QPointF(side / 2, side * 0.39), head, head * 1.08)
    shoulders = QPainterPath()
    top, half = side * 0.63, side * 0.34
    shoulders.moveTo(side / 2 - half, side)
    shoulders.cubicTo(side / 2 - half, top + side * 0.02, side / 2 - half * 0.55, top, side / 2, top)
    shoulders.cubicTo(side / 2 + half * 0.55, top, side / 2 + half, top + side * 0.02, side / 2 + half, side)
    shoulders.closeSubpath()
    circle = QPainterPath()
    circle.addEllipse(QRectF(0, 0, side, side))
    return path.united(shoulders.intersected(circle))


class Avatar(QWidget):
    """A round photo, or a neutral person silhouette in a soft circle."""

    def __init__(self, name: str, photo: QPixmap | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.photo = photo
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.set_diameter(64)

    @property
    def shows_silhouette(self) -> bool:
        return self.photo is None

    def set_diameter(self, diameter: int) -> None:
        self.setFixedSize(diameter, diameter)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        circle = QRectF(self.rect())
        if self.photo is not None:
            clip = QPainterPath()
            clip.addEllipse(circle)
            painter.setClipPath(clip)
            painter.drawPixmap(circle, self.photo, QRectF(self.photo.rect()))
            painter.setClipping(False)
            painter.setPen(QPen(QColor(PALETTE.outline), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(circle.adjusted(0.5, 0.5, -0.5, -0.5))
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(PALETTE.primary_light))
            painter.drawEllipse(circle)
            painter.fillPath(silhouette_path(circle.width()), QColor(PALETTE.primary))
        painter.end()


class PersonCard(Card):
    """One person: avatar, name, role and biography."""


def card_columns(count: int, size: QSize, body_px: int) -> int:
    """Cards per row: all side by side on a wide slide (three at most); on a tall one, up to
    three people stack in full-width cards (two narrow cards would leave the lower half empty
    and wrap every bio after two words), more go two to a row."""
    if size.width() <= size.height():
        columns = 1 if count <= 3 else 2
    else:
        columns = count if count <= 3 else -(-count // 2)
    # A card narrower than ~11 body widths reads badly: fewer, wider cards then.
    while columns > 1 and size.width() / columns < body_px * MIN_CARD_EM:
        columns -= 1
    return columns


class PeopleView(PageView):
    """Heading, optional intro, then a card per person: avatar, name, role and a short bio."""

    slide: PeopleSlide

    def build(self) -> None:
        metrics = self.context.metrics
        layout = self.page_layout()
        self.add_heading(layout, self.slide.heading, self.slide.intro)
        people = self.slide.people
        size = self.context.slide_size
        body = metrics.text_px(TextRole.BODY)
        columns = card_columns(len(people), size, body)
        spacing = metrics.gap * 2
        card_width = (size.width() - 2 * metrics.margin - (columns - 1) * spacing) / columns
        self._avatar_beside = card_width >= body * SIDE_AVATAR_MIN_CARD_EM
        grid = QGridLayout()
        self.space(grid, 2)
        self.avatars: list[Avatar] = []
        for index, person in enumerate(people):
            row, column = divmod(index, columns)
            grid.addWidget(self._card(person), row, column)
        for column in range(columns):
            grid.setColumnStretch(column, 1)
        layout.addLayout(grid)
        layout.addStretch(1)

    def _card(self, person: Person) -> PersonCard:
        """Avatar beside name and role (wide cards) or above them (narrow cards), then the bio."""
        metrics = self.context.metrics
        card = PersonCard(metrics.gap, self)
        column = QVBoxLayout(card)
        self.space(column, 1, padding=2)
        avatar = Avatar(self.context.plain(person.name), self._photo(person, self.context), card)
        self.avatars.append(avatar)
        names = QVBoxLayout()
        self.space(names, 0.3)
        names.addWidget(self.label(person.name, TextRole.LEAD, bold=True))
        names.addWidget(self.label(person.role, TextRole.BODY, colour=PALETTE.primary))
        if self._avatar_beside:
            header = QHBoxLayout()
            self.space(header, 1.5)
            header.addWidget(avatar, 0, Qt.AlignmentFlag.AlignTop)
            names.addStretch(1)
            header.addLayout(names, 1)
            column.addLayout(header)
        else:
            column.addWidget(avatar)
            column.addLayout(names)
        column.addWidget(self.label(person.bio, TextRole.BODY))
        column.addStretch(1)
        return card

    def _photo(self, person: Person, context: SlideContext) -> QPixmap | None:
        """The person's photo as a square at the largest avatar size; None shows the silhouette."""
        if person.photo is None:
            return None
        ratio = self.devicePixelRatioF()
        side = round(context.metrics.text_px(TextRole.BODY) * AVATAR_EM * ratio)
        photo = _read_square(context.pictures, context.resolve(person.photo), side)
        if photo is not None:
            photo.setDevicePixelRatio(ratio)
        return photo

    def on_scale_changed(self) -> None:
        super().on_scale_changed()
        diameter = round(self.context.metrics.text_px(TextRole.BODY, self.scale) * AVATAR_EM)
        for avatar in self.avatars:
            avatar.set_diameter(diameter)
