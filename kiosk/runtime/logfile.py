"""Logging to a rotating file in the user's log folder (a temp folder if that is not writable)."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FILE = "kiosk.log"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 3


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send log records to ``<log dir>/kiosk.log``; never to the install folder, never to a visitor.

    Returns the log file, or None when logging was already set up or no folder is writable (then
    records are dropped rather than printed as tracebacks).
    """
    from kiosk.core.storage.paths import log_dir

    root = logging.getLogger()
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return None
    try:
        path = log_dir() / LOG_FILE
        handler: logging.Handler = RotatingFileHandler(
            path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError:
        root.addHandler(logging.NullHandler())
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path


def current_log_file() -> Path | None:
    """The file the root logger writes to, if any."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    return None
