"""Pre-render qt-material's stylesheet and icons for the MIRO palette into assets/theme/."""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kiosk.views.theme import (
    ICON_SEARCH_PREFIX,
    ICONS_DIRNAME,
    PALETTE,
    QSS_FILENAME,
    THEME_DIRNAME,
    Palette,
)

# Declarations dropped from qt-material's output. Fonts come only from kiosk.views.fonts (QFont
# family lists with the bundled Khmer font first, real variable-font weights); a stylesheet
# font-family/font-size/font-weight would silently override every widget's QFont. Khmer has
# no letter case and upper-case English is harder to read for visitors, so text-transform
# goes too. (line-height is not a Qt stylesheet property at all.)
_DROPPED_DECLARATION = re.compile(
    r"^[ \t]*(?:font-family|font-size|font-weight|line-height|text-transform)[ \t]*:[^;\n]*;?"
    r"[ \t]*\n",
    re.MULTILINE,
)
LICENSE_FILENAME = "LICENSE.qt-material.txt"
_ICON_URL = re.compile(rf"{ICON_SEARCH_PREFIX}:([a-z]+/[A-Za-z0-9_.-]+\.svg)")

# Template switches pinned so the output is the same on every developer's OS and Qt binding
# (qt-material otherwise fills these in from platform.system() and sys.modules).
_PINNED_TEMPLATE_VALUES: dict[str, Any] = {
    "linux": True,
    "windows": False,
    "darwin": False,
    "pyside6": True,
    "pyqt6": False,
    "density_scale": "0",
    "button_shape": "default",
    "font_family": "sans-serif",  # dropped from the output, see _DROPPED_DECLARATION
}

_HEADER = """\
/*  ------------------------------------------------------------------------  */
/*  MIRO kiosk stylesheet. GENERATED, do not edit: change kiosk/theme.py or
    kiosk/tools/build_theme.py and run `python -m kiosk.tools.build_theme`.
    Rendered once from qt-material's template (https://github.com/dunderlab/qt-material,
    BSD-2-Clause, see LICENSE.qt-material.txt) with kiosk.views.theme.PALETTE. Icons resolve
    through the Qt search path "{prefix}:" that kiosk.views.theme.load_stylesheet registers.
    Font declarations are removed on purpose: fonts come from kiosk.views.fonts.  */
/*  ------------------------------------------------------------------------  */

"""


def default_output_dir() -> Path:
    """``assets/theme`` of the source checkout this module lives in."""
    return Path(__file__).resolve().parents[2] / "assets" / THEME_DIRNAME


def theme_xml(palette: Palette = PALETTE) -> str:
    """qt-material theme XML. Values are final (no invert_secondary swap): in the template
    secondaryDarkColor is the window background, secondaryColor the input/card fill and
    secondaryLightColor borders and disabled controls."""
    colours = {
        "primaryColor": palette.primary,
        "primaryLightColor": palette.primary_light,
        "secondaryColor": palette.surface_alt,
        "secondaryLightColor": palette.outline,
        "secondaryDarkColor": palette.surface,
        "primaryTextColor": palette.on_surface,
        "secondaryTextColor": palette.on_surface,
    }
    lines = [f'  <color name="{name}">{value}</color>' for name, value in colours.items()]
    return "<resources>\n" + "\n".join(lines) + "\n</resources>\n"


def kiosk_qss(palette: Palette = PALETTE) -> str:
    """Our own rules, appended after qt-material's (so they win at equal specificity)."""
    p = palette
    return f"""\
/*  ------------------------------------------------------------------------  */
/*  MIRO kiosk additions  */

QLabel {{
  color: {p.on_surface};
  background-color: transparent;
  border: none;
}}

QLabel[muted="true"] {{
  color: {p.muted_text};
}}

QLabel[accent="true"] {{
  color: {p.accent};
}}

/* Main call-to-action button: setProperty("variant", "filled"). */
QPushButton[variant="filled"],
QPushButton[variant="filled"]:hover,
QPushButton[variant="filled"]:focus {{
  color: {p.on_primary};
  background-color: {p.primary};
  border: 2px solid {p.primary};
}}

QPushButton[variant="filled"]:pressed,
QPushButton[variant="filled"]:checked {{
  color: {p.on_primary};
  background-color: {p.primary_dark};
  border: 2px solid {p.primary_dark};
}}

QPushButton[variant="filled"]:disabled {{
  color: {p.muted_text};
  background-color: {p.outline};
  border: 2px solid {p.outline};
}}
"""


def postprocess(material_qss: str, palette: Palette = PALETTE) -> str:
    """Header + qt-material's QSS with the font declarations dropped and blank runs
    collapsed + our additions; always ``\\n`` line endings."""
    text = material_qss.replace("\r\n", "\n")
    text = _DROPPED_DECLARATION.sub("", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return _HEADER.format(prefix=ICON_SEARCH_PREFIX) + text + "\n\n" + kiosk_qss(palette)


def qt_material_license() -> str:
    """qt-material's BSD-2-Clause text, shipped beside the derived stylesheet and icons."""
    distribution = importlib.metadata.distribution("qt-material")
    for file in sorted(distribution.files or [], key=str):
        if file.name.upper().startswith("LICENSE"):
            text = Path(str(distribution.locate_file(file))).read_text(encoding="utf-8")
            return text.replace("\r\n", "\n")
    raise FileNotFoundError("qt-material's LICENSE is not in its installed metadata")


def referenced_icons(qss: str) -> list[str]:
    """Sorted, de-duplicated ``subdir/name.svg`` paths the stylesheet refers to."""
    return sorted(set(_ICON_URL.findall(qss)))


@contextmanager
def _isolated_qt_material(scratch: Path) -> Iterator[Any]:
    """Import qt_material with HOME pointing into ``scratch``; undo its global side effects.

    qt-material computes ~/.qt_material at import time and, while rendering, exports the
    theme colours into os.environ and (when it sees a Qt binding) changes the application
    palette and QDir search paths. All of that is confined or switched off here.
    """
    saved_environ = dict(os.environ)
    home = scratch / "home"
    home.mkdir()
    os.environ["HOME"] = str(home)
    os.environ["USERPROFILE"] = str(home)
    try:
        import qt_material

        saved_gui = qt_material.GUI
        qt_material.GUI = False
        try:
            yield qt_material
        finally:
            qt_material.GUI = saved_gui
    finally:
        os.environ.clear()
        os.environ.update(saved_environ)


def render(scratch: Path, palette: Palette = PALETTE) -> tuple[str, Path]:
    """Run qt-material's export_theme inside ``scratch``; return (final QSS, icon root)."""
    theme_file = scratch / "kiosk_theme.xml"
    theme_file.write_text(theme_xml(palette), encoding="utf-8")
    material_qss = scratch / "material.qss"
    icon_root = scratch / "icons"  # absolute, so qt-material never falls back to ~/.qt_material
    with _isolated_qt_material(scratch) as qt_material:
        qt_material.export_theme(
            theme=str(theme_file),
            qss=str(material_qss),
            output=str(icon_root),
            prefix=f"{ICON_SEARCH_PREFIX}:",
            invert_secondary=False,
            extra={
                **_PINNED_TEMPLATE_VALUES,
                "danger": palette.danger,
                "warning": palette.warning,
                "success": palette.success,
            },
        )
    return postprocess(material_qss.read_text(encoding="utf-8"), palette), icon_root


def build_theme(output_dir: Path, palette: Palette = PALETTE) -> list[Path]:
    """Write ``kiosk.qss`` and the icons it uses into ``output_dir``; return the files.

    Deterministic: same inputs give byte-identical files (no timestamps, ``\\n`` endings).
    ``output_dir/icons`` is replaced as a whole so no stale icon survives.
    """
    with tempfile.TemporaryDirectory(prefix="kiosk-build-theme-") as tmp:
        qss, icon_root = render(Path(tmp), palette)
        icons = referenced_icons(qss)
        output_dir.mkdir(parents=True, exist_ok=True)
        icons_out = output_dir / ICONS_DIRNAME
        if icons_out.exists():
            shutil.rmtree(icons_out)
        written: list[Path] = []
        qss_out = output_dir / QSS_FILENAME
        qss_out.write_bytes(qss.encode("utf-8"))
        written.append(qss_out)
        license_out = output_dir / LICENSE_FILENAME
        license_out.write_bytes(qt_material_license().encode("utf-8"))
        written.append(license_out)
        for relative in icons:
            source = icon_root / relative
            if not source.is_file():
                raise FileNotFoundError(f"qt-material did not generate icon {relative}")
            target = icons_out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            svg = source.read_text(encoding="utf-8").replace("\r\n", "\n")
            target.write_bytes(svg.encode("utf-8"))
            written.append(target)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m kiosk.tools.build_theme [--output-dir DIR]``."""
    parser = argparse.ArgumentParser(prog="python -m kiosk.tools.build_theme", description=__doc__)
    parser.add_argument(
        "--output-dir",
        type=Path,
        default=None,
        help="where to write kiosk.qss and icons/ (default: assets/theme of this checkout)",
    )
    args = parser.parse_args(argv)
    output_dir: Path = args.output_dir if args.output_dir is not None else default_output_dir()
    written = build_theme(output_dir)
    print(f"wrote {len(written)} files to {output_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
