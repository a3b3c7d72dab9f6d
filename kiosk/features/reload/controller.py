"""Live content: the content folder is watched, re-checked after each edit, and shown when valid.

A broken edit never blanks the screen: the last good content stays, staff see a small badge and
the problems in the staff menu. Valid content is also copied to the last-good store, so a broken
edit followed by a restart still shows the last good version.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication

from kiosk.app import Kiosk, build_kiosk, icon_names
from kiosk.core.content.errors import ContentError
from kiosk.core.content.loader import LoadedContent, load_content
from kiosk.core.storage.lastgood import LastGoodStore, content_files, load_with_fallback, save_quietly

log = logging.getLogger(__name__)

RELOAD_DEBOUNCE_MS = 500


class ContentStatus(QObject):
    """What content is on screen and whether the content folder currently passes the check."""

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


def build_kiosk_with_fallback(app: QApplication, content_dir: Path, store: LastGoodStore | None,
                              language: str | None = None) -> tuple[Kiosk, ContentStatus]:
    """The kiosk on ``content_dir``, or on the last good copy when the folder has problems.

    Raises the folder's ContentError only when there is no good version at all (then the caller
    shows :class:`kiosk.views.errors.ErrorPage`). ``store`` None (safe mode, on the bundled
    content): no fallback, and the last good copy of the staff's content is left alone.
    """
    if store is None:
        loaded, problem = load_content(content_dir, icons=icon_names()), None
    else:
        loaded, problem = load_with_fallback(content_dir, store, icons=icon_names())
    kiosk = build_kiosk(app, loaded, language)
    return kiosk, ContentStatus(content_dir, kiosk.content, problem, parent=kiosk.controller)


class ContentReloader(QObject):
    """Watches the content folder and its files; once edits settle, re-checks and swaps the deck."""

    reloaded = Signal(object)  # LoadedContent now on screen
    failed = Signal(object)  # ContentError; the previous content stays on screen

    def __init__(self, kiosk: Kiosk, status: ContentStatus, store: LastGoodStore | None = None,
                 debounce_ms: int = RELOAD_DEBOUNCE_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.status = status
        self.store = store
        self.content_dir = status.content_dir
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self.on_path_changed)
        self.watcher.fileChanged.connect(self.on_path_changed)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        self.timer.timeout.connect(self.reload_now)
        self._watch()

    def _wanted_paths(self) -> list[str]:
        """The folder, its YAML files, and the files and folders the content references."""
        root = self.content_dir
        paths = {root}
        with contextlib.suppress(OSError):
            paths.update(p for p in root.iterdir() if p.suffix in (".yaml", ".yml"))
        if not self.status.showing_last_good:
            for name in content_files(self.status.shown):
                paths.add(root / name)
                paths.add((root / name).parent)
        return sorted(str(p) for p in paths if p.exists())

    def _watch(self) -> None:
        """(Re-)add paths: editors that save by writing a new file and renaming it over the old
        one make the watcher drop the old file."""
        watched = set(self.watcher.files()) | set(self.watcher.directories())
        missing = [p for p in self._wanted_paths() if p not in watched]
        if missing:
            self.watcher.addPaths(missing)

    @Slot(str)
    def on_path_changed(self, path: str) -> None:
        self.timer.start()  # restarts: many writes of one save give one reload

    @Slot()
    def reload_now(self) -> None:
        """Check the content folder now; show it if valid, else keep what is shown."""
        self.timer.stop()
        self._watch()
        try:
            loaded = load_content(self.content_dir, icons=icon_names())
        except ContentError as problem:
            log.warning("content in %s has %d problem(s); keeping the last good content:\n%s",
                        self.content_dir, len(problem.problems), problem)
            self.status.update(self.status.shown, problem)
            self.failed.emit(problem)
            return
        if self.store is not None:
            save_quietly(self.store, loaded)
        if loaded.deck != self.kiosk.content.deck:
            self.kiosk.content = loaded
            self.kiosk.controller.replace_deck(loaded.deck)  # keeps the slide id; redraws
            log.info("content reloaded from %s", self.content_dir)
        self.kiosk.content = loaded
        self.status.update(loaded, None)
        self._watch()
        self.reloaded.emit(loaded)


def install_live_reload(kiosk: Kiosk, status: ContentStatus,
                        store: LastGoodStore | None = None,
                        debounce_ms: int = RELOAD_DEBOUNCE_MS) -> ContentReloader:
    """Watch ``status.content_dir`` and show valid edits live (not in safe mode)."""
    return ContentReloader(kiosk, status, store, debounce_ms, parent=kiosk.controller)

