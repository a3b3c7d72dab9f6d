"""Puts the staff feature on a kiosk window: its views, the facts only Qt knows, the controller."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from kiosk import __version__
from kiosk.control.status import ContentStatus
from kiosk.core.content.ui_words import UiText
from kiosk.core.diagnostics import DiagnosticFacts, ScreenFacts, read_log_tail
from kiosk.core.storage import paths
from kiosk.core.storage.pin import PinFile
from kiosk.core.storage.settings import StaffSettings
from kiosk.features.parts import DeckParts
from kiosk.features.staff.controller import StaffController
from kiosk.features.staff.gesture import CornerTapDetector
from kiosk.features.staff.views import StaffScreens
from kiosk.views.fonts import FontSet, font_for, khmer_glyph_font_families

KHMER_SAMPLE = "អង្គការសិទ្ធិជនជាតិភាគតិច"
LOG_FILE = "kiosk.log"


def khmer_font_families(fonts: FontSet) -> tuple[list[str], bool]:
    """Which fonts draw a Khmer sample, and whether that is the bundled Khmer font alone."""
    families = khmer_glyph_font_families(KHMER_SAMPLE, font_for("km", fonts, pixel_size=24))
    return sorted(families), families == {fonts.khmer}


def screen_facts(window: QWidget) -> ScreenFacts | None:
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return None
    size = screen.size()
    return ScreenFacts(size.width(), size.height(), screen.physicalDotsPerInch(),
                       screen.logicalDotsPerInch(), screen.devicePixelRatio(),
                       window.width(), window.height())


def gather_facts(kiosk: DeckParts, status: ContentStatus, pin_problem: Callable[[], UiText | None]) -> DiagnosticFacts:
    """Everything the diagnostics page shows, read now."""
    report = status.shown.report
    families, font_ok = khmer_font_families(kiosk.fonts)
    log_dir = paths.log_dir()
    return DiagnosticFacts(
        version=__version__,
        content_dir=status.content_dir,
        slides=report.slides,
        topics=report.topics,
        languages=report.languages,
        texts=report.texts,
        awaiting_review=report.awaiting_review,
        missing_translations=len(report.missing),
        problems=[str(p) for p in status.problem.problems] if status.problem is not None else [],
        last_good_root=status.shown.deck.root if status.showing_last_good else None,
        khmer_font_families=families,
        khmer_font_ok=font_ok,
        screen=screen_facts(kiosk.window),
        data_dir=paths.data_dir(),
        log_dir=log_dir,
        pin_problem=pin_problem(),
        log_lines=read_log_tail(log_dir / LOG_FILE),
    )


def install_staff(kiosk: DeckParts, status: ContentStatus, *,
                  on_exit: Callable[[], None],
                  on_toggle_presenter: Callable[[], None] | None = None,
                  is_presenter: Callable[[], bool] | None = None,
                  on_reload: Callable[[], None] | None = None,
                  pin_file: PinFile | None = None,
                  settings: StaffSettings | None = None,
                  clock: Callable[[], float] = time.monotonic) -> StaffController:
    """Add the staff gesture, PIN pad, menu, diagnostics and error badge to the kiosk's window.

    ``status`` says what content is shown and whether the folder has problems. The menu hides
    presenter and reload when their callbacks are None (safe mode).
    """
    window = kiosk.window
    detector = CornerTapDetector(window, clock=clock)
    views = StaffScreens(window, [(lang.code, lang.name) for lang in kiosk.controller.deck.languages],
                         window.context, detector)
    detector.setParent(views)
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(detector)
    controller: StaffController | None = None

    def pin_problem() -> UiText | None:
        return controller.pin_problem() if controller is not None else None

    controller = StaffController(
        views, kiosk.controller, status,
        words=lambda key: window.context().ui(key),
        facts=lambda: gather_facts(kiosk, status, pin_problem),
        on_exit=on_exit, on_toggle_presenter=on_toggle_presenter, is_presenter=is_presenter,
        on_reload=on_reload, pin_file=pin_file, settings=settings, clock=clock,
        digits=lambda text: window.context().number(text), parent=kiosk.controller)
    return controller
