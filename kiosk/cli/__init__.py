"""Command line: start the kiosk, check content, render slides, and the translators' sheet.

Qt is imported only by the commands that draw, so ``kiosk check`` answers fast.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk import __version__
from kiosk.core.content.errors import ContentError

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

log = logging.getLogger(__name__)


def _content_arg(value: str | None) -> Path:
    from kiosk.core.storage.paths import default_content_dir

    return Path(value) if value else default_content_dir()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="A bilingual touchscreen kiosk. With no command it starts full-screen.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument("--content", metavar="DIR", help="content folder (default: the bundled content)")
    parser.add_argument("--windowed", action="store_true", help="open in a window (for development)")
    parser.add_argument("--lang", metavar="CODE", help="starting language, e.g. km or en")
    parser.add_argument("--presenter", action="store_true", help="start in presenter mode")
    parser.add_argument("--no-restart", action="store_true", help="do not restart after a crash")
    parser.add_argument("--safe-mode", action="store_true",
                        help="bundled content only, no live reload or presenter (after crashes)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="validate a content folder and report every problem")
    check.add_argument("content_dir", nargs="?", metavar="CONTENT_DIR")
    check.add_argument("--verbose", "-v", action="store_true", help="list every missing translation")

    render = sub.add_parser("render", help="draw slides to PNG files without a display")
    render.add_argument("content_dir", nargs="?", metavar="CONTENT_DIR")
    render.add_argument("--out", required=True, metavar="DIR", help="folder for the PNG files")
    render.add_argument("--lang", dest="render_lang", default="all", metavar="CODE",
                        help="a language code, or 'all' (default)")
    render.add_argument("--size", default="1920x1080", metavar="WxH", help="screen size (default 1920x1080)")
    render.add_argument("--slide", metavar="ID", help="only this slide (or 'home')")

    strings = sub.add_parser("strings", help="the translators' sheet (CSV for a spreadsheet)")
    strings_sub = strings.add_subparsers(dest="strings_command", metavar="ACTION", required=True)
    export = strings_sub.add_parser("export", help="write every visible text to a CSV file")
    export.add_argument("content_dir", metavar="CONTENT_DIR")
    export.add_argument("csv_file", metavar="FILE.csv")
    imp = strings_sub.add_parser("import", help="write changed texts from a CSV file back into the YAML")
    imp.add_argument("csv_file", metavar="FILE.csv")
    imp.add_argument("content_dir", metavar="CONTENT_DIR")

    set_pin = sub.add_parser("set-pin", help="set the staff PIN (4-8 digits) for the staff menu")
    set_pin.add_argument("--pin-stdin", action="store_true",
                         help="read the PIN from one line of standard input (for scripts)")

    schema = sub.add_parser("schema", help="write the JSON Schema for the content files")
    schema.add_argument("content_dir", nargs="?", metavar="CONTENT_DIR")
    schema.add_argument("--out", metavar="DIR", help="folder for the schema files (default: CONTENT_DIR/schema)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage message
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    if args.command is not None:
        # Tools print their own messages; log records (and tracebacks) never reach the terminal.
        logging.getLogger().addHandler(logging.NullHandler())
    try:
        if args.command is None:  # the kiosk itself, restarted after a crash
            from kiosk.runtime.supervisor import run_supervised

            raw = list(argv) if argv is not None else sys.argv[1:]
            return run_supervised(raw, args.no_restart, lambda: _dispatch(args))
        return _dispatch(args)
    except KeyboardInterrupt:
        return 130
    except Exception:  # never a traceback for the person at the keyboard
        log.exception("internal error")
        print("kiosk: internal error; please report it with the log file.", file=sys.stderr)
        return EXIT_INTERNAL


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "check":
        return cmd_check(_content_arg(args.content_dir or args.content), verbose=args.verbose)
    if args.command == "strings":
        from kiosk.core.content import sheet as strings

        try:
            if args.strings_command == "export":
                count = strings.export_sheet(Path(args.content_dir), Path(args.csv_file))
                print(f"Wrote {count} texts to {args.csv_file}")
            else:
                changed = strings.import_sheet(Path(args.csv_file), Path(args.content_dir))
                print(f"Updated {changed} texts in {args.content_dir}")
        except ContentError as exc:
            _print_problems(exc)
            return EXIT_CONTENT
        return EXIT_OK
    if args.command == "schema":
        from kiosk.core.content.schema import write_schemas

        if not (args.content_dir or args.content):
            print("kiosk schema: name the content folder, e.g.  kiosk schema content", file=sys.stderr)
            return EXIT_USAGE
        content = _content_arg(args.content_dir or args.content)
        try:
            written = write_schemas(content, Path(args.out) if args.out else None)
        except ContentError as exc:
            _print_problems(exc)
            return EXIT_CONTENT
        for path in written:
            print(f"Wrote {path}")
        return EXIT_OK
    if args.command == "set-pin":
        return cmd_set_pin(pin_stdin=args.pin_stdin)
    if args.command == "render":
        from kiosk.cli.render import cmd_render

        return cmd_render(args)
    from kiosk.app import run_kiosk

    return run_kiosk(args)


def _print_problems(exc: ContentError) -> None:
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    print(f"{len(exc.problems)} problem(s) found.", file=sys.stderr)


def cmd_check(content: Path, *, verbose: bool = False) -> int:
    from kiosk.core.content.loader import load_content
    from kiosk.core.storage.paths import assets_dir

    try:
        loaded = load_content(content, icons=available_icons(assets_dir()))
    except ContentError as exc:
        _print_problems(exc)
        return EXIT_CONTENT
    report = loaded.report
    if verbose:
        for missing in report.missing:
            where = f"{missing.file} {missing.slide} {missing.field}".replace("  ", " ")
            print(f"missing '{missing.language}': {where}")
    print(report.summary())
    return EXIT_OK


def cmd_set_pin(*, pin_stdin: bool = False) -> int:
    """Store the staff PIN as a salted hash in the data folder; asks twice unless ``pin_stdin``."""
    import getpass

    from kiosk.core.storage.pin import PinFile, PinFormatError, check_pin_format

    try:
        if pin_stdin:
            pin = sys.stdin.readline().strip()
        else:
            pin = getpass.getpass("New staff PIN (4-8 digits): ").strip()
            if getpass.getpass("The same PIN again: ").strip() != pin:
                print("kiosk: the two PINs differ; nothing was changed.", file=sys.stderr)
                return EXIT_USAGE
        check_pin_format(pin)
    except PinFormatError as exc:
        print(f"kiosk: {exc}; nothing was changed.", file=sys.stderr)
        return EXIT_USAGE
    except EOFError:
        print("kiosk: no PIN given; nothing was changed.", file=sys.stderr)
        return EXIT_USAGE
    pin_file = PinFile.in_data_dir()
    try:
        pin_file.save(pin)
    except OSError as exc:
        print(f"kiosk: cannot save the PIN in {pin_file.path}: {exc}", file=sys.stderr)
        return EXIT_INTERNAL
    print(f"Staff PIN saved (as a salted hash) in {pin_file.path}")
    return EXIT_OK


def available_icons(assets: Path) -> list[str]:
    """Names of the bundled icons (file names without .svg)."""
    folder = assets / "icons"
    return sorted(p.stem for p in folder.glob("*.svg")) if folder.is_dir() else []
