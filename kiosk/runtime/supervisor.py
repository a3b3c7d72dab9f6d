"""Keeps the kiosk running: the kiosk runs in a child process that is restarted when it crashes.

Three crashes within a minute switch to safe mode (the bundled content, no optional features);
three more crashes in safe mode give up, so a broken install does not spin for ever. Inside the
child an unhandled exception is logged and ends the process with :data:`EXIT_CRASH`.
``--no-restart`` (development) runs the kiosk in this process instead.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
import types
from collections.abc import Callable, Sequence
from enum import Enum

log = logging.getLogger(__name__)

#: Set in the child's environment; a process that has it runs the kiosk itself.
CHILD_ENV = "KIOSK_SUPERVISED_CHILD"
SAFE_MODE_ARG = "--safe-mode"
#: The child's exit code after an unhandled exception (EX_SOFTWARE).
EXIT_CRASH = 70
#: Exit codes after which a restart cannot help: a clean quit and a command-line mistake.
FINAL_EXIT_CODES = frozenset({0, 2})
CRASH_WINDOW_S = 60.0
SUPERVISOR_LOG = "supervisor.log"
CRASHES_BEFORE_SAFE_MODE = 3


class CrashDecision(Enum):
    RESTART = "restart"
    SAFE_MODE = "safe mode"
    GIVE_UP = "give up"


def decide_after_crash(crashes: Sequence[float], *, safe_mode: bool,
                       window_s: float = CRASH_WINDOW_S,
                       limit: int = CRASHES_BEFORE_SAFE_MODE) -> CrashDecision:
    """What to do after the latest crash.

    ``crashes`` are the times (seconds, any monotonic clock) of the crashes since the current
    mode started, the latest last. ``limit`` crashes within ``window_s`` of the latest one switch
    to safe mode, or give up if already in safe mode; fewer restart.
    """
    if not crashes:
        return CrashDecision.RESTART
    latest = crashes[-1]
    recent = [t for t in crashes if latest - t < window_s]
    if len(recent) < limit:
        return CrashDecision.RESTART
    return CrashDecision.GIVE_UP if safe_mode else CrashDecision.SAFE_MODE


def is_child() -> bool:
    return os.environ.get(CHILD_ENV) == "1"


def child_command(argv: Sequence[str], *, safe_mode: bool) -> list[str]:
    """The command that runs the kiosk itself: the frozen executable, or ``python -m kiosk``."""
    args = [a for a in argv if a not in (SAFE_MODE_ARG,)]
    if safe_mode:
        args.append(SAFE_MODE_ARG)
    if getattr(sys, "frozen", False):
        return [sys.executable, *args]
    return [sys.executable, "-m", "kiosk", *args]


def run_supervised(argv: Sequence[str], no_restart: bool,
                   run_in_process: Callable[[], int] | None = None, *,
                   command: Callable[[bool], list[str]] | None = None,
                   clock: Callable[[], float] = time.monotonic) -> int:
    """Run the kiosk, restarting it after a crash; returns the exit code for ``kiosk``.

    ``run_in_process`` runs the kiosk here (used with ``no_restart`` and inside the child);
    ``command(safe_mode)`` gives the child's command line (default: :func:`child_command`).
    """
    if no_restart or is_child():
        if run_in_process is None:
            raise ValueError("run_in_process is needed to run the kiosk in this process")
        if is_child():
            install_crash_hook()
        return run_in_process()
    _log_to_file()
    make_command = command or (lambda safe: child_command(argv, safe_mode=safe))
    safe_mode = SAFE_MODE_ARG in argv
    crashes: list[float] = []
    env = {**os.environ, CHILD_ENV: "1"}
    while True:
        cmd = make_command(safe_mode)
        log.info("starting the kiosk: %s", " ".join(cmd))
        try:
            code = _run_child(cmd, env)
        except OSError as exc:
            log.critical("cannot start the kiosk (%s): %s", " ".join(cmd), exc)
            return EXIT_CRASH
        if code in FINAL_EXIT_CODES:
            return code
        crashes.append(clock())
        decision = decide_after_crash(crashes, safe_mode=safe_mode)
        log.error("the kiosk stopped with exit code %s; %s", code, decision.value)
        if decision is CrashDecision.GIVE_UP:
            print("kiosk: it keeps crashing, also in safe mode; see the log file.", file=sys.stderr)
            return code if code > 0 else EXIT_CRASH
        if decision is CrashDecision.SAFE_MODE:
            safe_mode = True
            crashes.clear()


def _log_to_file() -> None:
    """The supervisor's own log (its own file: two processes must not rotate one file)."""
    from logging.handlers import RotatingFileHandler

    from kiosk.core.storage.paths import log_dir

    root = logging.getLogger()
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return
    try:
        handler = RotatingFileHandler(log_dir() / SUPERVISOR_LOG, maxBytes=200_000, backupCount=1,
                                      encoding="utf-8")
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(min(root.level or logging.INFO, logging.INFO))


def _run_child(cmd: list[str], env: dict[str, str]) -> int:
    child = subprocess.Popen(cmd, env=env)
    try:
        return child.wait()
    except KeyboardInterrupt:
        child.terminate()
        try:
            child.wait(timeout=5)
        except subprocess.TimeoutExpired:
            child.kill()
        raise


def install_crash_hook(exit_code: int = EXIT_CRASH,
                       exit_now: Callable[[int], None] = os._exit) -> None:
    """An unhandled exception (also in a Qt slot or a thread) is logged, then the process ends
    with ``exit_code`` so the supervisor restarts it. ``os._exit``: Qt's state may be broken,
    so no clean-up runs (the log is flushed first)."""

    def on_exception(kind: type[BaseException], value: BaseException,
                     trace: types.TracebackType | None) -> None:
        log.critical("unhandled exception; restarting", exc_info=(kind, value, trace))
        for handler in logging.getLogger().handlers:
            handler.flush()
        exit_now(exit_code)

    def on_thread_exception(args: threading.ExceptHookArgs) -> None:
        on_exception(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    sys.excepthook = on_exception
    threading.excepthook = on_thread_exception
