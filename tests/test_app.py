"""The composition root: the operational features wired together as ``kiosk`` runs them."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app import EXIT_AFTER_FIRST_PAINT_ENV, Operations, _start, build_kiosk_with_fallback, install_operations
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


def _start_args(**options: object) -> argparse.Namespace:
    return argparse.Namespace(lang=None, windowed=True, presenter=False, **options)


def test_the_first_frame_is_locked_and_the_features_follow_it(qapp: QApplication, qtbot: QtBot, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Before the first paint only the window is built and locked; after it, everything, set-up pad first."""
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    running: list[Operations] = []
    kiosk = _start(qapp, _start_args(), bundled_content_dir(), False, running)
    window = kiosk.window
    qtbot.add_widget(window)
    assert running == []  # nothing installed before the first frame
    close = QCloseEvent()
    QApplication.sendEvent(window, close)
    assert not close.isAccepted()  # the window's close request (Alt+F4 under a window manager)
    for key, modifiers in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                           (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)):
        press = QKeyEvent(QEvent.Type.KeyPress, key, modifiers)
        assert QApplication.sendEvent(window, press) is True  # taken by the lockdown, never the window's
    assert window.isVisible()
    qtbot.wait_until(lambda: bool(running), timeout=5000)
    operations = running[0]
    try:
        # No PIN yet: the set-up pad is the first thing staff see, right after the first frame.
        assert screens(operations.staff).overlay.isVisible()
        close = QCloseEvent()
        QApplication.sendEvent(window, close)
        assert not close.isAccepted()
        assert window.isVisible()
    finally:
        operations.lockdown.allow_exit()
        operations.lockdown.uninstall()
        operations.idle.uninstall()
        operations.inhibitor.release()
        qapp.removeEventFilter(screens(operations.staff).detector)
        qapp.removeEventFilter(window.swipe)
        if operations.presenter is not None:
            qapp.removeEventFilter(operations.presenter)


FIRST_PAINT_PROBE = """
import sys
import kiosk.app
painted = kiosk.app._FirstFrame.on_painted
def probe(self):
    heavy = sorted(name for name in ("pydantic", "pydantic_core", "yaml") if name in sys.modules)
    print("AT-FIRST-PAINT", ",".join(heavy) or "-", flush=True)
    painted(self)
kiosk.app._FirstFrame.on_painted = probe
sys.exit(kiosk.app.main(["--no-restart"]))
"""


def test_a_start_with_a_fresh_cache_paints_before_importing_pydantic_or_yaml(tmp_path: Path) -> None:
    env = {**os.environ, "KIOSK_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
           EXIT_AFTER_FIRST_PAINT_ENV: "1", "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    subprocess.run([sys.executable, "-m", "kiosk", "set-pin", "--pin-stdin"], input=b"246810\n", env=env,
                   check=True, timeout=60)

    def first_paint() -> str:
        done = subprocess.run([sys.executable, "-c", FIRST_PAINT_PROBE], env=env, capture_output=True, text=True,
                              timeout=120, check=False)
        assert done.returncode == 0, done.stderr[-2000:]
        return next(line.split()[1] for line in done.stdout.splitlines() if line.startswith("AT-FIRST-PAINT"))

    assert "pydantic" in first_paint()  # the first start checks the content and fills the cache
    assert first_paint() == "-"  # then: nothing of pydantic, pydantic-core or YAML before the first paint
    # The switch leaves at once (exit code 0 above), with its log written out first.
    log = (tmp_path / "log" / "kiosk.log").read_text(encoding="utf-8")
    assert log.count("first page painted: exiting") == 2


STYLE_PROBE = """
from kiosk.app import create_application
app = create_application()
sheet = app.styleSheet()
app.setStyleSheet("")  # what is left under the stylesheet: the widget style it styles
print(app.style().name(), len(sheet))
"""


def test_the_application_is_made_in_the_fusion_style_under_the_stylesheet(tmp_path: Path) -> None:
    """Chosen on Qt's command line when the application is made (not by setStyle afterwards),
    and over a style the environment asks for."""
    env = {**os.environ, "KIOSK_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen", "QT_STYLE_OVERRIDE": "windows",
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run([sys.executable, "-c", STYLE_PROBE], env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    style, sheet_chars = done.stdout.split()
    assert style == "fusion"
    assert int(sheet_chars) > 1000
