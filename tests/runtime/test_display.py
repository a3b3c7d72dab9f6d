"""A screen that cannot open: the missing libraries found, their Debian packages, one clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.runtime import display
from kiosk.runtime.display import DisplayFailure, debian_package, display_failure, explain, missing_libraries

QT_LOG = (
    'INFO qt.qt.qpa.plugin: Could not load the Qt platform plugin "xcb" in "" even though it was found.\n'
    "CRITICAL qt.default: This application failed to start because no Qt platform plugin could be "
    "initialized. Reinstalling the application may fix this problem.\n"
)
LDD = (
    "\tlinux-vdso.so.1 (0x00007ffc)\n"
    "\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)\n"
    "\tlibxcb-icccm.so.4 => not found\n"
    "\tlibxcb-keysyms.so.1 => not found\n"
    "\tlibxcb-icccm.so.4 => not found\n"
    "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f)\n"
)


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libx11-xcb.so.1", "libx11-xcb1"),
        ("libEGL.so.1", "libEGL1"),
    ],
)
def test_debian_package_of_a_library(soname: str, package: str) -> None:
    assert debian_package(soname) == package


def test_ldd_says_which_libraries_are_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    monkeypatch.setattr(display, "plugin_file", lambda name: plugin if name == "xcb" else None)
    seen: list[list[str]] = []

    def ldd(cmd: list[str]) -> str:
        seen.append(cmd)
        return LDD

    assert missing_libraries("xcb", run=ldd) == ("libxcb-icccm.so.4", "libxcb-keysyms.so.1")
    assert seen[0][-1] == str(plugin)


def test_other_failures_are_not_display_failures() -> None:
    assert display_failure("CRITICAL kiosk: unhandled exception; restarting\n", missing=lambda p: ()) is None


def test_missing_libraries_are_named_with_the_install_line(tmp_path: Path) -> None:
    failure = display_failure(QT_LOG, missing=lambda plugin: ("libxcb-icccm.so.4", "libxcb-keysyms.so.1"))
    assert failure == DisplayFailure("xcb", ("libxcb-icccm.so.4", "libxcb-keysyms.so.1"), False)
    assert explain(failure, tmp_path / "kiosk.log", {"DISPLAY": ":0"}) == (
        'kiosk: cannot open the screen: Qt\'s "xcb" platform plugin did not start.\n'
        "  Missing system libraries: libxcb-icccm.so.4, libxcb-keysyms.so.1\n"
        "  Install them (Debian/Ubuntu): sudo apt-get install libxcb-icccm4 libxcb-keysyms1\n"
        f"  The log file says more: {tmp_path / 'kiosk.log'}")


def test_no_display_is_told_apart_from_missing_libraries(tmp_path: Path) -> None:
    log = "WARNING qt.qt.qpa.xcb: could not connect to display :7\n" + QT_LOG
    failure = display_failure(log, missing=lambda plugin: ())
    assert failure == DisplayFailure("xcb", (), True)
    assert explain(failure, tmp_path / "kiosk.log", {"DISPLAY": ":7"}).splitlines()[1] == (
        '  No display to show it on (DISPLAY=":7").')


def test_an_unexplained_plugin_failure_gives_the_whole_package_list(tmp_path: Path) -> None:
    failure = display_failure(QT_LOG, missing=lambda plugin: ())
    assert failure is not None
    assert not failure.no_display
    message = explain(failure, tmp_path / "kiosk.log", {})
    assert "sudo apt-get install libegl1 libgl1" in message
    assert "libxcb-icccm4 libxcb-image0" in message
