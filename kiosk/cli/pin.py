"""``kiosk set-pin``: set the staff PIN, stored only as a salted hash in the data folder."""

from __future__ import annotations

import argparse
import getpass
import sys

from kiosk.cli.common import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from kiosk.core.storage.pin import (
    PIN_MAX_DIGITS,
    PIN_MIN_DIGITS,
    PinFile,
    PinProblem,
    PinState,
    english,
    pin_problem,
)

_DIGITS = f"{PIN_MIN_DIGITS}-{PIN_MAX_DIGITS} digits"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``kiosk set-pin`` (its name and help are in ``kiosk.cli.COMMANDS``)."""
    parser.description = f"Set the staff PIN ({_DIGITS}) that opens the staff menu."
    parser.add_argument("--pin-stdin", action="store_true",
                         help="read the PIN from one line of standard input (for scripts)")


def run(args: argparse.Namespace) -> int:
    """Asks twice unless ``--pin-stdin``; replaces a damaged PIN file (this is the way to recover)."""
    try:
        if args.pin_stdin:
            pin = sys.stdin.readline().strip()
        else:
            pin = getpass.getpass(f"New staff PIN ({_DIGITS}): ").strip()
            if getpass.getpass("The same PIN again: ").strip() != pin:
                print(f"kiosk: {english(PinProblem.MISMATCH)}; nothing was changed.", file=sys.stderr)
                return EXIT_USAGE
    except EOFError:
        print("kiosk: no PIN given; nothing was changed.", file=sys.stderr)
        return EXIT_USAGE
    problem = pin_problem(pin)
    if problem is not None:
        print(f"kiosk: {english(problem)}; nothing was changed.", file=sys.stderr)
        return EXIT_USAGE
    pin_file = PinFile.in_data_dir()
    replaced_damaged = pin_file.status().state is PinState.DAMAGED
    try:
        pin_file.save(pin)
    except OSError as exc:
        print(f"kiosk: cannot save the PIN in {pin_file.path}: {exc}", file=sys.stderr)
        return EXIT_INTERNAL
    if replaced_damaged:
        print(f"Replaced the damaged PIN file {pin_file.path}")
    print(f"Staff PIN saved (as a salted hash) in {pin_file.path}")
    return EXIT_OK
