"""A visitor on a real X server (Xvfb + openbox), driven with xdotool, with a kill -9 and a restart in
the middle: ``kiosk report`` shows every visit, view and answer from before and after the kill.

Needs Xvfb and xdotool (installed by .ci/run); skipped where they are missing. Set
``KIOSK_TEST_PNG_DIR`` to keep the report's PDF rendered to PNG (pdftoppm) for looking at.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.core.engagement.report import read_logs
from kiosk.core.storage.paths import bundled_content_dir

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool"
)
SCREEN = (1366, 768)
# Where a visitor's finger lands on a 1366x768 screen (see `kiosk render --size 1366x768`).
NEXT_ARROW = (1318, 400)
ENGLISH = (1282, 47)
ANSWERS_Y = 390
ANSWER_X = {"very-much": 261, "not-sure": 823}


@pytest.fixture
def x_display() -> Iterator[str]:
    display = f":{200 + os.getpid() % 500}"  # not test_xvfb's :97: other runs may share the machine
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manager = None
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{display[1:]}").exists():
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.skip("Xvfb did not start")
            time.sleep(0.05)
        if shutil.which("openbox"):
            manager = subprocess.Popen(["openbox"], env={**os.environ, "DISPLAY": display},
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(0.5)
        yield display
    finally:
        if manager is not None:
            manager.terminate()
            manager.wait(timeout=10)
        server.terminate()
        server.wait(timeout=10)


class Visitor:
    """A finger and a clicker on the X server, and the kiosk's log file to see what happened."""

    def __init__(self, display: str, log: Path) -> None:
        self.display, self.log = display, log
        self.offset = 0  # the part of the log the current kiosk process wrote

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": self.display}, check=True, timeout=10)

    def tap(self, x: int, y: int) -> None:
        self.xdotool("mousemove", str(x), str(y), "click", "1")

    def key(self, name: str) -> None:
        self.xdotool("key", name)

    def since_start(self) -> str:
        if not self.log.exists():
            return ""
        return self.log.read_bytes()[self.offset:].decode("utf-8", errors="replace")

    def wait_for(self, text: str, count: int = 1, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while self.since_start().count(text) < count:
            assert time.monotonic() < deadline, f"{text!r} not in the log:\n{self.since_start()[-3000:]}"
            time.sleep(0.1)


def _report(env: dict[str, str], out: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "kiosk", "report", "--out", str(out)], env=env,
                            capture_output=True, text=True, timeout=120, check=True)
    return result.stdout


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_visits_survive_a_kill_and_a_restart(x_display: str, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(bundled_content_dir(), content)
    deck_file = content / "deck.yaml"
    deck_file.write_text(deck_file.read_text(encoding="utf-8").replace("idle_timeout: 90", "idle_timeout: 10"),
                         encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=x_display, KIOSK_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="xcb")
    subprocess.run([sys.executable, "-m", "kiosk", "set-pin", "--pin-stdin"], input=b"246810\n", env=env,
                   check=True, timeout=60)
    visitor = Visitor(x_display, tmp_path / "home" / "log" / "kiosk.log")
    db = tmp_path / "home" / "data" / "engagement.db"

    def start() -> subprocess.Popen[bytes]:
        visitor.offset = visitor.log.stat().st_size if visitor.log.exists() else 0
        kiosk = subprocess.Popen([sys.executable, "-m", "kiosk", "--no-restart", "--content", str(content)],
                                 env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        visitor.wait_for("kiosk started", timeout=30)
        time.sleep(1.0)  # let the window map and take focus
        return kiosk

    kiosk = start()
    try:
        # Visit 1: a tap on the arrow, a clicker's PageDown, English, End, an answer; then kill -9.
        visitor.tap(*NEXT_ARROW)
        visitor.wait_for("page 1 (")
        visitor.key("Next")
        visitor.wait_for("page 2 (")
        visitor.tap(*ENGLISH)
        time.sleep(0.8)
        visitor.key("End")
        visitor.wait_for("(your-view)")
        time.sleep(0.8)  # the slide slides in
        visitor.tap(ANSWER_X["very-much"], ANSWERS_Y)
        time.sleep(1.0)  # an answer is on disk within a second of being given
        kiosk.kill()
        kiosk.wait(timeout=10)
        before = read_logs([db])
        assert len(before.visits) == 1
        assert len(before.views) == 4
        assert len(before.answers) == 1
        assert "1 visits, 4 slide views, 1 answers" in _report(env, tmp_path / "report-after-kill")

        # Visit 2 after the restart: taps and keys, English, an answer; then nobody: the idle reset.
        kiosk = start()
        visitor.tap(*NEXT_ARROW)
        visitor.wait_for("page 1 (")
        visitor.key("Next")
        visitor.wait_for("page 2 (")
        visitor.key("Next")
        visitor.wait_for("page 3 (")
        visitor.tap(*ENGLISH)
        time.sleep(0.8)
        visitor.key("End")
        visitor.wait_for("(your-view)")
        time.sleep(0.8)
        visitor.tap(ANSWER_X["not-sure"], ANSWERS_Y)
        visitor.wait_for("nobody there: back to the start", timeout=40)
        time.sleep(1.0)
        assert kiosk.poll() is None
    finally:
        kiosk.kill()
        kiosk.wait(timeout=10)

    out = tmp_path / "report"
    assert "2 visits, 9 slide views, 2 answers" in _report(env, out)
    after = read_logs([db])
    assert set(before.visits) <= set(after.visits)
    assert set(before.views) <= set(after.views)
    assert set(before.answers) <= set(after.answers)
    visits = _rows(out / "visits.csv")
    assert [(v["languages"], v["ended_by"], v["slides_viewed"]) for v in visits] == [
        ("km en", "not recorded", "4"), ("km en", "idle", "5")]
    answers = [(r["answer"], r["count"]) for r in _rows(out / "answers.csv") if r["question"] == "your-view"]
    assert answers == [("very-much", "1"), ("liked-it", "0"), ("not-sure", "1"), ("did-not-like-it", "0")]
    pdf = out / "report.pdf"
    assert pdf.stat().st_size > 10_000
    keep = os.environ.get("KIOSK_TEST_PNG_DIR")
    if keep and shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(Path(keep) / "x-report")], check=True,
                       timeout=60)
