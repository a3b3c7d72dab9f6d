"""The kiosk as a visitor meets it, on a real X server: closing keys do nothing, a clicker turns slides.

Needs Xvfb and xdotool (installed by .ci/run); skipped where they are missing. With openbox running
(also installed by .ci/run), Alt+F4 is a real close request from a window manager.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool"
)
DISPLAY = ":97"


@pytest.fixture
def x_server() -> Iterator[str]:
    server = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{DISPLAY[1:]}").exists():
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.skip("Xvfb did not start")
            time.sleep(0.05)
        manager = None
        if shutil.which("openbox"):
            manager = subprocess.Popen(["openbox"], env={**os.environ, "DISPLAY": DISPLAY},
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(0.5)
        yield DISPLAY
        if manager is not None:
            manager.terminate()
            manager.wait(timeout=10)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _xdotool(display: str, *args: str) -> None:
    subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": display}, check=True, timeout=10)


def _wait_for(log: Path, text: str, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and text in log.read_text(encoding="utf-8", errors="replace"):
            return True
        time.sleep(0.1)
    return False


def test_visitor_cannot_close_it_and_a_clicker_turns_the_slide(x_server: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=x_server, KIOSK_HOME=str(tmp_path), QT_QPA_PLATFORM="xcb")
    # Staff set the PIN first (with none, the kiosk opens on the set-up pad).
    subprocess.run([sys.executable, "-m", "kiosk", "set-pin", "--pin-stdin"], input=b"246810\n", env=env,
                   check=True, timeout=60)
    kiosk = subprocess.Popen([sys.executable, "-m", "kiosk", "--no-restart"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    log = tmp_path / "log" / "kiosk.log"
    try:
        started = _wait_for(log, "kiosk started")
        assert started, kiosk.stdout.read().decode() if kiosk.stdout and kiosk.poll() is not None else ""
        time.sleep(1.0)  # let the window map and take focus
        for keys in ("Escape", "alt+F4", "ctrl+q", "ctrl+w"):
            _xdotool(x_server, "key", keys)
            time.sleep(0.4)
            assert kiosk.poll() is None, f"the kiosk closed on {keys}"
        _xdotool(x_server, "key", "Next")  # a presentation clicker's PageDown
        assert _wait_for(log, "page 1 ("), "PageDown did not turn the slide"
        assert kiosk.poll() is None
    finally:
        kiosk.kill()
        kiosk.wait(timeout=10)
        if kiosk.stdout is not None:
            kiosk.stdout.close()
