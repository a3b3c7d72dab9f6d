"""``kiosk check``: validate a content folder and report every problem at once."""

from __future__ import annotations

import argparse

from kiosk.cli.common import EXIT_CONTENT, EXIT_OK, content_arg, print_problems
from kiosk.core.errors import ContentError
from kiosk.core.storage.assets import available_icons


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``kiosk check`` (its name and help are in ``kiosk.cli.COMMANDS``)."""
    parser.add_argument("content_dir", nargs="?", metavar="CONTENT_DIR")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every missing translation")


def run(args: argparse.Namespace) -> int:
    # Late import for speed: the check (pydantic, YAML) loads when the command runs, not when the kiosk starts.
    from kiosk.core.content.loader import load_content

    try:
        loaded = load_content(content_arg(args.content_dir or args.content), icons=available_icons())
    except ContentError as exc:
        print_problems(exc)
        return EXIT_CONTENT
    report = loaded.report
    if args.verbose:
        for missing in report.missing:
            where = f"{missing.file} {missing.slide} {missing.field}".replace("  ", " ")
            print(f"missing '{missing.language}': {where}")
    print(report.summary())
    return EXIT_OK
