"""The slide view bases: build once for a language and a size, then fit the text to the slide."""
from __future__ import annotations

import functools
import html
import logging
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import (
    QFont,
    QPixmap,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLayout,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.content.model import LocalizedText, Picture, Slide
from kiosk.views.context import SlideContext
from kiosk.views.decor import AccentRule, PictureBox
from kiosk.views.metrics import TextRole
from kiosk.views.pictures import natural_size, picture_file
from kiosk.views.text import TextLabel
from kiosk.views.theme import PALETTE

log = logging.getLogger(__name__)


MIN_FIT_SCALE = 0.55
#: Captions keep the type scale's size, shrinking at most to this share with a crowded slide.
CAPTION_MIN_SCALE = 0.9
#: A slide with room to spare grows its type scale up to this, so short texts fill the screen
#: instead of leaving its lower half empty (docs/design.md, Layout).
MAX_FIT_SCALE = 1.3
#: Growing stops while this share of the page is still free (the breathing room around the text).
GROW_UNTIL_SHARE = 0.85
#: Of the height left over after fitting, this share goes above the content (the rest below): the
#: content sits at the optical centre, a little above the middle.
BALANCE_ABOVE = 0.4
#: A picture's share of the content width beside the text (landscape) ...
PICTURE_WIDTH_SHARE = 0.4
#: ... and of the page height above the text (portrait).
PICTURE_HEIGHT_SHARE = 0.34
#: A banner picture (title, statement) is at most this much wider than high: a wider band crops an
#: illustration to a sliver.
BANNER_MAX_ASPECT = 2.2


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
        self.after_build()
        layout = self.layout()
        if layout is not None:
            layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.fit(context.slide_size)

    # -- for subclasses -------------------------------------------------------------------------
    def build(self) -> None:
        raise NotImplementedError

    def label(self, text: LocalizedText | None, role: TextRole, *, bold: bool = False,
              colour: str = PALETTE.on_surface,
              align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft, balanced: bool = False) -> TextLabel:
        """A label for ``text`` in the current language, registered for fitting; ``balanced``:
        lines of even width, never a lone last word (headings, titles, statements)."""
        widget = TextLabel(self.context.rich(text), role, bold=bold, colour=colour, align=align,
                           parent=self)
        plain = self.context.plain(text)
        widget.setAccessibleName(plain)
        if (text is not None and not any(c in plain for c in "<>&")
                and self.context.rich(text) == self.context.mark(html.escape(plain, quote=False))):
            # Plain text (no markup, nothing the breaker would take for a tag): the label may
            # re-mark it for its width (over-long names and words).
            widget.fit_words(plain, self.context.mark_to_fit)
        widget.set_balanced(balanced)
        self._labels.append(widget)
        self._apply_font(widget)
        return widget

    def after_build(self) -> None:
        """Hook run after :meth:`build`, before the first fit (the page's picture is added here)."""

    def balance(self, leftover: int) -> None:
        """Hook: place ``leftover`` px of free height (after fitting) around the content."""

    def add_banner(self, layout: QVBoxLayout, width: int, share: float) -> PictureBox | None:
        """The slide's picture as a centred banner (``share`` of the page's height, at most
        ``width`` wide), with its credit under it; nothing when the slide has no picture."""
        picture = self.slide.image
        if picture is None:
            return None
        metrics = self.context.metrics
        height = round(self.context.slide_size.height() * share)
        box = QSize(max(1, min(width, round(height * BANNER_MAX_ASPECT))), max(1, height))
        source = self._cover_source(picture, box)
        banner = PictureBox(source(), self, radius=metrics.gap, focus=picture.focus, source=source)
        banner.setObjectName("picture")
        banner.setFixedSize(box)
        banner.setAccessibleName(self.context.plain(picture.caption))
        layout.addWidget(banner, 0, Qt.AlignmentFlag.AlignHCenter)
        if picture.credit is not None:
            layout.addWidget(self.label(picture.credit, TextRole.CAPTION, colour=PALETTE.muted_text,
                                        align=Qt.AlignmentFlag.AlignHCenter))
        layout.addSpacing(metrics.gap)
        return banner

    def _cover_source(self, picture: Picture, box: QSize) -> Callable[[], QPixmap]:
        """What decodes ``picture`` to cover ``box`` (again after the page was parked)."""
        path = picture_file(picture, self.context.deck.root, self.context.assets_dir)
        return functools.partial(self.context.pictures.cover, path, box, self.devicePixelRatioF())

    def park(self) -> None:
        """The page is kept for a quick return but is not next to the one shown: its decoded
        pictures go (a side picture at 1920x1080 is ~2.6 MiB; up to five pages are kept)."""
        for box in self.findChildren(PictureBox):
            box.release()

    def unpark(self) -> None:
        """The page is next to the one shown again: decode its pictures before a swipe shows it."""
        for box in self.findChildren(PictureBox):
            box.restore()

    def extra_height(self) -> int:
        """Height a subclass needs beyond its layout's estimate (e.g. for painted decorations)."""
        return 0

    # -- fitting --------------------------------------------------------------------------------
    @property
    def labels(self) -> list[TextLabel]:
        return list(self._labels)

    def _apply_font(self, widget: TextLabel) -> None:
        weight = QFont.Weight.Bold if widget.bold else QFont.Weight.Normal
        scale = self.scale
        if widget.role is TextRole.CAPTION:
            # Captions and credits are the same size on every slide of a screen: grown or shrunk
            # with their slide's text they ranged from barely readable to wrapping.
            scale = min(1.0, max(scale, CAPTION_MIN_SCALE))
        widget.setFont(self.context.font(widget.role, scale, weight))

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
        """Shrink the type scale step by step until the content fits ``size``; grow it while a
        lot of the page stays empty; then balance what is left around the content."""
        self.resize(size)
        self.balance(0)
        scale = 1.0
        self.set_scale(scale)
        if self.required_height(size.width()) <= size.height():
            while scale < MAX_FIT_SCALE:
                bigger = round(scale + 0.05, 2)
                self.set_scale(bigger)
                if self.required_height(size.width()) > size.height() * GROW_UNTIL_SHARE:
                    self.set_scale(scale)
                    break
                scale = bigger
        while self.required_height(size.width()) > size.height() and scale > MIN_FIT_SCALE:
            scale = round(scale - 0.05, 2)
            self.set_scale(scale)
        needed = self.required_height(size.width())
        if needed > size.height():
            log.warning("slide %s does not fit %dx%d even at %.0f%% text size",
                        self.slide.id, size.width(), size.height(), scale * 100)
        self.balance(max(0, size.height() - needed))


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
        self._above = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self._figure: QVBoxLayout | None = None
        self.picture_box: PictureBox | None = None
        super().__init__(slide, context, parent)

    @property
    def picture(self) -> Picture | None:
        return self.slide.image

    @property
    def picture_beside(self) -> bool:
        """The picture goes beside the text on a landscape page, above it on a portrait one."""
        size = self.context.slide_size
        return size.width() > size.height()

    @property
    def content_width(self) -> int:
        """The width the slide's text has: the page inside its margins, less a picture beside it."""
        metrics = self.context.metrics
        inner = self.context.slide_size.width() - 2 * metrics.margin
        if self.picture is not None and self.picture_beside:
            return round((inner - metrics.margin) * (1 - PICTURE_WIDTH_SHARE))
        return inner

    def page_layout(self) -> QVBoxLayout:
        """The column the slide's content goes in, with the page margins and spacing.

        With a picture, the column sits beside it (landscape) or under it (portrait); the picture,
        its caption and its credit are added after :meth:`build`.
        """
        metrics = self.context.metrics
        outer = QVBoxLayout(self)
        outer.setContentsMargins(metrics.margin, round(metrics.margin * 0.75),
                                 metrics.margin, metrics.margin)
        self.space(outer, 1.0)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        self.space(column, 1.0)
        column.addSpacerItem(self._above)
        if self.picture is None:
            outer.addLayout(column, 1)
            return column
        self._figure = QVBoxLayout()
        self._figure.setContentsMargins(0, 0, 0, 0)
        self.space(self._figure, 0.5)
        if self.picture_beside:
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(metrics.margin)
            row.addLayout(column, round((1 - PICTURE_WIDTH_SHARE) * 10))
            row.addLayout(self._figure, round(PICTURE_WIDTH_SHARE * 10))
            outer.addLayout(row, 1)
        else:
            outer.addLayout(self._figure)
            outer.addLayout(column, 1)
        return column

    def picture_size(self) -> QSize:
        """The box the picture covers (before its caption and credit take their lines)."""
        metrics = self.context.metrics
        size = self.context.slide_size
        inner = size.width() - 2 * metrics.margin
        if self.picture_beside:
            width = round((inner - metrics.margin) * PICTURE_WIDTH_SHARE)
            height = size.height() - round(metrics.margin * 1.75)
            # Its own shape, not the column's whole height: a 4:3 scene or photo covering a tall
            # column was cut to its middle (or carried on as empty ground), and at 1.15 times its
            # shape a scene's own backdrop left its credit 50-90 px below it.
            if self.picture is not None:
                natural = natural_size(picture_file(self.picture, self.context.deck.root, self.context.assets_dir))
                if natural is not None:
                    height = min(height, round(width * natural.height() / natural.width()))
        else:
            width = inner
            height = round(size.height() * PICTURE_HEIGHT_SHARE)
        return QSize(max(1, width), max(1, height))

    def caption_text(self) -> LocalizedText | None:
        """The picture's caption (a slide type may give its own)."""
        return self.picture.caption if self.picture is not None else None

    def after_build(self) -> None:
        picture, figure = self.picture, self._figure
        if picture is None or figure is None:
            return
        metrics = self.context.metrics
        box = self.picture_size()
        source = self._cover_source(picture, box)
        self.picture_box = PictureBox(source(), self, radius=metrics.gap, focus=picture.focus, source=source)
        self.picture_box.setObjectName("picture")
        accessible = self.context.plain(self.caption_text() or picture.caption)
        self.picture_box.setAccessibleName(accessible)
        if self.picture_beside:
            # Its share of the row is kept whatever the text holds: a long name that cannot
            # break (an organisation's) is re-marked for the text column instead of squeezing
            # the picture to a strip. The picture and its lines sit at the column's optical
            # centre, as the text does.
            self.picture_box.setFixedSize(box)
            figure.addStretch(round(BALANCE_ABOVE * 10))
        else:
            self.picture_box.setFixedHeight(box.height())
        figure.addWidget(self.picture_box, 0 if self.picture_beside else 1)
        caption = self.caption_text()
        if caption is not None:
            figure.addWidget(self.label(caption, TextRole.CAPTION, colour=PALETTE.on_surface))
        if picture.credit is not None:
            figure.addWidget(self.label(picture.credit, TextRole.CAPTION, colour=PALETTE.muted_text))
        if self.picture_beside:
            figure.addStretch(round((1 - BALANCE_ABOVE) * 10))

    def balance(self, leftover: int) -> None:
        self._above.changeSize(0, round(leftover * BALANCE_ABOVE), QSizePolicy.Policy.Minimum,
                               QSizePolicy.Policy.Fixed)
        layout = self.layout()
        if layout is not None:
            layout.invalidate()

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
        # Balanced: "What kind of organisation is / MIRO?" left a lone word.
        layout.addWidget(self.label(heading, TextRole.HEADING, bold=True, colour=PALETTE.primary, balanced=True))
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
