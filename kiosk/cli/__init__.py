"""The command line: one module per command, chosen through :data:`COMMANDS`.

``kiosk`` with no command starts the kiosk (the composition root does that); every other command
is a tool for staff and editors. Qt is imported only by the commands that draw, so ``kiosk check``
answers fast. Nothing here imports the composition root: a command that needs a built kiosk gets a
:class:`~kiosk.cli.common.Root` from it.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import ModuleType

from kiosk import __version__
from kiosk.cli.common import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, Root
from kiosk.runtime.logfile import log_internal_error

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Command:
    """A command: its module (imported only when the command is used), what ``kiosk --help`` says
    of it, and whether it needs a built kiosk (a :class:`Root`).

    The module has ``add_arguments(parser)`` and ``run(args)``, or ``run(args, root)`` with ``root``.
    """

    module: str
    help: str
    description: str | None = None
    needs_root: bool = False

    def load(self) -> ModuleType:
        return importlib.import_module(f"kiosk.cli.{self.module}")


#: The commands, in the order ``kiosk --help`` lists them. A start of the kiosk imports none of them.
COMMANDS: dict[str, Command] = {
    "check": Command("check", "validate a content folder and report every problem"),
    "render": Command("render", "draw slides to PNG files without a display", needs_root=True),
    "strings": Command("strings", "the translators' sheet (CSV for a spreadsheet)"),
    "set-pin": Command("pin", "set the staff PIN for the staff menu"),
    "schema": Command("schema", "write the JSON Schema for the content files"),
    "breaks": Command(
        "breaks", "show where the kiosk may break lines: a | before each possible line start",
        "Print each TEXT (or each line of standard input when no TEXT is given) with a | wherever the "
        "kiosk may start a new line. With --content and no TEXT: every Khmer text of that deck, with its "
        "file and line."),
    "report": Command(
        "report", "write the visitor report (CSV files and a PDF) from the engagement log(s)",
        "Combines the logs given (default: this laptop's log) without counting anything twice."),
}


class _CommandParser(argparse.ArgumentParser):
    """A command's parser that declares its arguments only when the command is chosen (or asked for
    its help), so the kiosk's own start, which names no command, imports no command module."""

    command: Command | None = None

    def parse_known_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                         namespace: argparse.Namespace | None = None) -> tuple[argparse.Namespace, list[str]]:
        command, self.command = self.command, None
        if command is not None:
            command.load().add_arguments(self)
        return super().parse_known_args(args, namespace)


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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_CommandParser)
    for name, command in COMMANDS.items():
        command_parser = sub.add_parser(name, help=command.help, description=command.description)
        command_parser.command = command
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
    command = COMMANDS[args.command]

    def run() -> int:
        module = command.load()
        return int(module.run(args, root) if command.needs_root else module.run(args))

    return guarded(run)


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
