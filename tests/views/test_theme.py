"""Tests for the MIRO palette, the committed pre-rendered theme and its run-time loader."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, QFile
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from kiosk.tools.build_theme import referenced_icons
from kiosk.views.theme import (
    AAA_BODY,
    BODY_TEXT_PAIRS,
    ICON_SEARCH_PREFIX,
    ICONS_DIRNAME,
    PALETTE,
    QSS_FILENAME,
    TEXT_PAIRS,
    apply_theme,
    contrast_ratio,
    load_stylesheet,
)

REPO = Path(__file__).resolve().parents[2]
ASSETS = REPO / "assets"
THEME = ASSETS / "theme"


def _files_under(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _subprocess_env(home: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("XDG_") and key not in {"PYTHONPATH", "USERPROFILE"}
    }
    env.update(
        HOME=str(home),
        PYTHONPATH=str(REPO),
        QT_QPA_PLATFORM="offscreen",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


@pytest.fixture
def read_only_home(tmp_path: Path) -> Iterator[Path]:
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(stat.S_IRUSR | stat.S_IXUSR)  # 0o500; root ignores it, hence the file check
    yield home
    home.chmod(stat.S_IRWXU)


# --------------------------------------------------------------------------- palette


@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS, ids=lambda name: str(name))
def test_text_pairs_meet_wcag_aa(text: str, background: str) -> None:
    ratio = contrast_ratio(getattr(PALETTE, text), getattr(PALETTE, background))
    assert ratio >= 4.5, f"{text} on {background}: {ratio:.2f}:1"


@pytest.mark.parametrize(("text", "background"), BODY_TEXT_PAIRS, ids=lambda name: str(name))
def test_body_text_pairs_meet_wcag_aaa(text: str, background: str) -> None:
    ratio = contrast_ratio(getattr(PALETTE, text), getattr(PALETTE, background))
    assert ratio >= AAA_BODY, f"{text} on {background}: {ratio:.2f}:1"


def test_body_text_pairs_are_text_pairs() -> None:
    """Every AAA pair is one the theme uses, so the AA table lists every pair once."""
    assert set(BODY_TEXT_PAIRS) <= set(TEXT_PAIRS)


def test_contrast_ratio_reference_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    with pytest.raises(ValueError, match="expected #RRGGBB"):
        contrast_ratio("#FFF", "#000000")


# --------------------------------------------------------------------------- committed files


def test_committed_theme_is_current(tmp_path: Path) -> None:
    """Regenerating gives the committed files byte for byte (else: run the build tool)."""
    home = tmp_path / "home"
    home.mkdir()
    out = tmp_path / "theme"
    subprocess.run(
        [sys.executable, "-m", "kiosk.tools.build_theme", "--output-dir", str(out)],
        cwd=tmp_path,
        env=_subprocess_env(home),
        check=True,
        capture_output=True,
        timeout=120,
    )
    regenerated = _files_under(out)
    committed = _files_under(THEME)
    hint = "assets/theme is stale: run `python -m kiosk.tools.build_theme` and commit"
    assert sorted(regenerated) == sorted(committed), hint
    changed = [name for name in regenerated if regenerated[name] != committed[name]]
    assert not changed, f"{hint}; differs: {changed}"
    assert list(home.iterdir()) == [], "the build tool wrote into HOME"


def test_committed_qss_is_self_contained() -> None:
    qss = (THEME / QSS_FILENAME).read_text(encoding="utf-8")
    assert "icon:/" not in qss
    assert "qt_material:" not in qss
    assert "\r" not in qss
    for declaration in ("font-family", "font-size", "font-weight", "text-transform"):
        assert f"{declaration}:" not in qss
    icons = referenced_icons(qss)
    assert icons, "expected the stylesheet to use icons"
    for relative in icons:
        assert (THEME / ICONS_DIRNAME / relative).is_file(), relative
    shipped = {
        p.relative_to(THEME / ICONS_DIRNAME).as_posix()
        for p in (THEME / ICONS_DIRNAME).rglob("*.svg")
    }
    assert shipped == set(icons), "icons/ should hold exactly the icons the QSS uses"
    assert PALETTE.primary in qss
    assert PALETTE.surface in qss
    assert "BSD 2-Clause" in (THEME / "LICENSE.qt-material.txt").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- run time


def test_load_stylesheet_registers_icon_search_path(qapp: QApplication) -> None:
    qss = load_stylesheet(ASSETS)
    assert qss == (THEME / QSS_FILENAME).read_text(encoding="utf-8")
    assert QDir.searchPaths(ICON_SEARCH_PREFIX) == [str((THEME / ICONS_DIRNAME).resolve())]
    for relative in referenced_icons(qss):
        url = f"{ICON_SEARCH_PREFIX}:{relative}"
        assert QFile.exists(url), url
        assert not QImage(url).isNull(), url
    # A second load does not pile up search paths.
    load_stylesheet(ASSETS)
    assert len(QDir.searchPaths(ICON_SEARCH_PREFIX)) == 1


def test_apply_theme_in_process(
    qapp: QApplication, read_only_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(read_only_home))
    old_sheet, old_palette = qapp.styleSheet(), qapp.palette()
    try:
        apply_theme(qapp, ASSETS)
        assert qapp.styleSheet() == (THEME / QSS_FILENAME).read_text(encoding="utf-8")
        assert qapp.palette().window().color().name().upper() == PALETTE.surface
    finally:
        qapp.setStyleSheet(old_sheet)
        qapp.setPalette(old_palette)
    assert list(read_only_home.rglob("*")) == []


def test_apply_theme_missing_stylesheet_does_not_raise(
    qapp: QApplication, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    old_sheet, old_palette = qapp.styleSheet(), qapp.palette()
    try:
        apply_theme(qapp, tmp_path)  # no theme/ inside
        assert "running unstyled" in caplog.text
    finally:
        qapp.setStyleSheet(old_sheet)
        qapp.setPalette(old_palette)


_FRESH_PROCESS_CHECK = r"""
import json, sys
from pathlib import Path
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QLabel, QPushButton,
                               QVBoxLayout, QWidget)
from kiosk.views.fonts import font_for, register_fonts
from kiosk.views.theme import apply_theme
app = QApplication([])
fonts = register_fonts()
app.setFont(font_for("km", fonts, point_size=14))
apply_theme(app, Path(sys.argv[1]))
window = QWidget()
layout = QVBoxLayout(window)
combo = QComboBox(); combo.addItems(["ខ្មែរ", "English"])
check = QCheckBox("ព្រះ"); check.setChecked(True)
button = QPushButton("OK"); button.setProperty("variant", "filled")
for widget in (QLabel("ស្រី"), combo, check, button):
    layout.addWidget(widget)
window.resize(400, 300)
window.show()
app.processEvents()
image = window.grab().toImage()
print(json.dumps({
    "qt_material_imported": any(m.split(".")[0] == "qt_material" for m in sys.modules),
    "image_null": image.isNull(),
    "stylesheet_chars": len(app.styleSheet()),
}))
"""


def test_apply_theme_with_read_only_home_writes_nothing(read_only_home: Path) -> None:
    """A fresh kiosk-like process (fonts + theme): widgets render, nothing lands in HOME."""
    result = subprocess.run(
        [sys.executable, "-c", _FRESH_PROCESS_CHECK, str(ASSETS)],
        cwd=REPO,
        env=_subprocess_env(read_only_home),
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report == {
        "qt_material_imported": False,
        "image_null": False,
        "stylesheet_chars": len((THEME / QSS_FILENAME).read_text(encoding="utf-8")),
    }
    created = [str(p.relative_to(read_only_home)) for p in read_only_home.rglob("*")]
    assert created == [], f"files created under HOME: {created}"
