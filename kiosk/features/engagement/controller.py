"""The visitor log in the running kiosk: input, pages, languages and answers fed to the visit tracker,
and the staff menu's part of it (today's figures, the report, delete, the quiet screen).

This module decides; it reaches the screens through the small :class:`EngagementViews` facade and the
log through :class:`VisitorLog`, so tests pass fakes. Reading the log and writing the report run on a
worker thread (``run_in_background``): the UI thread only puts events on the log's queue.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, SignalInstance, Slot
from PySide6.QtWidgets import QApplication

from kiosk.core.content.ui_words import UiText
from kiosk.core.diagnostics import fill
from kiosk.core.engagement.log import LogStatus
from kiosk.core.engagement.report import DaySummary
from kiosk.core.engagement.targets import ReportTarget
from kiosk.core.engagement.visits import VisitTracker

log = logging.getLogger(__name__)

#: How often the log's state is looked at, to tell staff when the disk fails or recovers.
STATUS_POLL_MS = 2000
#: At quit, how long the last events may take to reach the disk.
CLOSE_TIMEOUT_S = 3.0

ACTION_REPORT = "make-report"
ACTION_DELETE = "delete-log"
ACTION_QUIET = "quiet-screen"


class VisitorLog(Protocol):
    """What the controller uses of :class:`~kiosk.core.engagement.log.EngagementLog`."""

    @property
    def status(self) -> LogStatus: ...
    def delete_all(self) -> int: ...
    def close(self, timeout: float = ...) -> None: ...


class EngagementViews(Protocol):
    """What the controller may ask of its screens (see ``EngagementScreens``)."""

    @property
    def answer_given(self) -> SignalInstance: ...
    @property
    def folder_chosen(self) -> SignalInstance: ...
    @property
    def look_again_requested(self) -> SignalInstance: ...
    @property
    def delete_confirmed(self) -> SignalInstance: ...
    @property
    def dismissed(self) -> SignalInstance: ...

    def set_answer_source(self, answer_for: Callable[[str], str | None]) -> None: ...
    def show_answers(self) -> None: ...
    def set_quiet(self, quiet: bool) -> None: ...
    def show_folders(self, targets: Sequence[ReportTarget]) -> None: ...
    def show_message(self, text: str, *, problem: bool, busy: bool = False) -> None: ...
    def show_delete_confirmation(self) -> None: ...
    def hide(self) -> None: ...


#: Events that mean a visitor started something: a visit starts at the first of them after idle.
#: Moves and releases are left out: Qt re-sends the pointer's position when a window shows.
VISIT_INPUT = frozenset({
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
    QEvent.Type.TabletPress,
})


class VisitInputFilter(QObject):
    """An application event filter that tells the controller about input and never swallows it.

    Installed after the other features' filters, so it sees an event first (Qt calls the last
    installed first): also the touch that wakes the kiosk, which the idle reset then swallows.
    """

    def __init__(self, on_input: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.on_input = on_input

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Qt may show one event to the filter once per widget it propagates to: on_input is
        # idempotent (only the first input after idle starts a visit), so that costs nothing.
        if event.type() in VISIT_INPUT:
            self.on_input()
        return False



@dataclass(frozen=True)
class _Done:
    """A worker's result, handed to the UI thread: a value or the reason it failed."""

    value: object = None
    error: str = ""


def run_in_thread(job: Callable[[], None]) -> None:
    """The default worker: one short-lived thread per job (a report, a count)."""
    threading.Thread(target=job, name="engagement-worker", daemon=True).start()


class EngagementController(QObject):
    """Feeds the :class:`VisitTracker`; is the staff menu's "visitor log" section.

    As a section of the staff menu it offers :meth:`status`, :meth:`actions`, :meth:`run`,
    :meth:`diagnostics` and announces :attr:`changed` when any of them would read differently.
    """

    changed = Signal()
    _summary_read = Signal(object)  # _Done(DaySummary) from the worker
    _report_written = Signal(object)  # _Done(Path) from the worker

    def __init__(self, tracker: VisitTracker, visitor_log: VisitorLog, views: EngagementViews, *,
                 words: Callable[[UiText], str],
                 digits: Callable[[str], str],
                 slide_at: Callable[[int], str | None],
                 language: Callable[[], str],
                 counting: Callable[[], bool],
                 read_summary: Callable[[date], DaySummary],
                 write_report: Callable[[Path], Path],
                 targets: Callable[[], Sequence[ReportTarget]],
                 today: Callable[[], date] = date.today,
                 run_in_background: Callable[[Callable[[], None]], None] = run_in_thread,
                 status_poll_ms: int = STATUS_POLL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tracker = tracker
        self.log = visitor_log
        self.views = views
        self.words = words
        self.digits = digits
        self.slide_at = slide_at
        self.language = language
        self.counting = counting
        self.read_summary = read_summary
        self.write_report = write_report
        self.targets = targets
        self.today = today
        self.run_in_background = run_in_background
        self.summary: DaySummary | None = None
        self.summary_problem = ""
        self.writing = False
        self._log_ok = visitor_log.status.ok
        self._closed = False
        self.input_filter: VisitInputFilter | None = None  # set by install_engagement

        # Visitor and staff intent (views) -> this controller.
        views.answer_given.connect(self.on_answer_given)
        views.folder_chosen.connect(self.on_folder_chosen)
        views.look_again_requested.connect(self.on_look_again_requested)
        views.delete_confirmed.connect(self.on_delete_confirmed)
        views.dismissed.connect(self.on_dismissed)
        # Workers -> the UI thread (queued: they emit from their own thread).
        self._summary_read.connect(self.on_summary_read)
        self._report_written.connect(self.on_report_written)
        views.set_answer_source(tracker.answer_for)

        self.status_timer = QTimer(self)
        self.status_timer.setInterval(status_poll_ms)
        self.status_timer.timeout.connect(self.on_status_tick)
        self.status_timer.start()

    # -- what the kiosk does -> the tracker -----------------------------------------------------
    def on_input(self) -> None:
        """Any touch, click or key (from the event filter); staff's own touches are no visit."""
        if self.counting():
            self.tracker.on_input()

    @Slot(int, bool)
    def on_page_changed(self, page: int, _animate: bool = True) -> None:
        self.tracker.on_slide_shown(self.slide_at(page), self.language())

    @Slot(str)
    def on_language_changed(self, code: str) -> None:
        self.tracker.on_language_changed(code)

    @Slot(str, str)
    def on_answer_given(self, question_id: str, answer_id: str) -> None:
        if not self.tracker.on_answer(question_id, answer_id):
            log.info("answer to %s not recorded (%s)", question_id,
                     "quiet screen" if self.tracker.quiet else "already answered in this visit")

    @Slot()
    def on_idle_reset(self) -> None:
        """Nobody touched the kiosk: the visit ends, a quiet screen too, and the questions are open again."""
        self.tracker.on_idle_reset()
        if self.tracker.quiet:
            log.info("quiet screen ends at the idle reset")
            self.set_quiet(False)
        self.views.show_answers()

    @Slot()
    def on_quit(self) -> None:
        """Staff closed the kiosk (its only way out): end the visit, write what is queued, close."""
        if self._closed:
            return
        self._closed = True
        self.status_timer.stop()
        self.tracker.on_staff_exit()
        self.log.close(CLOSE_TIMEOUT_S)

    def uninstall(self) -> None:
        """Stop watching input (tests; the kiosk keeps it until it quits)."""
        self.status_timer.stop()
        app = QApplication.instance()
        if app is not None and self.input_filter is not None:
            app.removeEventFilter(self.input_filter)

    # -- the quiet screen -------------------------------------------------------------------------
    def set_quiet(self, quiet: bool) -> None:
        self.tracker.set_quiet(quiet)
        log.info("quiet screen %s", "on: nothing is recorded" if quiet else "off")
        self.views.set_quiet(quiet)
        self.views.show_answers()  # the visit ended: its answers are no longer shown
        self.changed.emit()

    # -- the staff menu's section -----------------------------------------------------------------
    def status(self) -> list[tuple[str, bool]]:
        """Lines for the staff menu: ``(text, is_problem)``."""
        lines: list[tuple[str, bool]] = []
        if self.tracker.quiet:
            lines.append((self.words(UiText.QUIET_ON), True))
        state = self.log.status
        if not state.ok:
            lines.append((self._fill(UiText.LOG_FAILING, error=state.error), True))
        if self.summary_problem:
            lines.append((self._fill(UiText.LOG_UNREADABLE, error=self.summary_problem), True))
        elif self.summary is None:
            lines.append((self.words(UiText.LOG_READING), False))
        else:
            lines.append((self._fill(UiText.LOG_TODAY, visits=self.summary.visits,
                                     answers=self.summary.answers), False))
        return lines

    def actions(self) -> list[tuple[str, str]]:
        """The staff menu's buttons: ``(action, label)``."""
        return [(ACTION_REPORT, self.words(UiText.MAKE_REPORT)),
                (ACTION_DELETE, self.words(UiText.DELETE_LOG)),
                (ACTION_QUIET, self.words(UiText.END_QUIET if self.tracker.quiet else UiText.QUIET_SCREEN))]

    def run(self, action: str) -> None:
        if action == ACTION_REPORT:
            log.info("staff: make the report")
            self.views.show_folders(self.targets())
        elif action == ACTION_DELETE:
            self.views.show_delete_confirmation()
        elif action == ACTION_QUIET:
            self.set_quiet(not self.tracker.quiet)

    def diagnostics(self) -> list[tuple[str, str, bool]]:
        """The diagnostics page's row: ``(label, value, is_problem)``."""
        state = self.log.status
        if state.ok:
            value = self._fill(UiText.DIAG_LOG_OK, file=state.path)
        else:
            value = self._fill(UiText.DIAG_LOG_FAILING, error=state.error, pending=state.pending)
        return [(self.words(UiText.VISITOR_LOG), value, not state.ok)]

    @Slot()
    def on_staff_menu_opened(self) -> None:
        """Count today's visits afresh (on the worker: a year's log takes a moment to read)."""
        today = self.today()

        def job() -> None:
            try:
                self._summary_read.emit(_Done(self.read_summary(today)))
            except Exception as exc:  # a damaged or unreadable log: say so to staff, keep running
                log.warning("cannot count today's visits: %s", exc)
                self._summary_read.emit(_Done(error=str(exc) or type(exc).__name__))

        self.run_in_background(job)

    @Slot(object)
    def on_summary_read(self, done: _Done) -> None:
        if isinstance(done.value, DaySummary):
            self.summary, self.summary_problem = done.value, ""
        else:
            self.summary_problem = done.error
        self.changed.emit()

    # -- staff's screens ----------------------------------------------------------------------------
    @Slot()
    def on_look_again_requested(self) -> None:
        self.views.show_folders(self.targets())

    @Slot(str)
    def on_folder_chosen(self, folder: str) -> None:
        if self.writing:
            return
        self.writing = True
        target = Path(folder)
        log.info("staff: writing the report into %s", target)
        self.views.show_message(self.words(UiText.REPORT_WRITING), problem=False, busy=True)

        def job() -> None:
            try:
                self._report_written.emit(_Done(self.write_report(target)))
            except Exception as exc:  # a full or read-only stick, a damaged log: tell staff
                log.warning("the report could not be written into %s: %s", target, exc)
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                self._report_written.emit(_Done(error=reason or type(exc).__name__))

        self.run_in_background(job)

    @Slot(object)
    def on_report_written(self, done: _Done) -> None:
        self.writing = False
        if isinstance(done.value, Path):
            log.info("report written in %s", done.value)
            self.views.show_message(self._fill(UiText.REPORT_WRITTEN, folder=done.value), problem=False)
        else:
            self.views.show_message(self._fill(UiText.REPORT_FAILED, error=done.error), problem=True)

    @Slot()
    def on_delete_confirmed(self) -> None:
        log.info("staff: delete the visitor log")
        self.tracker.on_staff_exit()  # the visit in progress goes with the rest
        self.views.show_answers()
        self.log.delete_all()
        self.summary = DaySummary(0, 0, 0)
        self.summary_problem = ""
        self.views.show_message(self.words(UiText.LOG_DELETED), problem=False)
        self.changed.emit()

    @Slot()
    def on_dismissed(self) -> None:
        if self.writing:
            return  # the report is still being written: its result comes next
        self.views.hide()
        self.on_staff_menu_opened()
        self.changed.emit()

    # -- the log's health ---------------------------------------------------------------------------
    @Slot()
    def on_status_tick(self) -> None:
        ok = self.log.status.ok
        if ok != self._log_ok:
            self._log_ok = ok
            if ok:
                log.info("visitor log: writing again")
            else:
                log.error("visitor log failing, shown to staff: %s", self.log.status.error)
            self.changed.emit()

    def _fill(self, key: UiText, **values: object) -> str:
        return fill(self.words(key), self.digits, **values)
