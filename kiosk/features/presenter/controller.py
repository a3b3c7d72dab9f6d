"""Presenter mode: a staff member presents the deck with a clicker, maybe on a projector.

No idle reset. Keys (on the slides or the presenter view): the clicker keys the window already
knows, ``B`` or ``.`` black the screen (any key or touch brings it back), digits then Enter jump
to that slide, ``O`` (or pinching two fingers together) opens the overview of every slide. With a
second screen the slides go full screen on it and the presenter view (current and next slide,
notes, elapsed time) opens on the primary screen; screens plugged in or out are followed.

It is long (about 400 lines) because keys, blackout, jump, overview, the screen plan and the
presenter view are one mode's controller and share its state; the widgets live in their own modules.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QEvent, QLineF, QObject, QRect, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeyEvent, QScreen, QTouchEvent, QWindow
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.control.mode import KioskMode, ModeState
from kiosk.core.content.ui_words import UiText
from kiosk.features.presenter.blackout import Blackout
from kiosk.features.presenter.overview import JumpBadge, OverviewView, SlideThumbnails
from kiosk.features.presenter.presenter_view import PresenterView
from kiosk.features.presenter.screens import ScreenInfo, ScreenPlan, plan_screens
from kiosk.views.keys import BLACKOUT_KEYS, DIGIT_KEYS, ENTER_KEYS, KeyAction, action_for

if TYPE_CHECKING:
    from kiosk.features.parts import DeckParts

log = logging.getLogger(__name__)

TICK_MS = 1000
JUMP_CLEAR_MS = 3000
PINCH_IN = 0.7  # fingers closer than 70 % of where they started: open the overview
PINCH_OUT = 1.4
_WAKE_PRESSES = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.TouchBegin,
}


def qt_screens() -> list[ScreenInfo]:
    primary = QGuiApplication.primaryScreen()
    return [
        ScreenInfo(
            s.name(),
            s.geometry().x(),
            s.geometry().y(),
            s.geometry().width(),
            s.geometry().height(),
            s is primary,
        )
        for s in QGuiApplication.screens()
    ]


def format_elapsed(ms: int) -> str:
    """``12:05`` or, past an hour, ``1:02:05``."""
    seconds = max(0, ms) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


class PresenterFeature(QObject):
    """Presenter mode on a kiosk: its keys, blackout, jump, overview, screens and presenter view."""

    presenter_changed = Signal(bool)

    def __init__(
        self,
        kiosk: DeckParts,
        *,
        mode: ModeState | None = None,
        screens: Callable[[], list[ScreenInfo]] = qt_screens,
        tick_ms: int = TICK_MS,
        jump_clear_ms: int = JUMP_CLEAR_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.window = kiosk.window
        self.controller = kiosk.controller
        # The kiosk's one mode decides whether presenter mode is on; this feature follows it.
        self.mode = mode if mode is not None else ModeState(parent=self)
        self.mode.mode_changed.connect(self.on_mode_changed)
        self._screens = screens
        self.is_presenter = False
        self.typed = ""
        self.plan = ScreenPlan(None, None)
        self._swallow_release = False
        self._pinch_start = 0.0
        self._pinched = False

        self.blackout = Blackout(self.window)
        self.jump_badge = JumpBadge(kiosk.fonts, self.window)
        self.thumbnails = SlideThumbnails(self.window)
        self.overview = OverviewView(self.thumbnails, kiosk.fonts, self.window)
        self.overview.page_chosen.connect(self.on_page_chosen)
        self.overview.close_requested.connect(self.close_overview)
        self.presenter_view: PresenterView | None = None

        self.clock = QElapsedTimer()
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(tick_ms)
        self.tick_timer.timeout.connect(self.on_tick)
        self.jump_timer = QTimer(self)
        self.jump_timer.setSingleShot(True)
        self.jump_timer.setInterval(jump_clear_ms)
        self.jump_timer.timeout.connect(self.clear_typed)

        self.controller.page_changed.connect(self.on_page_changed)
        self.controller.language_changed.connect(self.refresh_presenter_view)
        self.controller.deck_changed.connect(self.on_deck_changed)
        app = QApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.screenAdded.connect(self.on_screens_changed)
        app.screenRemoved.connect(self.on_screens_changed)
        app.primaryScreenChanged.connect(self.on_screens_changed)
        app.installEventFilter(self)

    # -- the mode ---------------------------------------------------------------------------------
    def set_presenter(self, on: bool) -> None:
        """Ask for presenter mode on or off (``kiosk --presenter``, the staff menu)."""
        self.mode.set_presenter(on)

    @Slot(object)
    def on_mode_changed(self, _mode: KioskMode) -> None:
        on = self.mode.is_presenter
        if on == self.is_presenter:
            return
        self.is_presenter = on
        if on:
            self.restart_timer()
            self.tick_timer.start()
        else:
            self.tick_timer.stop()
            self.set_blacked(False)
            self.close_overview()
            self.clear_typed()
        log.info("presenter mode %s", "on" if on else "off")
        self.arrange_screens()
        self.presenter_changed.emit(on)

    @Slot()
    def restart_timer(self) -> None:
        self.clock.start()
        self.on_tick()

    def elapsed_ms(self) -> int:
        return self.clock.elapsed() if self.clock.isValid() else 0

    @Slot()
    def on_tick(self) -> None:
        if self.presenter_view is not None:
            self.presenter_view.set_elapsed(self.window.context().number(format_elapsed(self.elapsed_ms())))

    # -- blackout ---------------------------------------------------------------------------------
    @property
    def blacked(self) -> bool:
        return self.blackout.isVisible()

    def set_blacked(self, on: bool) -> None:
        if on:
            self.blackout.show_over()
        else:
            self.blackout.hide()

    # -- jump to slide N --------------------------------------------------------------------------
    def type_digit(self, digit: str) -> None:
        self.typed = (self.typed + digit)[-3:]
        self.jump_badge.show_number(self.window.context().number(self.typed))
        self.jump_timer.start()

    @Slot()
    def clear_typed(self) -> None:
        self.typed = ""
        self.jump_timer.stop()
        self.jump_badge.hide()

    def jump_to_typed(self) -> None:
        number = int(self.typed)
        self.clear_typed()
        page = max(0, min(number, len(self.controller.deck.slides)))
        self.controller.on_page_requested(page)

    # -- overview ---------------------------------------------------------------------------------
    @property
    def overview_open(self) -> bool:
        return self.overview.isVisible()

    @Slot()
    def open_overview(self) -> None:
        context = self.window.context()
        total = len(self.controller.deck.slides)
        page = self.controller.page
        self.overview.open(page, f"{context.ui(UiText.SLIDE)} {context.number(page)} / {context.number(total)}")

    @Slot()
    def close_overview(self) -> None:
        self.overview.hide()

    @Slot(int)
    def on_page_chosen(self, page: int) -> None:
        self.close_overview()
        self.controller.on_page_requested(page)

    # -- screens ----------------------------------------------------------------------------------
    @Slot()
    def on_screens_changed(self) -> None:
        if self.is_presenter:
            QTimer.singleShot(0, self.arrange_screens)  # let Qt move orphaned windows first

    @Slot()
    def arrange_screens(self) -> None:
        screens = self._screens()
        self.plan = plan_screens(screens, self.is_presenter)
        full_screen = self.window.isFullScreen()
        if self.plan.slides is not None:
            _place(self.window, screens[self.plan.slides], full_screen=full_screen)
        if self.plan.presenter is not None:
            if self.presenter_view is None:
                self.presenter_view = PresenterView(self.kiosk.fonts)
                self.presenter_view.timer_reset_requested.connect(self.restart_timer)
            _place(self.presenter_view, screens[self.plan.presenter], full_screen=full_screen)
            self.refresh_presenter_view()
            self.on_tick()
            log.info(
                "presenter view on %s, slides on %s",
                screens[self.plan.presenter].name,
                screens[self.plan.slides].name if self.plan.slides is not None else "their screen",
            )
        elif self.presenter_view is not None:
            self.presenter_view.hide()

    # -- the presenter view -----------------------------------------------------------------------
    @Slot(int, bool)
    def on_page_changed(self, page: int, animate: bool) -> None:
        self.refresh_presenter_view()
        if self.overview_open:
            self.close_overview()

    @Slot(object)
    def on_deck_changed(self, deck: object) -> None:
        self.thumbnails.clear()
        self.refresh_presenter_view()

    @Slot()
    def refresh_presenter_view(self) -> None:
        view = self.presenter_view
        if view is None or not view.isVisible():
            return
        context = self.window.context()
        page = self.controller.page
        total = len(context.deck.slides)
        width = max(320, view.current.width())
        notes = context.rich(context.deck.slides[page - 1].notes) if page > 0 else ""
        view.show_slide(
            current=self.thumbnails.pixmap(page, width),
            following=self.thumbnails.pixmap(page + 1, width) if page < total else None,
            number=f"{context.ui(UiText.SLIDE)} {context.number(page)} / {context.number(total)}"
            if page
            else context.ui(UiText.HOME),
            next_caption=context.ui(UiText.NEXT),
            timer_label=context.ui(UiText.RESTART_TIMER),
            notes=notes,
            language=context.language,
        )

    # -- input ------------------------------------------------------------------------------------
    def _ours(self, watched: QObject) -> bool:
        if isinstance(watched, QWidget):
            top = watched.window()
            return top is self.window or (
                self.presenter_view is not None and top is self.presenter_view
            )
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.is_presenter:
            return False
        kind = event.type()
        if self._swallow_release and kind in (
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.TouchEnd,
            QEvent.Type.KeyRelease,
        ):
            self._swallow_release = False
            return True
        if self.blacked and kind in _WAKE_PRESSES:
            self.set_blacked(False)
            self._swallow_release = True
            event.accept()
            return True
        if isinstance(event, QTouchEvent) and isinstance(watched, QWindow):
            self._on_touch(event)
            return False
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and self._ours(watched):
            return self._on_key(watched, event)
        return False

    def _on_key(self, watched: QObject, event: QKeyEvent) -> bool:
        key = Qt.Key(event.key())
        if event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            return False
        if key in BLACKOUT_KEYS:
            self.set_blacked(True)
            return True
        if key in DIGIT_KEYS:
            self.type_digit(DIGIT_KEYS[key])
            return True
        if key in ENTER_KEYS and self.typed:
            self.jump_to_typed()
            return True
        if key == Qt.Key.Key_O:
            self.close_overview() if self.overview_open else self.open_overview()
            return True
        if self.presenter_view is not None and watched is self.presenter_view:
            # The clicker talks to whichever window has the focus: the laptop's, here.
            return self._forward_navigation(key)
        return False

    def _forward_navigation(self, key: Qt.Key) -> bool:
        moves = {
            KeyAction.NEXT: self.controller.on_next_requested,
            KeyAction.PREVIOUS: self.controller.on_previous_requested,
            KeyAction.FIRST: self.controller.on_first_requested,
            KeyAction.LAST: self.controller.on_last_requested,
        }
        action = action_for(key)
        if action is None:
            return False
        moves[action]()
        return True

    def _on_touch(self, event: QTouchEvent) -> None:
        """Two fingers pinching together open the overview; spreading them apart closes it."""
        points = event.points()
        if event.type() in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel) or len(points) < 2:
            self._pinch_start = 0.0
            self._pinched = False
            return
        distance = QLineF(points[0].position(), points[1].position()).length()
        if self._pinch_start <= 0.0:
            self._pinch_start = max(1.0, distance)
            return
        if self._pinched:
            return
        ratio = distance / self._pinch_start
        if ratio < PINCH_IN and not self.overview_open:
            self._pinched = True
            self.open_overview()
        elif ratio > PINCH_OUT and self.overview_open:
            self._pinched = True
            self.close_overview()


def _place(widget: QWidget, screen: ScreenInfo, *, full_screen: bool) -> None:
    """Move a top-level widget onto ``screen``: full screen there, or centred in a window."""
    geometry = QRect(screen.x, screen.y, screen.width, screen.height)
    qt_screen = _qt_screen(screen)
    if widget.isFullScreen():
        widget.showNormal()
    if qt_screen is not None:
        widget.setScreen(qt_screen)
    if full_screen:
        widget.setGeometry(geometry)
        widget.showFullScreen()
    else:
        size = widget.size() if widget.isVisible() else geometry.size() * 0.8
        frame = QRect(
            0, 0, min(size.width(), geometry.width()), min(size.height(), geometry.height())
        )
        frame.moveCenter(geometry.center())
        widget.setGeometry(frame)
        widget.show()


def _qt_screen(screen: ScreenInfo) -> QScreen | None:
    for candidate in QGuiApplication.screens():
        geometry = candidate.geometry()
        if (
            candidate.name() == screen.name
            and geometry.topLeft().x() == screen.x
            and geometry.y() == screen.y
        ):
            return candidate
    return None


def install_presenter(
    kiosk: DeckParts,
    *,
    mode: ModeState | None = None,
    presenter: bool = False,
    screens: Callable[[], list[ScreenInfo]] = qt_screens,
    tick_ms: int = TICK_MS,
) -> PresenterFeature:
    """Presenter mode for ``kiosk`` (on at once with ``presenter=True``: ``kiosk --presenter``).

    Pass the kiosk's :class:`ModeState` so presenter mode is the one mode the other features
    follow (the idle reset stops). Install it after the window is shown, so the slides move to the
    projector from where they are.
    """
    feature = PresenterFeature(
        kiosk, mode=mode, screens=screens, tick_ms=tick_ms, parent=kiosk.window
    )
    feature.set_presenter(presenter)
    return feature
