"""What every slide view shares: screen-derived metrics, the drawing context, self-fitting text."""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QImageReader,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QLabel,
    QLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.content.markup import to_plain_text, to_rich_text
from kiosk.core.content.model import Deck, LocalizedText, Slide
from kiosk.core.content.ui_words import UiText, ui_text
from kiosk.core.text.linebreak import ZWSP, keep_together, wrap_khmer
from kiosk.views.fonts import FontSet, contains_khmer, font_for
from kiosk.views.theme import PALETTE

log = logging.getLogger(__name__)

TOUCH_TARGET_MM = 9.0
FALLBACK_DPI = 96.0
MIN_FIT_SCALE = 0.55
#: Line height of wrapped Khmer text. Khmer stacks reach past the font's line box (a subscript
#: with a vowel below it, e.g. ក្នុ, goes about half an em under the baseline): at the font's own
#: line spacing they touch the vowel signs and the tall letters of the next line.
KHMER_LINE_HEIGHT_PERCENT = 125


class TextRole(Enum):
    """The type scale: each role is a multiple of the body size."""

    TITLE = 2.1
    HEADING = 1.5
    LEAD = 1.3
    BODY = 1.0
    CAPTION = 0.82


@dataclass(frozen=True)
class Metrics:
    """Sizes derived from the screen, so text reads from 2 m on a laptop and a 4K screen alike."""

    width: int
    height: int
    dpi: float = FALLBACK_DPI

    @property
    def short_side(self) -> int:
        return min(self.width, self.height)

    @property
    def px_per_mm(self) -> float:
        dpi = self.dpi if 50.0 <= self.dpi <= 600.0 else FALLBACK_DPI
        return dpi / 25.4

    @property
    def body_px(self) -> int:
        return max(14, round(self.short_side * 0.036))

    @property
    def target_px(self) -> int:
        """Smallest touch target: at least 9 mm, and larger on big screens."""
        return max(round(TOUCH_TARGET_MM * self.px_per_mm), round(self.short_side * 0.085))

    @property
    def gap(self) -> int:
        """The spacing unit."""
        return max(6, round(self.short_side * 0.02))

    @property
    def margin(self) -> int:
        return max(12, round(self.short_side * 0.045))

    def text_px(self, role: TextRole, scale: float = 1.0) -> int:
        return max(11, round(self.body_px * role.value * scale))


#: Roles too large for keeping two words together: they might not fit a narrow slide's width.
LARGE_ROLES = frozenset({TextRole.TITLE, TextRole.HEADING})
#: A paragraph's last two words are kept on one line (no lone word on its last line) when the
#: paragraph has at least this many words and those two are this short (in characters).
ORPHAN_MIN_WORDS = 4
ORPHAN_MAX_TAIL = 24
_BREAKS = (" ", ZWSP)


def without_orphans(rich: str) -> str:
    """``rich`` with the last break opportunity of each line (``<br>``-separated) removed, so a
    wrapped paragraph never ends with a single short word ("years." or "ឆ្នាំ។") on a line.

    The last space becomes a no-break space; a Khmer word break (zero-width space) goes.
    """
    return "<br>".join(_join_last_two_words(line) for line in rich.split("<br>"))


def _join_last_two_words(line: str) -> str:
    breaks: list[int] = []
    in_tag = False
    for index, char in enumerate(line):
        if char == "<":
            in_tag = True
        elif char == ">":
            in_tag = False
        elif not in_tag and char in _BREAKS:
            breaks.append(index)
    while breaks and breaks[-1] == len(line) - 1:  # a trailing space is no word break
        breaks.pop()
    if len(breaks) + 1 < ORPHAN_MIN_WORDS:
        return line
    last = breaks[-1]
    start = breaks[-2] + 1
    tail = re.sub(r"<[^>]*>|&[a-z]+;", "x", line[start:]).replace(ZWSP, "")
    if len(tail) > ORPHAN_MAX_TAIL:
        return line
    joiner = "\u00a0" if line[last] == " " else ""
    return line[:last] + joiner + line[last + 1:]


@dataclass(frozen=True)
class SlideContext:
    """Everything a view needs to draw a slide in one language at one size."""

    deck: Deck
    language: str
    metrics: Metrics
    fonts: FontSet
    assets_dir: Path
    slide_size: QSize = field(default_factory=lambda: QSize(800, 600))

    @property
    def default_language(self) -> str:
        return self.deck.default_language

    def plain(self, text: LocalizedText | None) -> str:
        """The text in the current language (default language when missing), markup removed."""
        if text is None:
            return ""
        return to_plain_text(text.get(self.language, self.default_language))

    def rich(self, text: LocalizedText | None) -> str:
        """Safe rich text with Khmer break opportunities, ready for a QLabel."""
        if text is None:
            return ""
        rich = to_rich_text(text.get(self.language, self.default_language))
        return keep_together(wrap_khmer(rich), self.unbreakable)

    @property
    def unbreakable(self) -> tuple[str, ...]:
        """The organisation's own names: never broken across lines."""
        return tuple(self.deck.short_name.root.values())

    def ui(self, key: UiText) -> str:
        return ui_text(key, self.language, self.default_language, self.deck.interface)

    def font(self, role: TextRole, scale: float = 1.0,
             weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
        return font_for(self.language, self.fonts, pixel_size=self.metrics.text_px(role, scale),
                        weight=weight)

    def resolve(self, relative: str) -> Path:
        return self.deck.root / relative


def with_khmer_line_height(rich: str) -> str:
    """``rich`` with taller lines when it holds Khmer (see ``KHMER_LINE_HEIGHT_PERCENT``)."""
    if not contains_khmer(rich):
        return rich
    return f'<div style="line-height:{KHMER_LINE_HEIGHT_PERCENT}%">{rich}</div>'


def trailing_space(label: QLabel) -> int:
    """The room a Khmer label leaves under its last line (its taller line height), 0 otherwise.

    Decorations placed right under a label (an accent rule) subtract it, so they sit as close to
    Khmer text as to English text.
    """
    if not contains_khmer(label.text()):
        return 0
    extra = (KHMER_LINE_HEIGHT_PERCENT - 100) / 100
    return round(QFontMetrics(label.font()).lineSpacing() * extra)


class TextLabel(QLabel):
    """A wrapped, non-selectable rich-text label with a role in the type scale."""

    def __init__(self, rich: str, role: TextRole, *, bold: bool = False,
                 colour: str = PALETTE.on_surface,
                 align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.bold = bold
        self.setTextFormat(Qt.TextFormat.RichText)
        if role not in LARGE_ROLES:  # a large title's last two words may not fit one line
            rich = without_orphans(rich)
        self.setText(with_khmer_line_height(rich))
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAlignment(align | Qt.AlignmentFlag.AlignTop)
        self.setStyleSheet(f"color: {colour}; background: transparent;")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)


class SlideView(QWidget):
    """Base of every slide view: builds once for a language and a size, then fits its text.

    Subclasses implement :meth:`build` using :meth:`label`; the base shrinks the type scale
    until everything fits the slide area (never below ``MIN_FIT_SCALE``).
    """

    def __init__(self, slide: Slide, context: SlideContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slide = slide
        self.context = context
        self.scale = 1.0
        self._labels: list[TextLabel] = []
        self.setObjectName(f"slide-{slide.id}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        # The view takes the size it is given and fits its text to it: word-wrapped labels'
        # minimum sizes (measured at a narrow width) must not grow the window or the page.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.build()
        layout = self.layout()
        if layout is not None:
            layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.fit(context.slide_size)

    # -- for subclasses -------------------------------------------------------------------------
    def build(self) -> None:
        raise NotImplementedError

    def label(self, text: LocalizedText | None, role: TextRole, *, bold: bool = False,
              colour: str = PALETTE.on_surface,
              align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> TextLabel:
        """A label for ``text`` in the current language, registered for fitting."""
        widget = TextLabel(self.context.rich(text), role, bold=bold, colour=colour, align=align,
                           parent=self)
        widget.setAccessibleName(self.context.plain(text))
        self._labels.append(widget)
        self._apply_font(widget)
        return widget

    def extra_height(self) -> int:
        """Height a subclass needs beyond its layout's estimate (e.g. for painted decorations)."""
        return 0

    # -- fitting --------------------------------------------------------------------------------
    @property
    def labels(self) -> list[TextLabel]:
        return list(self._labels)

    def _apply_font(self, widget: TextLabel) -> None:
        weight = QFont.Weight.Bold if widget.bold else QFont.Weight.Normal
        widget.setFont(self.context.font(widget.role, self.scale, weight))

    def set_scale(self, scale: float) -> None:
        self.scale = scale
        for widget in self._labels:
            self._apply_font(widget)
        self.on_scale_changed()

    def on_scale_changed(self) -> None:
        """Hook for views that size non-text parts (icons, avatars) from the text scale."""

    def required_height(self, width: int) -> int:
        layout = self.layout()
        if layout is None:
            return 0
        self._drop_cached_sizes()
        if layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(width)
        else:
            needed = layout.totalSizeHint().height()
        return needed + self.extra_height()

    def _drop_cached_sizes(self) -> None:
        """Forget every cached size, so heights are measured with the current fonts.

        ``QLayout.invalidate()`` is not recursive: after a font change, nested layouts and the
        layout items of container widgets (cards) keep their old heights until the event loop
        runs - and fitting happens before the view is ever shown.
        """
        for layout in self.findChildren(QLayout):
            layout.invalidate()
            owner = layout.parent()
            if isinstance(owner, QWidget) and owner is not self:
                owner.updateGeometry()

    def fit(self, size: QSize) -> None:
        """Shrink the type scale step by step until the content fits ``size``."""
        self.resize(size)
        scale = 1.0
        self.set_scale(scale)
        while self.required_height(size.width()) > size.height() and scale > MIN_FIT_SCALE:
            scale = round(scale - 0.05, 2)
            self.set_scale(scale)
        if self.required_height(size.width()) > size.height():
            log.warning("slide %s does not fit %dx%d even at %.0f%% text size",
                        self.slide.id, size.width(), size.height(), scale * 100)


#: Decoded pictures are kept at display size so a revisited slide (or a language switch, which
#: rebuilds the pages) does not decode a large photo again: a 24-megapixel JPEG costs ~80 ms even
#: with libjpeg's scaled decoding. At display size a picture is 1-3 MiB.
PICTURE_CACHE_KIB = 48 * 1024


def read_picture(path: Path, size: QSize) -> QPixmap | None:
    """Decode an image to fit ``size`` (aspect kept), or None if it cannot be read.

    Results are cached by file, modification time and size (an edited photo is read again).
    """
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = 0
    key = (str(path), stamp, size.width(), size.height())
    cached = _PICTURES.get(key)
    if cached is not None:
        _PICTURES.move_to_end(key)
        return cached
    picture = _decode_picture(path, size)
    if picture is not None:
        _PICTURES[key] = picture
        while len(_PICTURES) > 1 and sum(_kib(p) for p in _PICTURES.values()) > PICTURE_CACHE_KIB:
            _PICTURES.popitem(last=False)
    return picture


_PICTURES: OrderedDict[tuple[str, int, int, int], QPixmap] = OrderedDict()


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


def load_picture(path: Path, size: QSize) -> QPixmap:
    """Decode an image at display size (aspect kept); a neutral placeholder if it cannot be read.

    The placeholder has a photo's usual 4:3 shape, fitted into ``size``.
    """
    picture = read_picture(path, size)
    if picture is not None:
        return picture
    return placeholder_picture(QSize(4, 3).scaled(size, Qt.AspectRatioMode.KeepAspectRatio))


def placeholder_picture(size: QSize) -> QPixmap:
    """A calm grey panel in place of a missing or broken picture."""
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(PALETTE.primary_light))
    painter = QPainter(image)
    painter.setPen(QColor(PALETTE.outline))
    painter.drawRect(0, 0, size.width() - 1, size.height() - 1)
    painter.end()
    return QPixmap.fromImage(image)


def first_line_height(widget: QLabel) -> int:
    """Height of one line of ``widget``'s text, to line decorations up with its first line."""
    return QFontMetrics(widget.font()).height()


class _Decoration(QWidget):
    """A painted, non-interactive part of a slide (never takes focus, no context menu)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground, True)


class PictureBox(_Decoration):
    """A picture drawn to fit its box (aspect kept, rounded corners); its height follows its width.

    ``max_height`` caps the height so a tall picture cannot push text off the slide.
    """

    def __init__(self, picture: QPixmap, parent: QWidget | None = None, *, max_height: int = 0,
                 radius: int = 0,
                 align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignHCenter) -> None:
        super().__init__(parent)
        self._picture = picture
        self.max_height = max_height
        self.radius = radius
        self.align = align
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    @property
    def picture(self) -> QPixmap:
        return self._picture

    def _aspect(self) -> float:
        size = self._picture.deviceIndependentSize()
        return size.height() / size.width() if size.width() > 0 else 0.0

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        height = round(width * self._aspect())
        return min(height, self.max_height) if self.max_height > 0 else height

    def sizeHint(self) -> QSize:
        width = round(self._picture.deviceIndependentSize().width())
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(0, 0)

    def picture_rect(self) -> QRectF:
        """Where the picture is drawn: scaled to fit, at the top, placed across by ``align``."""
        source = self._picture.deviceIndependentSize()
        if source.isEmpty():
            return QRectF()
        shown = source.scaled(QSizeF(self.size()), Qt.AspectRatioMode.KeepAspectRatio)
        left = 0.0
        if self.align & Qt.AlignmentFlag.AlignHCenter:
            left = (self.width() - shown.width()) / 2
        elif self.align & Qt.AlignmentFlag.AlignRight:
            left = self.width() - shown.width()
        return QRectF(left, 0.0, shown.width(), shown.height())

    def paintEvent(self, event: QPaintEvent) -> None:
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
        painter.drawPixmap(target, self._picture, QRectF(self._picture.rect()))
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


class PageView(SlideView):
    """A slide with a heading at the top: page margins, heading, accent rule, optional intro.

    Subclasses call :meth:`page_layout` and :meth:`add_heading` from :meth:`build`, and call
    ``super().on_scale_changed()`` if they override :meth:`on_scale_changed`. Spacing inside the
    page registered with :meth:`space` shrinks with the text, so small text is not lost in gaps.
    """

    def __init__(self, slide: Slide, context: SlideContext, parent: QWidget | None = None) -> None:
        # Set before the base class builds and fits the view.
        self._rule: AccentRule | None = None
        self._spaced: list[tuple[QLayout, float, float]] = []
        super().__init__(slide, context, parent)

    def page_layout(self) -> QVBoxLayout:
        """The view's top-level column, with the page margins and spacing."""
        metrics = self.context.metrics
        layout = QVBoxLayout(self)
        layout.setContentsMargins(metrics.margin, round(metrics.margin * 0.75),
                                  metrics.margin, metrics.margin)
        self.space(layout, 1.0)
        return layout

    def space(self, layout: QLayout, gaps: float, padding: float = 0.0) -> None:
        """Give ``layout`` a spacing of ``gaps`` and inner margins of ``padding`` spacing units,
        both following the text scale."""
        self._spaced.append((layout, gaps, padding))
        self._apply_spacing(layout, gaps, padding)

    def _apply_spacing(self, layout: QLayout, gaps: float, padding: float) -> None:
        unit = self.context.metrics.gap * max(self.scale, MIN_FIT_SCALE)
        layout.setSpacing(round(unit * gaps))
        if padding > 0:
            pad = round(unit * padding)
            layout.setContentsMargins(pad, pad, pad, pad)

    def add_heading(self, layout: QVBoxLayout, heading: LocalizedText,
                    intro: LocalizedText | None = None) -> None:
        """The heading (bold, primary colour), a short accent rule and the intro, if any."""
        layout.addWidget(self.label(heading, TextRole.HEADING, bold=True, colour=PALETTE.primary))
        self._rule = AccentRule(self)
        layout.addWidget(self._rule)
        if intro is not None:
            layout.addSpacing(round(self.context.metrics.gap * 0.5))
            layout.addWidget(self.label(intro, TextRole.LEAD, colour=PALETTE.on_surface))
        layout.addSpacing(round(self.context.metrics.gap * 0.5))

    def on_scale_changed(self) -> None:
        if self._rule is not None:
            body = self.context.metrics.text_px(TextRole.BODY, self.scale)
            self._rule.set_length(round(body * 2.6), max(3, round(body * 0.16)))
        for layout, gaps, padding in self._spaced:
            self._apply_spacing(layout, gaps, padding)


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
