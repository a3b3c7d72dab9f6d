"""Keeps the kiosk on screen: runs it as a child process and restarts it after every crash or hang, for ever.

Restarts back off (1 s, doubling to 30 s); three failed runs in a row switch to safe mode (the last
good copy of the organisation's content, no optional features), more in safe mode to the bundled
content; after a quiet spell in safe mode the normal mode is tried again. A kiosk whose event loop
stops beating (:mod:`kiosk.runtime.heartbeat`) is killed and restarted. The kiosk's exit counts as
final only with :data:`EXIT_FINAL` (staff chose Exit, or the first-paint benchmark switch) or a
command-line mistake; a window manager's close or a stray quit is restarted. SIGTERM, SIGINT and
SIGHUP stop the child and all it started, then the supervisor. A start that cannot open the
screen says what is missing and where the log is, and ends. On Linux the child is a fork of this
process after the shared imports (no second interpreter start); elsewhere a new interpreter.
``--no-restart`` (development) runs the kiosk in this process instead.
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import signal
import sys
import threading
import time
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.runtime.children import Child, fork_child, spawn_child
from kiosk.runtime.safemode import SAFE_MODE_ENV, SafeModeReason

if TYPE_CHECKING:  # read only when a start failed (ldd, apt-get hints): never on the way to the first frame
    from kiosk.runtime.display import DisplayFailure

log = logging.getLogger(__name__)

#: Set in the child's environment; a process that has it runs the kiosk itself.
CHILD_ENV = "KIOSK_SUPERVISED_CHILD"
#: ``spawn``: a new interpreter for the child even where a fork would do (for comparison).
LAUNCH_ENV = "KIOSK_SUPERVISOR"
SAFE_MODE_ARG = "--safe-mode"
#: The child's exit code after an unhandled exception (EX_SOFTWARE).
EXIT_CRASH = 70
#: The kiosk's exit code when it was meant to end (staff chose Exit); ``kiosk`` then exits 0.
EXIT_FINAL = 100
#: ``kiosk``'s exit code when the screen cannot be opened (EX_UNAVAILABLE).
EXIT_NO_SCREEN = 69
#: Exit codes after which a restart cannot help: a chosen exit and a command-line mistake.
FINAL_EXIT_CODES = frozenset({EXIT_FINAL, 2})
SUPERVISOR_LOG = "supervisor.log"
_HANDLER_NAME = "kiosk-supervisor"


@dataclass(frozen=True)
class Timing:
    """The supervisor's clock settings, in seconds (tests shorten them)."""

    backoff_first_s: float = 1.0
    backoff_max_s: float = 30.0
    #: A run that stayed healthy this long ends a row of failures.
    steady_s: float = 60.0
    failures_before_safe_mode: int = 3
    #: No heartbeat for this long: the kiosk is hung.
    hang_s: float = 15.0
    #: From the start to the first heartbeat (content loaded, window built).
    start_grace_s: float = 30.0
    #: Safe mode running this long: try the normal mode again (the spell doubles after each try).
    quiet_s: float = 600.0
    quiet_max_s: float = 3600.0
    stop_timeout_s: float = 5.0
    #: Starts that cannot open the screen before the supervisor says so and ends.
    display_attempts: int = 3


class CrashDecision(Enum):
    RESTART = "restart"
    SAFE_MODE = "a safer mode"  # safe mode; already in safe mode, the bundled content


@dataclass
class FailureRow:
    """Failed runs in a row: the back-off before the next start and when the loop calls for a safer mode."""

    timing: Timing
    in_row: int = 0
    in_mode: int = 0  # failures in a row since the current mode started

    def record(self, healthy_s: float) -> CrashDecision:
        """A run ended badly after ``healthy_s`` seconds of healthy running."""
        if healthy_s >= self.timing.steady_s:
            self.in_row = self.in_mode = 0
        self.in_row += 1
        self.in_mode += 1
        if self.in_mode >= self.timing.failures_before_safe_mode:
            self.in_mode = 0
            return CrashDecision.SAFE_MODE
        return CrashDecision.RESTART

    def backoff_s(self) -> float:
        if self.in_row == 0:
            return 0.0
        return min(self.timing.backoff_max_s, self.timing.backoff_first_s * 2.0 ** (self.in_row - 1))


def safer(reason: SafeModeReason | None, *, hang: bool) -> SafeModeReason:
    """The mode after a failure loop in mode ``reason`` (None: normal)."""
    if reason is None:
        return SafeModeReason.HANG if hang else SafeModeReason.CRASHES
    return SafeModeReason.STILL_CRASHING


def is_child() -> bool:
    return os.environ.get(CHILD_ENV) == "1"


def child_command(argv: Sequence[str]) -> list[str]:
    """The command that runs the kiosk itself: the frozen executable, or ``python -m kiosk``."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *argv]
    return [sys.executable, "-m", "kiosk", *argv]


def final_code(code: int) -> int:
    """``kiosk``'s exit code for the kiosk's: a chosen exit is a success."""
    return 0 if code == EXIT_FINAL else code


def run_supervised(argv: Sequence[str], no_restart: bool,
                   run_in_process: Callable[[], int] | None = None, *,
                   command: Callable[[SafeModeReason | None], list[str]] | None = None,
                   timing: Timing | None = None,
                   clock: Callable[[], float] = time.monotonic) -> int:
    """Run the kiosk, restarting it after a crash; returns the exit code for ``kiosk``.

    ``run_in_process`` runs the kiosk here (with ``no_restart``, in a spawned child, and in a
    forked one); ``command(reason)`` gives a child's command line (default: a fork on Linux, else
    :func:`child_command`).
    """
    if no_restart or is_child():
        if run_in_process is None:
            raise ValueError("run_in_process is needed to run the kiosk in this process")
        if no_restart:
            return final_code(run_in_process())
        install_crash_hook()
        return run_in_process()  # the supervisor reads EXIT_FINAL
    log_file = _log_to_file()
    launch = _launcher(argv, run_in_process, command)
    asked = SafeModeReason.ASKED if SAFE_MODE_ARG in argv else None
    return Supervisor(launch, timing or Timing(), clock, log_file).run(asked)


Launch = Callable[[SafeModeReason | None, Sequence[int]], Child]


def can_fork() -> bool:
    """A fork is safe here: Linux, one thread, no QApplication (Qt's state cannot be copied)."""
    if not sys.platform.startswith("linux") or os.environ.get(LAUNCH_ENV) == "spawn":
        return False
    if threading.active_count() != 1:
        return False
    core = sys.modules.get("PySide6.QtCore")
    return core is None or core.QCoreApplication.instance() is None


def _launcher(argv: Sequence[str], run_in_process: Callable[[], int] | None,
              command: Callable[[SafeModeReason | None], list[str]] | None) -> Launch:
    def environment(reason: SafeModeReason | None) -> dict[str, str | None]:
        return {CHILD_ENV: "1", SAFE_MODE_ENV: reason.value if reason else None}

    def spawn(reason: SafeModeReason | None, _close: Sequence[int]) -> Child:
        cmd = command(reason) if command is not None else child_command(argv)
        log.info("starting the kiosk: %s", " ".join(cmd))
        env = {**os.environ, **environment(reason)}
        return spawn_child(cmd, {k: v for k, v in env.items() if v is not None})

    def fork(reason: SafeModeReason | None, close: Sequence[int]) -> Child:
        if not can_fork():  # e.g. a thread was started: never fork then
            return spawn(reason, close)
        assert run_in_process is not None

        def run() -> int:
            install_crash_hook()
            return run_in_process()

        log.info("starting the kiosk (fork)%s", f" in safe mode ({reason.value})" if reason else "")
        return fork_child(run, environment(reason), close_in_child=close, prepare=_leave_supervisor_log)

    return fork if command is None and run_in_process is not None and can_fork() else spawn


class Outcome(Enum):
    EXITED = "exited"
    HUNG = "hung"
    STOPPED = "stopped"  # a stop signal to the supervisor
    QUIET = "quiet"  # safe mode ran quietly: time to try normal mode


@dataclass(frozen=True)
class Ended:
    outcome: Outcome
    code: int
    healthy_s: float


class Supervisor:
    """The restart loop around one child at a time."""

    def __init__(self, launch: Launch, timing: Timing, clock: Callable[[], float], log_file: Path | None) -> None:
        self.launch = launch
        self.timing = timing
        self.clock = clock
        self.log_file = log_file
        self.kiosk_log = log_file.with_name("kiosk.log") if log_file else None
        self._display_failures = 0  # starts in a row that could not open the screen
        self._launch_failed = False  # said once that the kiosk could not be started

    def run(self, reason: SafeModeReason | None) -> int:
        row = FailureRow(self.timing)
        quiet_s = self.timing.quiet_s
        self._display_failures = 0
        self._launch_failed = False
        with StopSignals() as stop:
            while True:
                mark = _size(self.kiosk_log)
                ended = self._run_once(reason, stop, quiet_s if reason not in (None, SafeModeReason.ASKED) else None)
                if ended.outcome is Outcome.STOPPED:
                    return 128 + ended.code
                if ended.outcome is Outcome.EXITED and ended.code in FINAL_EXIT_CODES:
                    return final_code(ended.code)
                if ended.outcome is Outcome.QUIET:
                    log.info("safe mode ran quietly for %.0f s: trying the normal mode again", quiet_s)
                    reason, row = None, FailureRow(self.timing)
                    quiet_s = min(self.timing.quiet_max_s, quiet_s * 2)
                    continue
                if reason is None and ended.healthy_s >= self.timing.quiet_s:
                    quiet_s = self.timing.quiet_s  # the normal mode held for a good while
                failure = None
                if ended.code < 0 or ended.code == 134:  # ended by a signal: was it the screen? (Qt aborts)
                    from kiosk.runtime.display import display_failure

                    failure = display_failure(_read_from(self.kiosk_log, mark))
                if self._give_up_on_screen(failure):
                    return EXIT_NO_SCREEN
                decision = row.record(ended.healthy_s)
                what = "hung" if ended.outcome is Outcome.HUNG else f"stopped with exit code {ended.code}"
                if decision is CrashDecision.SAFE_MODE and failure is None:
                    reason = safer(reason, hang=ended.outcome is Outcome.HUNG)
                    log.error("the kiosk %s; %d failures in a row: safe mode (%s)", what,
                              self.timing.failures_before_safe_mode, reason.value)
                else:
                    log.error("the kiosk %s; restarting in %.0f s", what, row.backoff_s())
                if stop.pause(row.backoff_s()):
                    return 128 + (stop.received or signal.SIGTERM)

    def _run_once(self, reason: SafeModeReason | None, stop: StopSignals, quiet_s: float | None) -> Ended:
        """Start the kiosk and watch it until it ends; a start that fails counts as a crash."""
        try:
            child = self.launch(reason, stop.fds)
        except OSError as exc:
            log.critical("cannot start the kiosk: %s", exc)
            if not self._launch_failed:
                print(f"kiosk: cannot start the kiosk ({exc}); trying again; the log file is "
                      f"{self.log_file}", file=sys.stderr)
            self._launch_failed = True
            return Ended(Outcome.EXITED, EXIT_CRASH, 0.0)
        return self.watch(child, stop, quiet_s)

    def _give_up_on_screen(self, failure: DisplayFailure | None) -> bool:
        """True (after saying what is missing, once) when the screen failed to open too often."""
        if failure is None:
            self._display_failures = 0
            return False
        self._display_failures += 1
        log.error("the kiosk cannot open the screen (%s)", failure)
        if self._display_failures < self.timing.display_attempts:
            return False
        from kiosk.runtime.display import explain

        print(explain(failure, self.kiosk_log, os.environ), file=sys.stderr)
        return True

    def watch(self, child: Child, stop: StopSignals, quiet_s: float | None) -> Ended:
        """Until the child ends, hangs, has run quietly for ``quiet_s`` or a stop signal comes."""
        timing, started = self.timing, self.clock()
        last_beat: float | None = None
        beating = child.beats is not None  # no heartbeat pipe (Windows): no hang detection
        while True:
            now = self.clock()
            deadline = last_beat + timing.hang_s if last_beat is not None else started + timing.start_grace_s
            healthy = (last_beat if last_beat is not None else started) - started
            if stop.received is not None:
                log.info("signal %d: stopping the kiosk", stop.received)
                child.stop(timing.stop_timeout_s)
                return Ended(Outcome.STOPPED, stop.received, healthy)
            code = child.poll()
            if code is not None:
                child.clean_up()
                return Ended(Outcome.EXITED, code, now - started)
            if beating and now >= deadline:
                log.error("no heartbeat from the kiosk for %.0f s: it is hung; killing it",
                          now - (last_beat if last_beat is not None else started))
                child.stop(timing.stop_timeout_s)
                return Ended(Outcome.HUNG, EXIT_CRASH, healthy)
            if quiet_s is not None and now - started >= quiet_s:
                child.stop(timing.stop_timeout_s)
                return Ended(Outcome.QUIET, 0, now - started)
            timeout = min(1.0, max(0.0, deadline - now),
                          max(0.0, started + quiet_s - now) if quiet_s is not None else 1.0)
            readable = stop.wait([child.beats] if child.beats is not None else [], timeout)
            if child.beats is not None and child.beats in readable:
                try:
                    data = os.read(child.beats, 4096)
                except OSError:
                    data = b""
                if data:
                    last_beat = self.clock()
                else:  # the end of the pipe: the child has gone (or closed it: then it no longer beats)
                    os.close(child.beats)
                    child.beats = None
                    child.wait(timing.stop_timeout_s)


class StopSignals:
    """SIGTERM, SIGINT and SIGHUP to the supervisor: noted, and its waits woken (a self-pipe)."""

    SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name))

    def __init__(self) -> None:
        self.received: int | None = None
        self.fds: tuple[int, ...] = ()
        self._previous: dict[int, object] = {}
        self._wakeup = -1

    def __enter__(self) -> StopSignals:
        if threading.current_thread() is not threading.main_thread():
            return self
        if os.name == "posix":
            read, write = os.pipe()
            os.set_blocking(read, False)
            os.set_blocking(write, False)
            self.fds = (read, write)
            self._wakeup = signal.set_wakeup_fd(write, warn_on_full_buffer=False)
        for sig in self.SIGNALS:
            self._previous[sig] = signal.signal(sig, self._on_signal)
        return self

    def __exit__(self, *_exc: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]
        if self.fds:
            signal.set_wakeup_fd(self._wakeup)
            for fd in self.fds:
                os.close(fd)

    def _on_signal(self, signum: int, _frame: types.FrameType | None) -> None:
        self.received = signum

    def wait(self, fds: Sequence[int], timeout_s: float) -> list[int]:
        """Wait until one of ``fds`` is readable, a stop signal comes, or ``timeout_s`` passes."""
        if os.name != "posix":
            time.sleep(min(timeout_s, 0.2))
            return []
        wake = self.fds[:1]
        try:
            readable, _, _ = select.select([*fds, *wake], [], [], timeout_s)
        except InterruptedError:
            return []
        if wake and wake[0] in readable:
            with contextlib.suppress(OSError):
                os.read(wake[0], 4096)
        return [fd for fd in readable if fd in fds]

    def pause(self, seconds: float) -> bool:
        """Sleep ``seconds`` unless a stop signal comes first; True if one came."""
        deadline = time.monotonic() + seconds
        while self.received is None and (left := deadline - time.monotonic()) > 0:
            self.wait([], left)
        return self.received is not None


def _size(path: Path | None) -> int:
    try:
        return path.stat().st_size if path else 0
    except OSError:
        return 0


def _read_from(path: Path | None, offset: int, limit: int = 65536) -> str:
    """What the kiosk logged since ``offset`` (all of it after a rotation), at most ``limit`` bytes."""
    if path is None:
        return ""
    try:
        with path.open("rb") as file:
            if file.seek(0, os.SEEK_END) < offset:
                offset = 0
            file.seek(offset)
            return file.read(limit).decode("utf-8", errors="replace")
    except OSError:
        return ""


def _log_to_file() -> Path | None:
    """The supervisor's own log (its own file: two processes must not rotate one file)."""
    from logging.handlers import RotatingFileHandler

    from kiosk.core.storage.paths import log_dir

    root = logging.getLogger()
    for handler in root.handlers:
        if handler.get_name() == _HANDLER_NAME and isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    try:
        path = log_dir() / SUPERVISOR_LOG
        handler = RotatingFileHandler(path, maxBytes=200_000, backupCount=1, encoding="utf-8")
    except OSError:
        return None
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(min(root.level or logging.INFO, logging.INFO))
    return path


def _leave_supervisor_log() -> None:
    """In a forked child: the supervisor's log handler is not the kiosk's (the kiosk has its own file)."""
    root = logging.getLogger()
    for handler in root.handlers[:]:
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)


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


