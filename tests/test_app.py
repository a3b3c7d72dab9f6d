"""The composition root: the operational features wired together as ``kiosk`` runs them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app import Operations, build_kiosk_with_fallback, install_operations
from kiosk.core.content.lastgood import LastGoodStore
from kiosk.core.storage.paths import bundled_content_dir
from kiosk.features.idle.controller import IdleFeature, IdleState
from tests.support import screens


def _operations(qapp: QApplication, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                safe_mode: bool = False) -> Iterator[Operations]:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    store = LastGoodStore(tmp_path / "last-good")
    kiosk, status = build_kiosk_with_fallback(qapp, bundled_content_dir(), store)
    qtbot.add_widget(kiosk.window)
    kiosk.window.resize(1024, 600)
    kiosk.window.show()
    qtbot.wait_exposed(kiosk.window)
    operations = install_operations(kiosk, status, store, safe_mode=safe_mode)
    yield operations
    operations.engagement.uninstall()
    operations.engagement.on_quit()
    operations.lockdown.allow_exit()
    operations.lockdown.uninstall()
    operations.idle.uninstall()
    operations.inhibitor.release()
    qapp.removeEventFilter(screens(operations.staff).detector)
    if operations.presenter is not None:
        qapp.removeEventFilter(operations.presenter)


@pytest.fixture
def operations(qapp: QApplication, qtbot: QtBot, tmp_path: Path,
               monkeypatch: pytest.MonkeyPatch) -> Iterator[Operations]:
    yield from _operations(qapp, qtbot, tmp_path, monkeypatch)


def test_staff_menu_stays_open_and_pauses_the_idle_reset(operations: Operations) -> None:
    operations.staff.open_menu()
    assert screens(operations.staff).overlay.isVisible()
    assert operations.idle.state is IdleState.DISABLED
    operations.staff.close()
    assert not screens(operations.staff).overlay.isVisible()
    assert state_of(operations.idle) is IdleState.ACTIVE


def test_idle_prompt_closes_a_staff_menu_left_open(operations: Operations, qtbot: QtBot) -> None:
    operations.staff.open_menu()
    operations.staff.close()
    screens(operations.staff).overlay.show()  # menu left open while the idle timer runs
    operations.idle.on_idle_timeout()
    assert operations.idle.state in (IdleState.PROMPT, IdleState.ATTRACT)
    assert not screens(operations.staff).overlay.isVisible()


def test_presenter_mode_from_the_staff_menu_has_no_idle_reset(operations: Operations) -> None:
    assert operations.presenter is not None
    operations.staff.open_menu()
    operations.staff.on_presenter_requested()
    assert operations.presenter.is_presenter
    assert operations.idle.state is IdleState.DISABLED


def test_safe_mode_leaves_out_optional_features(qapp: QApplication, qtbot: QtBot, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    for operations in _operations(qapp, qtbot, tmp_path, monkeypatch, safe_mode=True):
        assert operations.presenter is None
        assert operations.reloader is None
        assert screens(operations.staff).overlay.menu is not None


def state_of(idle: IdleFeature) -> IdleState:
    """The idle state read afresh (mypy would keep an earlier assert's narrowing of ``idle.state``)."""
    return idle.state
