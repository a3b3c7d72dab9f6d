"""What every command shares: exit codes, the content folder argument, printing problems."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from kiosk.core.errors import ContentError
from kiosk.core.storage.paths import default_content_dir

if TYPE_CHECKING:  # types only: a command that draws imports Qt itself, when it runs
    from kiosk.control.deck import DeckController
    from kiosk.views.window import KioskWindow

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


def content_arg(value: str | None) -> Path:
    """The content folder a command works on: the one named, else the default one."""
    return Path(value) if value else default_content_dir()


def print_problems(exc: ContentError) -> None:
    """Every problem, one per line as ``FILE:LINE:COL: message (hint)``, then the count."""
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    print(f"{len(exc.problems)} problem(s) found.", file=sys.stderr)


class DrawableKiosk(Protocol):
    """The parts of a built kiosk a drawing command drives."""

    @property
    def window(self) -> KioskWindow: ...

    @property
    def controller(self) -> DeckController: ...


class Root(Protocol):
    """What the composition root hands the commands that need a built kiosk."""

    def build_for_drawing(self, content_dir: Path) -> DrawableKiosk:
        """The kiosk on ``content_dir``, built offscreen (raises ContentError for bad content)."""
        ...
