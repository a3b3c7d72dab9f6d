"""The staff diagnostics page's facts, gathered without Qt and worded in the kiosk's language.

The staff feature collects the raw facts (some need Qt: the screen, the fonts) into
:class:`DiagnosticFacts`; :func:`diagnostic_rows` turns them into labelled rows, each worded through
the kiosk's own words (:class:`~kiosk.core.content.ui_words.UiText`), so the page reads in Khmer
or English like the rest of the kiosk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.core.content.ui_words import UiText

#: Words a fact is written with: ``words(key)`` is the kiosk's text for ``key`` in the current language.
Words = Callable[[UiText], str]


@dataclass(frozen=True)
class ScreenFacts:
    width: int
    height: int
    physical_dpi: float
    logical_dpi: float
    scale: float
    window_width: int
    window_height: int


@dataclass(frozen=True)
class DiagnosticFacts:
    """Everything the diagnostics page reports, as plain data."""

    version: str
    content_dir: Path
    slides: int
    topics: int
    languages: Sequence[str]
    texts: int
    awaiting_review: int
    missing_translations: int
    problems: Sequence[str] = ()
    last_good_root: Path | None = None  # set when the screen shows a stored copy
    khmer_font_families: Sequence[str] = ()
    khmer_font_ok: bool = True
    screen: ScreenFacts | None = None
    data_dir: Path | None = None
    log_dir: Path | None = None
    pin_problem: UiText | None = None  # a PIN state staff must act on, in the kiosk's words
    safe_mode_reason: UiText | None = None  # why the kiosk runs in safe mode, in the kiosk's words
    log_lines: Sequence[str] = field(default_factory=tuple)


@dataclass(frozen=True)
class DiagnosticRow:
    label: str
    value: str
    problem: bool


@dataclass(frozen=True)
class Diagnostics:
    rows: list[DiagnosticRow]
    problems: list[str]
    log_lines: list[str]


def fill(template: str, digits: Callable[[str], str] = str, **values: object) -> str:
    """``template`` with each ``{name}`` replaced; numbers are written with ``digits``."""
    text = template
    for name, value in values.items():
        shown = digits(str(value)) if isinstance(value, int) else str(value)
        text = text.replace("{" + name + "}", shown)
    return text


def diagnostic_rows(facts: DiagnosticFacts, words: Words, digits: Callable[[str], str] = str) -> Diagnostics:
    """The labelled rows of the diagnostics page, the content problems, and the log tail."""
    rows = [
        DiagnosticRow(words(UiText.VERSION), facts.version, False),
        DiagnosticRow(words(UiText.CONTENT_FOLDER), str(facts.content_dir), False),
    ]
    if facts.safe_mode_reason:
        rows.append(DiagnosticRow(words(UiText.SAFE_MODE), words(facts.safe_mode_reason), True))
    if facts.problems:
        value = fill(words(UiText.DIAG_CONTENT_PROBLEMS), digits, count=len(facts.problems))
        if facts.last_good_root is not None:
            value += " " + fill(words(UiText.DIAG_SHOWING_LAST_GOOD), digits, folder=facts.last_good_root)
        rows.append(DiagnosticRow(words(UiText.CONTENT_CHECK), value, True))
    else:
        summary = fill(words(UiText.DIAG_CONTENT_SUMMARY), digits, slides=facts.slides, topics=facts.topics,
                       languages=", ".join(facts.languages), texts=facts.texts,
                       missing=facts.missing_translations)
        rows.append(DiagnosticRow(words(UiText.CONTENT_CHECK), summary, False))
    rows.append(DiagnosticRow(words(UiText.AWAITING_REVIEW), digits(str(facts.awaiting_review)),
                              facts.awaiting_review > 0))
    drawn = ", ".join(sorted(facts.khmer_font_families)) or words(UiText.DIAG_NOTHING)
    font_key = UiText.DIAG_FONT_OK if facts.khmer_font_ok else UiText.DIAG_FONT_PROBLEM
    rows.append(DiagnosticRow(words(UiText.KHMER_FONT), fill(words(font_key), digits, fonts=drawn),
                              not facts.khmer_font_ok))
    rows.append(DiagnosticRow(words(UiText.SCREEN), _screen(facts.screen, words, digits), False))
    if facts.data_dir is not None:
        rows.append(DiagnosticRow(words(UiText.DATA_FOLDER), str(facts.data_dir), False))
    if facts.log_dir is not None:
        rows.append(DiagnosticRow(words(UiText.LOG_FOLDER), str(facts.log_dir), False))
    if facts.pin_problem is not None:
        rows.append(DiagnosticRow(words(UiText.PIN), words(facts.pin_problem), True))
    log_lines = [f"{words(UiText.LAST_LOG_LINES)}:", *facts.log_lines] if facts.log_lines else []
    return Diagnostics(rows, list(facts.problems), log_lines)


def _screen(screen: ScreenFacts | None, words: Words, digits: Callable[[str], str]) -> str:
    if screen is None:
        return words(UiText.DIAG_NO_SCREEN)
    return fill(words(UiText.DIAG_SCREEN), digits, width=screen.width, height=screen.height,
                dpi=round(screen.physical_dpi), logical=round(screen.logical_dpi),
                scale=f"{screen.scale:g}", window_width=screen.window_width,
                window_height=screen.window_height)


def read_log_tail(path: Path, lines: int = 15, max_bytes: int = 16_384) -> list[str]:
    """The last ``lines`` lines of the log file (reading only its end), or [] if unreadable."""
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, 2)
            handle.seek(max(0, size - max_bytes))
            data = handle.read()
    except OSError:
        return []
    return data.decode("utf-8", errors="replace").splitlines()[-lines:]
