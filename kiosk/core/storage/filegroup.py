"""Several files in one folder replaced all together or not at all, even when the process is killed.

Used by ``kiosk strings import``, which may change every topic file of a content folder. The steps:

1. **Prepare.** Every new file is written to a temp file beside its target
   (:func:`~kiosk.core.storage.atomic.write_temp`: fsynced, with the target's permission bits).
   A crash now leaves only temp files, which recovery deletes: all old.
2. **Decide.** A journal naming every (temp, target) pair is written atomically to the folder.
   From the moment it exists the change is decided: recovery rolls it forward.
3. **Commit.** Each temp file is renamed over its target, the folder is fsynced, and the journal is
   deleted. A crash now leaves the journal, and recovery finishes the renames: all new.

The journal lives in the content folder itself, not in the user's data folder: the temp files
must be there anyway (a rename is atomic only within one file system), and a folder on a USB
stick, renamed, or opened by a kiosk running as another user or on another laptop still carries
what is needed to finish it. A data-folder journal keyed by the folder's path would be lost in
each of those cases, and the temp files left behind would be nobody's.

While a group is written the folder is locked (``flock`` on the folder itself, where the system
has it), so a running kiosk that reloads the folder meanwhile does not "recover" an import that
is still going on. The lock dies with the process, so a killed import never blocks the next one.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kiosk.core.storage.atomic import TEMP_SUFFIX, atomic_write, fsync_dir, write_temp
from kiosk.core.storage.safefile import FileCheckError, FileProblem, read_regular_file

try:
    import fcntl
except ImportError:  # Windows: no flock; an import and a reload there are not guarded against each other
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

JOURNAL = ".kiosk-import-journal.json"
TEMP_PREFIX = ".kiosk-import-"
_MAX_JOURNAL_BYTES = 1024 * 1024


class FolderBusyError(OSError):
    """Another process is writing a group of files in this folder right now."""


class RecoveryError(OSError):
    """An interrupted group write was found but cannot be finished (e.g. a read-only folder)."""

    def __init__(self, journal: Path, reason: str) -> None:
        super().__init__(f"{journal}: {reason}")
        self.journal = journal
        self.reason = reason


@dataclass(frozen=True)
class _Entry:
    target: str
    temp: str


@contextlib.contextmanager
def _locked(folder: Path, *, wait: bool) -> Iterator[bool]:
    """Hold the folder's lock; yields False (without it) when another process holds it and not ``wait``."""
    if fcntl is None:
        yield True
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)  # closing releases the lock


def _temp_prefix(target: Path) -> str:
    return f"{TEMP_PREFIX}{target.name}."


def _is_our_temp(name: str) -> bool:
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def write_files_together(folder: Path, files: Mapping[str, bytes]) -> None:
    """Replace each ``folder/name`` with its bytes, all of them or none (see the module docstring).

    Each file keeps its permission bits. Raises FolderBusyError when another import holds the
    folder, OSError when the disk refuses (then nothing changed, or the change is finished by
    :func:`recover_interrupted_import`, which this also tries at once).
    """
    for name in files:
        if PurePosixPath(name).name != name:
            raise ValueError(f"not a file name in the folder: {name!r}")
    with _locked(folder, wait=False) as held:
        if not held:
            raise FolderBusyError(f"{folder}: another 'kiosk strings import' is writing here")
        _recover_locked(folder)
        entries: list[_Entry] = []
        try:
            for name, data in files.items():
                target = folder / name
                temp = write_temp(target, data, prefix=_temp_prefix(target))
                entries.append(_Entry(name, temp.name))
        except BaseException:
            for entry in entries:
                with contextlib.suppress(OSError):
                    (folder / entry.temp).unlink()
            raise
        journal = json.dumps({"version": 1, "files": [{"target": e.target, "temp": e.temp} for e in entries]},
                             indent=1)
        try:
            atomic_write(folder / JOURNAL, journal, prefix=_temp_prefix(folder / JOURNAL))
        except BaseException:
            for entry in entries:
                with contextlib.suppress(OSError):
                    (folder / entry.temp).unlink()
            raise
        _commit(folder, entries)


def _commit(folder: Path, entries: list[_Entry]) -> None:
    """Rename every temp over its target (those already renamed are skipped), then drop the journal."""
    for entry in entries:
        temp = folder / entry.temp
        try:
            os.replace(temp, folder / entry.target)
        except FileNotFoundError:
            if os.path.lexists(temp):
                raise
            # Renamed before the interruption: the target is already the new file.
    fsync_dir(folder)
    (folder / JOURNAL).unlink()
    fsync_dir(folder)


def _read_journal(folder: Path) -> list[_Entry] | None:
    path = folder / JOURNAL
    try:
        raw = read_regular_file(path, _MAX_JOURNAL_BYTES)
    except FileCheckError as exc:
        if exc.problem is FileProblem.NOT_FOUND:
            return None
        raise RecoveryError(path, f"the journal cannot be read ({exc.problem.description})") from None
    try:
        data = json.loads(raw)
        entries = [_Entry(str(item["target"]), str(item["temp"])) for item in data["files"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise RecoveryError(path, f"the journal is damaged ({exc})") from None
    for entry in entries:  # a journal names files of this folder only
        if PurePosixPath(entry.target).name != entry.target or not _is_our_temp(entry.temp) or (
                PurePosixPath(entry.temp).name != entry.temp):
            raise RecoveryError(path, f"the journal names a file outside the folder ({entry.target})")
    return entries


def _recover_locked(folder: Path) -> bool:
    entries = _read_journal(folder)
    acted = False
    if entries is not None:
        log.warning("finishing an interrupted 'kiosk strings import' in %s (%d file(s))", folder, len(entries))
        try:
            _commit(folder, entries)
        except OSError as exc:
            raise RecoveryError(folder / JOURNAL, f"cannot finish it ({exc.strerror or exc})") from None
        acted = True
    for leftover in sorted(folder.iterdir()):
        if _is_our_temp(leftover.name):  # prepared, never decided: roll back
            if not acted:
                log.warning("removing %s, left by an interrupted 'kiosk strings import'", leftover)
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
            acted = True
    if acted:
        fsync_dir(folder)
    return acted


def recover_interrupted_import(content_dir: Path) -> bool:
    """Finish (journal found) or roll back (only temp files found) an interrupted import in ``content_dir``.

    Returns True when something was done. Does nothing while another process is importing, and
    nothing (quickly: one listing of the folder) when there is nothing to recover. Raises
    RecoveryError when an interrupted import is found but cannot be finished.
    """
    try:
        names = os.listdir(content_dir)
    except OSError:
        return False  # no folder: the loader says so in its own words
    if JOURNAL not in names and not any(_is_our_temp(n) for n in names):
        return False
    with _locked(content_dir, wait=False) as held:
        if not held:
            return False  # an import is running; it finishes its own work
        return _recover_locked(content_dir)
