"""The one label class and the text helpers: Khmer line height, no orphaned last words."""
from __future__ import annotations

import html
import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QWidget,
)

from kiosk.core.text.balance import balance_lines
from kiosk.core.text.linebreak import ZWSP
from kiosk.views.fonts import FontSet, contains_khmer, font_for
from kiosk.views.metrics import Metrics, TextRole
from kiosk.views.theme import PALETTE

#: Line height of wrapped Khmer text. Khmer stacks reach past the font's line box (a subscript
#: with a vowel below it, e.g. ក្នុ, goes about half an em under the baseline): at the font's own
#: line spacing they touch the vowel signs and the tall letters of the next line.
KHMER_LINE_HEIGHT_PERCENT = 125


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


#: ``mark_to_fit(plain, width, measure)``: plain text marked for a line ``width`` wide.
FitMarker = Callable[[str, float, Callable[[str], float]], str]


class TextLabel(QLabel):
    """The one label class: wrapped, never selectable, with a role in the type scale.

    Rich text (the default) gets the kiosk's paragraph rules: no orphaned last word (except in
    the large roles, whose last two words might not fit one line) and the taller Khmer line
    height. ``plain`` shows text exactly as given (PIN dots, status lines). ``language`` names the
    language whose font :meth:`apply_metrics` uses (labels outside a slide view, which sizes its
    own labels).
    """

    def __init__(self, text: str = "", role: TextRole = TextRole.BODY, *, bold: bool = False,
                 colour: str = PALETTE.on_surface,
                 align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
                 valign: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignTop,
                 plain: bool = False, wrap: bool = True, language: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.bold = bold
        self.plain = plain
        self.language = language
        self.setTextFormat(Qt.TextFormat.PlainText if plain else Qt.TextFormat.RichText)
        self.setWordWrap(wrap)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAlignment(align | valign)
        self.set_colour(colour)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._plain_source: str | None = None
        self._mark_to_fit: FitMarker | None = None
        self._fitted_width = -1
        self._balanced = False
        if text:
            self.set_text(text)

    def fit_words(self, plain: str, mark_to_fit: FitMarker) -> None:
        """Let this label re-mark ``plain`` for its width: a kept-together stretch (a name, a long
        word) wider than the line then breaks where the rules allow, else between syllables,
        instead of running off the screen."""
        self._plain_source = plain
        self._mark_to_fit = mark_to_fit
        self._fitted_width = -1

    def set_balanced(self, balanced: bool) -> None:
        """Centred statements: lines of even width, never a lone word on the last line."""
        self._balanced = balanced
        self._fitted_width = -1

    def _fit_to(self, width: int) -> None:
        if self._plain_source is None or self._mark_to_fit is None or width <= 0 or width == self._fitted_width:
            return
        self._fitted_width = width
        measure = QFontMetricsF(self.font()).horizontalAdvance
        marked = self._mark_to_fit(self._plain_source, float(width), measure)
        if self._balanced:
            # A hair narrower than the label: Qt must not re-wrap a line that just fits.
            lines = balance_lines(marked, width - 2.0, measure)
            self.set_text("<br>".join(html.escape(line, quote=False) for line in lines))
        else:
            self.set_text(html.escape(marked, quote=False))

    def heightForWidth(self, width: int) -> int:
        margins = self.contentsMargins()
        self._fit_to(width - margins.left() - margins.right() - 2 * max(0, self.margin()))
        return super().heightForWidth(width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_to(self.contentsRect().width() - 2 * max(0, self.margin()))
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fitted_width = -1  # a new size: measure again
        super().changeEvent(event)

    def set_text(self, text: str) -> None:
        """Show ``text`` (rich text with the paragraph rules, or plain text as it is)."""
        if self.plain:
            self.setText(text)
            return
        if self.role not in LARGE_ROLES:
            text = without_orphans(text)
        self.setText(with_khmer_line_height(text))

    def set_colour(self, colour: str) -> None:
        self.setStyleSheet(f"color: {colour}; background: transparent;")

    def apply_metrics(self, metrics: Metrics, fonts: FontSet, *, scale: float = 1.0) -> None:
        """The font of this label's role and language at ``metrics``' size."""
        weight = QFont.Weight.Bold if self.bold else QFont.Weight.Normal
        self.setFont(font_for(self.language or "en", fonts, pixel_size=metrics.text_px(self.role, scale),
                              weight=weight))


def first_line_height(widget: QLabel) -> int:
    """Height of one line of ``widget``'s text, to line decorations up with its first line."""
    return QFontMetrics(widget.font()).height()
