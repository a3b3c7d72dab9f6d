"""``kiosk strings export|import``: the translators' sheet (CSV for a spreadsheet)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.cli.common import EXIT_CONTENT, EXIT_OK, print_problems
from kiosk.core.errors import ContentError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``kiosk strings`` (its name and help are in ``kiosk.cli.COMMANDS``)."""
    strings_sub = parser.add_subparsers(dest="strings_command", metavar="ACTION", required=True)
    export = strings_sub.add_parser("export", help="write every visible text to a CSV file")
    export.add_argument("content_dir", metavar="CONTENT_DIR")
    export.add_argument("csv_file", metavar="FILE.csv")
    imp = strings_sub.add_parser("import", help="write changed texts from a CSV file back into the YAML")
    imp.add_argument("csv_file", metavar="FILE.csv")
    imp.add_argument("content_dir", metavar="CONTENT_DIR")


def run(args: argparse.Namespace) -> int:
    # Late import for speed: the check (pydantic, YAML) loads when the command runs, not when the kiosk starts.
    from kiosk.core.content import sheet

    try:
        if args.strings_command == "export":
            count = sheet.export_sheet(Path(args.content_dir), Path(args.csv_file))
            print(f"Wrote {count} texts to {args.csv_file}")
        else:
            changed = sheet.import_sheet(Path(args.csv_file), Path(args.content_dir))
            print(f"Updated {changed} texts in {args.content_dir}")
    except ContentError as exc:
        print_problems(exc)
        return EXIT_CONTENT
    return EXIT_OK
