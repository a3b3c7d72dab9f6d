"""``kiosk set-pin``: set the staff PIN, stored only as a salted hash in the data folder."""

from __future__ import annotations

import argparse
import getpass
import sys

from kiosk.cli.common import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from kiosk.core.storage.pin import PinFile, PinFormatError, check_pin_format


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    set_pin = sub.add_parser("set-pin", help="set the staff PIN (4-8 digits) for the staff menu")
    set_pin.add_argument("--pin-stdin", action="store_true",
                         help="read the PIN from one line of standard input (for scripts)")


def run(args: argparse.Namespace) -> int:
    """Asks twice unless ``--pin-stdin``."""
    try:
        if args.pin_stdin:
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
