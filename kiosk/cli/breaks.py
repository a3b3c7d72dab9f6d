"""``kiosk breaks``: show every place the kiosk may break a line in a text, for content reviewers.

The text is marked by the same ``Breaker`` the slides use (the deck's names and word list
included), then Qt's own line breaker reads the marked text, as it does on screen: a ``|``
stands before each character that may start a new line.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import EXIT_CONTENT, EXIT_OK, content_arg, print_problems
from kiosk.core.content.breaking import breaker_for
from kiosk.core.content.markup import to_plain_text
from kiosk.core.errors import ContentError
from kiosk.core.storage.assets import available_icons
from kiosk.core.text.rules import WORD_JOINER, ZWSP, Breaker, lines_with_bars

if TYPE_CHECKING:  # types only: the check (pydantic, YAML) loads when the command runs
    from kiosk.core.content.loaded import LoadedContent
    from kiosk.core.content.yamlsource import YamlDocument

KHMER = "km"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``kiosk breaks`` (its name and help are in ``kiosk.cli.COMMANDS``)."""
    parser.add_argument("texts", nargs="*", metavar="TEXT")
    parser.add_argument("--content", dest="breaks_content", metavar="DIR",
                        help="the content folder whose names and word list apply (default: the bundled content)")


def run(args: argparse.Namespace) -> int:
    # Late import for speed: the check (pydantic, YAML) loads when the command runs, not when the kiosk starts.
    from kiosk.core.content.loader import load_content

    chosen: str | None = getattr(args, "breaks_content", None) or getattr(args, "content", None)
    try:
        loaded = load_content(content_arg(chosen), icons=available_icons())
    except ContentError as exc:
        print_problems(exc)
        return EXIT_CONTENT
    breaker = breaker_for(loaded.deck)
    texts: list[str] = list(getattr(args, "texts", None) or [])
    if texts:
        for text in texts:
            print(show_breaks(breaker, text))
    elif chosen:
        for where, text in khmer_texts(loaded):
            print(f"{where}: {show_breaks(breaker, text, KHMER)}")
    else:
        for line in sys.stdin:
            print(show_breaks(breaker, line.rstrip("\r\n")))
    return EXIT_OK


def show_breaks(breaker: Breaker, text: str, language: str | None = None) -> str:
    """``text`` with ``|`` before every character where a line may start on screen."""
    if language is None and any("\u1780" <= c <= "\u17ff" for c in text):
        language = KHMER
    return lines_with_bars(text, qt_line_starts(breaker.mark(text, language)))


def qt_line_starts(marked: str) -> list[int]:
    """Where Qt may start a line in ``marked``, as offsets into the text without our marks.

    Qt's line breaker, not ours, has the last word on screen (spaces, hyphens, punctuation),
    so this asks it, exactly as a label does.
    """
    from PySide6.QtCore import QTextBoundaryFinder  # Qt only for this command, when it runs

    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, marked)
    # Qt counts UTF-16 code units; map them to offsets in the text without ZWSPs.
    unit_to_offset: dict[int, int] = {}
    unit = offset = 0
    for char in marked:
        unit_to_offset[unit] = offset
        unit += 2 if ord(char) > 0xFFFF else 1
        if char not in (ZWSP, WORD_JOINER):
            offset += 1
    starts: list[int] = []
    position = finder.toNextBoundary()
    while 0 < position < unit:
        mapped = unit_to_offset.get(position)
        if mapped is not None and mapped > 0 and (not starts or starts[-1] != mapped):
            starts.append(mapped)
        position = finder.toNextBoundary()
    return starts


def khmer_texts(loaded: LoadedContent) -> Iterator[tuple[str, str]]:
    """Every Khmer text of the deck's files as ``(FILE:LINE, text without markup)``, in file order."""
    for doc in loaded.documents.values():
        found: list[tuple[int, str]] = []
        for path, span in doc.values.items():
            if path and path[-1] == KHMER:
                value = _value_at(doc, path)
                if isinstance(value, str) and value.strip():
                    found.append((span.line, to_plain_text(value)))
        for line, text in sorted(found):
            yield f"{doc.display}:{line}", text.replace("\n", " ")


def _value_at(doc: YamlDocument, path: tuple[str | int, ...]) -> Any:
    node: Any = doc.data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node
