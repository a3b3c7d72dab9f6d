"""Where things are: bundled content and assets, and the writable folders, in a checkout, a wheel or a frozen build."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

APP_NAME = "miro-kiosk"
_PACKAGE_DIR = Path(__file__).resolve().parents[2]  # kiosk/ (this file is kiosk/core/storage/paths.py)


def _bundled(name: str) -> Path:
    """``kiosk/<name>`` in a wheel or a frozen build, ``<repo>/<name>`` in a source checkout."""
    inside = _PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent / name


def bundled_content_dir() -> Path:
    """The content that ships with the app (MIRO's story)."""
    return _bundled("content")


def assets_dir() -> Path:
    """Icons, the pre-rendered theme and other files the app needs."""
    return _bundled("assets")


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def default_content_dir() -> Path:
    """The content the kiosk shows when none is named: a ``content`` folder beside a frozen app wins."""
    if is_frozen():
        beside = Path(sys.executable).resolve().parent / "content"
        if (beside / "deck.yaml").is_file():
            return beside
    return bundled_content_dir()


def _writable(candidate: Path) -> bool:
    try:
        candidate.mkdir(parents=True, exist_ok=True)
        probe = candidate / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False


def _user_dir(kind: str) -> Path:
    """A writable per-user folder of ``kind`` (data, cache, log), or one in the temp folder."""
    import platformdirs  # imported here: only needed once something is written

    getter = {
        "data": platformdirs.user_data_path,
        "cache": platformdirs.user_cache_path,
        "log": platformdirs.user_log_path,
    }[kind]
    override = os.environ.get("KIOSK_HOME")
    candidates = [Path(override) / kind] if override else []
    with contextlib.suppress(Exception):  # platformdirs may fail with no HOME at all
        candidates.append(getter(APP_NAME, appauthor=False))
    user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    candidates.append(Path(tempfile.gettempdir()) / f"{APP_NAME}-{user}" / kind)
    for candidate in candidates:
        if _writable(candidate):
            return candidate
    return Path(tempfile.mkdtemp(prefix=f"{APP_NAME}-{kind}-"))


def data_dir() -> Path:
    return _user_dir("data")


def cache_dir() -> Path:
    return _user_dir("cache")


def log_dir() -> Path:
    return _user_dir("log")
