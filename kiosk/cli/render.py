"""``kiosk render``: draw slides to PNG files headless, exactly as the kiosk draws them."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from kiosk.core.content.errors import ContentError

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def parse_size(text: str) -> tuple[int, int] | None:
    match = re.fullmatch(r"(\d{2,5})[xX](\d{2,5})", text.strip())
    if not match:
        return None
    width, height = int(match.group(1)), int(match.group(2))
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        return None
    return width, height


def cmd_render(args: argparse.Namespace) -> int:
    size = parse_size(args.size)
    if size is None:
        print(f"kiosk render: --size must look like 1920x1080, not '{args.size}'", file=sys.stderr)
        return EXIT_USAGE
    # Headless by design: choose the offscreen platform before Qt starts.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from kiosk.app import build_kiosk, create_application
    from kiosk.core.storage.paths import default_content_dir

    chosen = args.content_dir or getattr(args, "content", None)
    content_dir = Path(chosen) if chosen else default_content_dir()
    app = create_application()
    try:
        kiosk = build_kiosk(app, content_dir)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_CONTENT
    deck = kiosk.content.deck
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


def render_pages(kiosk: object, languages: list[str], pages: list[tuple[int, str]], out: Path,
                 size: tuple[int, int]) -> list[Path]:
    from kiosk.app import Kiosk

    assert isinstance(kiosk, Kiosk)
    window, controller, app = kiosk.window, kiosk.controller, kiosk.app
    window.resize(*size)
    window.show()
    app.processEvents()
    written: list[Path] = []
    for code in languages:
        controller.on_language_requested(code)
        app.processEvents()
        for page, name in pages:
            window.show_page(page, animate=False)
            app.processEvents()
            path = out / f"{name}.{code}.png"
            if not window.grab().save(str(path)):
                raise OSError(f"cannot write {path}")
            written.append(path)
    return written
