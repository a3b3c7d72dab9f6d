"""Puts the visitor log on a running kiosk: the tracker, the input filter, the screens, the controller."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.core.engagement.log import EngagementLog
from kiosk.core.engagement.report import DaySummary, Engagement, export_log, read_logs
from kiosk.core.engagement.targets import report_folder, report_targets
from kiosk.core.engagement.visits import VisitTracker
from kiosk.core.engagement.words import khmer_digits
from kiosk.core.storage import paths
from kiosk.features.engagement.controller import EngagementController, VisitInputFilter
from kiosk.features.engagement.views import EngagementScreens
from kiosk.features.parts import DeckParts


def start_log(keep_days: int) -> EngagementLog:
    """This laptop's log in the data folder, writing; events older than ``keep_days`` go."""
    visitor_log = EngagementLog.in_data_dir().start()
    visitor_log.prune(keep_days, datetime.now().astimezone())
    return visitor_log


def _read(visitor_log: EngagementLog) -> Engagement:
    visitor_log.flush(2.0)  # the visit on screen counts too (on the worker thread: may wait)
    return read_logs([visitor_log.path]) if visitor_log.path.exists() else Engagement()


def install_engagement(kiosk: DeckParts, visitor_log: EngagementLog, *,
                       counting: Callable[[], bool]) -> EngagementController:
    """Feed ``visitor_log`` from the kiosk and add the visitor log's staff screens to its window.

    ``counting`` says whether input is a visitor's (False while staff use the kiosk). The caller
    wires the idle reset (:meth:`EngagementController.on_idle_reset`), the staff menu and the quit.
    """
    window, deck = kiosk.window, kiosk.controller
    tracker = VisitTracker(visitor_log, language=deck.language)
    screens = EngagementScreens(window, window.context)

    def digits(text: str) -> str:
        return khmer_digits(text) if window.language == "km" else text

    def summary(day: date) -> DaySummary:
        return _read(visitor_log).day_summary(day)

    def make_report(target: Path) -> Path:
        from kiosk.views.report_pdf import Period, write_report  # late: the PDF code is for staff, not the first frame

        folder = report_folder(target, datetime.now(), visitor_log.laptop_id)
        write_report(_read(visitor_log), folder, deck=deck.deck, fonts=kiosk.fonts,
                     assets=paths.assets_dir(), period=Period(None, None))
        if visitor_log.path.exists():  # the log itself, to merge laptops later (kiosk report A.db B.db)
            export_log(visitor_log.path, folder / f"engagement-{folder.name.removeprefix('miro-kiosk-report-')}.db")
        return folder

    controller = EngagementController(
        tracker, visitor_log, screens,
        words=lambda key: window.context().ui(key), digits=digits,
        slide_at=lambda page: deck.navigator.slide_ids[page - 1] if 0 < page <= len(deck.navigator.slide_ids)
        else None,
        language=lambda: deck.language, counting=counting,
        read_summary=summary, write_report=make_report,
        targets=lambda: report_targets(paths.data_dir()),
        parent=deck)

    # The kiosk's facts -> the controller.
    deck.page_changed.connect(controller.on_page_changed)
    deck.language_changed.connect(controller.on_language_changed)
    app = QApplication.instance()
    if app is not None:  # last of the features' filters: it sees input first, and passes it on
        controller.input_filter = VisitInputFilter(controller.on_input, parent=controller)
        app.installEventFilter(controller.input_filter)
    tracker.on_slide_shown(controller.slide_at(deck.page), deck.language)  # what is on screen now
    return controller
