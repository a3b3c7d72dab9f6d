"""The one content-folder watcher: file events, debounced, re-attached after each settle.

Editors save in many ways (write in place, write a new file and rename it over the old one,
delete and re-create), and Qt's watcher drops a path once its file is replaced. After every
settle the watcher re-adds every wanted path, so later edits are still seen.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

DEBOUNCE_MS = 500
CONTENT_SUFFIXES = (".yaml", ".yml", ".txt")


class ContentWatcher(QObject):
    """Emits ``settled`` once changes under ``content_dir`` have been quiet for ``debounce_ms``.

    ``extra_paths`` names further files to watch (the pictures the shown content references).
    """

    settled = Signal()

    def __init__(self, content_dir: Path, *, extra_paths: Callable[[], Iterable[Path]] | None = None,
                 debounce_ms: int = DEBOUNCE_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.content_dir = content_dir
        self.extra_paths = extra_paths or (lambda: ())
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self.on_path_changed)
        self.watcher.fileChanged.connect(self.on_path_changed)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        self.timer.timeout.connect(self.on_timeout)
        self.watch()

    def wanted_paths(self) -> list[str]:
        """The folder, its content files, and the extra paths with their folders."""
        root = self.content_dir
        paths = {root}
        with contextlib.suppress(OSError):
            paths.update(p for p in root.iterdir() if p.suffix in CONTENT_SUFFIXES)
        for extra in self.extra_paths():
            paths.add(extra)
            paths.add(extra.parent)
        return sorted(str(p) for p in paths if p.exists())

    def watch(self) -> None:
        """(Re-)add every wanted path the watcher does not hold."""
        watched = set(self.watcher.files()) | set(self.watcher.directories())
        missing = [p for p in self.wanted_paths() if p not in watched]
        if missing:
            self.watcher.addPaths(missing)

    @Slot(str)
    def on_path_changed(self, _path: str) -> None:
        self.timer.start()  # restarts: the many writes of one save give one settle

    def stop_pending(self) -> None:
        self.timer.stop()

    @Slot()
    def on_timeout(self) -> None:
        self.watch()
        self.settled.emit()
