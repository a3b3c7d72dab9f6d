"""The people slide: a card per leader with a photo or an initials avatar, name, role and bio."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
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
from kiosk.views.fonts import FontSet, font_for_text
from kiosk.views.metrics import TextRole
from kiosk.views.pictures import PictureCache
from kiosk.views.slides.base import PageView
from kiosk.views.theme import PALETTE

#: Titles that come before a name and are not part of it (compared without case and final dot).
HONORIFICS: frozenset[str] = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam", "h.e",
    "លោក", "លោកស្រី", "អ្នកស្រី", "កញ្ញា", "ឯកឧត្តម", "លោកជំទាវ", "បណ្ឌិត",
})
_KHMER_HONORIFICS = sorted((h for h in HONORIFICS if not h.isascii()), key=len, reverse=True)
#: A Khmer grapheme cluster: a consonant or independent vowel, then subscript consonants
#: (COENG + consonant), dependent vowels and signs (U+17B6-U+17D3, U+17DD).
_KHMER_CLUSTER = re.compile("[\u1780-\u17b3](?:\u17d2[\u1780-\u17b3]|[\u17b6-\u17d1\u17d3\u17dd])*")
#: Zero-width spaces mark word boundaries (Khmer is written without spaces); joiners are dropped.
_WORD_MARKS = {0x200B: " ", 0x200C: None, 0x200D: None, 0x2060: None, 0xFEFF: None}

#: Avatar diameter, in multiples of the body text size.
AVATAR_EM = 3.2
#: Narrowest card, in multiples of the body text size.
MIN_CARD_EM = 11
#: Cards narrower than this put the avatar above the name instead of beside it.
SIDE_AVATAR_MIN_CARD_EM = 14


def _strip_honorific(word: str) -> str:
    """``word`` without a title: "Mr." -> "", "លោកស្រី" -> "", "លោកសុខ" -> "សុខ"."""
    if word.lower().rstrip(".") in HONORIFICS:
        return ""
    for honorific in _KHMER_HONORIFICS:
        if word.startswith(honorific) and _KHMER_CLUSTER.match(word, len(honorific)):
            return word[len(honorific):]
    return word


def first_grapheme(word: str) -> str:
    """The first character a reader sees in ``word``: a whole Khmer cluster, or a letter + marks."""
    match = _KHMER_CLUSTER.match(word)
    if match:
        return match.group()
    end = 1
    while end < len(word) and unicodedata.category(word[end]).startswith("M"):
        end += 1
    return word[:end].upper()


def initials(name: str) -> str:
    """The initials of ``name``'s first and last words, titles skipped.

    >>> initials("Mr. Butmao SOURN")
    'BS'
    >>> initials("លោក ស៊ួន ប៊ុតម៉ៅ")
    'ស៊ួប៊ុ'
    """
    words = name.translate(_WORD_MARKS).split()
    named = [w for w in (_strip_honorific(word) for word in words) if w]
    named = [w for w in named if w[0].isalnum() or _KHMER_CLUSTER.match(w)] or named or words
    if not named:
        return ""
    chosen = named if len(named) == 1 else [named[0], named[-1]]
    return "".join(first_grapheme(word) for word in chosen)


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


class Avatar(QWidget):
    """A round photo, or the person's initials in a teal circle."""

    def __init__(self, initials_text: str, fonts: FontSet, photo: QPixmap | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.initials = initials_text
        self.photo = photo
        self._fonts = fonts
        self._glyphs = QPainterPath()
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.set_diameter(64)

    def set_diameter(self, diameter: int) -> None:
        self.setFixedSize(diameter, diameter)
        self._glyphs = self._initials_path(diameter)
        self.update()

    def _initials_path(self, diameter: int) -> QPainterPath:
        """The initials as outlines, as large as fits ~60% of the circle, centred on their ink."""
        if not self.initials:
            return QPainterPath()
        reference = 100
        font = font_for_text(self.initials, self._fonts, pixel_size=reference,
                             weight=QFont.Weight.Bold)
        path = QPainterPath()
        path.addText(QPointF(0, 0), font, self.initials)
        ink = path.boundingRect()
        if ink.isEmpty():
            return QPainterPath()
        factor = min(diameter * 0.58 / ink.width(), diameter * 0.46 / ink.height())
        font.setPixelSize(max(1, round(reference * factor)))
        path = QPainterPath()
        path.addText(QPointF(0, 0), font, self.initials)
        ink = path.boundingRect()
        return path.translated(diameter / 2 - ink.center().x(), diameter / 2 - ink.center().y())

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
            painter.setBrush(QColor(PALETTE.primary))
            painter.drawEllipse(circle)
            painter.fillPath(self._glyphs, QColor(PALETTE.on_primary))
        painter.end()


class PersonCard(Card):
    """One person: avatar, name, role and biography."""


def card_columns(count: int, size: QSize, body_px: int) -> int:
    """Cards per row: all side by side on a wide slide (three at most), two (or one) when narrow."""
    if size.width() <= size.height():
        columns = min(count, 2)
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
        avatar = Avatar(initials(self.context.plain(person.name)), self.context.fonts,
                        self._photo(person, self.context), card)
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
        """The person's photo as a square at the largest avatar size; None shows initials."""
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
