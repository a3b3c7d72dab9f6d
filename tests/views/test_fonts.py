"""Tests for the bundled fonts: registration, Khmer-first fallback, shaping and real bold."""

from __future__ import annotations

import importlib.resources
import importlib.util
import logging
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPainter,
    QPalette,
    QTextLayout,
)
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.views import fonts as fonts_module
from kiosk.views.fonts import (
    KHMER_FAMILY,
    KHMER_PACKAGE,
    KHMER_SIZE_FACTOR,
    LATIN_FAMILY,
    LATIN_PACKAGE,
    FontSet,
    contains_khmer,
    families_for,
    font_for,
    font_for_text,
    is_khmer_language,
    khmer_glyph_font_families,
    locate_font_file,
    register_fonts,
    with_weight,
)

PIXELS = 40
KHMER_SAMPLES = ("ស្រី", "ព្រះ", "ខ្មែរ", "ព្រះរាជាណាចក្រកម្ពុជា")
LATIN_SAMPLE = "Hello, Cambodia 2026"


@pytest.fixture
def fonts(qapp: QApplication) -> FontSet:
    return register_fonts()


@dataclass(frozen=True)
class Glyph:
    family: str
    index: int
    x: float
    bounds: QRectF  # outline bounds relative to the pen position, y grows downwards


def shape(text: str, font: QFont) -> list[Glyph]:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    glyphs: list[Glyph] = []
    for run in layout.glyphRuns():
        raw = run.rawFont()
        for index, position in zip(run.glyphIndexes(), run.positions(), strict=True):
            bounds = raw.pathForGlyph(index).boundingRect()
            glyphs.append(Glyph(raw.familyName(), index, position.x(), bounds))
    return glyphs


def ink(text: str, font: QFont) -> int:
    """Total darkness of ``text`` drawn black on white (sum of 255 - grey over all pixels)."""
    width = (int(QFontMetricsF(font).horizontalAdvance(text)) + 2 * PIXELS) // 4 * 4
    image = QImage(width, 3 * PIXELS, QImage.Format.Format_Grayscale8)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("#000000"))
    painter.drawText(QPointF(PIXELS, 2 * PIXELS), text)
    painter.end()
    assert image.bytesPerLine() == width  # no row padding to count
    data = bytes(image.constBits())
    return 255 * len(data) - sum(data)


def label_ink_halves(html: str, font: QFont) -> tuple[int, int]:
    """Ink left and right of the widest blank gap of a rich-text QLabel drawn black on white.

    For ``"x <b>x</b>"`` that gap is the space, so this is (ink of "x", ink of bold "x").
    """
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setFont(font)
    label.setText(html)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#FFFFFF"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#000000"))
    label.setPalette(palette)
    label.setAutoFillBackground(True)
    label.setContentsMargins(PIXELS, PIXELS, PIXELS, PIXELS)
    label.adjustSize()
    image = label.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    data, stride = bytes(image.constBits()), image.bytesPerLine()
    columns = [
        sum(255 - data[y * stride + x] for y in range(image.height()))
        for x in range(image.width())
    ]
    inked = [x for x, value in enumerate(columns) if value]
    assert inked, f"nothing drawn for {html!r}"
    best_length, split, run_start = 0, inked[0], inked[0]
    for x in range(inked[0], inked[-1] + 1):
        if columns[x]:
            run_start = x + 1
        elif x - run_start + 1 > best_length:
            best_length, split = x - run_start + 1, (run_start + x) // 2
    assert best_length > 0, f"no gap between the runs of {html!r}"
    return sum(columns[:split]), sum(columns[split:])


# --------------------------------------------------------------------------- registration


def test_font_files_found_in_packages() -> None:
    for package in (KHMER_PACKAGE, LATIN_PACKAGE):
        resource = locate_font_file(package)
        assert resource is not None
        assert resource.is_file()
        assert resource.name.endswith(".ttf")
        assert "Italic" not in resource.name
        assert (importlib.resources.files(package) / "LICENSE").is_file()


def test_register_fonts_returns_bundled_families(fonts: FontSet) -> None:
    assert fonts == FontSet(khmer=KHMER_FAMILY, latin=LATIN_FAMILY)
    assert {KHMER_FAMILY, LATIN_FAMILY} <= set(QFontDatabase.families())
    assert KHMER_FAMILY in QFontDatabase.families(QFontDatabase.WritingSystem.Khmer)


def test_register_fonts_is_idempotent(fonts: FontSet) -> None:
    before = dict(fonts_module._registered)
    assert register_fonts() == fonts
    assert fonts_module._registered == before


def test_missing_font_package_falls_back_with_warning(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(fonts_module, "KHMER_PACKAGE", "fontpkg_does_not_exist")
    with caplog.at_level(logging.WARNING, logger="kiosk.views.fonts"):
        result = register_fonts()
    assert result == FontSet(khmer=KHMER_FAMILY, latin=LATIN_FAMILY)
    assert "fontpkg_does_not_exist" in caplog.text


def test_unexpected_error_is_logged_not_raised(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def explode(package: str) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(fonts_module, "locate_font_file", explode)
    with caplog.at_level(logging.WARNING, logger="kiosk.views.fonts"):
        assert register_fonts() == FontSet()
    assert "boom" in caplog.text


def test_pyinstaller_one_folder_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Data copied under sys._MEIPASS/<package>/ is found even if the module is not."""
    real = locate_font_file(KHMER_PACKAGE)
    assert isinstance(real, Path)
    package_dir = real.parent.parent
    shutil.copytree(package_dir, tmp_path / KHMER_PACKAGE, ignore=shutil.ignore_patterns("*.py*"))

    def not_installed(package: str) -> None:
        raise ModuleNotFoundError(package)

    monkeypatch.setattr(importlib.util, "find_spec", lambda _package: None)
    monkeypatch.setattr(importlib.resources, "files", not_installed)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    found = locate_font_file(KHMER_PACKAGE)
    assert found == tmp_path / KHMER_PACKAGE / real.relative_to(package_dir)


def test_register_fonts_without_application_does_not_raise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QGuiApplication, "instance", staticmethod(lambda: None))
    assert register_fonts() == FontSet()


# --------------------------------------------------------------------------- family choice


@pytest.mark.parametrize("code", ["km", "km-KH", "km_KH", "KM"])
def test_khmer_codes(code: str) -> None:
    assert is_khmer_language(code)
    assert families_for(code, FontSet("K", "L")) == ["K", "L"]


@pytest.mark.parametrize("code", ["en", "en-GB", "fr", "kmr", ""])
def test_other_codes(code: str) -> None:
    assert not is_khmer_language(code)
    assert families_for(code, FontSet("K", "L")) == ["L", "K"]


def test_contains_khmer() -> None:
    assert contains_khmer("Hello ស្រី")
    assert contains_khmer("\u19e0")  # Khmer Symbols block
    assert not contains_khmer("Hello 123")
    assert not contains_khmer("")


def test_font_for_sets_family_list_and_size(fonts: FontSet) -> None:
    km = font_for("km", fonts, point_size=18)
    en = font_for("en", fonts, pixel_size=30, weight=QFont.Weight.Bold)
    assert km.families() == [KHMER_FAMILY, LATIN_FAMILY]
    assert en.families() == [LATIN_FAMILY, KHMER_FAMILY]
    assert km.pointSizeF() == 18
    assert en.pixelSize() == 30
    # Khmer on screen is set larger for the same reading weight (docs/design.md).
    assert font_for("km", fonts, pixel_size=30).pixelSize() == round(30 * KHMER_SIZE_FACTOR) == 33
    assert km.weight() == QFont.Weight.Normal
    assert not km.bold()
    assert km.variableAxisValue(QFont.Tag("wght")) == 400.0
    # Bold is carried by the wght axis only; weight() stays Normal (no synthetic bold on top).
    assert en.weight() == QFont.Weight.Normal
    assert not en.bold()
    assert en.variableAxisValue(QFont.Tag("wght")) == 700.0
    assert font_for_text("ស្រី", fonts).families()[0] == KHMER_FAMILY
    assert font_for_text("Hi", fonts).families()[0] == LATIN_FAMILY


# --------------------------------------------------------------------------- glyph sources


@pytest.mark.parametrize("language", ["km", "en"])
@pytest.mark.parametrize("text", KHMER_SAMPLES)
def test_khmer_is_drawn_by_bundled_khmer_font(fonts: FontSet, language: str, text: str) -> None:
    font = font_for(language, fonts, pixel_size=PIXELS)
    assert khmer_glyph_font_families(text, font) == {KHMER_FAMILY}


def test_mixed_text_in_english_font_uses_both(fonts: FontSet) -> None:
    font = font_for("en", fonts, pixel_size=PIXELS)
    assert khmer_glyph_font_families("MIRO ស្រី", font) == {LATIN_FAMILY, KHMER_FAMILY}
    assert khmer_glyph_font_families(LATIN_SAMPLE, font) == {LATIN_FAMILY}
    assert khmer_glyph_font_families("", font) == set()


def test_khmer_drawn_even_when_first_family_is_a_system_font(fonts: FontSet) -> None:
    """A Latin-only family first (as on a machine with no Khmer font) still gets our Khmer."""
    font = font_for("en", FontSet(khmer=fonts.khmer, latin="DejaVu Sans"), pixel_size=PIXELS)
    assert KHMER_FAMILY in khmer_glyph_font_families("ស្រី", font)


# --------------------------------------------------------------------------- shaping


@pytest.mark.parametrize("language", ["km", "en"])
def test_coeng_ro_is_shaped_as_prebase_subscript(fonts: FontSet, language: str) -> None:
    font = font_for(language, fonts, pixel_size=PIXELS)
    for word, base in (("ស្រី", "ស"), ("ព្រះ", "ព")):
        glyphs = shape(word, font)
        base_glyph = shape(base, font)[0].index
        ro_glyph = shape("រ", font)[0].index
        indexes = [g.index for g in glyphs]
        assert 0 not in indexes, f"{word}: .notdef (tofu) glyph"
        assert len(glyphs) < len(word), f"{word}: COENG + RO should merge into one glyph"
        assert ro_glyph not in indexes, f"{word}: RO drawn full size, not as a subscript"
        assert base_glyph in indexes
        coeng_ro = glyphs[indexes.index(base_glyph) - 1]
        # The COENG RO form sits before (left of) the base and hangs below the baseline.
        assert coeng_ro.x < glyphs[indexes.index(base_glyph)].x
        assert coeng_ro.bounds.bottom() > 0.15 * PIXELS


def test_khmer_word_reorders_vowel_and_stacks_subscript(fonts: FontSet) -> None:
    font = font_for("km", fonts, pixel_size=PIXELS)
    glyphs = shape("ខ្មែរ", font)  # KHA COENG MO AE RO
    indexes = [g.index for g in glyphs]
    assert 0 not in indexes
    assert len(glyphs) == 4
    vowel_ae = shape("ែ", font)[0].index  # standalone: AE + dotted circle
    assert indexes[0] == vowel_ae, "pre-base vowel AE must be drawn first (left)"
    assert indexes[1] == shape("ខ", font)[0].index
    subscript_mo = glyphs[2]
    assert subscript_mo.index != shape("ម", font)[0].index
    assert subscript_mo.bounds.top() > -0.05 * PIXELS, "subscript MO must sit below the baseline"


# --------------------------------------------------------------------------- real bold


@pytest.mark.parametrize(
    ("language", "text"),
    [("km", "ស្រី ព្រះ ខ្មែរ"), ("en", LATIN_SAMPLE)],
)
def test_bold_uses_variable_font_outlines(fonts: FontSet, language: str, text: str) -> None:
    regular = font_for(language, fonts, pixel_size=PIXELS)
    bold = font_for(language, fonts, pixel_size=PIXELS, weight=QFont.Weight.Bold)
    assert bold.weight() == QFont.Weight.Normal
    # Real bold has wider advances (synthetic emboldening keeps them) ...
    assert QFontMetricsF(bold).horizontalAdvance(text) > (
        QFontMetricsF(regular).horizontalAdvance(text) * 1.02
    )
    # ... and different outlines for the same glyph ...
    regular_glyphs, bold_glyphs = shape(text, regular), shape(text, bold)
    assert [g.index for g in regular_glyphs] == [g.index for g in bold_glyphs]
    widths = [
        (r.bounds.width(), b.bounds.width())
        for r, b in zip(regular_glyphs, bold_glyphs, strict=True)
        if r.bounds.width() > 0
    ]
    assert sum(b for _, b in widths) > sum(r for r, _ in widths) * 1.03
    # ... and clearly more ink, but not twice-emboldened (variable bold + Qt's fake bold,
    # measured x2.0 on Qt 6.12; the axis alone gives x1.4-1.55).
    ratio = ink(text, bold) / ink(text, regular)
    assert 1.2 < ratio < 1.75, ratio
    # A Bold weight on top of the axis (what the old "axis + setWeight" strategy asked for)
    # once drew synthetic bold over the bold outlines: now it finds the static Bold face.
    double = QFont(bold)
    double.setWeight(QFont.Weight.Bold)
    assert ink(text, double) == pytest.approx(ink(text, bold), rel=0.05)


def test_with_weight_copies_and_sets_axis(fonts: FontSet) -> None:
    base = font_for("km", fonts, pixel_size=PIXELS)
    heavy = with_weight(base, QFont.Weight.Black)
    assert base.variableAxisValue(QFont.Tag("wght")) == 400.0
    assert heavy.weight() == QFont.Weight.Normal
    assert heavy.variableAxisValue(QFont.Tag("wght")) == 900.0
    assert heavy.families() == base.families()
    assert ink("ស្រី", heavy) > ink("ស្រី", with_weight(base, QFont.Weight.Bold))
    # A font that already asks for Bold via QFont.weight() is reset to Normal.
    requested_bold = QFont(base)
    requested_bold.setWeight(QFont.Weight.Bold)
    assert with_weight(requested_bold, QFont.Weight.Bold).weight() == QFont.Weight.Normal


@pytest.mark.parametrize("pixels", [PIXELS, 90, 160], ids=lambda px: f"{px}px")
@pytest.mark.parametrize(("language", "char"), [("km", "ក"), ("en", "a")])
def test_rich_text_b_is_bolder_in_label(fonts: FontSet, language: str, char: str, pixels: int) -> None:
    """Content ``**bold**`` becomes ``<b>`` in QLabel rich text: it must stay visible.

    ``<b>`` only raises the run's QFont.weight(): Qt draws it from the registered static Bold
    face. Synthetic bold (all there was before) vanished past 64 px, where Qt draws outlines.
    """
    font = font_for(language, fonts, pixel_size=pixels)
    plain_left, plain_right = label_ink_halves(f"{char} {char}", font)
    assert plain_right == pytest.approx(plain_left, rel=0.03)
    normal, bold = label_ink_halves(f"{char} <b>{char}</b>", font)
    assert normal == pytest.approx(plain_left, rel=0.03)
    assert bold > normal * 1.3, bold / normal


def test_label_font_weight_axis_reaches_rich_text(fonts: FontSet) -> None:
    """A heading label (bold via the axis) draws its rich text with the real bold outlines."""
    regular = font_for("km", fonts, pixel_size=PIXELS)
    heading = font_for("km", fonts, pixel_size=PIXELS, weight=QFont.Weight.Bold)
    regular_ink, _ = label_ink_halves("ក ក", regular)
    heading_ink, _ = label_ink_halves("ក ក", heading)
    assert 1.2 < heading_ink / regular_ink < 1.75, heading_ink / regular_ink


@pytest.mark.skipif(sys.platform != "linux", reason="fontconfig font database behaviour")
def test_a_plain_bold_request_finds_the_static_bold_face(fonts: FontSet) -> None:
    """Qt registers only the variable font's default instance (Regular), so the kiosk also
    registers static Bold faces (assets/fonts): a plain QFont.Weight.Bold (rich-text ``<b>``)
    then draws real bold outlines, with wider advances, not Qt's synthetic bold."""
    for family in (KHMER_FAMILY, LATIN_FAMILY):
        assert QFontDatabase.styles(family) == ["Regular", "Bold"]
    regular = QFont(KHMER_FAMILY)
    regular.setPixelSize(PIXELS)
    plain_bold = QFont(regular)
    plain_bold.setWeight(QFont.Weight.Bold)
    text = "ស្រី ព្រះ"
    assert QFontMetricsF(plain_bold).horizontalAdvance(text) > (
        QFontMetricsF(regular).horizontalAdvance(text) * 1.02
    )
    assert ink(text, plain_bold) == pytest.approx(ink(text, with_weight(regular, QFont.Weight.Bold)), rel=0.05)
