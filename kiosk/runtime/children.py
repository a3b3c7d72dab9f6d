"""The kiosk as a child process: started by a fork (Linux) or a new interpreter, stopped with all it started.

Either way the child leads a process group of its own, so stopping it reaches whatever it started
too, and it gets the writing end of a heartbeat pipe (:mod:`kiosk.runtime.heartbeat`). A forked
child also dies with the supervisor (Linux's parent-death signal), even when the supervisor is
killed with SIGKILL and cannot clean up.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, NoReturn

from kiosk.runtime.heartbeat import HEARTBEAT_FD_ENV
from kiosk.runtime.logfile import ensure_log_file

if TYPE_CHECKING:
    import subprocess

log = logging.getLogger(__name__)

#: A forked child's exit code when it ends with an exception nobody caught.
EXIT_CHILD_FAILED = 70
_POLL_S = 0.02
_PR_SET_PDEATHSIG = 1


class Child:
    """A started kiosk process: its id, the heartbeat's reading end (None: no heartbeat) and its exit."""

    def __init__(self, pid: int, beats: int | None) -> None:
        self.pid = pid
        self.beats = beats
        self.code: int | None = None

    def _reap(self, block: bool) -> int | None:
        raise NotImplementedError

    def poll(self) -> int | None:
        """The exit code (negative: the signal that ended it), or None while it runs."""
        if self.code is None:
            self.code = self._reap(block=False)
        return self.code

    def wait(self, timeout_s: float | None) -> int | None:
        """Wait for the exit, at most ``timeout_s`` (None: for ever); None if it still runs."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while (code := self.poll()) is None:
            if deadline is not None and time.monotonic() >= deadline:
                return None
            time.sleep(_POLL_S)
        return code

    def signal_group(self, sig: int) -> None:
        """Send ``sig`` to the child and everything in its process group (POSIX), or to the child alone."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if hasattr(os, "killpg"):
                os.killpg(self.pid, sig)
            elif self.code is None:
                os.kill(self.pid, sig)

    def stop(self, timeout_s: float) -> int:
        """Terminate the child and its group, wait ``timeout_s``, then kill; returns its exit code."""
        self.signal_group(signal.SIGTERM)
        code = self.wait(timeout_s)
        if code is None:
            log.warning("the kiosk did not stop within %.0f s of SIGTERM: killing it", timeout_s)
            self.signal_group(getattr(signal, "SIGKILL", signal.SIGTERM))
            code = self.wait(None)
        assert code is not None
        self.clean_up()
        return code

    def clean_up(self) -> None:
        """After the exit: kill what the child left running in its group, close the heartbeat."""
        if hasattr(signal, "SIGKILL"):
            self.signal_group(signal.SIGKILL)
        if self.beats is not None:
            with contextlib.suppress(OSError):
                os.close(self.beats)
            self.beats = None


class ForkedChild(Child):
    def _reap(self, block: bool) -> int | None:
        try:
            pid, status = os.waitpid(self.pid, 0 if block else os.WNOHANG)
        except ChildProcessError:  # reaped elsewhere: its code is lost
            return EXIT_CHILD_FAILED
        return os.waitstatus_to_exitcode(status) if pid else None


class SpawnedChild(Child):
    def __init__(self, process: subprocess.Popen[bytes], beats: int | None) -> None:
        super().__init__(process.pid, beats)
        self.process = process

    def _reap(self, block: bool) -> int | None:
        return self.process.wait() if block else self.process.poll()


def fork_child(run: Callable[[], int], env: Mapping[str, str | None], *,
               close_in_child: Sequence[int] = (), prepare: Callable[[], None] = lambda: None) -> ForkedChild:
    """Fork; the child sets ``env`` (None removes a variable), calls ``prepare`` then ``run``, and exits.

    Call it only with one thread and no QApplication (Qt's state cannot be copied).
    """
    beats, beat_end = os.pipe()
    supervisor = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        _run_forked(run, {**env, HEARTBEAT_FD_ENV: str(beat_end)}, [beats, *close_in_child], prepare, supervisor)
    os.close(beat_end)
    with contextlib.suppress(OSError):  # also done in the child: whichever runs first wins the race
        os.setpgid(pid, pid)
    return ForkedChild(pid, beats)


def _run_forked(run: Callable[[], int], env: Mapping[str, str | None], close: Sequence[int],
                prepare: Callable[[], None], supervisor: int) -> None:
    code = EXIT_CHILD_FAILED
    try:
        os.setpgid(0, 0)
        _die_with(supervisor)
        for fd in close:
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(ValueError):
            signal.set_wakeup_fd(-1)
        for sig in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        atexit._clear()  # the supervisor's exit handlers are not the kiosk's to run
        for name, value in env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        prepare()
        code = run()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        with contextlib.suppress(OSError):
            ensure_log_file()  # into the kiosk's log, never onto a visitor's screen or terminal
        log.critical("the kiosk failed; restarting", exc_info=True)
    finally:
        exit_like_python(code)


def _die_with(supervisor: int) -> None:
    """Ask Linux to end this process when the supervisor ends, however it ends."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != supervisor:  # it ended before the request was made
        os._exit(EXIT_CHILD_FAILED)


def exit_like_python(code: int) -> NoReturn:
    """End this process as the interpreter would (threads joined, exit handlers run, logs
    flushed), but at once: no code above the caller runs, nothing is torn down object by object.

    A forked child ends so (the supervisor's code above the fork is not the kiosk's), and so does
    the first-paint benchmark switch (its start is timed to the first frame, not to a teardown).
    """
    with contextlib.suppress(BaseException):
        for thread in threading.enumerate():
            if thread is not threading.current_thread() and not thread.daemon:
                thread.join()
        atexit._run_exitfuncs()
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code & 0xFF if code >= 0 else EXIT_CHILD_FAILED)


def spawn_child(cmd: Sequence[str], env: Mapping[str, str]) -> SpawnedChild:
    """Start ``cmd``, a new interpreter; on POSIX with a heartbeat pipe and a process group of its own."""
    import subprocess  # Linux forks (fork_child): only Windows and KIOSK_SUPERVISOR=spawn start one

    if os.name != "posix":  # Windows: its own process group for Ctrl+Break; no heartbeat
        flags = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
        return SpawnedChild(subprocess.Popen(list(cmd), env=dict(env), creationflags=flags), None)
    beats, beat_end = os.pipe()
    try:
        process = subprocess.Popen(list(cmd), env={**env, HEARTBEAT_FD_ENV: str(beat_end)},
                                   pass_fds=(beat_end,), process_group=0)
    except BaseException:
        os.close(beats)
        raise
    finally:
        os.close(beat_end)
    return SpawnedChild(process, beats)
