"""Opening a file the kiosk did not write: only a regular file, never more than a size limit read.

A topic file that is a named pipe would block ``open`` or ``read`` for ever, a link to
``/dev/zero`` would never end, and a symlink loop raises odd errors deep inside ``pathlib``. Every
read of a file that staff, a USB stick or another program may have put in place goes through
:func:`read_regular_file` (or :func:`check_regular_file`, for a file only named, like a photo):
``os.open`` with ``O_NONBLOCK`` (a pipe opens at once, with or without a writer), ``fstat`` on the
open descriptor (no race between the check and the read), ``S_ISREG``, then at most ``limit + 1``
bytes. Every refusal is a :class:`FileCheckError` with a :class:`FileProblem` the caller turns into
a message for its reader.
"""

from __future__ import annotations

import errno
import os
import stat
from enum import Enum
from pathlib import Path

# O_NONBLOCK and O_NOCTTY do not exist on Windows, where pipes and devices are not files in a folder.
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_BINARY", 0))
_CHUNK = 64 * 1024


class FileProblem(Enum):
    """Why a file cannot be read, as a closed set the callers turn into their own words."""

    NOT_FOUND = "not_found"
    FOLDER = "folder"
    PIPE = "pipe"
    DEVICE = "device"
    SOCKET = "socket"
    OTHER_KIND = "other_kind"
    LINK_LOOP = "link_loop"
    NO_PERMISSION = "no_permission"
    TOO_LARGE = "too_large"
    UNREADABLE = "unreadable"

    @property
    def description(self) -> str:
        """Plain words for logs and messages: "a named pipe, not a file"."""
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    FileProblem.NOT_FOUND: "not found",
    FileProblem.FOLDER: "a folder, not a file",
    FileProblem.PIPE: "a named pipe, not a file",
    FileProblem.DEVICE: "a device, not a file",
    FileProblem.SOCKET: "a socket, not a file",
    FileProblem.OTHER_KIND: "not a regular file",
    FileProblem.LINK_LOOP: "a symbolic link that loops (or links too deep)",
    FileProblem.NO_PERMISSION: "not readable (permission denied)",
    FileProblem.TOO_LARGE: "too large",
    FileProblem.UNREADABLE: "not readable",
}


class FileCheckError(OSError):
    """A file that was refused or could not be read; ``problem`` says why, ``detail`` adds the OS's words."""

    def __init__(self, path: Path, problem: FileProblem, detail: str = "", size: int | None = None,
                 os_errno: int | None = None) -> None:
        super().__init__(f"{path}: {problem.description}" + (f" ({detail})" if detail else ""))
        self.os_errno = os_errno  # the OS's error number behind an UNREADABLE
        self.path = path
        self.problem = problem
        self.detail = detail
        self.size = size  # for TOO_LARGE: the size seen (at least limit + 1)


def _kind_problem(mode: int) -> FileProblem | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return FileProblem.FOLDER
    if stat.S_ISFIFO(mode):
        return FileProblem.PIPE
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return FileProblem.DEVICE
    if stat.S_ISSOCK(mode):
        return FileProblem.SOCKET
    return FileProblem.OTHER_KIND


def _open_error(path: Path, exc: OSError) -> FileCheckError:
    code = exc.errno
    if code == errno.ENOENT:
        # A dangling link is "not found" to the reader too; the link itself is there to be fixed.
        return FileCheckError(path, FileProblem.NOT_FOUND, exc.strerror or "")
    if code == errno.ELOOP:
        return FileCheckError(path, FileProblem.LINK_LOOP)
    if code in (errno.EACCES, errno.EPERM):
        return FileCheckError(path, FileProblem.NO_PERMISSION)
    if code == errno.EISDIR:
        return FileCheckError(path, FileProblem.FOLDER)
    if code == errno.ENXIO:  # opening a Unix socket (or a device with no driver)
        return FileCheckError(path, FileProblem.SOCKET, exc.strerror or "")
    return FileCheckError(path, FileProblem.UNREADABLE, exc.strerror or str(exc), os_errno=code)


def _open_regular(path: Path) -> tuple[int, int]:
    """An open descriptor on ``path`` and its size, or FileCheckError; the caller closes it."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _open_error(path, exc) from None
    try:
        info = os.fstat(fd)
        problem = _kind_problem(info.st_mode)
        if problem is not None:
            raise FileCheckError(path, problem)
    except BaseException:
        os.close(fd)
        raise
    return fd, info.st_size


def check_regular_file(path: Path) -> None:
    """Raise FileCheckError unless ``path`` is a regular file this user can open for reading."""
    fd, _size = _open_regular(path)
    os.close(fd)


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes; else FileCheckError.

    Never reads more than ``limit + 1`` bytes, whatever the size the file claims or grows to.
    """
    fd, size = _open_regular(path)
    try:
        if size > limit:
            raise FileCheckError(path, FileProblem.TOO_LARGE, size=size)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            try:
                chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            except OSError as exc:
                raise FileCheckError(path, FileProblem.UNREADABLE, exc.strerror or str(exc)) from None
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(fd)
    if total > limit:
        raise FileCheckError(path, FileProblem.TOO_LARGE, size=total)
    return b"".join(chunks)
