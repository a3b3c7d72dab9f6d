"""The one content-folder watcher: file events (folder, files and the folder's parent), debounced, plus a slow poll.

Editors save in many ways (write in place, write a new file and rename it over the old one,
delete and re-create), and staff replace the whole folder (rename it away and copy a new one in;
delete it and copy it back from a USB stick). Qt's watcher follows an inode, not a name: it drops a
path once its file is deleted and keeps following a folder renamed away. So the parent folder is
watched too, every wanted path is attached afresh after each settle (the new folder, not the old
one), and a slow poll compares a cheap fingerprint (names, sizes, times, the folder's inode) for
file systems whose events are lost (network shares, some USB sticks).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

DEBOUNCE_MS = 500
POLL_MS = 5000
CONTENT_SUFFIXES = (".yaml", ".yml", ".txt")

Fingerprint = tuple[tuple[str, int, int, int, int], ...]


def _stat_entry(path: Path) -> tuple[str, int, int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (str(path), st.st_ino, st.st_dev, st.st_size, st.st_mtime_ns)


class ContentWatcher(QObject):
    """Emits ``settled`` once changes under ``content_dir`` have been quiet for ``debounce_ms``.

    ``extra_paths`` names further files to watch (the pictures the shown content references).
    """

    settled = Signal()

    def __init__(self, content_dir: Path, *, extra_paths: Callable[[], Iterable[Path]] | None = None,
                 debounce_ms: int = DEBOUNCE_MS, poll_ms: int = POLL_MS, parent: QObject | None = None) -> None:
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
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(poll_ms)
        self.poll_timer.timeout.connect(self.on_poll)
        self.fingerprint = self.take_fingerprint()
        self.folder = _stat_entry(content_dir)
        self.watch()
        self.poll_timer.start()

    def wanted_paths(self) -> list[str]:
        """The folder, its parent, its content files, and the extra paths with their folders."""
        root = self.content_dir
        paths = {root, root.parent}
        with contextlib.suppress(OSError):
            paths.update(p for p in root.iterdir() if p.suffix in CONTENT_SUFFIXES)
        for extra in self.extra_paths():
            paths.add(extra)
            paths.add(extra.parent)
        return sorted(str(p) for p in paths if p.exists())

    def take_fingerprint(self) -> Fingerprint:
        """Cheap to take every few seconds: a stat of each wanted path (no file is read)."""
        paths = [Path(p) for p in self.wanted_paths() if Path(p) != self.content_dir.parent]
        entries = (_stat_entry(path) for path in paths)
        return tuple(entry for entry in entries if entry is not None)

    def watch(self) -> None:
        """Attach every wanted path afresh: a name may stand for a new file or folder now."""
        held = self.watcher.files() + self.watcher.directories()
        if held:
            self.watcher.removePaths(held)
        wanted = self.wanted_paths()
        if wanted:
            self.watcher.addPaths(wanted)

    @Slot(str)
    def on_path_changed(self, path: str) -> None:
        if Path(path) == self.content_dir.parent and _stat_entry(self.content_dir) == self.folder:
            return  # a neighbour changed (a log, another folder), not the content folder
        self.timer.start()  # restarts: the many writes of one save give one settle

    def stop_pending(self) -> None:
        self.timer.stop()

    @Slot()
    def on_poll(self) -> None:
        """The fallback where file events are lost: a changed fingerprint counts as an event."""
        if not self.timer.isActive() and self.take_fingerprint() != self.fingerprint:
            self.timer.start()

    @Slot()
    def on_timeout(self) -> None:
        self.watch()
        self.fingerprint = self.take_fingerprint()
        self.folder = _stat_entry(self.content_dir)
        self.settled.emit()
