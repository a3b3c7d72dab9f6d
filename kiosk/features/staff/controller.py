"""Staff access by touch: the hidden corner gesture opens a PIN pad, the PIN opens the staff menu.

This module decides; the widgets (:mod:`kiosk.features.staff.views`) only show and announce, and
the controller reaches them through the small :class:`StaffViews` facade, so tests pass a fake.
The menu's actions are callbacks the composition root wires (exit, presenter, reload); the
diagnostics page's facts are gathered here and worded by :func:`kiosk.core.diagnostics.diagnostic_rows`.

It is long (about 400 lines) because the gesture, the three PIN flows, the menu and the diagnostics
share one state (the pad's flow, the lockout timer, the open page); the widgets and the facts
gathering live in their own modules.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance, Slot

from kiosk.control.deck import DeckController
from kiosk.control.status import ContentStatus
from kiosk.core.content.ui_words import UiText, ui_text
from kiosk.core.diagnostics import DiagnosticFacts, DiagnosticRow, Diagnostics, Words, diagnostic_rows
from kiosk.core.storage.pin import PinFile, PinGate, PinResult, PinState, pin_problem
from kiosk.core.storage.settings import StaffSettings

log = logging.getLogger(__name__)


class StaffViews(Protocol):
    """What the staff controller may ask of its views (see ``StaffScreens``)."""

    @property
    def gesture_detected(self) -> SignalInstance: ...
    @property
    def pin_submitted(self) -> SignalInstance: ...
    @property
    def pin_cancelled(self) -> SignalInstance: ...
    @property
    def exit_requested(self) -> SignalInstance: ...
    @property
    def presenter_requested(self) -> SignalInstance: ...
    @property
    def reload_requested(self) -> SignalInstance: ...
    @property
    def default_language_requested(self) -> SignalInstance: ...
    @property
    def diagnostics_requested(self) -> SignalInstance: ...
    @property
    def change_pin_requested(self) -> SignalInstance: ...
    @property
    def back_requested(self) -> SignalInstance: ...
    @property
    def close_requested(self) -> SignalInstance: ...
    @property
    def action_requested(self) -> SignalInstance: ...

    def is_open(self) -> bool: ...
    def showing_diagnostics(self) -> bool: ...
    def set_gesture_enabled(self, enabled: bool) -> None: ...
    def show_pin_pad(self, title: str | None = None, *, can_cancel: bool = True) -> None: ...
    def set_pin_title(self, title: str | None) -> None: ...
    def pin_message(self) -> str: ...
    def set_pin_message(self, text: str) -> None: ...
    def set_pin_locked(self, locked: bool) -> None: ...
    def show_menu(self, status: Sequence[tuple[str, bool]], *, presenter: bool | None,
                  reload_available: bool, default_language: str) -> None: ...
    def set_menu_status(self, status: Sequence[tuple[str, bool]]) -> None: ...
    def set_menu_actions(self, actions: Sequence[tuple[str, str]]) -> None: ...
    def show_diagnostics(self, diagnostics: Diagnostics) -> None: ...
    def set_diagnostics(self, diagnostics: Diagnostics) -> None: ...
    def hide(self) -> None: ...
    def set_badge(self, visible: bool) -> None: ...


class MenuSection(Protocol):
    """More of the staff menu from another feature (the visitor log), handed in by the composition root.

    Its words are ready to show (in the kiosk's language); it announces ``changed`` when they would read
    differently.
    """

    @property
    def changed(self) -> SignalInstance: ...
    def status(self) -> Sequence[tuple[str, bool]]: ...  # (text, is_problem)
    def actions(self) -> Sequence[tuple[str, str]]: ...  # (action, button label)
    def run(self, action: str) -> None: ...
    def diagnostics(self) -> Sequence[tuple[str, str, bool]]: ...  # (label, value, is_problem)


class PinFlow(Enum):
    """What the PIN pad is asking for."""

    ENTER = "enter"  # the staff PIN, to open the menu
    NEW = "new"  # a new PIN (first start, or "Change the PIN")
    REPEAT = "repeat"  # the new PIN again


class StaffController(QObject):
    """Gesture -> PIN pad -> menu -> callbacks; the error badge; the diagnostics page.

    With no PIN set yet the pad asks for a new one, twice (on the first start, before the slides,
    and whenever the gesture is used); a damaged PIN file opens nothing and says how to recover.
    """

    menu_opened = Signal()
    closed = Signal()
    default_language_changed = Signal(str)

    def __init__(self, views: StaffViews, deck: DeckController, status: ContentStatus, *,
                 words: Words,
                 facts: Callable[[], DiagnosticFacts],
                 on_exit: Callable[[], None],
                 on_toggle_presenter: Callable[[], None] | None = None,
                 is_presenter: Callable[[], bool] | None = None,
                 on_reload: Callable[[], None] | None = None,
                 pin_file: PinFile | None = None,
                 settings: StaffSettings | None = None,
                 digits: Callable[[str], str] = str,
                 clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.views = views
        self.deck = deck
        self.status = status
        self.words = words
        self.facts = facts
        self.digits = digits
        self.on_exit = on_exit
        self.on_toggle_presenter = on_toggle_presenter
        self.is_presenter = is_presenter
        self.on_reload = on_reload
        self.gate = PinGate(pin_file or PinFile.in_data_dir(), clock=clock)
        self.settings = settings or StaffSettings.in_data_dir()

        # Staff intent (views) -> this controller.
        views.gesture_detected.connect(self.on_gesture_detected)
        views.pin_submitted.connect(self.on_pin_submitted)
        views.pin_cancelled.connect(self.on_close_requested)
        views.exit_requested.connect(self.on_exit_requested)
        views.presenter_requested.connect(self.on_presenter_requested)
        views.reload_requested.connect(self.on_reload_requested)
        views.default_language_requested.connect(self.on_default_language_requested)
        views.diagnostics_requested.connect(self.on_diagnostics_requested)
        views.change_pin_requested.connect(self.on_change_pin_requested)
        views.back_requested.connect(self.on_back_requested)
        views.close_requested.connect(self.on_close_requested)
        views.action_requested.connect(self.on_action_requested)
        # Facts -> views.
        status.changed.connect(self.on_status_changed)

        self.flow = PinFlow.ENTER
        self._new_pin = ""
        self._setup_from_menu = False
        self.sections: list[MenuSection] = []
        self.lock_timer = QTimer(self)
        self.lock_timer.setInterval(1000)
        self.lock_timer.timeout.connect(self.on_lock_tick)
        self.on_status_changed()

    # -- state ------------------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.views.is_open()

    @property
    def default_language(self) -> str:
        """The language the kiosk returns to (after idle): staff's choice, else the deck's."""
        deck = self.deck.deck
        return self.settings.language_for(deck.language_codes, deck.default_language)

    def _fill(self, key: UiText, **values: int) -> str:
        text = self.words(key)
        for name, value in values.items():
            text = text.replace("{" + name + "}", self.digits(str(value)))
        return text

    def _menu_status(self) -> list[tuple[str, bool]]:
        lines = [(self.words(UiText.CONTENT_PROBLEMS if self.status.has_problems
                             else UiText.CONTENT_OK), self.status.has_problems)]
        problem = self.pin_problem()
        if problem is not None:
            lines.append((self.words(problem), True))
        for section in self.sections:
            lines.extend(section.status())
        return lines

    def add_section(self, section: MenuSection) -> None:
        """Another feature's lines and buttons in the menu, and its rows on the diagnostics page."""
        self.sections.append(section)
        section.changed.connect(self.on_section_changed)

    def pin_problem(self) -> UiText | None:
        """What staff must know about the PIN (for the menu and diagnostics), or None."""
        state = self.gate.state()
        if state is PinState.NOT_SET:
            return UiText.PIN_NOT_SET
        if state is PinState.DAMAGED:
            return UiText.PIN_FILE_DAMAGED
        return None

    def _every_language(self, key: UiText) -> str:
        """``key`` in every language of the deck, the default first: the set-up pad is bilingual."""
        return "\n".join(dict.fromkeys(self.words_in(code, key) for code in self.deck.deck.language_codes))

    def words_in(self, language: str, key: UiText) -> str:
        return ui_text(key, language, self.deck.deck.default_language, self.deck.deck.interface)

    # -- slots ------------------------------------------------------------------------------
    @Slot()
    def on_gesture_detected(self) -> None:
        if self.is_open:
            return
        self.open_pin_pad()

    def open_pin_pad(self) -> None:
        """The gesture's pad: the PIN, or (no PIN yet) the set-up pad; a damaged file says so."""
        if self.gate.state() is PinState.NOT_SET:
            self.open_setup(first_start=False)
            return
        self.flow = PinFlow.ENTER
        self.views.set_gesture_enabled(False)
        self.views.show_pin_pad()
        if self.gate.state() is PinState.DAMAGED:
            self._show_damaged()
            return
        self.on_lock_tick()
        if self.gate.locked_remaining_s() > 0:
            self.lock_timer.start()

    def open_setup(self, *, first_start: bool, from_menu: bool = False) -> None:
        """Ask for a new PIN twice. On the first start it comes before the slides, with no cancel."""
        self.flow = PinFlow.NEW
        self._new_pin = ""
        self._setup_from_menu = from_menu
        self.views.set_gesture_enabled(False)
        self.views.show_pin_pad(self._every_language(UiText.SET_PIN), can_cancel=not first_start)
        if first_start:
            log.info("no staff PIN set: the set-up pad comes first")
            self.menu_opened.emit()  # staff mode: no idle reset takes the set-up pad away

    def _show_damaged(self) -> None:
        hint = self.words(UiText.PIN_DAMAGED_HINT).replace("{file}", str(self.gate.pin_file.path))
        self.views.set_pin_message(hint)

    @Slot(str)
    def on_pin_submitted(self, pin: str) -> None:
        if self.flow is PinFlow.NEW:
            self._on_new_pin(pin)
        elif self.flow is PinFlow.REPEAT:
            self._on_repeated_pin(pin)
        else:
            self._on_pin(pin)

    def _on_pin(self, pin: str) -> None:
        result = self.gate.try_pin(pin)
        if result is PinResult.ACCEPTED:
            log.info("staff menu opened")
            self.open_menu()
        elif result is PinResult.WRONG:
            self.views.set_pin_message(self._fill(UiText.PIN_WRONG, count=self.gate.attempts_left))
        elif result is PinResult.NO_PIN:
            if self.gate.state() is PinState.NOT_SET:  # the file went away while the pad was open
                self.open_setup(first_start=False)
            else:
                self._show_damaged()
        else:
            self.on_lock_tick()
            self.lock_timer.start()

    def _on_new_pin(self, pin: str) -> None:
        problem = pin_problem(pin)
        if problem is not None:
            self.views.set_pin_message(self.words(UiText(problem.value)))
            return
        self._new_pin = pin
        self.flow = PinFlow.REPEAT
        self.views.set_pin_title(self._every_language(UiText.REPEAT_PIN))
        self.views.set_pin_message("")

    def _on_repeated_pin(self, pin: str) -> None:
        first, self._new_pin = self._new_pin, ""
        if pin != first:
            self.flow = PinFlow.NEW
            self.views.set_pin_title(self._every_language(UiText.SET_PIN))
            self.views.set_pin_message(self.words(UiText.PIN_MISMATCH))
            return
        problem = self.gate.set_pin(pin)
        if problem is not None:
            self.flow = PinFlow.NEW
            self.views.set_pin_title(self._every_language(UiText.SET_PIN))
            self.views.set_pin_message(self.words(UiText(problem.value)))
            return
        log.info("staff PIN set by touch")
        self.flow = PinFlow.ENTER
        if self._setup_from_menu:
            self.open_menu(extra=[(self.words(UiText.PIN_SAVED), False)])
        else:
            self.close()

    @Slot()
    def on_lock_tick(self) -> None:
        remaining = self.gate.locked_remaining_s()
        self.views.set_pin_locked(remaining > 0)
        if remaining > 0:
            self.views.set_pin_message(self._fill(UiText.PIN_LOCKED, seconds=int(remaining + 0.999)))
        else:
            self.lock_timer.stop()
            if self.views.pin_message() and self.gate.failures == 0:
                self.views.set_pin_message("")

    def open_menu(self, extra: Sequence[tuple[str, bool]] = ()) -> None:
        presenter = (self.is_presenter() if self.is_presenter is not None
                     and self.on_toggle_presenter is not None else None)
        self.views.set_menu_actions([a for section in self.sections for a in section.actions()])
        self.views.show_menu([*self._menu_status(), *extra], presenter=presenter,
                             reload_available=self.on_reload is not None,
                             default_language=self.default_language)
        self.menu_opened.emit()

    @Slot()
    def on_exit_requested(self) -> None:
        log.info("staff: exit")
        self.close()
        self.on_exit()

    @Slot()
    def on_presenter_requested(self) -> None:
        if self.on_toggle_presenter is not None:
            log.info("staff: presenter/kiosk mode")
            self.close()
            self.on_toggle_presenter()

    @Slot()
    def on_reload_requested(self) -> None:
        if self.on_reload is not None:
            log.info("staff: reload content")
            self.on_reload()
            self.views.set_menu_status(self._menu_status())

    @Slot(str)
    def on_default_language_requested(self, code: str) -> None:
        if code not in self.deck.deck.language_codes:
            return
        log.info("staff: default language %s", code)
        self.settings.set_default_language(code)
        self.deck.on_language_requested(code)
        self.default_language_changed.emit(code)
        self.open_menu()  # in the new language

    @Slot()
    def on_diagnostics_requested(self) -> None:
        self.views.show_diagnostics(self.diagnostics())

    @Slot()
    def on_change_pin_requested(self) -> None:
        log.info("staff: change the PIN")
        self.open_setup(first_start=False, from_menu=True)

    @Slot(str)
    def on_action_requested(self, action: str) -> None:
        for section in self.sections:
            if any(name == action for name, _label in section.actions()):
                section.run(action)
                return

    @Slot()
    def on_section_changed(self) -> None:
        if self.views.is_open():
            self.views.set_menu_actions([a for section in self.sections for a in section.actions()])
        self.on_status_changed()

    @Slot()
    def on_back_requested(self) -> None:
        self.open_menu()

    @Slot()
    def on_close_requested(self) -> None:
        self.close()

    @Slot()
    def close(self) -> None:
        """Hide the staff UI (also for the idle timer: the PIN pad never stays open unattended)."""
        if not self.views.is_open():
            return
        self.lock_timer.stop()
        self.flow = PinFlow.ENTER
        self._new_pin = ""
        self.views.hide()
        self.views.set_gesture_enabled(True)
        self.closed.emit()

    @Slot()
    def on_status_changed(self) -> None:
        self.views.set_badge(self.status.has_problems)
        if self.views.is_open():
            self.views.set_menu_status(self._menu_status())
            if self.views.showing_diagnostics():
                self.views.set_diagnostics(self.diagnostics())

    # -- diagnostics ----------------------------------------------------------------------------
    def diagnostics(self) -> Diagnostics:
        diagnostics = diagnostic_rows(self.facts(), self.words, self.digits)
        diagnostics.rows.extend(DiagnosticRow(label, value, bad) for section in self.sections
                                for label, value, bad in section.diagnostics())
        return diagnostics
