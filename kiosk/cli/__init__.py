"""The command line: one module per command, chosen through :data:`COMMANDS`.

``kiosk`` with no command starts the kiosk (the composition root does that); every other command
is a tool for staff and editors. Qt is imported only by the commands that draw, so ``kiosk check``
answers fast. Nothing here imports the composition root: a command that needs a built kiosk gets a
:class:`~kiosk.cli.common.Root` from it.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kiosk import __version__
from kiosk.cli import breaks, check, pin, render, report, schema, strings
from kiosk.cli.common import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, Root
from kiosk.runtime.logfile import log_internal_error

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Command:
    """A command: how its arguments are declared and what runs it."""

    add_parser: Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]
    run: Callable[[argparse.Namespace, Root], int]


def _plain(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace, Root], int]:
    """A command that needs no built kiosk."""
    return lambda args, _root: run(args)


#: The commands, in the order ``kiosk --help`` lists them.
COMMANDS: dict[str, Command] = {
    "check": Command(check.add_parser, _plain(check.run)),
    "render": Command(render.add_parser, render.run),
    "strings": Command(strings.add_parser, _plain(strings.run)),
    "set-pin": Command(pin.add_parser, _plain(pin.run)),
    "schema": Command(schema.add_parser, _plain(schema.run)),
    "breaks": Command(breaks.add_parser, _plain(breaks.run)),
    "report": Command(report.add_parser, _plain(report.run)),
}


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
    for command in COMMANDS.values():
        command.add_parser(sub)
    return parser


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace | int:
    """The parsed arguments, or the exit code when argparse already answered (usage, --help)."""
    try:
        return build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage message or the help
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK


def run_command(args: argparse.Namespace, root: Root) -> int:
    """Run the tool ``args.command``; its messages are its own, log records stay off the terminal."""
    logging.getLogger().addHandler(logging.NullHandler())
    return guarded(lambda: COMMANDS[args.command].run(args, root))


def guarded(run: Callable[[], int]) -> int:
    """Run ``run``; never a traceback for the person at the keyboard."""
    try:
        return run()
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (``kiosk breaks ... | head``): nothing to report
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python flushes stdout at exit
        return EXIT_OK
    except Exception:
        log_file = log_internal_error(log)
        print(f"kiosk: internal error; please report it with the log file {log_file}", file=sys.stderr)
        return EXIT_INTERNAL
