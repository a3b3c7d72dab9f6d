"""The visitor log in the running kiosk (offscreen): a visitor's taps, keys, language and answer reach
``kiosk report``; staff make the report, delete the log and turn on the quiet screen by touch."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Operations, build_kiosk_with_fallback, install_operations, main
from kiosk.core.content.lastgood import LastGoodStore
from kiosk.core.engagement.log import LOG_FILE
from kiosk.core.engagement.report import read_logs
from kiosk.core.storage.paths import bundled_content_dir
from kiosk.core.storage.pin import PinFile, PinGate
from kiosk.core.text.rules import unmark
from kiosk.features.engagement.controller import EngagementController
from kiosk.features.engagement.views import EngagementScreens
from kiosk.views.slides.feedback import FeedbackView
from tests.support import screens

QUESTION = "your-view"  # MIRO's closing feedback slide


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    assert PinGate(PinFile.in_data_dir()).set_pin("246810") is None  # else the set-up pad comes first
    return tmp_path / "home"


def _operations(qapp: QApplication, qtbot: QtBot, tmp_path: Path) -> Iterator[Operations]:
    store = LastGoodStore(tmp_path / "last-good")
    kiosk, status = build_kiosk_with_fallback(qapp, bundled_content_dir(), store)
    qtbot.add_widget(kiosk.window)
    kiosk.window.resize(1024, 600)
    kiosk.window.show()
    qtbot.wait_exposed(kiosk.window)
    operations = install_operations(kiosk, status, store)
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
def operations(qapp: QApplication, qtbot: QtBot, tmp_path: Path, home: Path) -> Iterator[Operations]:
    yield from _operations(qapp, qtbot, tmp_path)


def engagement_screens(engagement: EngagementController) -> EngagementScreens:
    assert isinstance(engagement.views, EngagementScreens)
    return engagement.views


def _settle(operations: Operations, qtbot: QtBot) -> None:
    window = operations.staff.views.window  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not window.swipe.is_animating and window.current_page == window.swipe.current)


def _feedback(operations: Operations) -> FeedbackView:
    view = operations.staff.deck.deck  # the deck, for the page of the question
    page = [s.id for s in view.slides].index(QUESTION) + 1
    window = operations.staff.views.window  # type: ignore[attr-defined]
    assert window.current_page == page
    current = window.current_view()
    assert isinstance(current, FeedbackView)
    return current


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _idle_reset(operations: Operations) -> None:
    operations.idle.on_idle_timeout()
    operations.idle.on_countdown_finished()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_visitor_reaches_kiosk_report(operations: Operations, qtbot: QtBot, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    window = operations.staff.views.window  # type: ignore[attr-defined]
    deck = operations.staff.deck.deck
    _click(qtbot, window.next_button)  # a tap: the visit starts, on the first slide
    _settle(operations, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_PageDown)  # a clicker
    _settle(operations, qtbot)
    _click(qtbot, window.languages.buttons["en"])
    _settle(operations, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_End)
    _settle(operations, qtbot)
    view = _feedback(operations)
    _click(qtbot, view.buttons[0])
    answer = view.buttons[0].choice.id
    assert view.thanks.isVisibleTo(view)
    _click(qtbot, window.languages.buttons["km"])  # the page is rebuilt: still answered
    _settle(operations, qtbot)
    rebuilt = _feedback(operations)
    assert rebuilt is not view
    assert rebuilt.answered == answer
    assert not rebuilt.buttons[1].isEnabled()
    _click(qtbot, rebuilt.buttons[0])  # nothing more is recorded
    _idle_reset(operations)
    assert not operations.engagement.tracker.in_visit
    assert _feedback_or_none(operations) is None  # home again
    operations.engagement.on_quit()  # staff exit: everything queued reaches the disk

    out = tmp_path / "report"
    assert main(["report", "--out", str(out)]) == 0
    assert "1 visits, 5 slide views, 1 answers" in capsys.readouterr().out
    (visit,) = _rows(out / "visits.csv")
    assert (visit["languages"], visit["ended_by"], visit["answers"]) == ("km en", "idle", f"{QUESTION}={answer}")
    views = {(r["slide"], int(r["views"])) for r in _rows(out / "slides.csv")}
    first, second = deck.slides[0].id, deck.slides[1].id
    assert {(first, 1), (second, 2), (QUESTION, 2)} <= views  # PageDown, switch, End, switch back
    answers = [(r["question"], r["answer"], r["count"]) for r in _rows(out / "answers.csv") if r["count"] != "0"]
    assert answers == [(QUESTION, answer, "1")]
    assert (out / "report.pdf").stat().st_size > 10_000


def _feedback_or_none(operations: Operations) -> FeedbackView | None:
    window = operations.staff.views.window  # type: ignore[attr-defined]
    view = window.current_view()
    return view if isinstance(view, FeedbackView) else None


def test_staff_make_the_report_in_the_data_folder_and_delete_the_log(
        operations: Operations, qtbot: QtBot, home: Path, tmp_path: Path) -> None:
    window = operations.staff.views.window  # type: ignore[attr-defined]
    engagement, menu = operations.engagement, screens(operations.staff).overlay.menu
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    _settle(operations, qtbot)
    _idle_reset(operations)
    operations.staff.open_menu()
    qtbot.waitUntil(lambda: any("Today" in line or "ថ្ងៃនេះ" in line for line in menu.status_lines))
    assert any(unmark(line) == "ថ្ងៃនេះ៖ ការមកទស្សនា ១ ចម្លើយ ០" for line in menu.status_lines)
    grab = Path(os.environ.get("KIOSK_TEST_PNG_DIR", tmp_path))
    window.grab().save(str(grab / "staff-menu-km.png"))
    _click(qtbot, menu.action_buttons["make-report"])
    overlay = engagement_screens(engagement).overlay
    assert overlay.isVisible()
    assert overlay.stack.currentWidget() is overlay.folders
    assert overlay.folders.hint.isVisibleTo(overlay.folders)  # no stick in this test: say so
    window.grab().save(str(grab / "report-folders-km.png"))
    _click(qtbot, overlay.folders.folder_buttons[-1])  # the data folder
    qtbot.waitUntil(lambda: overlay.message.ok_button.isVisibleTo(overlay.message), timeout=10_000)
    (folder,) = (home / "data" / "reports").iterdir()
    assert str(folder) in unmark(overlay.message.text.text())
    window.grab().save(str(grab / "report-written-km.png"))
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["answers.csv", "report.pdf", "slides.csv", "visits.csv",
         f"engagement-{folder.name.removeprefix('miro-kiosk-report-')}.db"])
    assert len(read_logs([next(folder.glob("*.db"))]).visits) == 1  # a copy to merge later
    _click(qtbot, overlay.message.ok_button)
    assert not overlay.isVisible()
    assert screens(operations.staff).overlay.isVisible()

    _click(qtbot, menu.action_buttons["delete-log"])
    assert overlay.stack.currentWidget() is overlay.confirm
    window.grab().save(str(grab / "delete-confirm-km.png"))
    _click(qtbot, overlay.confirm.delete_button)
    qtbot.waitUntil(lambda: len(read_logs([home / "data" / LOG_FILE]).visits) == 0)
    _click(qtbot, overlay.message.ok_button)
    operations.staff.on_default_language_requested("en")  # the menu in English, to look at
    window.grab().save(str(grab / "staff-menu-en.png"))


def test_quiet_screen_shows_records_nothing_and_ends_at_the_idle_reset(
        operations: Operations, qtbot: QtBot, home: Path, tmp_path: Path) -> None:
    window = operations.staff.views.window  # type: ignore[attr-defined]
    engagement, menu = operations.engagement, screens(operations.staff).overlay.menu
    badge = engagement_screens(engagement).quiet_badge
    operations.staff.open_menu()
    _click(qtbot, menu.action_buttons["quiet-screen"])
    assert badge.isVisible()
    assert unmark(badge.text()) == "អេក្រង់ស្ងាត់៖ គ្មានអ្វីត្រូវបានកត់ត្រាទេ"
    assert unmark(menu.action_buttons["quiet-screen"].text()) == "បញ្ចប់អេក្រង់ស្ងាត់"
    operations.staff.close()
    window.grab().save(str(Path(os.environ.get("KIOSK_TEST_PNG_DIR", tmp_path)) / "quiet-km.png"))
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert not engagement.tracker.in_visit
    _idle_reset(operations)
    assert not badge.isVisible()
    assert not engagement.tracker.quiet
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert engagement.tracker.in_visit


def test_a_data_folder_that_cannot_be_written_is_shown_to_staff_and_the_kiosk_runs_on(
        qapp: QApplication, qtbot: QtBot, tmp_path: Path, home: Path) -> None:
    (home / "data" / LOG_FILE).mkdir(parents=True)  # no database can be made there
    for operations in _operations(qapp, qtbot, tmp_path):
        engagement = operations.engagement

        def log_failing(e: EngagementController = engagement) -> bool:
            return not e.log.status.ok

        qtbot.waitUntil(log_failing, timeout=5000)
        engagement.on_status_tick()
        operations.staff.open_menu()
        menu = screens(operations.staff).overlay.menu
        assert any("មិនអាចសរសេរកំណត់ត្រាអ្នកទស្សនាបានទេ" in unmark(line) for line in menu.status_lines)
        operations.staff.on_diagnostics_requested()
        assert "កំណត់ត្រាអ្នកទស្សនា: មានបញ្ហា" in unmark(screens(operations.staff).overlay.diagnostics.plain_text)
        operations.staff.close()
        window = operations.staff.views.window  # type: ignore[attr-defined]
        qtbot.keyClick(window, Qt.Key.Key_PageDown)  # the kiosk runs on
        assert operations.staff.deck.page == 1
        assert engagement.tracker.in_visit
