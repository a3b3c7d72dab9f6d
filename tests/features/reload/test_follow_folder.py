"""The reload follows the content folder when staff replace it, and a slow poll catches lost file events."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.features.reload.watcher import ContentWatcher
from tests.features.reload.test_reload import OLD_TEXT, Running, content, edit, running, shown_texts, store

__all__ = ["content", "running", "store"]  # the shared fixtures, used by name


def _replace_by_rename(content: Path) -> None:
    """Staff rename the folder away and copy a new one in (from a USB stick)."""
    old = content.with_name("content-old")
    content.rename(old)
    shutil.copytree(old, content)


def _delete_and_copy_back(qtbot: QtBot, content: Path) -> None:
    """Staff delete the folder, and copy it back from a USB stick a moment later."""
    backup = content.with_name("content-usb")
    shutil.copytree(content, backup)
    shutil.rmtree(content)
    qtbot.wait(300)  # the deletion settles (and fails to load) before the copy starts
    shutil.copytree(backup, content)


def test_a_folder_replaced_by_rename_is_followed(qtbot: QtBot, content: Path, running: Running) -> None:
    kiosk, _status, reloader = running
    _replace_by_rename(content)
    qtbot.wait(300)  # the replacement itself settles (the copy is the same content)
    with qtbot.wait_signal(reloader.reloaded, timeout=4000):
        edit(content / "mission.yaml", OLD_TEXT, "en: Our replaced mission\n")
    assert "Our replaced mission" in shown_texts(kiosk)
    with qtbot.wait_signal(reloader.reloaded, timeout=4000):  # and it keeps following
        edit(content / "mission.yaml", "en: Our replaced mission\n", "en: Our mission again\n")
    assert "Our mission again" in shown_texts(kiosk)


def test_a_folder_deleted_and_copied_back_is_followed(qtbot: QtBot, content: Path, running: Running) -> None:
    kiosk, _status, reloader = running
    _delete_and_copy_back(qtbot, content)
    qtbot.wait(300)
    with qtbot.wait_signal(reloader.reloaded, timeout=4000):
        edit(content / "mission.yaml", OLD_TEXT, "en: Our mission from the stick\n")
    assert "Our mission from the stick" in shown_texts(kiosk)


def test_the_poll_finds_edits_when_file_events_are_lost(qtbot: QtBot, content: Path) -> None:
    watcher = ContentWatcher(content, debounce_ms=50, poll_ms=200)
    watcher.watcher.blockSignals(True)  # a network share or a FAT stick that sends no events
    with qtbot.wait_signal(watcher.settled, timeout=3000):
        edit(content / "mission.yaml", OLD_TEXT, "en: Polled mission\n")
    with qtbot.wait_signal(watcher.settled, timeout=3000):  # a replaced folder too
        _replace_by_rename(content)
    with qtbot.assert_not_emitted(watcher.settled, wait=600):  # and nothing when nothing changed
        pass


def test_a_neighbour_of_the_folder_changing_is_no_reload(qtbot: QtBot, content: Path) -> None:
    watcher = ContentWatcher(content, debounce_ms=50)
    with qtbot.assert_not_emitted(watcher.settled, wait=400):
        (content.parent / "kiosk.log.1").write_text("rotated\n", encoding="utf-8")
        (content.parent / "photos").mkdir()
