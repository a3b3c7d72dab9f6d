"""The kiosk as a visitor meets it, on a real X server: nothing a key or a click does gets out of it.

Needs Xvfb, xdotool and xwininfo/xprop (x11-utils; installed by .ci/run); skipped where they are
missing. With openbox running (also installed by .ci/run) every default openbox binding is tried:
each must leave the kiosk mapped, full screen, on top and focused, and nothing else on the screen.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("Xvfb", "xdotool", "xwininfo", "xprop")),
    reason="needs Xvfb, xdotool and x11-utils",
)
SCREEN = (1366, 768)
BACK_WITHIN_S = 4.0  # the promise: nothing leaves the kiosk hidden after 4 s
WM_ACTS_S = 0.2  # time for openbox to carry out a binding before the kiosk is looked at

# Every key binding of openbox's default rc.xml (/etc/xdg/openbox/rc.xml), as xdotool names them.
# "alt+space n" opens the window menu and picks Iconify, as the visitor did.
OPENBOX_BINDINGS = (
    "ctrl+alt+Right", "ctrl+alt+Left", "ctrl+alt+Up", "ctrl+alt+Down",
    "shift+alt+Right", "shift+alt+Left", "shift+alt+Up", "shift+alt+Down",
    "super+F2", "super+F3", "super+F4", "super+F1",
    "super+d", "alt+F4", "alt+Escape", "alt+space n", "alt+space",
    "alt+Tab", "alt+shift+Tab", "ctrl+alt+Tab",
    "super+shift+Right", "super+shift+Left", "super+shift+Up", "super+shift+Down",
    "super+e", "alt+Print", "Print",
    "Escape", "ctrl+q", "ctrl+w",
)
# What a pager, a panel or a stray program could do to the window without a key: the kiosk must come back.
OTHER_CLIENTS = (("windowminimize",), ("set_desktop", "1"), ("windowunmap",))


@dataclass
class XServer:
    display: str
    window_manager: bool

    def env(self) -> dict[str, str]:
        return {**os.environ, "DISPLAY": self.display}

    def run(self, *args: str) -> str:
        done = subprocess.run(list(args), env=self.env(), capture_output=True, text=True, timeout=10)
        return done.stdout


def _start_x(window_manager: bool) -> Iterator[XServer]:
    read, write = os.pipe()  # -displayfd: Xvfb picks a free display, so parallel runs never collide
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24",
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    manager = None
    try:
        with os.fdopen(read) as number:
            display = number.readline().strip()
        if not display:
            pytest.skip("Xvfb did not start")
        x = XServer(f":{display}", window_manager)
        if window_manager:
            manager = subprocess.Popen(["openbox"], env=x.env(),
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 10
            while "_NET_SUPPORTING_WM_CHECK(WINDOW)" not in x.run("xprop", "-root", "_NET_SUPPORTING_WM_CHECK"):
                assert time.monotonic() < deadline, "openbox did not start"
                time.sleep(0.05)
        yield x
    finally:
        if manager is not None:
            manager.terminate()
            manager.wait(timeout=10)
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def openbox() -> Iterator[XServer]:
    if not shutil.which("openbox"):
        pytest.skip("needs openbox")
    yield from _start_x(window_manager=True)


@pytest.fixture
def bare_x() -> Iterator[XServer]:
    yield from _start_x(window_manager=False)


def _wait_for(log: Path, text: str, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and text in log.read_text(encoding="utf-8", errors="replace"):
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def start_kiosk(tmp_path: Path) -> Iterator[_KioskStarter]:
    starter = _KioskStarter(tmp_path)
    yield starter
    starter.stop()


class _KioskStarter:
    """Starts ``kiosk --no-restart`` on a display, with a PIN set (else it opens on the set-up pad)."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.log = home / "log" / "kiosk.log"
        self.process: subprocess.Popen[bytes] | None = None

    def __call__(self, x: XServer, *args: str, started: str = "kiosk started") -> subprocess.Popen[bytes]:
        env = {k: v for k, v in x.env().items() if k != "QT_QPA_PLATFORM"}
        env.update(KIOSK_HOME=str(self.home), QT_QPA_PLATFORM="xcb")
        subprocess.run([sys.executable, "-m", "kiosk", "set-pin", "--pin-stdin"], input=b"246810\n", env=env,
                       check=True, timeout=60)
        self.process = subprocess.Popen([sys.executable, "-m", "kiosk", "--no-restart", *args], env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if not _wait_for(self.log, started):
            self.process.kill()
            output = self.process.stdout.read().decode() if self.process.stdout else "no start"
            self.stop()
            raise AssertionError(output)
        return self.process

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()


# --------------------------------------------------------------------------- looking at the screen

def _viewable_windows(x: XServer) -> dict[str, tuple[int, int, int, int]]:
    """The root's mapped children (frames, menus, popups) by id, with their geometry."""
    windows = {}
    for line in x.run("xwininfo", "-root", "-children").splitlines():
        match = re.match(r"\s+(0x[0-9a-f]+) .*\s(\d+)x(\d+)\+(-?\d+)\+(-?\d+)\s", line)
        if match and "IsViewable" in x.run("xwininfo", "-id", match[1]):
            width, height, left, top = (int(v) for v in match.groups()[1:])
            if (width, height) != (1, 1):  # openbox's own 1x1 windows, off screen
                windows[match[1]] = (left, top, width, height)
    return windows


def _kiosk_window(x: XServer, pid: int) -> str:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        ids = x.run("xdotool", "search", "--onlyvisible", "--pid", str(pid)).split()
        if ids:
            return ids[-1]
        time.sleep(0.1)
    raise AssertionError("the kiosk window never mapped")


def _problems(x: XServer, window: str) -> list[str]:
    """What a visitor would see wrong with the kiosk window now (an empty list: all is well)."""
    problems = []
    info = x.run("xwininfo", "-id", window)
    if "IsViewable" not in info:
        problems.append("not mapped")
    size = tuple(int(v) for v in re.findall(r"(?:Width|Height): (\d+)", info))
    origin = tuple(int(v) for v in re.findall(r"Absolute upper-left [XY]:\s+(-?\d+)", info))
    if (origin, size) != ((0, 0), SCREEN):
        problems.append(f"at {origin} size {size}, not the whole screen")
    others = {w: g for w, g in _viewable_windows(x).items() if g != (0, 0, *SCREEN)}
    if others:
        problems.append(f"something else is on the screen: {others}")
    if x.window_manager:
        states = x.run("xprop", "-id", window, "_NET_WM_STATE")
        for state in ("FULLSCREEN", "ABOVE"):
            if f"_NET_WM_STATE_{state}" not in states:
                problems.append(f"not {state.lower()}: {states.strip()}")
        # Every desktop: openbox keeps it as _NET_WM_DESKTOP = all (0xFFFFFFFF); others as STICKY.
        desktop = x.run("xprop", "-id", window, "_NET_WM_DESKTOP")
        if "_NET_WM_STATE_STICKY" not in states and "4294967295" not in desktop:
            problems.append(f"not on every desktop: {desktop.strip()}")
        active = x.run("xdotool", "getactivewindow").strip()
        if active != window:
            problems.append(f"not focused (active window {active or 'none'})")
    return problems


def _held_after(x: XServer, window: str, action: str) -> list[str]:
    """Wait for the window manager to act, then up to 4 s for the kiosk to be whole again."""
    time.sleep(WM_ACTS_S)
    deadline = time.monotonic() + BACK_WITHIN_S
    while (problems := _problems(x, window)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return [f"after {action}: {problem}" for problem in problems]


def _try_every_binding(x: XServer, kiosk: subprocess.Popen[bytes]) -> list[str]:
    window = _kiosk_window(x, kiosk.pid)
    failures = _held_after(x, window, "start")
    middle = (SCREEN[0] // 2, SCREEN[1] // 2)
    for binding in OPENBOX_BINDINGS:
        for keys in binding.split():
            x.run("xdotool", "key", keys)
            time.sleep(0.1)
        failures += _held_after(x, window, binding)
        # The bare desktop's right-click menu offers a terminal: the kiosk must cover it.
        x.run("xdotool", "mousemove", *map(str, middle), "click", "3")
        time.sleep(0.15)
        failures += [f"after {binding} and a right-click: {problem}" for problem in _problems(x, window)]
        if kiosk.poll() is not None:
            return [*failures, f"the kiosk ended on {binding} (exit {kiosk.returncode})"]
        if len({failure.split(":")[0] for failure in failures}) >= 3:
            return failures  # each failing case waits 4 s: three are enough to see what is wrong
        if failures:
            x.run("xdotool", "key", "Escape")  # close a menu left open, so later cases stand alone
            x.run("xdotool", "windowmap", window, "windowactivate", window)
    if x.window_manager:
        for command, *args in OTHER_CLIENTS:
            x.run("xdotool", command, *(args or [window]))
            failures += _held_after(x, window, f"xdotool {command}")
            x.run("xdotool", "set_desktop", "0")
    return failures


# --------------------------------------------------------------------------- the cases

def test_no_openbox_binding_gets_out_of_the_slides_and_a_clicker_still_works(
    openbox: XServer, start_kiosk: _KioskStarter
) -> None:
    kiosk = start_kiosk(openbox)
    assert _try_every_binding(openbox, kiosk) == []
    assert kiosk.poll() is None
    turns = start_kiosk.log.read_text(encoding="utf-8").count(" page ")  # (arrow bindings turn slides too)
    openbox.run("xdotool", "key", "Next")  # a presentation clicker's PageDown: the grab still delivers keys
    deadline = time.monotonic() + 5
    while start_kiosk.log.read_text(encoding="utf-8").count(" page ") == turns:
        assert time.monotonic() < deadline, "PageDown did not turn the slide"
        time.sleep(0.1)
    assert kiosk.poll() is None


def _broken_content(tmp_path: Path) -> Path:
    folder = tmp_path / "broken-content"
    folder.mkdir()
    (folder / "deck.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    return folder


def test_no_openbox_binding_gets_out_of_the_error_page(openbox: XServer, start_kiosk: _KioskStarter,
                                                       tmp_path: Path) -> None:
    kiosk = start_kiosk(openbox, "--content", str(_broken_content(tmp_path)), started="no good version is kept")
    assert _try_every_binding(openbox, kiosk) == []
    assert kiosk.poll() is None, "Alt+F4 (or another binding) ended the kiosk on the error page"


def test_the_error_page_fills_the_screen_without_a_window_manager(bare_x: XServer, start_kiosk: _KioskStarter,
                                                                  tmp_path: Path) -> None:
    kiosk = start_kiosk(bare_x, "--content", str(_broken_content(tmp_path)), started="no good version is kept")
    window = _kiosk_window(bare_x, kiosk.pid)
    assert _held_after(bare_x, window, "start") == []
    bare_x.run("xdotool", "key", "alt+F4")
    assert _held_after(bare_x, window, "alt+F4") == []
    assert kiosk.poll() is None


def test_closing_keys_in_the_first_second_are_refused(openbox: XServer, tmp_path: Path) -> None:
    """Lockdown acts from the first frame, before the operational features are installed after it."""
    env = {k: v for k, v in openbox.env().items() if k != "QT_QPA_PLATFORM"}
    env.update(KIOSK_HOME=str(tmp_path), QT_QPA_PLATFORM="xcb")
    subprocess.run([sys.executable, "-m", "kiosk", "set-pin", "--pin-stdin"], input=b"246810\n", env=env,
                   check=True, timeout=60)
    kiosk = subprocess.Popen([sys.executable, "-m", "kiosk", "--no-restart"], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # As soon as the window is mapped: no sleep, keys from the very first frames on.
        subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(kiosk.pid)],
                       env=openbox.env(), check=True, timeout=30, capture_output=True)
        for keys in ("alt+F4", "Escape", "alt+F4", "ctrl+q", "ctrl+w", "alt+F4"):
            openbox.run("xdotool", "key", keys)
            assert kiosk.poll() is None, f"the kiosk closed on {keys}"
        time.sleep(0.5)
        assert kiosk.poll() is None
    finally:
        kiosk.kill()
        kiosk.wait(timeout=10)
