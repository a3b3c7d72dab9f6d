"""Live content: edits show up on the same slide; broken edits keep the last good content."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk, build_kiosk_with_fallback
from kiosk.control.status import ContentStatus
from kiosk.core.content.lastgood import LastGoodStore
from kiosk.core.errors import ContentError
from kiosk.core.storage.paths import bundled_content_dir
from kiosk.core.storage.pin import PinFile
from kiosk.core.storage.settings import StaffSettings
from kiosk.features.reload.controller import ContentReloader, install_live_reload
from kiosk.features.staff.install import install_staff
from tests.support import screens

SLIDE = "mission"  # the first slide of mission.yaml
OLD_TEXT = "en: Our mission\n"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(bundled_content_dir(), folder)
    return folder


@pytest.fixture
def store(tmp_path: Path) -> LastGoodStore:
    return LastGoodStore(tmp_path / "data" / "last-good")


def _build(qapp: QApplication, qtbot: QtBot, content: Path,
           store: LastGoodStore) -> tuple[Kiosk, ContentStatus]:
    kiosk, status = build_kiosk_with_fallback(qapp, content, store, "en")
    qtbot.add_widget(kiosk.window)
    kiosk.window.resize(1024, 600)
    kiosk.window.show()
    qtbot.wait_exposed(kiosk.window)
    return kiosk, status


@pytest.fixture
def running(qapp: QApplication, qtbot: QtBot, content: Path,
            store: LastGoodStore) -> tuple[Kiosk, ContentStatus, ContentReloader]:
    kiosk, status = _build(qapp, qtbot, content, store)
    reloader = install_live_reload(kiosk.controller, status, store, debounce_ms=50)
    page = kiosk.controller.navigator.page_of(SLIDE)
    assert page is not None
    kiosk.controller.on_page_requested(page)
    return kiosk, status, reloader


def current_slide(kiosk: Kiosk) -> str:
    return kiosk.controller.deck.slides[kiosk.controller.page - 1].id


def shown_texts(kiosk: Kiosk) -> list[str]:
    view = kiosk.window.current_view()
    return [label.accessibleName() or label.text() for label in view.findChildren(QLabel)]


def save_like_an_editor(path: Path, text: str) -> None:
    """Write a new file and rename it over the old one, as many editors do."""
    temp = path.with_name(f".{path.name}.swp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    save_like_an_editor(path, text.replace(old, new, 1))


Running = tuple[Kiosk, ContentStatus, ContentReloader]


def test_an_edit_shows_on_the_same_slide(qtbot: QtBot, content: Path, running: Running) -> None:
    kiosk, status, reloader = running
    assert "Our mission" in shown_texts(kiosk)
    with qtbot.wait_signal(reloader.reloaded, timeout=5000):
        edit(content / "mission.yaml", OLD_TEXT, "en: Our shared mission\n")
    assert current_slide(kiosk) == SLIDE
    assert "Our shared mission" in shown_texts(kiosk)
    assert not status.has_problems
    # The editor replaced the file: the watcher must still see the next save.
    with qtbot.wait_signal(reloader.reloaded, timeout=5000):
        edit(content / "mission.yaml", "en: Our shared mission\n", "en: Our mission today\n")
    assert "Our mission today" in shown_texts(kiosk)
    assert current_slide(kiosk) == SLIDE


def test_a_broken_edit_keeps_the_last_good_content(
        qtbot: QtBot, qapp: QApplication, content: Path, tmp_path: Path,
        running: Running) -> None:
    kiosk, status, reloader = running
    staff = install_staff(kiosk, status, on_exit=lambda: None,
                          pin_file=PinFile(tmp_path / "pin.json"),
                          settings=StaffSettings(tmp_path / "store.json"))
    try:
        deck_before = kiosk.controller.deck
        with qtbot.wait_signal(reloader.failed, timeout=5000) as failed:
            edit(content / "mission.yaml", OLD_TEXT, "en: [Our mission\n")
        error = failed.args[0]
        assert isinstance(error, ContentError)
        assert error.problems[0].location.file.endswith("mission.yaml")
        assert error.problems[0].message == "not valid YAML: did not find expected ',' or ']'"
        assert kiosk.controller.deck is deck_before
        assert current_slide(kiosk) == SLIDE
        assert "Our mission" in shown_texts(kiosk)
        assert status.problem is error
        assert screens(staff).badge.isVisible()
        assert staff.diagnostics().problems == [str(p) for p in error.problems]
        # Fixing the file clears the badge.
        with qtbot.wait_signal(reloader.reloaded, timeout=5000):
            edit(content / "mission.yaml", "en: [Our mission\n", "en: Our fixed mission\n")
        assert not screens(staff).badge.isVisible()
        assert "Our fixed mission" in shown_texts(kiosk)
    finally:
        qapp.removeEventFilter(screens(staff).detector)


def test_restart_with_broken_content_shows_the_last_good(
        qtbot: QtBot, qapp: QApplication, content: Path, store: LastGoodStore) -> None:
    first, _ = _build(qapp, qtbot, content, store)  # a good start stores the content
    edit(content / "mission.yaml", OLD_TEXT, "en: [Our mission\n")
    kiosk, status = _build(qapp, qtbot, content, store)
    assert status.problem is not None
    assert status.showing_last_good
    assert kiosk.content.deck.root == store.current()
    assert kiosk.controller.deck.slides == first.content.deck.slides
    page = kiosk.controller.navigator.page_of(SLIDE)
    assert page is not None
    kiosk.controller.on_page_requested(page)
    assert "Our mission" in shown_texts(kiosk)


def test_restart_with_broken_content_and_no_store_raises(
        qtbot: QtBot, qapp: QApplication, content: Path, store: LastGoodStore) -> None:
    edit(content / "mission.yaml", OLD_TEXT, "en: [Our mission\n")
    with pytest.raises(ContentError):
        build_kiosk_with_fallback(qapp, content, store)


def test_fixing_the_folder_after_a_broken_start_shows_it_live(
        qtbot: QtBot, qapp: QApplication, content: Path, store: LastGoodStore) -> None:
    _build(qapp, qtbot, content, store)
    edit(content / "mission.yaml", OLD_TEXT, "en: [Our mission\n")
    kiosk, status = _build(qapp, qtbot, content, store)
    reloader = install_live_reload(kiosk.controller, status, store, debounce_ms=50)
    with qtbot.wait_signal(reloader.reloaded, timeout=5000):
        edit(content / "mission.yaml", "en: [Our mission\n", "en: Our new mission\n")
    assert not status.has_problems
    assert not status.showing_last_good
    assert status.shown.deck.root == content
    page = kiosk.controller.navigator.page_of(SLIDE)
    assert page is not None
    kiosk.controller.on_page_requested(page)
    assert "Our new mission" in shown_texts(kiosk)
