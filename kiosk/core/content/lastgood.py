"""The last good content: a checked copy in the data dir, so a broken edit never blanks the kiosk.

Layout of the store folder (``data_dir()/last-good``)::

    current            one line: the name of the version folder in use (replaced atomically)
    v-<stamp>/         deck.yaml, the topic files and every file they reference, plus manifest.json

A new version is written to a temporary folder, renamed to ``v-<stamp>`` and only then named in
``current`` (``os.replace`` of a small file is atomic), so a crash at any moment leaves the previous
version intact. The previous version is kept too: a deck loaded from it may still be on screen.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from pathlib import Path, PurePosixPath

from kiosk.core.content.cache import load_content_cached
from kiosk.core.content.loaded import LoadedContent
from kiosk.core.errors import ContentError
from kiosk.core.storage.atomic import atomic_write, fsync_dir
from kiosk.core.storage.safefile import read_regular_file

log = logging.getLogger(__name__)

STORE_DIR = "last-good"
POINTER = "current"
MANIFEST = "manifest.json"
KEEP_VERSIONS = 2
#: Larger files (a video, say) make the version fail to store, with a warning in the log.
MAX_STORED_FILE_BYTES = 64 * 1024 * 1024
_MAX_SMALL_FILE_BYTES = 1024 * 1024


class LastGoodStore:
    """Keeps a copy of the most recent content that passed the check."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def in_data_dir(cls) -> LastGoodStore:
        from kiosk.core.storage.paths import data_dir

        return cls(data_dir() / STORE_DIR)

    def current(self) -> Path | None:
        """The folder of the last good version, or None when nothing was stored yet."""
        try:
            name = read_regular_file(self.root / POINTER, _MAX_SMALL_FILE_BYTES).decode("utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        folder = self.root / name
        if not name or PurePosixPath(name).name != name or not (folder / "deck.yaml").is_file():
            return None
        return folder

    def holds(self, path: Path) -> bool:
        """True if ``path`` is inside the store (content loaded from it is not stored again)."""
        try:
            return path.resolve().is_relative_to(self.root.resolve())
        except OSError:
            return False

    def save(self, content: LoadedContent) -> Path:
        """Copy ``content``'s files into a new version and make it current; returns its folder.

        Does nothing (returns the current folder) when the files are the same as the current ones.
        """
        source = content.deck.root
        files = content.files
        # Each file is read twice (to compare, then to copy) rather than all held in memory at once.
        digests = {name: _sha256(_read(source / name)) for name in files}
        current = self.current()
        if current is not None and _read_manifest(current) == digests:
            return current
        import shutil  # with tempfile: saved after the first frame, not imported before it
        import tempfile

        self.root.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=".incoming-", dir=self.root))
        try:
            for name in files:
                data = _read(source / name)
                digests[name] = _sha256(data)  # what is stored, should the file have changed since
                target = temp / name
                target.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(target, data)  # fsynced before the version is named anywhere
            atomic_write(temp / MANIFEST, json.dumps(digests, indent=1, sort_keys=True))
            version = self.root / f"v-{time.time_ns()}"
            os.replace(temp, version)
            fsync_dir(self.root)
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise
        atomic_write(self.root / POINTER, version.name + "\n")
        self._prune(keep=version)
        log.info("stored the last good content in %s", version)
        return version

    def _prune(self, keep: Path) -> None:
        import shutil

        versions = sorted((p for p in self.root.glob("v-*") if p.is_dir()), key=lambda p: p.name)
        old = [p for p in versions if p != keep][: max(0, len(versions) - KEEP_VERSIONS)]
        for leftover in [*old, *self.root.glob(".incoming-*")]:
            shutil.rmtree(leftover, ignore_errors=True)


def _read(path: Path) -> bytes:
    """A content file's bytes; only a regular file (a pipe swapped in after the check cannot hang)."""
    return read_regular_file(path, MAX_STORED_FILE_BYTES)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(folder: Path) -> dict[str, str] | None:
    try:
        data = json.loads(read_regular_file(folder / MANIFEST, _MAX_SMALL_FILE_BYTES))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def load_with_fallback(content_dir: Path, store: LastGoodStore, icons: list[str] | None = None,
                       cache: Path | None = None) -> tuple[LoadedContent, ContentError | None]:
    """``content_dir``'s content, or the last good and the errors; both through the validated-deck cache.

    The caller stores good content with :func:`save_quietly` (the kiosk does it after its first
    frame). ``cache`` None: the user cache folder. Raises the content folder's ContentError only
    when there is no good version at all.
    """
    try:
        loaded = load_content_cached(content_dir, icons, cache)
    except ContentError as problem:
        stored = store.current()
        if stored is None:
            raise
        try:
            fallback = load_content_cached(stored, icons, cache)
        except ContentError:
            log.exception("the stored last good content in %s does not load", stored)
            raise problem from None
        log.warning("content in %s has %d problem(s); showing the last good version from %s",
                    content_dir, len(problem.problems), stored)
        return fallback, problem
    return loaded, None


def save_quietly(store: LastGoodStore, content: LoadedContent) -> None:
    """Store ``content`` as the last good version; a full or read-only disk only logs."""
    if store.holds(content.deck.root):
        return
    try:
        store.save(content)
    except OSError as exc:
        log.warning("cannot store the last good content in %s: %s", store.root, exc)
