"""Make the static bold fonts in assets/fonts/ from the bundled variable Noto fonts.

Why: content ``**bold**`` becomes rich-text ``<b>``, which only raises a run's weight. With the
variable fonts alone Qt draws it with synthetic bold, and synthetic bold is lost wherever Qt draws
glyphs as outlines (text over 64 device pixels: body text grown in portrait, any text on a HiDPI
screen). A registered static Bold face of the same family makes ``<b>`` real bold everywhere.

Run after upgrading fontpkg-noto-sans or fontpkg-noto-sans-khmer (needs fontTools, in the dev
extra):  python scripts/make_bold_fonts.py
The fonts keep the OFL-1.1 licence of the originals (assets/fonts/OFL-*.txt).
"""

from __future__ import annotations

import importlib.resources
import shutil
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

OUT = Path(__file__).resolve().parent.parent / "assets" / "fonts"
#: What the kiosk writes: Latin with its punctuation and symbols, and Khmer.
UNICODES = [
    *range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2000, 0x2070), 0x20AC, 0x20B9, 0x2116, 0x2122,
    *range(0x1780, 0x1800), *range(0x19E0, 0x1A00), 0x25CC,
]
FONTS = [
    ("fontpkg_noto_sans", "NotoSans[wdth,wght].ttf", "NotoSans-Bold.ttf"),
    ("fontpkg_noto_sans_khmer", "NotoSansKhmer[wdth,wght].ttf", "NotoSansKhmer-Bold.ttf"),
]


def make(package: str, source: str, target: str) -> Path:
    root = importlib.resources.files(package)
    with importlib.resources.as_file(root / "files" / source) as path:
        font = TTFont(path)
    bold = instancer.instantiateVariableFont(font, {"wght": 700, "wdth": 100},
                                             updateFontNames=True)
    options = subset.Options()
    options.layout_features = ["*"]  # Khmer shaping needs every GSUB/GPOS feature
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(bold)
    out = OUT / target
    bold.save(out)
    with importlib.resources.as_file(root / "LICENSE") as licence:
        shutil.copyfile(licence, OUT / f"OFL-{target.removesuffix('-Bold.ttf')}.txt")
    return out


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for package, source, target in FONTS:
        out = make(package, source, target)
        names = TTFont(out)["name"]
        print(f"{out.name}: {out.stat().st_size} bytes, {names.getDebugName(1)} {names.getDebugName(2)}")


if __name__ == "__main__":
    main()
