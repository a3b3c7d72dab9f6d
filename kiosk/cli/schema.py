"""``kiosk schema``: write the JSON Schema files editors use to complete and check content."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.cli.common import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, content_arg, print_problems
from kiosk.core.errors import ContentError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``kiosk schema`` (its name and help are in ``kiosk.cli.COMMANDS``)."""
    parser.add_argument("content_dir", nargs="?", metavar="CONTENT_DIR")
    parser.add_argument("--out", metavar="DIR", help="folder for the schema files (default: CONTENT_DIR/schema)")


def run(args: argparse.Namespace) -> int:
    # Late import for speed: the check (pydantic, YAML) loads when the command runs, not when the kiosk starts.
    from kiosk.core.content.schema import write_schemas

    if not (args.content_dir or args.content):
        print("kiosk schema: name the content folder, e.g.  kiosk schema content", file=sys.stderr)
        return EXIT_USAGE
    content = content_arg(args.content_dir or args.content)
    try:
        written = write_schemas(content, Path(args.out) if args.out else None)
    except ContentError as exc:
        print_problems(exc)
        return EXIT_CONTENT
    for path in written:
        print(f"Wrote {path}")
    return EXIT_OK
