"""``kiosk render``: draw slides to PNG files headless, exactly as the kiosk draws them.

The kiosk itself is built by the composition root, which hands this command a
:class:`~kiosk.cli.common.Root`; the command only drives the built window.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

from kiosk.cli.common import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, DrawableKiosk, Root, content_arg, print_problems
from kiosk.core.errors import ContentError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``kiosk render`` (its name and help are in ``kiosk.cli.COMMANDS``)."""
    parser.add_argument("content_dir", nargs="?", metavar="CONTENT_DIR")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for the PNG files")
    parser.add_argument("--lang", dest="render_lang", default="all", metavar="CODE",
                        help="a language code, or 'all' (default)")
    parser.add_argument("--size", default="1920x1080", metavar="WxH", help="screen size (default 1920x1080)")
    parser.add_argument("--slide", metavar="ID", help="only this slide (or 'home')")


def parse_size(text: str) -> tuple[int, int] | None:
    match = re.fullmatch(r"(\d{2,5})[xX](\d{2,5})", text.strip())
    if not match:
        return None
    width, height = int(match.group(1)), int(match.group(2))
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        return None
    return width, height


def run(args: argparse.Namespace, root: Root) -> int:
    size = parse_size(args.size)
    if size is None:
        print(f"kiosk render: --size must look like 1920x1080, not '{args.size}'", file=sys.stderr)
        return EXIT_USAGE
    # Headless by design: choose the offscreen platform before Qt starts.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        kiosk = root.build_for_drawing(content_arg(args.content_dir or args.content))
    except ContentError as exc:
        print_problems(exc)
        return EXIT_CONTENT
    deck = kiosk.controller.deck
    languages = list(deck.language_codes) if args.render_lang == "all" else [args.render_lang]
    unknown = [code for code in languages if code not in deck.language_codes]
    if unknown:
        print(f"kiosk render: unknown language '{unknown[0]}'; this deck has: "
              f"{', '.join(deck.language_codes)}", file=sys.stderr)
        return EXIT_USAGE
    pages: list[tuple[int, str]] = [(0, "home")] + [(i + 1, s.id) for i, s in enumerate(deck.slides)]
    if args.slide:
        pages = [p for p in pages if p[1] == args.slide]
        if not pages:
            print(f"kiosk render: no slide '{args.slide}'", file=sys.stderr)
            return EXIT_USAGE
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"kiosk render: cannot create {out}: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    written = render_pages(kiosk, languages, pages, out, size)
    print(f"Wrote {len(written)} PNG files to {out}")
    return EXIT_OK


#: Event-loop passes before a page is drawn. A label re-marked for its final width asks its
#: card for a new layout, which asks the page's column in the next pass: one nesting level
#: per pass, and the deepest (a label in a card in a column beside a picture) is three.
LAYOUT_PASSES = 4


def settle(process_events: Callable[[], None]) -> None:
    """Let the page's layout requests run through every nesting level before it is drawn."""
    for _ in range(LAYOUT_PASSES):
        process_events()


def render_pages(kiosk: DrawableKiosk, languages: list[str], pages: list[tuple[int, str]], out: Path,
                 size: tuple[int, int]) -> list[Path]:
    """Show each page in each language at ``size`` and save the window's pixels as PNG."""
    from PySide6.QtWidgets import QApplication

    window, controller = kiosk.window, kiosk.controller
    window.resize(*size)
    window.show()
    QApplication.processEvents()
    written: list[Path] = []
    for code in languages:
        controller.on_language_requested(code)
        QApplication.processEvents()
        for page, name in pages:
            window.show_page(page, animate=False)
            settle(QApplication.processEvents)
            path = out / f"{name}.{code}.png"
            if not window.grab().save(str(path)):
                raise OSError(f"cannot write {path}")
            written.append(path)
    return written
