"""Idle reset: "Still there?" after a quiet spell, then home, default language and the attract loop.

Input is seen by an application event filter, so a touch anywhere counts. While the prompt or
the attract loop shows, the touch that wakes the kiosk is swallowed whole (press, moves and
release), so it never also presses the tile under the finger.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QPointF, QTimer, Signal, Slot
from PySide6.QtGui import QInputDevice, QMouseEvent, QSinglePointEvent
from PySide6.QtWidgets import QApplication

from kiosk.control.deck import DeckController
from kiosk.control.mode import ModeState
from kiosk.core.content.model import Deck, LocalizedText
from kiosk.core.text.digits import localize_digits
from kiosk.features.idle.views import HIGHLIGHT_MS, AttractView, Highlight, StillTherePrompt
from kiosk.runtime.memory import release_free_memory
from kiosk.views.pictures import drop_drawn_caches

if TYPE_CHECKING:
    from kiosk.features.parts import DeckParts

log = logging.getLogger(__name__)

COUNTDOWN_MS = 10_000

# Events that mean somebody is at the kiosk.
_INPUT = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.TabletPress,
    QEvent.Type.TabletMove,
    QEvent.Type.TabletRelease,
}
# Events that start an action: while the kiosk is asleep they wake it and go no further.
_PRESSES = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
    QEvent.Type.TabletPress,
}
_MOUSE_REST = {QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease}
_TOUCH_REST = {QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}


def free_memory_between_visitors() -> None:
    """What the idle reset frees once nobody is there: Qt's drawn pixmaps, Python's garbage and
    the C library's free heap (the soak samples memory after the same)."""
    drop_drawn_caches()
    release_free_memory()


class IdleState(Enum):
    ACTIVE = "active"  # a visitor is using the kiosk (or nobody yet; the idle timer runs)
    PROMPT = "prompt"  # "Still there?" counts down
    ATTRACT = "attract"  # reset done; the attract loop runs until a touch
    DISABLED = "disabled"  # presenter mode, staff menu: no idle reset


def attract_highlights(deck: Deck) -> list[Highlight]:
    """The attract loop's steps: the tagline (or name), then each topic with its first heading."""
    steps = [Highlight(None, deck.tagline or deck.name)]
    for topic in deck.topics:
        heading = getattr(topic.slides[0], "heading", None) if topic.slides else None
        if isinstance(heading, LocalizedText) and heading != topic.title:
            steps.append(Highlight(topic.title, heading))
        else:
            steps.append(Highlight(None, topic.title))
    return steps


class PromptView(Protocol):
    """The "Still there?" countdown, as the idle controller uses it."""

    def set_deck(self, deck: Deck) -> None: ...
    def set_remaining(self, seconds: str, fraction: float) -> None: ...
    def show_over(self) -> None: ...
    def hide(self) -> None: ...


class AttractLoopView(Protocol):
    """The attract loop, as the idle controller uses it."""

    def set_deck(self, deck: Deck, highlights: list[Highlight]) -> None: ...
    def show_over(self) -> None: ...
    def hide(self) -> None: ...


class IdleFeature(QObject):
    """Watches for input; after ``idle_timeout_ms`` asks "Still there?", then resets the kiosk."""

    state_changed = Signal(object)  # IdleState

    def __init__(
        self,
        controller: DeckController,
        prompt: PromptView,
        attract: AttractLoopView,
        *,
        mode: ModeState | None = None,
        reset_language: Callable[[], str] | None = None,
        idle_timeout_ms: int | None = None,
        countdown_ms: int = COUNTDOWN_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        # The language a reset returns to: the deck's default unless the caller (staff's
        # setting) says otherwise.
        self.reset_language: Callable[[], str] = reset_language or (lambda: self.controller.deck.default_language)
        self._fixed_timeout_ms = idle_timeout_ms
        self.countdown_ms = countdown_ms
        self.state = IdleState.ACTIVE
        self._swallow_mouse = False
        self._swallow_touch = False
        self._last_mouse: QPointF | None = None
        deck = self.controller.deck
        self.prompt = prompt
        self.attract = attract

        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.on_idle_timeout)
        self.countdown_timer = QTimer(self)
        self.countdown_timer.setSingleShot(True)
        self.countdown_timer.timeout.connect(self.on_countdown_finished)
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(100)
        self.tick_timer.timeout.connect(self._on_tick)
        self._countdown_clock = QElapsedTimer()
        self._apply_timeout(deck)

        self.controller.deck_changed.connect(self.on_deck_changed)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.idle_timer.start()
        if mode is not None:  # the one mode decides; the idle reset runs for visitors only
            mode.mode_changed.connect(lambda _mode: self.set_enabled(mode.idle_allowed))
            self.set_enabled(mode.idle_allowed)
        log.info("idle reset after %d s without input", self.idle_timer.interval() // 1000)

    # -- settings ---------------------------------------------------------------------------------
    def _apply_timeout(self, deck: Deck) -> None:
        timeout = (
            self._fixed_timeout_ms
            if self._fixed_timeout_ms is not None
            else deck.idle_timeout_s * 1000
        )
        self.idle_timer.setInterval(timeout)

    @Slot(object)
    def on_deck_changed(self, deck: Deck) -> None:
        self._apply_timeout(deck)
        self.prompt.set_deck(deck)
        self.attract.set_deck(deck, attract_highlights(deck))

    def set_enabled(self, enabled: bool) -> None:
        """Presenter mode and the staff menu turn the idle reset off; nothing then interrupts."""
        if enabled == (self.state != IdleState.DISABLED):
            return
        if enabled:
            self._set_state(IdleState.ACTIVE)
            self.idle_timer.start()
        else:
            self._stop_all()
            self._set_state(IdleState.DISABLED)
        log.info("idle reset %s", "on" if enabled else "off")

    @property
    def enabled(self) -> bool:
        return self.state != IdleState.DISABLED

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._stop_all()

    # -- the steps --------------------------------------------------------------------------------
    def _set_state(self, state: IdleState) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)

    def _stop_all(self) -> None:
        for timer in (self.idle_timer, self.countdown_timer, self.tick_timer):
            timer.stop()
        self.prompt.hide()
        self.attract.hide()

    def _at_start(self) -> bool:
        return (
            self.controller.page == 0
            and self.controller.language == self.reset_language()
        )

    @Slot()
    def on_idle_timeout(self) -> None:
        if self.state != IdleState.ACTIVE:
            return
        if self._at_start():
            # Nothing to lose: no need to ask, go straight to the attract loop.
            self._show_attract()
            return
        log.info(
            "no input for %d s: asking whether anyone is still there",
            self.idle_timer.interval() // 1000,
        )
        self.prompt.set_remaining(self._number(self._seconds_left(self.countdown_ms)), 1.0)
        self.prompt.show_over()
        self._countdown_clock.start()
        self.countdown_timer.start(self.countdown_ms)
        self.tick_timer.start()
        self._set_state(IdleState.PROMPT)

    def _number(self, value: int) -> str:
        """``value`` in the digits of the language the visitor reads (០-៩ in Khmer)."""
        return localize_digits(str(value), self.controller.deck.digits_for(self.controller.language))

    @staticmethod
    def _seconds_left(ms: int) -> int:
        return max(0, -(-ms // 1000))

    @Slot()
    def _on_tick(self) -> None:
        left = max(0, self.countdown_ms - self._countdown_clock.elapsed())
        self.prompt.set_remaining(self._number(self._seconds_left(left)), left / max(1, self.countdown_ms))

    @Slot()
    def on_countdown_finished(self) -> None:
        if self.state != IdleState.PROMPT:
            return
        log.info("nobody there: back to the start")
        self.tick_timer.stop()
        self.prompt.hide()
        self.controller.on_home_requested()
        self.controller.on_language_requested(self.reset_language())
        self._show_attract()
        # Nobody is here: a good moment to hand memory freed by the visit back to the system.
        QTimer.singleShot(500, free_memory_between_visitors)

    def _show_attract(self) -> None:
        self.attract.show_over()
        self._set_state(IdleState.ATTRACT)

    def wake(self) -> None:
        """A visitor is here: hide the prompt or the attract loop and start counting again."""
        self.countdown_timer.stop()
        self.tick_timer.stop()
        self.prompt.hide()
        self.attract.hide()
        self._set_state(IdleState.ACTIVE)
        self.idle_timer.start()

    # -- input ------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _INPUT and kind != QEvent.Type.TouchCancel:
            return False
        if self._swallowed(kind):
            return True
        if self.state == IdleState.DISABLED:
            return False
        if kind == QEvent.Type.MouseMove and not self._moved(event):
            return False  # Qt re-sends the pointer position on show/hide: nobody moved
        if self.state == IdleState.ACTIVE:
            self.idle_timer.start()
            return False
        if kind in _PRESSES:
            if kind == QEvent.Type.TouchBegin:
                self._swallow_touch = True
                event.accept()
            elif kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
                self._swallow_mouse = True
            log.info("visitor is back")
            self.wake()
            return True
        if kind == QEvent.Type.MouseMove and self.state == IdleState.PROMPT:
            self.wake()  # a mouse moving: someone is there; a move presses nothing
        return False

    def _swallowed(self, kind: QEvent.Type) -> bool:
        """True for the rest of a touch (or its synthesised mouse events) that woke the kiosk."""
        if self._swallow_touch and kind in _TOUCH_REST:
            if kind != QEvent.Type.TouchUpdate:
                self._swallow_touch = False
            return True
        if self._swallow_mouse and kind in _MOUSE_REST:
            if kind == QEvent.Type.MouseButtonRelease:
                self._swallow_mouse = False
            return True
        if self._swallow_touch and kind == QEvent.Type.MouseButtonPress:
            self._swallow_mouse = True  # Qt's mouse event synthesised from the waking touch
            return True
        return False

    def _moved(self, event: QEvent) -> bool:
        if not isinstance(event, QMouseEvent):
            return True
        position = event.globalPosition()
        moved = self._last_mouse is None or position != self._last_mouse
        self._last_mouse = position
        if isinstance(event, QSinglePointEvent) and event.device() is not None:
            device = event.device()
            if device is not None and device.type() == QInputDevice.DeviceType.TouchScreen:
                return True
        return moved


def install_idle(
    kiosk: DeckParts,
    *,
    mode: ModeState | None = None,
    reset_language: Callable[[], str] | None = None,
    idle_timeout_ms: int | None = None,
    countdown_ms: int = COUNTDOWN_MS,
    highlight_ms: int = HIGHLIGHT_MS,
) -> IdleFeature:
    """Idle reset and attract loop on ``kiosk``; the timeout defaults to the deck's setting."""
    deck, window = kiosk.controller.deck, kiosk.window
    prompt = StillTherePrompt(deck, kiosk.fonts, window)
    attract = AttractView(deck, kiosk.fonts, attract_highlights(deck), window, highlight_ms)
    return IdleFeature(
        kiosk.controller,
        prompt,
        attract,
        mode=mode,
        reset_language=reset_language,
        idle_timeout_ms=idle_timeout_ms,
        countdown_ms=countdown_ms,
        parent=window,
    )
