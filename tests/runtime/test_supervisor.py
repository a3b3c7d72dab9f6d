"""The supervisor: restart after a crash, safe mode after a crash loop, give up after that."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.runtime.supervisor import (
    CHILD_ENV,
    EXIT_CRASH,
    CrashDecision,
    child_command,
    decide_after_crash,
    install_crash_hook,
    run_supervised,
)


@pytest.fixture(autouse=True)
def kiosk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The supervisor's log goes to a temporary KIOSK_HOME; its handler is removed afterwards."""
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield tmp_path / "home"
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


@pytest.mark.parametrize(
    ("crashes", "safe_mode", "expected"),
    [
        ([], False, CrashDecision.RESTART),
        ([10.0], False, CrashDecision.RESTART),
        ([10.0, 20.0], False, CrashDecision.RESTART),
        ([10.0, 20.0, 30.0], False, CrashDecision.SAFE_MODE),
        ([10.0, 20.0, 69.9], False, CrashDecision.SAFE_MODE),  # three within 60 s
        ([10.0, 20.0, 70.0], False, CrashDecision.RESTART),  # the first is 60 s old
        ([0.0, 100.0, 200.0, 300.0], False, CrashDecision.RESTART),  # a crash now and then
        ([0.0, 100.0, 130.0, 150.0], False, CrashDecision.SAFE_MODE),
        ([10.0, 20.0], True, CrashDecision.RESTART),
        ([10.0, 20.0, 30.0], True, CrashDecision.GIVE_UP),
        ([10.0, 200.0, 400.0], True, CrashDecision.RESTART),
    ],
)
def test_crash_loop_decision(crashes: list[float], safe_mode: bool,
                             expected: CrashDecision) -> None:
    assert decide_after_crash(crashes, safe_mode=safe_mode) is expected


def test_child_command_runs_the_package_and_adds_safe_mode() -> None:
    assert child_command(["--lang", "en"], safe_mode=False) == [
        sys.executable, "-m", "kiosk", "--lang", "en"]
    assert child_command(["--lang", "en", "--safe-mode"], safe_mode=True) == [
        sys.executable, "-m", "kiosk", "--lang", "en", "--safe-mode"]


def _child(script: str) -> list[str]:
    return [sys.executable, "-c", script]


class Recorder:
    """A fake child command: records which mode each start asked for."""

    def __init__(self, script: str) -> None:
        self.script = script
        self.modes: list[bool] = []

    def __call__(self, safe_mode: bool) -> list[str]:
        self.modes.append(safe_mode)
        return _child(self.script)


def test_a_crashed_child_is_restarted(tmp_path: Path) -> None:
    counter = tmp_path / "starts"
    script = (f"import pathlib, sys; p = pathlib.Path({str(counter)!r}); "
              "n = len(p.read_text()) if p.exists() else 0; p.write_text('x' * (n + 1)); "
              f"sys.exit({EXIT_CRASH} if n < 2 else 0)")
    command = Recorder(script)
    ticks = iter(range(0, 1000, 100))  # crashes far apart: no crash loop
    assert run_supervised([], False, command=command, clock=lambda: float(next(ticks))) == 0
    assert counter.read_text() == "xxx"
    assert command.modes == [False, False, False]


def test_crash_loop_switches_to_safe_mode_then_gives_up(
        capsys: pytest.CaptureFixture[str], kiosk_home: Path) -> None:
    command = Recorder(f"import sys; sys.exit({EXIT_CRASH})")
    assert run_supervised([], False, command=command, clock=lambda: 5.0) == EXIT_CRASH
    assert command.modes == [False, False, False, True, True, True]
    assert "also in safe mode" in capsys.readouterr().err
    log = (kiosk_home / "log" / "supervisor.log").read_text(encoding="utf-8")
    assert "the kiosk stopped with exit code 70; safe mode" in log
    assert log.count("the kiosk stopped with exit code 70; give up") == 1


def test_safe_mode_child_that_works_ends_normally() -> None:
    script = "import sys; sys.exit(0 if '--safe-mode' in sys.argv else 1)"
    starts: list[list[str]] = []

    def command(safe_mode: bool) -> list[str]:
        cmd = _child(script) + (["--safe-mode"] if safe_mode else [])
        starts.append(cmd)
        return cmd

    assert run_supervised([], False, command=command, clock=lambda: 1.0) == 0
    assert len(starts) == 4


@pytest.mark.parametrize("code", [0, 2])
def test_clean_exit_and_usage_errors_are_not_restarted(code: int) -> None:
    command = Recorder(f"import sys; sys.exit({code})")
    assert run_supervised([], False, command=command) == code
    assert command.modes == [False]


def test_the_child_knows_it_is_supervised(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CHILD_ENV, raising=False)
    out = tmp_path / "env"
    script = f"import os, pathlib; pathlib.Path({str(out)!r}).write_text(os.environ['{CHILD_ENV}'])"
    assert run_supervised([], False, command=Recorder(script)) == 0
    assert out.read_text() == "1"


def test_no_restart_runs_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CHILD_ENV, raising=False)
    assert run_supervised(["--no-restart"], True, lambda: 7,
                          command=lambda safe: pytest.fail("no child expected")) == 7


def test_inside_the_child_the_crash_hook_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CHILD_ENV, "1")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    before = sys.excepthook
    assert run_supervised([], False, lambda: 0) == 0
    assert sys.excepthook is not before


def test_crash_hook_logs_and_exits_with_the_crash_code(monkeypatch: pytest.MonkeyPatch,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    exits: list[int] = []
    install_crash_hook(exit_now=exits.append)
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError as exc:
        with caplog.at_level(logging.CRITICAL, logger="kiosk.runtime.supervisor"):
            sys.excepthook(type(exc), exc, exc.__traceback__)
    assert exits == [EXIT_CRASH]
    assert caplog.records[-1].getMessage() == "unhandled exception; restarting"
    assert "boom in a slot" in caplog.text


def test_a_real_crash_in_a_child_is_restarted(tmp_path: Path) -> None:
    """End to end: an exception in the child goes through the hook and the child is restarted."""
    counter = tmp_path / "starts"
    script = (
        "import pathlib, sys\n"
        "from kiosk.runtime.supervisor import install_crash_hook\n"
        "install_crash_hook()\n"
        f"p = pathlib.Path({str(counter)!r})\n"
        "n = len(p.read_text()) if p.exists() else 0\n"
        "p.write_text('x' * (n + 1))\n"
        "if n == 0:\n"
        "    raise RuntimeError('first start crashes')\n"
    )
    assert run_supervised([], False, command=Recorder(script), clock=lambda: 1.0) == 0
    assert counter.read_text() == "xx"
