"""The writable folders: the temp-folder fallback is private (0700) and never another user's."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs
import pytest

from kiosk.core.storage import paths


@pytest.fixture
def no_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No KIOSK_HOME and no usable per-user folder: the temp folder is the fallback."""
    monkeypatch.delenv("KIOSK_HOME", raising=False)

    def broken(*args: object, **kwargs: object) -> Path:
        raise KeyError("HOME")

    for name in ("user_data_path", "user_cache_path", "user_log_path"):
        monkeypatch.setattr(platformdirs, name, broken)
    temp = tmp_path / "tmp"
    temp.mkdir(mode=0o777)
    temp.chmod(0o1777)
    monkeypatch.setattr("tempfile.gettempdir", lambda: str(temp))
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    return temp


def test_the_temp_fallback_is_made_private(no_home: Path) -> None:
    data = paths.data_dir()
    root = no_home / f"{paths.APP_NAME}-{os.getuid()}"
    assert data == root / "data"
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    assert stat.S_IMODE(data.stat().st_mode) == 0o700


def test_our_own_folder_from_before_is_made_private(no_home: Path) -> None:
    root = no_home / f"{paths.APP_NAME}-{os.getuid()}"
    root.mkdir(mode=0o755)
    root.chmod(0o755)
    assert paths.log_dir() == root / "log"
    assert stat.S_IMODE(root.stat().st_mode) == 0o700


def test_a_folder_another_user_made_is_not_used(no_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    planted = no_home / f"{paths.APP_NAME}-{os.getuid() + 1}"
    planted.mkdir(mode=0o777)
    planted.chmod(0o777)  # another user's folder, writable by all: it would pass a write test
    monkeypatch.setattr("os.getuid", lambda: os.stat(planted).st_uid + 1)
    data = paths.data_dir()
    assert not data.is_relative_to(planted)
    assert data.name.startswith(f"{paths.APP_NAME}-data-")
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert list(planted.iterdir()) == []


def test_a_symlink_planted_in_the_temp_folder_is_not_followed(no_home: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (no_home / f"{paths.APP_NAME}-{os.getuid()}").symlink_to(elsewhere)
    data = paths.data_dir()
    assert not data.resolve().is_relative_to(elsewhere)
    assert list(elsewhere.iterdir()) == []
