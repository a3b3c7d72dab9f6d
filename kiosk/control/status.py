"""What content is on screen, and whether the content folder currently passes the check."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.core.content.loaded import LoadedContent
from kiosk.core.errors import ContentError


class ContentStatus(QObject):
    """The content shown and the folder's problems; ``changed`` after every re-check."""

    changed = Signal()

    def __init__(self, content_dir: Path, shown: LoadedContent, problem: ContentError | None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.content_dir = content_dir
        self.shown = shown
        self.problem = problem

    @property
    def has_problems(self) -> bool:
        return self.problem is not None

    @property
    def showing_last_good(self) -> bool:
        """True when the screen shows a stored copy, not the content folder itself."""
        return self.shown.deck.root.resolve() != self.content_dir.resolve()

    def update(self, shown: LoadedContent, problem: ContentError | None) -> None:
        self.shown = shown
        self.problem = problem
        self.changed.emit()
