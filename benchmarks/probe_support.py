"""What every child process shares: the offscreen screen, first-paint detection and its report line.

The children are fresh ``python`` processes, so this module imports only the standard library at
import time; Qt is imported inside the functions that need it.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
from pathlib import Path
from typing import Any

SCREEN_W, SCREEN_H = 1920, 1080
#: The offscreen platform's screen is 800x800 unless a JSON config names its screens
#: (``offscreen:configfile=...``, read by Qt's qoffscreenintegration.cpp); ``:size=`` is ignored.
OFFSCREEN_CONFIG = {
    "screens": [{"name": "bench", "x": 0, "y": 0, "width": SCREEN_W, "height": SCREEN_H,
                 "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}],
}
REPORT_PREFIX = "BENCH-RESULT "


def offscreen_platform() -> str:
    """The QT_QPA_PLATFORM value for a 1920x1080 offscreen screen (writes the config once)."""
    path = Path(tempfile.gettempdir()) / f"kiosk-bench-screen-{SCREEN_W}x{SCREEN_H}.json"
    if not path.exists():
        path.write_text(json.dumps(OFFSCREEN_CONFIG), encoding="utf-8")
    return f"offscreen:configfile={path}"


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of every measured child: the same platform, no user font or style leaks."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = offscreen_platform()
    env.pop("QT_SCALE_FACTOR", None)
    env.pop("QT_SCREEN_SCALE_FACTORS", None)
    # Bytecode as a wheel install or the frozen app has it (benchmarks/__main__ compiles it first):
    # with PYTHONDONTWRITEBYTECODE on a checkout, every launch recompiled ~56 modules (~185 ms).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra or {})
    return env


def compile_once(*folders: Path) -> None:
    """Write the bytecode of ``folders`` before anything is timed (no child pays for compiling)."""
    import compileall

    for folder in folders:
        compileall.compile_dir(folder, quiet=1)


def kiosk_home(home: Path, content_cache: bool = True) -> dict[str, str]:
    """A private KIOSK_HOME with a staff PIN set, as on a kiosk in use (no PIN: the set-up pad comes first).

    Returns the environment additions. ``content_cache`` False: no validated-deck cache kept.
    """
    import subprocess

    home.mkdir(parents=True, exist_ok=True)
    extra = {"KIOSK_HOME": str(home)}
    subprocess.run([sys.executable, "-m", "kiosk", "set-pin", "--pin-stdin"], input=b"246810\n",
                   env=child_env(extra), capture_output=True, check=True, timeout=120)
    return extra


def peak_rss_mib() -> float:
    """This process's peak resident memory (VmHWM) in MiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mib() -> float:
    """This process's resident memory now, in MiB (from /proc/self/statm)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


#: PySide6-Essentials 6.12.0 drops a reference to None on many calls of void methods (setGeometry,
#: setVisible, update, ...): on Python 3.11 (None is immortal only from 3.12) Python aborts with
#: "none_dealloc" after a few thousand calls. pyproject excludes 6.12.0; should it be installed
#: anyway, the long probes (tour, interaction, photos) set this guard so that they measure what
#: they are for. The soak never does: a crash there is a finding.
NONE_GUARD_ENV = "KIOSK_BENCH_NONE_GUARD"


def guard_none_refcount(*, force: bool = False) -> bool:
    """Under PySide6 6.12.0 on Python < 3.12, give None a reference count it cannot run out of."""
    if (os.environ.get(NONE_GUARD_ENV) != "1" and not force) or sys.version_info >= (3, 12):
        return False
    from PySide6 import __version__ as pyside_version

    if pyside_version != "6.12.0":
        return False
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    return True


def none_refcount() -> int:
    return sys.getrefcount(None)


def report(values: dict[str, Any]) -> None:
    """The one line the parent reads; then leave at once so teardown never counts."""
    sys.stdout.write(REPORT_PREFIX + json.dumps(values) + "\n")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def exit_after_first_paint(target: Any, payload: Any = None) -> Any:
    """Install a filter that reports and exits once ``target`` has been painted.

    The filter sees the Paint event before the widget draws; the zero-delay timer it starts runs
    after the whole paint pass, i.e. when the frame is really drawn. ``payload`` returns extra
    fields for the report. Returns the filter (keep a reference).
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                QTimer.singleShot(0, self.done)
            return False

        def done(self) -> None:
            values = {"peak_rss_mib": peak_rss_mib()}
            if payload is not None:
                values.update(payload())
            report(values)

    watcher = FirstPaint()
    target.installEventFilter(watcher)
    return watcher
