"""Drawn as the kiosk draws them, MIRO's Khmer slides start no line inside a word or before punctuation.

Each label's text is laid out the way QLabel lays it out (a QTextDocument at the label's width and
font), and every line start is checked: after a break the rules allowed (a zero-width space or a
space), never before ។ ៖ ៗ ? ! ) », never inside a cluster, and at a zero-width space only where a
word ends (``Breaker.word_boundaries``: a break between syllables, the last resort for a word wider
than the line, must not be needed on MIRO's content); and no line runs past the label's edge.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QTextDocument, QTextOption
from PySide6.QtWidgets import QLabel

from kiosk.app import Kiosk
from kiosk.core.content.breaking import breaker_for
from kiosk.core.text.linebreak import COENG
from kiosk.core.text.rules import Breaker, default_rules
from tests.conftest import KioskOptions

Settle = Callable[[Kiosk], None]
NEVER_STARTS_A_LINE = set("។៖ៗ?!)»,.:;") | {COENG}
BREAKS = {"\u200b", " ", "-", "/", "\u2028"}  # \u2028: a <br> (balanced lines)


def _is_mark(char: str) -> bool:
    return "\u17b4" <= char <= "\u17d3" or char == "\u17dd"


def _word_ends(text: str, breaker: Breaker) -> set[int]:
    """The offsets in ``text`` (a laid-out block, marks in) where a word ends."""
    plain_index: list[int] = []
    plain: list[str] = []
    for char in text:
        plain_index.append(len(plain))
        if char not in "\u200b\u2060":
            plain.append(" " if char in "\u00a0\u2028" else char)
    ends = breaker.word_boundaries("".join(plain), "km")
    return {i for i, p in enumerate(plain_index) if p in ends}


def bad_line_starts(label: QLabel, breaker: Breaker | None = None) -> list[str]:
    """Every line of ``label`` (as drawn at its width) that starts where no line may start."""
    doc = QTextDocument()
    doc.setDefaultFont(label.font())
    doc.setDocumentMargin(0)
    option = doc.defaultTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)  # as QLabel wraps: at break opportunities only
    doc.setDefaultTextOption(option)
    doc.setHtml(label.text())
    width = label.contentsRect().width()
    doc.setTextWidth(width)
    doc.size()  # lays the document out
    problems = []
    block = doc.begin()
    while block.isValid():
        text, layout = block.text(), block.layout()
        word_ends = _word_ends(text, breaker or default_rules())
        for index in range(layout.lineCount()):
            line = layout.lineAt(index)
            if line.naturalTextWidth() > width + 1:
                piece = text[line.textStart():line.textStart() + line.textLength()]
                problems.append(f"line {index + 1} runs past the edge ({line.naturalTextWidth():.0f} > {width}): "
                                f"{piece!r}")
        for index in range(1, layout.lineCount()):
            start = layout.lineAt(index).textStart()
            char, before = text[start:start + 1], text[start - 1:start]
            shown = text.replace("\u200b", "|")
            if char in NEVER_STARTS_A_LINE or _is_mark(char) or before not in BREAKS:
                problems.append(f"line {index + 1} starts at {char!r} after {before!r}: {shown}")
            elif before == "\u200b" and start - 1 not in word_ends:
                problems.append(f"line {index + 1} starts between syllables of a word: {shown}")
        block = block.next()
    return problems


@pytest.fixture(params=[(1024, 600), (1366, 768), (1920, 1080), (1080, 1920), (600, 1024)],
                ids=["1024x600", "1366x768", "1920x1080", "portrait", "narrow-portrait"])
def kiosk_options(request: pytest.FixtureRequest) -> KioskOptions:
    return KioskOptions(size=request.param, language="km")


def test_no_khmer_line_starts_inside_a_word_or_before_punctuation(kiosk: Kiosk, settle: Settle) -> None:
    problems: list[str] = []
    breaker = breaker_for(kiosk.controller.deck)
    for page in range(len(kiosk.controller.deck.slides) + 1):
        kiosk.controller.on_page_requested(page)
        settle(kiosk)
        view = kiosk.window.current_view()
        labels = [label for label in view.findChildren(QLabel) if label.isVisible() and label.text()]
        assert labels, f"page {page} shows no text"
        for label in labels:
            problems += [f"page {page}: {p}" for p in bad_line_starts(label, breaker)]
    assert problems == []


@pytest.mark.parametrize(("text", "width", "bad"), [
    ("អង្គការ\u200bសិទ្ធិ\u200bជនជាតិភាគតិច", 90, False),  # breaks only at the marks, between words
    ("អង្គការសិទ្ធិជនជាតិភាគតិច", 90, True),  # one unmarked run: Qt must cut inside a word
    ("សិទ្ធិ\u200b។", 1, True),  # a line may not start with ។
    ("អង្គ\u200bការ", 1, True),  # a mark between syllables of one word
])
def test_the_check_sees_a_line_that_starts_inside_a_word(qtbot: object, text: str, width: int,
                                                          bad: bool) -> None:
    label = QLabel(text)
    label.setWordWrap(True)
    label.resize(width, 400)
    assert bool(bad_line_starts(label)) is bad
