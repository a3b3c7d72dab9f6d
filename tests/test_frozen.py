"""The frozen one-folder app dist/kiosk (``pyinstaller kiosk.spec``); skipped when not built.

Each run gets a clean environment (no Python on PATH, an empty HOME), like the staff laptops.
The full smoke test, with the read-only folder and content beside the app, is
scripts/smoke_frozen.sh (run by .ci/run after the build).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dist" / "kiosk"
EXE = APP / ("kiosk.exe" if sys.platform == "win32" else "kiosk")

pytestmark = pytest.mark.skipif(not EXE.is_file(), reason="dist/kiosk not built (see kiosk.spec)")


def run_frozen(*args: str, home: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "PATH": os.devnull, "QT_QPA_PLATFORM": "offscreen", **extra}
    if sys.platform == "win32":  # Windows needs these to start any program
        env.update({k: os.environ[k] for k in ("SYSTEMROOT", "TEMP", "TMP") if k in os.environ})
    return subprocess.run([str(EXE), *args], env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=120, check=False)


def test_selftest_finds_content_fonts_and_icu(tmp_path: Path) -> None:
    result = run_frozen(home=tmp_path, KIOSK_SELFTEST="1")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
    assert lines["frozen"] == "True"
    assert Path(lines["content"]) == APP.resolve() / "_internal" / "kiosk" / "content"
    if sys.platform.startswith("linux"):  # Qt's own ICU ships in the bundle on Linux
        assert lines["linebreak"].startswith("ICU dictionary"), lines["linebreak"]


def test_check_and_render_one_slide(tmp_path: Path) -> None:
    check = run_frozen("check", home=tmp_path)
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("OK: ")
    out = tmp_path / "out"
    render = run_frozen("render", "--out", str(out), "--lang", "km", "--slide", "home",
                        "--size", "800x600", home=tmp_path)
    assert render.returncode == 0, render.stderr
    assert (out / "home.km.png").stat().st_size > 1000
