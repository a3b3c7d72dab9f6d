"""Logging to a rotating file in the user's log folder, with repeated lines counted instead of written again.

A held key can log the same line twenty times a second for an hour; :class:`RepeatCollapsingHandler`
writes it once, then "last message repeated N times" when something else is logged, at least
once a minute while the repeats go on, and when logging shuts down.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

LOG_FILE = "kiosk.log"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 3
REPEAT_REPORT_S = 60.0
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RepeatCollapsingHandler(logging.Handler):
    """Passes records on to ``target``, holding back exact repeats of the previous one and counting them."""

    def __init__(self, target: logging.Handler, *, clock: Callable[[], float] = time.monotonic,
                 report_every_s: float = REPEAT_REPORT_S) -> None:
        super().__init__()
        self.target = target
        self.clock = clock
        self.report_every_s = report_every_s
        self._last: tuple[object, ...] | None = None
        self._last_record: logging.LogRecord | None = None
        self._repeats = 0
        self._since = 0.0

    @property
    def baseFilename(self) -> str:  # camelCase: the attribute RotatingFileHandler has
        return str(getattr(self.target, "baseFilename", ""))

    @staticmethod
    def _key(record: logging.LogRecord) -> tuple[object, ...]:
        exc_type = record.exc_info[0] if record.exc_info else None
        return (record.levelno, record.name, record.getMessage(), exc_type)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            key = self._key(record)
        except Exception:  # a bad format string: let the target report it in its own way
            self.target.handle(record)
            return
        if key == self._last:
            self._repeats += 1
            if self.clock() - self._since >= self.report_every_s:
                self._report()
            return
        self._report()
        self._last, self._last_record = key, record
        self._since = self.clock()
        self.target.handle(record)

    def _report(self) -> None:
        """Write "last message repeated N times" for the repeats held back so far."""
        if self._repeats and self._last_record is not None:
            previous = self._last_record
            summary = logging.LogRecord(previous.name, previous.levelno, previous.pathname, previous.lineno,
                                        "last message repeated %d times", (self._repeats,), None)
            self.target.handle(summary)
        self._repeats = 0
        self._since = self.clock()

    def flush(self) -> None:
        self.acquire()
        try:
            self._report()
        finally:
            self.release()
        self.target.flush()

    def close(self) -> None:
        self.flush()
        self.target.close()
        super().close()

    def replace_target(self, target: logging.Handler) -> None:
        """Pass records on to ``target`` from now on (held-back repeats go to the old one, then closed)."""
        self.acquire()
        try:
            self._report()
            old, self.target = self.target, target
        finally:
            self.release()
        old.close()


def _target(path: Path, *, rotate: bool) -> logging.FileHandler:
    if rotate:
        from logging.handlers import RotatingFileHandler  # with socket, pickle, queue: ~7 ms

        target: logging.FileHandler = RotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS,
                                                          encoding="utf-8")
    else:
        target = logging.FileHandler(path, encoding="utf-8")
    target.setFormatter(logging.Formatter(_FORMAT))
    return target


def _file_handler(path: Path, *, rotate: bool = True) -> RepeatCollapsingHandler:
    return RepeatCollapsingHandler(_target(path, rotate=rotate))


def setup_logging(level: int = logging.INFO, *, rotate: bool = True) -> Path | None:
    """Send log records to ``<log dir>/kiosk.log``; never to the install folder, never to a visitor.

    ``rotate`` False: the file is appended to without rotation until :func:`start_rotation` (the
    kiosk's start, which imports nothing it does not need before its first frame). Returns the log
    file, or None when logging was already set up or no folder is writable (then records are
    dropped rather than printed as tracebacks).
    """
    from kiosk.core.storage.paths import log_dir

    root = logging.getLogger()
    if current_log_file() is not None:
        return None
    try:
        path = log_dir() / LOG_FILE
        handler = _file_handler(path, rotate=rotate)
    except OSError:
        root.addHandler(logging.NullHandler())
        return None
    root.addHandler(handler)
    root.setLevel(level)
    return path


def start_rotation() -> None:
    """Rotate the log file from now on, when :func:`setup_logging` was asked not to yet.

    The file rotates at the next record once it is over :data:`LOG_BYTES`, as it would have.
    """
    for handler in logging.getLogger().handlers:
        if isinstance(handler, RepeatCollapsingHandler) and type(handler.target) is logging.FileHandler:
            handler.replace_target(_target(Path(handler.baseFilename), rotate=True))


def current_log_file() -> Path | None:
    """The file the root logger writes to, if any."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, (logging.FileHandler, RepeatCollapsingHandler)) and handler.baseFilename:
            return Path(handler.baseFilename)
    return None


def ensure_log_file(level: int = logging.INFO) -> Path:
    """A log file that exists and that the root logger writes to: for "report it with the log file".

    Sets logging up when it is not (the usual log folder, else a fresh private temp folder), so
    the message that names the file is never a promise about a file that was never written.
    """
    existing = current_log_file()
    if existing is None:
        setup_logging(level)
        existing = current_log_file()
    if existing is None:  # no log folder at all: a new private one in the temp folder
        import tempfile  # only when there is no log folder at all

        folder = Path(tempfile.mkdtemp(prefix="miro-kiosk-log-"))
        existing = folder / LOG_FILE
        logging.getLogger().addHandler(_file_handler(existing))
    existing.touch(exist_ok=True)  # RotatingFileHandler opens lazily; the file must be there now
    return existing


def log_internal_error(logger: logging.Logger, message: str = "internal error") -> Path:
    """Log the exception being handled, with its traceback, to the log file; return that file.

    Call it inside ``except``: ``print(f"... please report it with the log file {log_internal_error(log)}")``.
    """
    path = ensure_log_file()
    logger.exception(message)
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path
