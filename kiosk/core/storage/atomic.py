"""The one atomic file write: a temp file in the same folder, fsync, rename, fsync of the folder.

A power cut at any moment leaves either the old file or the new one, never a mix or an empty
file. The new file keeps the old one's permission bits (a content file stays readable by a
kiosk that runs as another user); a new file gets ``mode`` (default 0644, 0600 for secrets).
On any failure, a full disk included, the temp file is removed and the error is raised.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

DEFAULT_MODE = 0o644
TEMP_SUFFIX = ".tmp"


def fsync_dir(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (a no-op where folders cannot be opened: Windows)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def existing_mode(path: Path) -> int | None:
    """The permission bits of ``path``, or None when it does not exist (yet)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return None


def write_temp(path: Path, data: bytes, *, mode: int | None = None, prefix: str | None = None) -> Path:
    """Write ``data`` to a new temp file beside ``path``, fsynced, with its final mode; return it.

    The first step of :func:`atomic_write`, for callers that commit several files together.
    ``mode`` None keeps the mode of the file it replaces (``DEFAULT_MODE`` for a new file).
    """
    import tempfile  # with shutil and random: not imported by a start that writes nothing

    folder = path.parent
    final_mode = mode if mode is not None else (existing_mode(path) or DEFAULT_MODE)
    fd, name = tempfile.mkstemp(prefix=prefix or f".{path.name}.", suffix=TEMP_SUFFIX, dir=folder)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if hasattr(os, "fchmod"):  # not on Windows, where the mode bits mean little
                os.fchmod(handle.fileno(), final_mode)
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return temp


def atomic_write(path: Path, data: bytes | str, *, mode: int | None = None, prefix: str | None = None) -> None:
    """Replace ``path`` with ``data`` atomically and durably (see the module docstring).

    ``str`` data is written as UTF-8. The folder must exist: no command creates folders it was
    not asked for, so callers that own their folder create it themselves. ``prefix`` names the
    temp file, for callers that clean up after a crash.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temp = write_temp(path, payload, mode=mode, prefix=prefix)
    try:
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_dir(path.parent)
