"""Bundled Noto fonts (Khmer + Latin): registration, per-language QFonts with real bold.

Both fonts are *variable* fonts (axes ``wdth``, ``wght``) shipped by the PyPI packages
fontpkg-noto-sans-khmer and fontpkg-noto-sans. On Linux (fontconfig font database, also used
by the offscreen/eglfs/linuxfb platforms) ``QFontDatabase.addApplicationFont`` registers only
the default instance ("Regular", weight 400). Qt (FreeType engine) then decides on *synthetic*
emboldening by comparing ``QFont.weight()`` with that registered weight, whatever the variable
axes say. Measured on Qt 6.12 (offscreen, 40 px, ink relative to Regular):

* ``wght`` axis 700, ``QFont.weight()`` Normal: real bold outlines, ink x1.4-1.55, advances
  +4-5 %, no synthetic bold;
* ``QFont.weight()`` Bold without the axis: synthetic bold, ink x1.5, advances unchanged;
* both: the real bold outlines emboldened a second time, ink x2.0.

So the rule (see :func:`with_weight`): a weight is requested **only through the ``wght``
variable axis** (``QFont.setVariableAxis``, Qt 6.7+), for both families of the fallback
list, and ``QFont.weight()`` stays Normal. Consequences:

* ``QFont.bold()`` is False and ``QFont.weight()`` is Normal even for bold fonts from
  :func:`font_for`; read the weight with ``font.variableAxisValue(QFont.Tag("wght"))``.
* Content markup ``**bold**`` becomes ``<b>...</b>`` in QLabels, and ``<b>`` only raises
  ``QFont.weight()`` of the run. For that, static Bold instances of both families are shipped
  in ``assets/fonts`` (``scripts/make_bold_fonts.py``, subset to Latin and Khmer) and
  registered too: ``<b>`` then draws real bold outlines. Without them it fell back on Qt's
  synthetic bold, which Qt drops where it draws glyphs as outlines (over 64 device pixels), so
  inline bold vanished in large text. With a Bold face registered, a Bold weight on top of the
  axis no longer gives double bold either.

Shaping of Khmer (COENG U+17D2 subscripts, pre-base vowels) is done by HarfBuzz inside Qt.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QTextLayout

from kiosk.core.storage.paths import assets_dir

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

logger = logging.getLogger(__name__)

#: Inside the assets folder: the static Bold faces of both families.
BOLD_FONTS_DIRNAME = "fonts"
KHMER_PACKAGE = "fontpkg_noto_sans_khmer"
LATIN_PACKAGE = "fontpkg_noto_sans"
#: Family names the packaged fonts declare; also used (via system fonts) if a file is missing.
KHMER_FAMILY = "Noto Sans Khmer"
LATIN_FAMILY = "Noto Sans"
WEIGHT_AXIS = "wght"
#: Khmer is set this much larger than Latin at the same pixel size in the type scale, for the same
#: reading weight: a Khmer word's distinguishing detail is its subscript consonants and vowel
#: signs, drawn at about 60 % of a consonant's height, while a Latin word reads from its x-height.
#: Measured with the bundled fonts at 100 px: Noto Sans x-height 54-56 px, a Noto Sans Khmer
#: consonant 59 px, a subscript about 35 px. At 1366x768 (body 28 px) a subscript is then ~10 px
#: tall; at 1.1 it is ~11 px, the smallest that stays legible from a standing distance.
#: See docs/design.md (type scale per script).
KHMER_SIZE_FACTOR = 1.1

# Khmer (U+1780-17FF) and Khmer Symbols (U+19E0-19FF).
_KHMER_RANGES: tuple[tuple[int, int], ...] = ((0x1780, 0x17FF), (0x19E0, 0x19FF))

# Files already handed to Qt in this process: path/package -> application font id.
_registered: dict[str, int] = {}


@dataclass(frozen=True, slots=True)
class FontSet:
    """Family names to use for Khmer and for Latin text."""

    khmer: str = KHMER_FAMILY
    latin: str = LATIN_FAMILY


def _package_root(package: str) -> Traversable | None:
    """Data directory of a font package: installed, or copied under PyInstaller's _MEIPASS."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        spec = None
    for location in (spec.submodule_search_locations or []) if spec is not None else []:
        if Path(location).is_dir():  # a folder on disk, the usual case: no importlib.resources to import
            return Path(location)
    from importlib.resources import files

    try:
        return files(package)  # e.g. inside a zip
    except ModuleNotFoundError:
        pass
    bundle = getattr(sys, "_MEIPASS", None)
    if isinstance(bundle, str) and (Path(bundle) / package).is_dir():
        # One-folder build that collected the package's data files but not its module.
        return Path(bundle) / package
    return None


def locate_font_file(package: str) -> Traversable | None:
    """The upright font file of a fontpkg package (from its metadata.json), or None."""
    root = _package_root(package)
    if root is None:
        logger.warning("font package %s is not installed", package)
        return None
    candidates: list[str] = []
    try:
        metadata = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
        candidates = [
            str(entry["path"])
            for entry in metadata.get("files", [])
            if entry.get("style", "normal") == "normal"
        ]
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
        logger.warning(
            "cannot read %s/metadata.json (%s); searching for .ttf files", package, error
        )
    if not candidates:
        files_dir = root / "files"
        if files_dir.is_dir():
            candidates = sorted(
                f"files/{entry.name}"
                for entry in files_dir.iterdir()
                if entry.name.endswith((".ttf", ".otf")) and "italic" not in entry.name.lower()
            )
    for candidate in candidates:
        resource = root.joinpath(*candidate.split("/"))
        if resource.is_file():
            return resource
    logger.warning("no upright font file found in package %s", package)
    return None


def _add_application_font(resource: Traversable) -> list[str]:
    """Hand one font file to Qt (once per process); return the families it provides."""
    key = str(resource)
    font_id = _registered.get(key)
    if font_id is None or not QFontDatabase.applicationFontFamilies(font_id):
        if isinstance(resource, Path):
            font_id = QFontDatabase.addApplicationFont(str(resource))
        else:  # e.g. a zip import: give Qt the bytes, never extract to disk
            font_id = QFontDatabase.addApplicationFontFromData(QByteArray(resource.read_bytes()))
        if font_id < 0:
            logger.warning("Qt could not load font file %s", resource)
            return []
        _registered[key] = font_id
    return list(QFontDatabase.applicationFontFamilies(font_id))


def _register_one(package: str, expected_family: str) -> tuple[str, bool]:
    """Register a package's font; return (family to use, whether the bundled file loaded)."""
    try:
        resource = locate_font_file(package)
        families = _add_application_font(resource) if resource is not None else []
    except Exception:  # never let a font problem stop the kiosk
        logger.exception("registering font from %s failed", package)
        families = []
    if not families:
        logger.warning(
            "bundled font %s unavailable; relying on a system font named %r",
            package,
            expected_family,
        )
        return expected_family, False
    if expected_family not in families:
        logger.warning("%s declares %s, expected %r", package, families, expected_family)
        return families[0], True
    return expected_family, True


def register_fonts() -> FontSet:
    """Register the bundled Khmer and Latin fonts with Qt and return their family names.

    Call after the QApplication exists. Never raises: problems are logged as warnings and
    the expected family names are returned, so Qt falls back to whatever the system has.
    Also registers the static Bold faces that rich-text ``<b>`` is drawn with.
    """
    if QGuiApplication.instance() is None:
        logger.warning("register_fonts() called before QApplication; fonts not registered")
        return FontSet()
    khmer, _ = _register_one(KHMER_PACKAGE, KHMER_FAMILY)
    latin, _ = _register_one(LATIN_PACKAGE, LATIN_FAMILY)
    _register_bold_faces(assets_dir() / BOLD_FONTS_DIRNAME)
    return FontSet(khmer=khmer, latin=latin)


def _register_bold_faces(folder: Path) -> None:
    """The static Bold instances of both families (made by scripts/make_bold_fonts.py).

    Rich-text ``<b>`` (content ``**bold**``) raises only the run's weight; with a registered
    Bold face Qt draws it from real bold outlines. Without one it falls back on synthetic bold,
    which Qt drops wherever it draws glyphs as outlines: text over 64 device pixels (body text
    grown in portrait, most text on a HiDPI screen) showed ``**7 June 2012**`` Regular. Text
    made bold through the ``wght`` axis (:func:`with_weight`) keeps using the variable font.
    """
    try:
        files = sorted(folder.glob("*.ttf"))
    except OSError:
        files = []
    if not files:
        logger.warning("no bold fonts in %s: inline bold is synthetic, and lost in large text", folder)
    for path in files:
        try:
            _add_application_font(path)
        except Exception:  # never let a font problem stop the kiosk
            logger.exception("registering font %s failed", path)


def is_khmer_language(language_code: str) -> bool:
    """True for ``km``, ``km-KH``, ``km_KH``, ``KM`` ..."""
    return language_code.replace("_", "-").split("-", 1)[0].strip().lower() == "km"


def contains_khmer(text: str) -> bool:
    """True if any character of ``text`` is in the Khmer or Khmer Symbols blocks."""
    return any(lo <= ord(char) <= hi for char in text for lo, hi in _KHMER_RANGES)


def families_for(language_code: str, fonts: FontSet) -> list[str]:
    """Family fallback list: Khmer first for Khmer, Latin first otherwise."""
    if is_khmer_language(language_code):
        return [fonts.khmer, fonts.latin]
    return [fonts.latin, fonts.khmer]


def with_weight(font: QFont, weight: QFont.Weight) -> QFont:
    """Copy of ``font`` at ``weight``, drawn from the variable font's own outlines.

    Sets only the ``wght`` variable axis; ``QFont.weight()`` is reset to Normal so Qt does not
    embolden the real bold outlines a second time (see the module docstring).
    """
    result = QFont(font)
    result.setWeight(QFont.Weight.Normal)
    result.setVariableAxis(QFont.Tag(WEIGHT_AXIS), float(weight.value))
    return result


def font_for(
    language_code: str,
    fonts: FontSet,
    *,
    point_size: float | None = None,
    pixel_size: int | None = None,
    weight: QFont.Weight = QFont.Weight.Normal,
) -> QFont:
    """QFont for text in ``language_code`` (``"km"``, ``"en"``, ...) at a real ``weight``.

    Khmer glyphs always come from the bundled Khmer family, whichever comes first. Give
    ``point_size`` or ``pixel_size`` (pixel wins if both); neither keeps Qt's default size.
    A ``pixel_size`` is the type scale's size on screen: for Khmer it grows by
    ``KHMER_SIZE_FACTOR``, so both scripts read alike. Point sizes (print) are taken as given.
    """
    font = QFont()
    font.setFamilies(families_for(language_code, fonts))
    font.setStyleHint(QFont.StyleHint.SansSerif)
    if pixel_size is not None:
        factor = KHMER_SIZE_FACTOR if is_khmer_language(language_code) else 1.0
        font.setPixelSize(max(1, round(pixel_size * factor)))
    elif point_size is not None:
        font.setPointSizeF(point_size)
    return with_weight(font, weight)


def font_for_text(
    text: str,
    fonts: FontSet,
    *,
    point_size: float | None = None,
    pixel_size: int | None = None,
    weight: QFont.Weight = QFont.Weight.Normal,
) -> QFont:
    """Like :func:`font_for`, choosing Khmer-first when ``text`` contains Khmer script."""
    return font_for(
        "km" if contains_khmer(text) else "en",
        fonts,
        point_size=point_size,
        pixel_size=pixel_size,
        weight=weight,
    )


def khmer_glyph_font_families(text: str, font: QFont) -> set[str]:
    """Families of the fonts Qt actually draws ``text`` with (after fallback and shaping).

    Needs a QGuiApplication. Lays the text out on one line with QTextLayout and reads each
    QGlyphRun's raw font, so it reports real per-glyph font selection, not QFontInfo's guess.
    """
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    if line.isValid():
        line.setLineWidth(1e9)
    layout.endLayout()
    return {run.rawFont().familyName() for run in layout.glyphRuns()}
