"""Live content: the content folder is watched, re-checked after each edit, and shown when valid.

A broken edit never blanks the screen: the last good content stays, staff see a small badge and
the problems in the staff menu. Valid content is also copied to the last-good store, so a broken
edit followed by a restart still shows the last good version. While no good content exists at all,
:class:`ContentRecovery` watches the same way and announces when the folder becomes valid.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.control.deck import DeckController
from kiosk.control.status import ContentStatus
from kiosk.core.content.lastgood import LastGoodStore, save_quietly
from kiosk.core.errors import ContentError
from kiosk.core.storage.assets import available_icons
from kiosk.features.reload.watcher import DEBOUNCE_MS, ContentWatcher

log = logging.getLogger(__name__)

RELOAD_DEBOUNCE_MS = DEBOUNCE_MS


class ContentReloader(QObject):
    """Once edits settle, re-checks the content folder and swaps the deck when it is valid."""

    reloaded = Signal(object)  # LoadedContent now on screen
    failed = Signal(object)  # ContentError; the previous content stays on screen

    def __init__(self, controller: DeckController, status: ContentStatus, store: LastGoodStore | None = None,
                 debounce_ms: int = RELOAD_DEBOUNCE_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.status = status
        self.store = store
        self.content_dir = status.content_dir
        self.watcher = ContentWatcher(self.content_dir, extra_paths=self._shown_files,
                                      debounce_ms=debounce_ms, parent=self)
        self.watcher.settled.connect(self.reload_now)

    def _shown_files(self) -> list[Path]:
        """The files the shown content references (when it comes from the watched folder)."""
        if self.status.showing_last_good:
            return []
        return [self.content_dir / name for name in self.status.shown.files]

    @Slot()
    def reload_now(self) -> None:
        """Check the content folder now; show it if valid, else keep what is shown."""
        self.watcher.stop_pending()
        self.watcher.watch()
        # Late import for speed: the check (pydantic, YAML) loads on the first reload, not at start.
        from kiosk.core.content.loader import load_content

        try:
            loaded = load_content(self.content_dir, icons=available_icons())
        except ContentError as problem:
            log.warning("content in %s has %d problem(s); keeping the last good content:\n%s",
                        self.content_dir, len(problem.problems), problem)
            self.status.update(self.status.shown, problem)
            self.failed.emit(problem)
            return
        if self.store is not None:
            save_quietly(self.store, loaded)
        if loaded.deck != self.controller.deck:
            self.controller.replace_deck(loaded.deck)  # keeps the slide id; redraws
            log.info("content reloaded from %s", self.content_dir)
        self.status.update(loaded, None)
        self.watcher.watch()
        self.reloaded.emit(loaded)


class ContentRecovery(QObject):
    """While no good content exists, re-checks the content folder after each edit.

    The error page lists the problems; once the staff's edit makes the folder valid, ``valid``
    fires and the kiosk starts without anyone touching the laptop.
    """

    valid = Signal()
    still_broken = Signal(object)  # ContentError

    def __init__(self, content_dir: Path, debounce_ms: int = RELOAD_DEBOUNCE_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.content_dir = content_dir
        self.watcher = ContentWatcher(content_dir, debounce_ms=debounce_ms, parent=self)
        self.watcher.settled.connect(self.on_settled)

    @Slot()
    def on_settled(self) -> None:
        from kiosk.core.content.loader import load_content  # late import for speed, as in reload_now

        try:
            load_content(self.content_dir, icons=available_icons())
        except ContentError as exc:
            self.still_broken.emit(exc)
            return
        self.valid.emit()


def install_live_reload(controller: DeckController, status: ContentStatus,
                        store: LastGoodStore | None = None,
                        debounce_ms: int = RELOAD_DEBOUNCE_MS) -> ContentReloader:
    """Watch ``status.content_dir`` and show valid edits live (not in safe mode)."""
    return ContentReloader(controller, status, store, debounce_ms, parent=controller)
