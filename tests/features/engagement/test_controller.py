"""The visitor log's controller decides alone: driven through a fake view facade and a fake log, no widgets."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.core.content.ui_words import UiText, ui_text
from kiosk.core.engagement.log import LogState, LogStatus
from kiosk.core.engagement.report import DaySummary
from kiosk.core.engagement.targets import ReportTarget
from kiosk.core.engagement.visits import VisitTracker
from kiosk.features.engagement.controller import (
    ACTION_DELETE,
    ACTION_QUIET,
    ACTION_REPORT,
    EngagementController,
)

TODAY = date(2025, 3, 1)


class FakeLog:
    """The tracker's sink and the controller's log: records the events, says what ``state`` says."""

    def __init__(self) -> None:
        self.events: list[tuple[object, ...]] = []
        self.state = LogStatus(LogState.OK, Path("/data/engagement.db"))
        self.closed = 0

    def visit_started(self, visit_id: str, at: datetime, languages: Sequence[str]) -> int:
        self.events.append(("visit", visit_id, tuple(languages)))
        return len(self.events)

    def visit_languages(self, visit_id: str, languages: Sequence[str]) -> int:
        self.events.append(("languages", tuple(languages)))
        return len(self.events)

    def visit_ended(self, visit_id: str, at: datetime, reason: str, languages: Sequence[str]) -> int:
        self.events.append(("end", reason))
        return len(self.events)

    def slide_view_started(self, view_id: str, visit_id: str, slide_id: str, language: str,
                           at: datetime) -> int:
        self.events.append(("view", slide_id, language))
        return len(self.events)

    def slide_view_ended(self, view_id: str, dwell_ms: int) -> int:
        self.events.append(("dwell",))
        return len(self.events)

    def answer_given(self, event_id: str, visit_id: str, question_id: str, answer_id: str,
                     at: datetime) -> int:
        self.events.append(("answer", question_id, answer_id))
        return len(self.events)

    @property
    def status(self) -> LogStatus:
        return self.state

    def delete_all(self) -> int:
        self.events.append(("delete_all",))
        return len(self.events)

    def close(self, timeout: float = 5.0) -> None:
        self.closed += 1

    def kinds(self) -> list[object]:
        return [e[0] for e in self.events]


class FakeViews(QObject):
    answer_given = Signal(str, str)
    folder_chosen = Signal(str)
    look_again_requested = Signal()
    delete_confirmed = Signal()
    dismissed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.answer_for: Callable[[str], str | None] = lambda _q: "unset"
        self.shown_answers = 0
        self.quiet = False
        self.page: str | None = None
        self.targets: list[ReportTarget] = []
        self.message: tuple[str, bool, bool] | None = None

    def set_answer_source(self, answer_for: Callable[[str], str | None]) -> None:
        self.answer_for = answer_for

    def show_answers(self) -> None:
        self.shown_answers += 1

    def set_quiet(self, quiet: bool) -> None:
        self.quiet = quiet

    def show_folders(self, targets: Sequence[ReportTarget]) -> None:
        self.page, self.targets = "folders", list(targets)

    def show_message(self, text: str, *, problem: bool, busy: bool = False) -> None:
        self.page, self.message = "message", (text, problem, busy)

    def show_delete_confirmation(self) -> None:
        self.page = "confirm"

    def hide(self) -> None:
        self.page = None


@dataclass
class Setup:
    log: FakeLog
    views: FakeViews
    tracker: VisitTracker
    controller: EngagementController
    counting: list[bool] = field(default_factory=lambda: [True])
    reports: list[Path] = field(default_factory=list)
    report_error: list[Exception] = field(default_factory=list)
    summary: list[DaySummary | Exception] = field(default_factory=lambda: [DaySummary(3, 9, 2)])


SLIDES = ["welcome", "mission", "your-view"]


def en(key: UiText) -> str:
    return ui_text(key, "en", "km")


@pytest.fixture
def setup(qapp: QApplication) -> Setup:
    log, views = FakeLog(), FakeViews()
    tracker = VisitTracker(log, language="km")
    state: dict[str, str] = {"language": "km"}
    holder: list[Setup] = []

    def write_report(target: Path) -> Path:
        if holder[0].report_error:
            raise holder[0].report_error[0]
        holder[0].reports.append(target)
        return target / "miro-kiosk-report-1"

    def read_summary(day: date) -> DaySummary:
        assert day == TODAY
        result = holder[0].summary[0]
        if isinstance(result, Exception):
            raise result
        return result

    controller = EngagementController(
        tracker, log, views, words=en, digits=str,
        slide_at=lambda page: SLIDES[page - 1] if page > 0 else None,
        language=lambda: state["language"],
        counting=lambda: holder[0].counting[0],
        read_summary=read_summary, write_report=write_report,
        targets=lambda: [ReportTarget(Path("/media/staff/STICK"), True, True),
                         ReportTarget(Path("/data/reports"), False, True)],
        today=lambda: TODAY, run_in_background=lambda job: job())
    holder.append(Setup(log, views, tracker, controller))
    return holder[0]


def test_a_visit_is_fed_from_input_pages_languages_and_answers(setup: Setup) -> None:
    c, log = setup.controller, setup.log
    c.on_page_changed(1, True)  # before any input: no visit yet
    assert log.events == []
    c.on_input()
    c.on_page_changed(2, True)
    c.on_language_changed("en")
    setup.views.answer_given.emit("your-view", "happy")
    setup.views.answer_given.emit("your-view", "sad")  # one answer per question per visit
    assert [e for e in log.events if e[0] != "dwell"] == [
        ("visit", log.events[0][1], ("km",)), ("view", "welcome", "km"), ("view", "mission", "km"),
        ("languages", ("km", "en")), ("view", "mission", "en"), ("answer", "your-view", "happy")]
    assert setup.views.answer_for("your-view") == "happy"  # a rebuilt page shows it answered


def test_staff_input_starts_no_visit(setup: Setup) -> None:
    setup.counting[0] = False
    setup.controller.on_input()
    assert not setup.tracker.in_visit
    setup.counting[0] = True
    setup.controller.on_input()
    assert setup.tracker.in_visit


def test_idle_reset_ends_the_visit_and_opens_the_questions_again(setup: Setup) -> None:
    c = setup.controller
    c.on_input()
    setup.views.answer_given.emit("your-view", "happy")
    shown = setup.views.shown_answers
    c.on_idle_reset()
    assert setup.log.events[-1] == ("end", "idle")
    assert setup.views.shown_answers == shown + 1
    assert setup.views.answer_for("your-view") is None


def test_quiet_screen_records_nothing_shows_itself_and_ends_at_the_idle_reset(setup: Setup) -> None:
    c = setup.controller
    c.on_input()
    assert (ACTION_QUIET, en(UiText.QUIET_SCREEN)) in c.actions()
    changed: list[int] = []
    c.changed.connect(lambda: changed.append(1))
    c.run(ACTION_QUIET)
    assert setup.log.events[-1] == ("end", "quiet")
    assert setup.views.quiet
    assert changed
    assert (en(UiText.QUIET_ON), True) in c.status()
    assert (ACTION_QUIET, en(UiText.END_QUIET)) in c.actions()
    count = len(setup.log.events)
    c.on_input()
    setup.views.answer_given.emit("your-view", "happy")
    assert len(setup.log.events) == count  # nothing recorded
    c.on_idle_reset()
    assert not setup.tracker.quiet
    assert not setup.views.quiet
    assert (en(UiText.QUIET_ON), True) not in c.status()
    c.on_input()
    assert setup.tracker.in_visit


def test_report_goes_to_the_chosen_folder_and_says_where(setup: Setup) -> None:
    c = setup.controller
    c.run(ACTION_REPORT)
    assert setup.views.page == "folders"
    assert [t.path for t in setup.views.targets] == [Path("/media/staff/STICK"), Path("/data/reports")]
    setup.views.folder_chosen.emit("/media/staff/STICK")
    assert setup.reports == [Path("/media/staff/STICK")]
    assert setup.views.message == (
        "The report is written in /media/staff/STICK/miro-kiosk-report-1", False, False)
    assert not c.writing


def test_a_full_stick_is_reported_to_staff_and_nothing_breaks(setup: Setup) -> None:
    setup.report_error.append(OSError(28, "No space left on device"))
    setup.views.folder_chosen.emit("/media/staff/STICK")
    assert setup.views.message == ("The report could not be written: No space left on device", True, False)
    setup.views.dismissed.emit()
    assert setup.views.page is None


def test_delete_the_log_asks_first_then_deletes_and_ends_the_visit(setup: Setup) -> None:
    c = setup.controller
    c.on_input()
    c.run(ACTION_DELETE)
    assert setup.views.page == "confirm"
    assert "delete_all" not in setup.log.kinds()
    setup.views.dismissed.emit()  # cancel: nothing deleted
    assert "delete_all" not in setup.log.kinds()
    c.run(ACTION_DELETE)
    setup.views.delete_confirmed.emit()
    assert setup.log.kinds()[-2:] == ["end", "delete_all"]
    assert setup.views.message == (en(UiText.LOG_DELETED), False, False)
    assert (en(UiText.LOG_TODAY).replace("{visits}", "0").replace("{answers}", "0"), False) in c.status()


def test_today_is_counted_when_the_menu_opens(setup: Setup) -> None:
    c = setup.controller
    assert c.status() == [(en(UiText.LOG_READING), False)]
    c.on_staff_menu_opened()
    assert c.status() == [("Today: 3 visits, 2 answers", False)]
    setup.summary[0] = RuntimeError("file is not a database")
    c.on_staff_menu_opened()
    assert c.status() == [("The visitor log cannot be read: file is not a database", True)]


def test_a_failing_disk_is_shown_in_the_menu_and_diagnostics(setup: Setup, qtbot: QtBot) -> None:
    c = setup.controller
    assert c.diagnostics() == [("Visitor log", "OK: /data/engagement.db", False)]
    setup.log.state = LogStatus(LogState.FAILING, Path("/data/engagement.db"),
                                "cannot write the visitor log /data/engagement.db: disk I/O error", pending=4)
    with qtbot.wait_signal(c.changed, timeout=1000):
        c.on_status_tick()
    lines = c.status()
    assert lines[0] == ("The visitor log cannot be written: cannot write the visitor log /data/engagement.db:"
                        " disk I/O error. The kiosk keeps running and waits for space", True)
    label, value, bad = c.diagnostics()[0]
    assert (label, bad) == ("Visitor log", True)
    assert value.endswith("; 4 waiting")


def test_quit_ends_the_visit_as_staff_and_closes_the_log_once(setup: Setup) -> None:
    c = setup.controller
    c.on_input()
    c.on_quit()
    c.on_quit()
    assert setup.log.events[-1] == ("end", "staff")
    assert setup.log.closed == 1
