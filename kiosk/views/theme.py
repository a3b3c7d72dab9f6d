"""MIRO colour palette and the run-time loader for the pre-rendered kiosk stylesheet."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDir
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

logger = logging.getLogger(__name__)

#: Qt search-path prefix used by the committed QSS: ``url(kioskicon:primary/downarrow.svg)``.
ICON_SEARCH_PREFIX = "kioskicon"
#: Layout of the pre-rendered theme inside the assets directory (``kiosk.assets``).
THEME_DIRNAME = "theme"
QSS_FILENAME = "kiosk.qss"
#: The Qt widget style under the stylesheet (the same on every platform).
STYLE = "Fusion"
ICONS_DIRNAME = "icons"


@dataclass(frozen=True, slots=True)
class Palette:
    """The MIRO colours: a calm light theme; body text pairs WCAG AAA (>= 7:1), all others AA.

    ``on_X`` is the text colour to put on a background of colour ``X``. The ratios are listed in
    docs/design.md and tested (``BODY_TEXT_PAIRS``, ``TEXT_PAIRS``).
    """

    primary: str = "#185A5F"  # deep teal: headings, outlines, filled buttons
    primary_dark: str = "#0F3F43"  # pressed state of filled buttons
    primary_light: str = "#D3E6E4"  # selection / highlight background (dark text on it)
    on_primary: str = "#FFFFFF"
    surface: str = "#F7F5F0"  # window background, warm near-white
    surface_alt: str = "#FFFFFF"  # cards, input fields
    outline: str = "#CFC8BA"  # borders, dividers, disabled controls (not for text)
    on_surface: str = "#1F2428"  # body text, near-black
    muted_text: str = "#4A5157"  # captions, secondary text
    accent: str = "#A8481C"  # warm terracotta for highlights; white text on it
    on_accent: str = "#FFFFFF"
    danger: str = "#B3261E"
    warning: str = "#8A5300"
    success: str = "#2E6B30"


PALETTE = Palette()

#: (text colour, background colour) attribute-name pairs that the theme actually uses for text.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("on_primary", "primary"),
    ("on_primary", "primary_dark"),
    ("surface", "primary"),  # qt-material: pressed/checked QPushButton
    ("on_surface", "surface"),
    ("on_surface", "surface_alt"),
    ("on_surface", "primary_light"),
    ("primary", "surface"),  # qt-material: outlined QPushButton label
    ("primary", "surface_alt"),
    ("primary", "primary_light"),
    ("muted_text", "surface"),
    ("muted_text", "surface_alt"),
    ("on_accent", "accent"),
    ("accent", "surface"),
    ("danger", "surface"),
    ("on_primary", "danger"),  # the Exit confirmation's filled button
    ("warning", "surface"),
    ("success", "surface"),
)


#: The pairs that carry body-sized text (paragraphs, captions, button labels): WCAG AAA, >= 7:1.
#: The rest of ``TEXT_PAIRS`` carries large or bold text only (headings, dates, status words) and
#: meets AA (>= 4.5:1), which is AAA for large text.
BODY_TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("on_primary", "primary"),
    ("on_primary", "primary_dark"),
    ("on_surface", "surface"),
    ("on_surface", "surface_alt"),
    ("on_surface", "primary_light"),
    ("primary", "surface"),
    ("primary", "surface_alt"),
    ("muted_text", "surface"),
    ("muted_text", "surface_alt"),
)
AAA_BODY = 7.0
AA_TEXT = 4.5


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a ``#RRGGBB`` colour."""
    value = colour.removeprefix("#")
    if len(value) != 6:
        raise ValueError(f"expected #RRGGBB, got {colour!r}")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio (1.0 to 21.0) between two ``#RRGGBB`` colours."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def theme_dir(assets_dir: Path) -> Path:
    """Directory holding the committed ``kiosk.qss`` and its ``icons/``."""
    return assets_dir / THEME_DIRNAME


def load_stylesheet(assets_dir: Path) -> str:
    """Read the committed QSS and point the ``kioskicon:`` search path at its icons.

    Reads only; writes nothing. Raises ``OSError`` if the stylesheet is missing.
    """
    directory = theme_dir(assets_dir)
    stylesheet = (directory / QSS_FILENAME).read_text(encoding="utf-8")
    # setSearchPaths (not addSearchPath): loading twice, or from another assets dir, replaces
    # the previous location instead of piling up stale ones.
    QDir.setSearchPaths(ICON_SEARCH_PREFIX, [str((directory / ICONS_DIRNAME).resolve())])
    return stylesheet


def build_qpalette(palette: Palette = PALETTE) -> QPalette:
    """A QPalette with the MIRO colours, for widgets and roles the stylesheet does not cover."""
    qpalette = QPalette()
    roles: tuple[tuple[QPalette.ColorRole, str], ...] = (
        (QPalette.ColorRole.Window, palette.surface),
        (QPalette.ColorRole.WindowText, palette.on_surface),
        (QPalette.ColorRole.Base, palette.surface_alt),
        (QPalette.ColorRole.AlternateBase, palette.surface),
        (QPalette.ColorRole.Text, palette.on_surface),
        (QPalette.ColorRole.PlaceholderText, palette.muted_text),
        (QPalette.ColorRole.Button, palette.surface),
        (QPalette.ColorRole.ButtonText, palette.primary),
        (QPalette.ColorRole.BrightText, palette.on_primary),
        (QPalette.ColorRole.Highlight, palette.primary_light),
        (QPalette.ColorRole.HighlightedText, palette.on_surface),
        (QPalette.ColorRole.Link, palette.primary),
        (QPalette.ColorRole.ToolTipBase, palette.surface_alt),
        (QPalette.ColorRole.ToolTipText, palette.on_surface),
    )
    for role, colour in roles:
        qpalette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        qpalette.setColor(QPalette.ColorGroup.Disabled, role, QColor(palette.muted_text))
    return qpalette


def style_arguments() -> list[str]:
    """Qt's command-line arguments that choose the kiosk's widget style when the QApplication is made.

    Cheaper than ``setStyle`` afterwards (measured 1.3 against 10.6 ms): that call hands Python
    the new QStyle, and PySide6 then builds all of QStyle's enum classes before the first frame.
    """
    return ["-style", STYLE]


def apply_theme(app: QApplication, assets_dir: Path, *, style_chosen: bool = False) -> None:
    """Style ``app`` with the Fusion style, the MIRO palette and the committed stylesheet.

    ``style_chosen``: the application was made with :func:`style_arguments`. Never imports
    qt_material and writes nothing. If the stylesheet cannot be read the error is logged and
    the kiosk carries on with the palette alone.
    """
    if not style_chosen:
        app.setStyle(STYLE)
    app.setPalette(build_qpalette())
    try:
        stylesheet = load_stylesheet(assets_dir)
    except OSError:
        logger.exception("kiosk stylesheet missing under %s; running unstyled", assets_dir)
        return
    app.setStyleSheet(stylesheet)
