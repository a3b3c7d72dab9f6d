"""Only regular files are opened, and never more than the limit is read."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.core.storage.safefile import FileCheckError, FileProblem, check_regular_file, read_regular_file


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"x" * 100)
    assert read_regular_file(path, 100) == b"x" * 100
    check_regular_file(path)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays


def _two_link_loop(path: Path) -> None:
    path.symlink_to(path.with_name("b"))
    path.with_name("b").symlink_to(path)


KINDS: dict[str, tuple[Callable[[Path], object], FileProblem]] = {
    "missing": (lambda path: None, FileProblem.NOT_FOUND),
    "folder": (lambda path: path.mkdir(), FileProblem.FOLDER),
    "named pipe": (_fifo, FileProblem.PIPE),
    "link to /dev/zero": (lambda path: path.symlink_to("/dev/zero"), FileProblem.DEVICE),
    "socket": (_socket, FileProblem.SOCKET),
    "link loop": (lambda path: path.symlink_to(path), FileProblem.LINK_LOOP),
    "two links in a loop": (lambda path: _two_link_loop(path), FileProblem.LINK_LOOP),
}


@pytest.mark.parametrize(("make", "problem"), KINDS.values(), ids=KINDS.keys())
def test_anything_but_a_regular_file_is_refused_at_once(tmp_path: Path, make: Callable[[Path], object],
                                                        problem: FileProblem) -> None:
    path = tmp_path / "a.yaml"
    make(path)
    for attempt in (lambda: read_regular_file(path, 1024), lambda: check_regular_file(path)):
        with pytest.raises(FileCheckError) as raised:
            attempt()
        assert raised.value.problem is problem
        assert raised.value.path == path


def test_a_pipe_with_a_writer_is_refused_too(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    os.mkfifo(path)
    writer = os.open(path, os.O_RDWR | os.O_NONBLOCK)  # a writer that never writes
    try:
        with pytest.raises(FileCheckError) as raised:
            read_regular_file(path, 1024)
        assert raised.value.problem is FileProblem.PIPE
    finally:
        os.close(writer)


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"x" * 101)
    with pytest.raises(FileCheckError) as raised:
        read_regular_file(path, 100)
    assert raised.value.problem is FileProblem.TOO_LARGE
    assert raised.value.size == 101


def test_a_file_that_grows_while_read_stops_at_limit_plus_one(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"")  # fstat says 0 bytes; the reads keep finding more, as /proc files do
    asked: list[int] = []

    def endless(fd: int, size: int) -> bytes:
        asked.append(size)
        return b"y" * size

    monkeypatch.setattr("kiosk.core.storage.safefile.os.read", endless)
    with pytest.raises(FileCheckError) as raised:
        read_regular_file(path, 100_000)
    assert raised.value.problem is FileProblem.TOO_LARGE
    assert sum(asked) == 100_001


def test_permission_denied_is_its_own_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("x", encoding="utf-8")

    def refusing(name: object, *args: object) -> int:
        raise PermissionError(13, "Permission denied", str(name))

    monkeypatch.setattr("kiosk.core.storage.safefile.os.open", refusing)
    with pytest.raises(FileCheckError) as raised:
        read_regular_file(path, 10)
    assert raised.value.problem is FileProblem.NO_PERMISSION
    assert str(raised.value) == f"{path}: not readable (permission denied)"
