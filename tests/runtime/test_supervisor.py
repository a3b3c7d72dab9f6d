"""The supervisor: restart after every crash or hang, safer modes in a crash loop, stop with all it started."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.runtime.safemode import SafeModeReason
from kiosk.runtime.supervisor import (
    CHILD_ENV,
    EXIT_CRASH,
    EXIT_FINAL,
    EXIT_NO_SCREEN,
    CrashDecision,
    FailureRow,
    Timing,
    child_command,
    install_crash_hook,
    run_supervised,
    safer,
)

SCRIPT = Path(__file__).with_name("supervised.py")
FAST = Timing(backoff_first_s=0.01, backoff_max_s=0.05, stop_timeout_s=2.0)
pytestmark = pytest.mark.skipif(os.name != "posix", reason="process groups and signals are POSIX")


@pytest.fixture(autouse=True)
def kiosk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The supervisor's log goes to a temporary KIOSK_HOME; its handler is removed afterwards."""
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("KIOSK_SAFE_MODE", raising=False)
    monkeypatch.delenv(CHILD_ENV, raising=False)
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield tmp_path / "home"
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


# --------------------------------------------------------------------------- the policy

@pytest.mark.parametrize(
    ("healthy", "decisions", "backoffs"),
    [
        ([0.0], ["restart"], [1.0]),
        ([0.0, 0.0], ["restart", "restart"], [1.0, 2.0]),
        ([0.0, 0.0, 0.0], ["restart", "restart", "safer"], [1.0, 2.0, 4.0]),
        # the back-off doubles to its cap and the row never ends in giving up
        ([0.0] * 8, ["restart", "restart", "safer"] * 2 + ["restart", "restart"],
         [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0]),
        ([0.0, 0.0, 61.0], ["restart", "restart", "restart"], [1.0, 2.0, 1.0]),  # a steady run ends the row
        ([0.0, 59.0, 0.0], ["restart", "restart", "safer"], [1.0, 2.0, 4.0]),
    ],
)
def test_failures_in_a_row_back_off_and_call_for_a_safer_mode(
        healthy: list[float], decisions: list[str], backoffs: list[float]) -> None:
    row = FailureRow(Timing())
    got = []
    waits = []
    for seconds in healthy:
        got.append("safer" if row.record(seconds) is CrashDecision.SAFE_MODE else "restart")
        waits.append(row.backoff_s())
    assert (got, waits) == (decisions, backoffs)


@pytest.mark.parametrize(
    ("reason", "hang", "expected"),
    [
        (None, False, SafeModeReason.CRASHES),
        (None, True, SafeModeReason.HANG),
        (SafeModeReason.CRASHES, False, SafeModeReason.STILL_CRASHING),
        (SafeModeReason.HANG, True, SafeModeReason.STILL_CRASHING),
        (SafeModeReason.ASKED, False, SafeModeReason.STILL_CRASHING),
        (SafeModeReason.STILL_CRASHING, False, SafeModeReason.STILL_CRASHING),
    ],
)
def test_each_crash_loop_goes_one_mode_safer(reason: SafeModeReason | None, hang: bool,
                                            expected: SafeModeReason) -> None:
    assert safer(reason, hang=hang) is expected


def test_child_command_runs_the_package_with_the_same_arguments() -> None:
    assert child_command(["--lang", "en", "--safe-mode"]) == [
        sys.executable, "-m", "kiosk", "--lang", "en", "--safe-mode"]


# --------------------------------------------------------------------------- spawned children

class Recorder:
    """A fake child command (a new interpreter): records the safe-mode reason of each start."""

    def __init__(self, script: str) -> None:
        self.script = script
        self.reasons: list[SafeModeReason | None] = []

    def __call__(self, reason: SafeModeReason | None) -> list[str]:
        self.reasons.append(reason)
        return [sys.executable, "-c", self.script]


def _counting(counter: Path, then: str) -> str:
    return (f"import os, pathlib, sys; p = pathlib.Path({str(counter)!r}); "
            "n = len(p.read_text().splitlines()) if p.exists() else 0; "
            "p.open('a').write(os.environ.get('KIOSK_SAFE_MODE', 'normal') + '\\n'); " + then)


def test_a_crashed_child_is_restarted_and_a_chosen_exit_is_final(tmp_path: Path) -> None:
    counter = tmp_path / "starts"
    command = Recorder(_counting(counter, f"sys.exit({EXIT_CRASH} if n < 2 else {EXIT_FINAL})"))
    assert run_supervised([], False, command=command, timing=FAST) == 0
    assert command.reasons == [None, None, None]


@pytest.mark.parametrize("code", [0, 1, -signal.SIGTERM])
def test_a_stray_exit_is_restarted(tmp_path: Path, code: int) -> None:
    """Exit 0 (a window manager's close, a stray quit) is not the staff's Exit: the kiosk comes back."""
    counter = tmp_path / "starts"
    end = f"os.kill(os.getpid(), {-code})" if code < 0 else f"sys.exit({code})"
    command = Recorder(_counting(counter, f"sys.exit({EXIT_FINAL}) if n else {end}"))
    assert run_supervised([], False, command=command, timing=FAST) == 0
    assert len(command.reasons) == 2


def test_a_crash_loop_goes_to_safe_mode_then_the_bundled_content_and_never_gives_up(
        tmp_path: Path, kiosk_home: Path) -> None:
    counter = tmp_path / "starts"
    command = Recorder(_counting(counter, f"sys.exit({EXIT_FINAL} if n == 8 else {EXIT_CRASH})"))
    assert run_supervised([], False, command=command, timing=FAST) == 0
    assert counter.read_text().splitlines() == ["normal"] * 3 + ["crashes"] * 3 + ["still-crashing"] * 3
    log = (kiosk_home / "log" / "supervisor.log").read_text(encoding="utf-8")
    assert "the kiosk stopped with exit code 70; 3 failures in a row: safe mode (crashes)" in log
    assert "safe mode (still-crashing)" in log


def test_after_a_quiet_spell_in_safe_mode_the_normal_mode_is_tried_again(tmp_path: Path) -> None:
    counter = tmp_path / "starts"
    # Three quick crashes, then a safe-mode kiosk that runs until it is stopped, then a normal one.
    command = Recorder(_counting(counter, f"import time; time.sleep(60) if n == 3 else "
                                          f"sys.exit({EXIT_FINAL} if n > 3 else {EXIT_CRASH})"))
    timing = Timing(backoff_first_s=0.01, backoff_max_s=0.05, quiet_s=1.0)
    started = time.monotonic()
    assert run_supervised([], False, command=command, timing=timing) == 0
    assert counter.read_text().splitlines() == ["normal"] * 3 + ["crashes", "normal"]
    assert time.monotonic() - started < 30


def test_a_usage_error_is_not_restarted() -> None:
    command = Recorder("import sys; sys.exit(2)")
    assert run_supervised([], False, command=command, timing=FAST) == 2
    assert command.reasons == [None]


def test_no_restart_runs_in_this_process_and_a_chosen_exit_is_success() -> None:
    assert run_supervised(["--no-restart"], True, lambda: EXIT_FINAL,
                          command=lambda reason: pytest.fail("no child expected")) == 0
    assert run_supervised(["--no-restart"], True, lambda: 7) == 7


def test_inside_the_child_the_crash_hook_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CHILD_ENV, "1")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    before = sys.excepthook
    assert run_supervised([], False, lambda: EXIT_FINAL) == EXIT_FINAL  # the supervisor reads it
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


# --------------------------------------------------------------------------- the real kiosk, forked

def _env(home: Path, starts: Path, **timing: float) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("KIOSK_SAFE_MODE", CHILD_ENV)}
    env.update(KIOSK_HOME=str(home), QT_QPA_PLATFORM="offscreen", KIOSK_EXIT_AFTER_FIRST_PAINT="1",
               SUPERVISED_STARTS=str(starts),
               SUPERVISED_TIMING=json.dumps({"backoff_first_s": 0.05, "backoff_max_s": 0.2, **timing}))
    return env


def _supervise(scenario: str, env: dict[str, str], output: int = subprocess.PIPE) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(SCRIPT), scenario], env=env, text=True,
                            stdout=output, stderr=output)


def _starts(starts: Path) -> list[tuple[int, str]]:
    return [(int(pid), mode) for pid, mode in (line.split() for line in starts.read_text().splitlines())]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the supervisor forks on Linux")
def test_eight_crashes_in_a_row_still_end_with_the_kiosk_on_screen(tmp_path: Path) -> None:
    """A bug, a segfault, exit 1, a stray exit 0 (twice), SIGKILL, exit 3, abort: then the kiosk paints."""
    starts = tmp_path / "starts"
    supervisor = _supervise("crashes", _env(tmp_path / "home", starts))
    out, err = supervisor.communicate(timeout=120)
    assert supervisor.returncode == 0, err
    started = _starts(starts)
    assert [mode for _, mode in started] == ["normal"] * 3 + ["crashes"] * 3 + ["still-crashing"] * 3
    assert len({pid for pid, _ in started} | {supervisor.pid}) == 10  # every start a new process
    kiosk_log = (tmp_path / "home" / "log" / "kiosk.log").read_text(encoding="utf-8")
    assert "in safe mode" in kiosk_log
    assert "first page painted" in kiosk_log
    assert (err, out) == ("", "")  # never a traceback at the terminal


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the supervisor forks on Linux")
@pytest.mark.parametrize("scenario", ["hang", "hang-at-start"])
def test_a_hung_kiosk_is_killed_and_restarted(tmp_path: Path, scenario: str) -> None:
    starts = tmp_path / "starts"
    supervisor = _supervise(scenario, _env(tmp_path / "home", starts, hang_s=2.0, start_grace_s=8.0))
    began = time.monotonic()
    _, err = supervisor.communicate(timeout=120)
    assert supervisor.returncode == 0, err
    assert len(_starts(starts)) == 2
    assert time.monotonic() - began < 40
    log = (tmp_path / "home" / "log" / "supervisor.log").read_text(encoding="utf-8")
    assert "it is hung; killing it" in log
    first = _starts(starts)[0][0]
    assert not Path(f"/proc/{first}").exists()


def _wait_for(path: Path, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_text().strip():
            return path.read_text()
        time.sleep(0.05)
    raise AssertionError(f"{path} was not written")


def _alive(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_stop_signal_leaves_no_process_behind(tmp_path: Path, sig: int) -> None:
    starts = tmp_path / "starts"
    supervisor = _supervise("tree", _env(tmp_path / "home", starts, start_grace_s=600.0))
    grandchild = int(_wait_for(starts.with_suffix(".tree")))
    child = _starts(starts)[0][0]
    assert _alive(child)
    assert _alive(grandchild)
    supervisor.send_signal(sig)
    supervisor.communicate(timeout=30)
    assert supervisor.returncode == 128 + sig
    assert not _alive(child)
    assert not _alive(grandchild)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_kiosk_that_ignores_sigterm_is_killed_after_the_timeout(tmp_path: Path) -> None:
    starts = tmp_path / "starts"
    supervisor = _supervise("stubborn", _env(tmp_path / "home", starts, start_grace_s=600.0, stop_timeout_s=1.0))
    grandchild = int(_wait_for(starts.with_suffix(".tree")))
    child = _starts(starts)[0][0]
    began = time.monotonic()
    supervisor.terminate()
    supervisor.communicate(timeout=30)
    assert 1.0 <= time.monotonic() - began < 10
    assert not _alive(child)
    assert not _alive(grandchild)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_a_forked_kiosk_dies_with_a_killed_supervisor(tmp_path: Path) -> None:
    starts = tmp_path / "starts"
    # (the grandchild is not the kiosk: it outlives a supervisor that had no chance to stop it)
    supervisor = _supervise("tree", _env(tmp_path / "home", starts, start_grace_s=600.0), subprocess.DEVNULL)
    grandchild = int(_wait_for(starts.with_suffix(".tree")))
    child = _starts(starts)[0][0]
    supervisor.kill()
    supervisor.wait(timeout=30)
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(grandchild, signal.SIGKILL)
    assert not _alive(child)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigterm_to_kiosk_leaves_no_process_behind(tmp_path: Path) -> None:
    """The real command, as a service manager or a shutdown stops it."""
    env = _env(tmp_path / "home", tmp_path / "starts")
    del env["KIOSK_EXIT_AFTER_FIRST_PAINT"]
    kiosk = subprocess.Popen([sys.executable, "-m", "kiosk"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    kiosk_log = tmp_path / "home" / "log" / "kiosk.log"
    deadline = time.monotonic() + 60
    while "kiosk started" not in (kiosk_log.read_text() if kiosk_log.exists() else ""):
        assert time.monotonic() < deadline, "the kiosk did not start in time"
        assert kiosk.poll() is None, "the kiosk stopped before it started"
        time.sleep(0.05)
    tree = _descendants(kiosk.pid)
    assert tree, "the supervisor runs the kiosk in a child"
    kiosk.terminate()
    _, err = kiosk.communicate(timeout=30)
    assert kiosk.returncode == 128 + signal.SIGTERM
    assert err == ""
    assert [pid for pid in tree if _alive(pid)] == []


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


# --------------------------------------------------------------------------- a screen that cannot open

def test_a_start_without_a_display_says_so_once_and_ends(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "KIOSK_SAFE_MODE")}
    env.update(KIOSK_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="xcb")
    began = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "kiosk"], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == EXIT_NO_SCREEN
    log_file = tmp_path / "home" / "log" / "kiosk.log"
    assert result.stderr == (
        'kiosk: cannot open the screen: Qt\'s "xcb" platform plugin did not start.\n'
        "  No display to show it on (DISPLAY is not set).\n"
        "  Start it in the desktop session (or set DISPLAY to a running X server).\n"
        f"  The log file says more: {log_file}\n")
    assert log_file.exists()
    assert time.monotonic() - began < 60
