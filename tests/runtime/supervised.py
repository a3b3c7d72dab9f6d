"""A supervised kiosk for the supervisor's tests: ``python supervised.py SCENARIO`` in a process of its own.

The supervisor forks it (no second interpreter), as ``kiosk`` does; each start appends a line to
``$SUPERVISED_STARTS`` (its pid and safe-mode reason), then misbehaves as the scenario says before
(or instead of) running the real kiosk. ``$SUPERVISED_TIMING`` holds the :class:`Timing` (JSON).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from kiosk import cli
from kiosk.app import run_kiosk
from kiosk.runtime.supervisor import Timing, run_supervised


def _start_number() -> int:
    starts = Path(os.environ["SUPERVISED_STARTS"])
    previous = starts.read_text().splitlines() if starts.exists() else []
    with starts.open("a") as file:
        file.write(f"{os.getpid()} {os.environ.get('KIOSK_SAFE_MODE', 'normal')}\n")
    return len(previous)


def _crash(kind: int) -> int:
    """Eight ways for a kiosk to go."""
    if kind == 0:
        raise RuntimeError("a bug")
    if kind == 1:
        os.kill(os.getpid(), signal.SIGSEGV)
    if kind == 2:
        return 1
    if kind == 3:
        os._exit(0)  # a stray exit: not the staff's Exit
    if kind == 4:
        return 0  # the event loop ended (a window manager closed the window)
    if kind == 5:
        os.kill(os.getpid(), signal.SIGKILL)
    if kind == 6:
        sys.exit(3)
    os.abort()
    return 0


def main(scenario: str) -> int:
    args = cli.parse_args([])
    assert not isinstance(args, int)

    def run() -> int:
        n = _start_number()
        if scenario == "crashes" and n < 8:
            return _crash(n)
        if scenario == "hang" and n == 0:
            from PySide6.QtCore import QTimer

            from kiosk.app import create_application

            create_application()  # the kiosk's own (run_kiosk takes it), so the timer has a loop to run in
            os.environ.pop("KIOSK_EXIT_AFTER_FIRST_PAINT", None)  # this one stays up, then freezes
            QTimer.singleShot(1500, lambda: time.sleep(3600))  # after some beats the event loop blocks
        if scenario == "hang-at-start" and n == 0:
            time.sleep(3600)
        if scenario in ("tree", "stubborn"):
            if scenario == "stubborn":
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
            grandchild = subprocess.Popen(["sleep", "300"])
            Path(os.environ["SUPERVISED_STARTS"]).with_suffix(".tree").write_text(f"{grandchild.pid}\n")
            time.sleep(3600)
        return run_kiosk(args)

    timing = Timing(**json.loads(os.environ.get("SUPERVISED_TIMING", "{}")))
    return run_supervised([], False, run, timing=timing)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
