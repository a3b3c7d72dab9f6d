"""Where things are: bundled content and assets, and the writable folders, in a checkout, a wheel or a frozen build."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
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
        candidate.mkdir(parents=True, exist_ok=True, mode=0o700)
        probe = candidate / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False


def _current_uid() -> int | None:
    return os.getuid() if hasattr(os, "getuid") else None


def private_temp_root() -> Path | None:
    """``<temp>/miro-kiosk-<uid>``, made with mode 0700, or None when it cannot be trusted.

    The temp folder is shared by every user: a folder of that name made by someone else (or a
    symlink planted there) could feed the kiosk a PIN file or collect its logs, so it is used
    only when it is a real folder owned by this user, and made private if it is not yet.
    """
    import tempfile  # only when no usual folder will do

    uid = _current_uid()
    root = Path(tempfile.gettempdir()) / f"{APP_NAME}-{uid if uid is not None else 'user'}"
    try:
        root.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    try:
        info = os.lstat(root)
        if not stat.S_ISDIR(info.st_mode) or (uid is not None and info.st_uid != uid):
            return None
        if stat.S_IMODE(info.st_mode) & 0o077 and hasattr(os, "chmod"):
            os.chmod(root, 0o700)  # ours, from an older version that made it 0755
    except OSError:
        return None
    return root


def _user_dir(kind: str) -> Path:
    """A writable per-user folder of ``kind`` (data, cache, log), or a private one in the temp folder."""
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
    for candidate in candidates:
        if _writable(candidate):
            return candidate
    temp_root = private_temp_root()
    if temp_root is not None and _writable(temp_root / kind):
        return temp_root / kind
    import tempfile

    return Path(tempfile.mkdtemp(prefix=f"{APP_NAME}-{kind}-"))  # mkdtemp: 0700, new, ours


def data_dir() -> Path:
    return _user_dir("data")


def cache_dir() -> Path:
    return _user_dir("cache")


def existing_cache_dir() -> Path | None:
    """The user cache folder if it exists already; creates nothing (for tools that write nothing)."""
    import platformdirs

    override = os.environ.get("KIOSK_HOME")
    candidates = [Path(override) / "cache"] if override else []
    with contextlib.suppress(Exception):  # platformdirs may fail with no HOME at all
        candidates.append(platformdirs.user_cache_path(APP_NAME, appauthor=False))
    return next((c for c in candidates if c.is_dir()), None)


def log_dir() -> Path:
    return _user_dir("log")
