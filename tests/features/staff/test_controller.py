"""The staff controller decides alone: driven here through a fake view facade, no widgets."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from kiosk.control.deck import DeckController
from kiosk.control.status import ContentStatus
from kiosk.core.content.loader import LoadedContent, load_content
from kiosk.core.content.ui_words import UiText
from kiosk.core.diagnostics import DiagnosticFacts, Diagnostics
from kiosk.core.errors import ContentError, ContentProblem, Location
from kiosk.core.storage.assets import available_icons
from kiosk.core.storage.paths import bundled_content_dir
from kiosk.core.storage.pin import PinFile, PinState
from kiosk.core.storage.settings import StaffSettings
from kiosk.features.staff.controller import StaffController

STAFF_PIN = "135790"


class FakeStaffViews(QObject):
    """Records what the controller shows; tests emit the intents a staff member's touch would."""

    gesture_detected = Signal()
    pin_submitted = Signal(str)
    pin_cancelled = Signal()
    exit_requested = Signal()
    presenter_requested = Signal()
    reload_requested = Signal()
    default_language_requested = Signal(str)
    diagnostics_requested = Signal()
    change_pin_requested = Signal()
    back_requested = Signal()
    close_requested = Signal()
    action_requested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.page: str | None = None
        self.title: str | None = None
        self.can_cancel = True
        self.message = ""
        self.locked = False
        self.gesture = True
        self.badge = False
        self.menu: dict[str, object] = {}
        self.status: list[tuple[str, bool]] = []
        self.diagnostics: Diagnostics | None = None
        self.actions: list[tuple[str, str]] = []

    def is_open(self) -> bool:
        return self.page is not None

    def showing_diagnostics(self) -> bool:
        return self.page == "diagnostics"

    def set_gesture_enabled(self, enabled: bool) -> None:
        self.gesture = enabled

    def set_menu_actions(self, actions: Sequence[tuple[str, str]]) -> None:
        self.actions = list(actions)

    def show_pin_pad(self, title: str | None = None, *, can_cancel: bool = True) -> None:
        self.page, self.title, self.can_cancel, self.message = "pin", title, can_cancel, ""

    def set_pin_title(self, title: str | None) -> None:
        self.title = title

    def pin_message(self) -> str:
        return self.message

    def set_pin_message(self, text: str) -> None:
        self.message = text

    def set_pin_locked(self, locked: bool) -> None:
        self.locked = locked

    def show_menu(self, status: Sequence[tuple[str, bool]], *, presenter: bool | None,
                  reload_available: bool, default_language: str) -> None:
        self.page = "menu"
        self.status = list(status)
        self.menu = {"presenter": presenter, "reload": reload_available, "language": default_language}

    def set_menu_status(self, status: Sequence[tuple[str, bool]]) -> None:
        self.status = list(status)

    def show_diagnostics(self, diagnostics: Diagnostics) -> None:
        self.page = "diagnostics"
        self.diagnostics = diagnostics

    def set_diagnostics(self, diagnostics: Diagnostics) -> None:
        self.diagnostics = diagnostics

    def hide(self) -> None:
        self.page = None

    def set_badge(self, visible: bool) -> None:
        self.badge = visible


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


WORDS = {
    UiText.SET_PIN: "choose a pin",
    UiText.REPEAT_PIN: "again",
    UiText.PIN_SAVED: "saved",
    UiText.PIN_MISMATCH: "they differ",
    UiText.PIN_TOO_SHORT: "too short",
    UiText.PIN_DAMAGED_HINT: "damaged: delete {file}",
    UiText.PIN_WRONG: "wrong, {count} left",
    UiText.PIN_LOCKED: "locked for {seconds}",
    UiText.CONTENT_OK: "content ok",
    UiText.CONTENT_PROBLEMS: "content problems",
    UiText.PIN_NOT_SET: "no pin set",
}


@pytest.fixture(scope="module")
def content() -> LoadedContent:
    return load_content(bundled_content_dir(), icons=available_icons())


@pytest.fixture
def views() -> FakeStaffViews:
    return FakeStaffViews()


@pytest.fixture
def calls() -> list[str]:
    return []


@pytest.fixture
def status(content: LoadedContent) -> ContentStatus:
    return ContentStatus(content.deck.root, content, None)


@pytest.fixture
def staff(qapp: QApplication, views: FakeStaffViews, content: LoadedContent, status: ContentStatus,
          calls: list[str], tmp_path: Path) -> StaffController:
    """The controller on fake views; ``qapp`` only because its lockout timer is a QTimer."""
    pin_file = PinFile(tmp_path / "pin.json")
    pin_file.save(STAFF_PIN)
    deck = DeckController(content.deck, "en")

    def facts() -> DiagnosticFacts:
        return DiagnosticFacts(version="9.9", content_dir=status.content_dir, slides=1, topics=1,
                               languages=["km", "en"], texts=2, awaiting_review=0, missing_translations=0,
                               problems=[str(p) for p in status.problem.problems] if status.problem else [])

    return StaffController(
        views, deck, status, words=lambda key: WORDS.get(key, key.value), facts=facts,
        on_exit=lambda: calls.append("exit"), on_toggle_presenter=lambda: calls.append("presenter"),
        is_presenter=lambda: False, on_reload=lambda: calls.append("reload"), pin_file=pin_file,
        settings=StaffSettings(tmp_path / "settings.json"), digits=lambda text: text.replace("3", "៣"),
        clock=Clock())


def test_the_gesture_opens_the_pin_pad_and_stops_counting_taps(staff: StaffController,
                                                               views: FakeStaffViews) -> None:
    views.gesture_detected.emit()
    assert views.page == "pin"
    assert not views.gesture


def test_the_right_pin_opens_the_menu_with_every_action(staff: StaffController, views: FakeStaffViews) -> None:
    views.gesture_detected.emit()
    views.pin_submitted.emit(STAFF_PIN)
    assert views.page == "menu"
    assert views.menu == {"presenter": False, "reload": True, "language": "km"}
    assert views.status == [("content ok", False)]


def test_a_wrong_pin_says_how_many_tries_are_left_in_the_kiosks_digits(
        staff: StaffController, views: FakeStaffViews) -> None:
    views.gesture_detected.emit()
    for _ in range(2):
        views.pin_submitted.emit("000000")
    assert views.page == "pin"
    assert views.message == "wrong, ៣ left"  # 5 tries - 2, written with the language's digits


def test_five_wrong_pins_lock_the_pad(staff: StaffController, views: FakeStaffViews) -> None:
    views.gesture_detected.emit()
    for _ in range(5):
        views.pin_submitted.emit("000000")
    assert views.locked
    assert views.message.startswith("locked for ")
    views.pin_submitted.emit(STAFF_PIN)  # the right PIN does not open a locked pad
    assert views.page == "pin"


@pytest.mark.parametrize(("intent", "expected"), [
    ("exit_requested", ["exit"]),
    ("presenter_requested", ["presenter"]),
])
def test_menu_actions_close_the_menu_and_call_back(staff: StaffController, views: FakeStaffViews,
                                                   calls: list[str], intent: str, expected: list[str]) -> None:
    views.gesture_detected.emit()
    views.pin_submitted.emit(STAFF_PIN)
    getattr(views, intent).emit()
    assert calls == expected
    assert views.page is None
    assert views.gesture


def test_reload_keeps_the_menu_open(staff: StaffController, views: FakeStaffViews, calls: list[str]) -> None:
    views.gesture_detected.emit()
    views.pin_submitted.emit(STAFF_PIN)
    views.reload_requested.emit()
    assert calls == ["reload"]
    assert views.page == "menu"


def test_choosing_the_default_language_switches_and_remembers_it(
        staff: StaffController, views: FakeStaffViews) -> None:
    views.gesture_detected.emit()
    views.pin_submitted.emit(STAFF_PIN)
    views.default_language_requested.emit("en")
    assert staff.deck.language == "en"
    assert staff.default_language == "en"
    assert views.menu["language"] == "en"
    views.default_language_requested.emit("xx")  # not a language of the deck: ignored
    assert staff.default_language == "en"


def test_content_problems_show_the_badge_and_update_an_open_diagnostics_page(
        staff: StaffController, views: FakeStaffViews, status: ContentStatus) -> None:
    views.gesture_detected.emit()
    views.pin_submitted.emit(STAFF_PIN)
    views.diagnostics_requested.emit()
    assert views.page == "diagnostics"
    assert views.diagnostics is not None
    assert views.diagnostics.problems == []
    problem = ContentError([ContentProblem(Location("content/deck.yaml", 3, 1), "broken")])
    status.update(status.shown, problem)
    assert views.badge
    assert views.diagnostics.problems == ["content/deck.yaml:3:1: broken"]
    assert views.status == [("content problems", True)]
    views.back_requested.emit()
    assert views.page == "menu"


def test_close_hides_everything_and_announces_it(staff: StaffController, views: FakeStaffViews) -> None:
    closed: list[bool] = []
    staff.closed.connect(lambda: closed.append(True))
    views.gesture_detected.emit()
    views.pin_cancelled.emit()
    assert views.page is None
    assert views.gesture
    assert closed == [True]
    staff.close()  # closing what is closed announces nothing
    assert closed == [True]


@pytest.fixture
def no_pin_staff(qapp: QApplication, views: FakeStaffViews, content: LoadedContent, status: ContentStatus,
                 tmp_path: Path) -> StaffController:
    return StaffController(
        views, DeckController(content.deck, "en"), status, words=lambda key: WORDS.get(key, key.value),
        facts=lambda: DiagnosticFacts(version="9.9", content_dir=status.content_dir, slides=1, topics=1,
                                      languages=["km"], texts=1, awaiting_review=0, missing_translations=0),
        on_exit=lambda: None, pin_file=PinFile(tmp_path / "pin.json"),
        settings=StaffSettings(tmp_path / "settings.json"), clock=Clock())


def test_the_first_start_asks_for_a_new_pin_twice_with_no_way_round(
        no_pin_staff: StaffController, views: FakeStaffViews, tmp_path: Path) -> None:
    opened: list[bool] = []
    no_pin_staff.menu_opened.connect(lambda: opened.append(True))
    no_pin_staff.open_setup(first_start=True)
    assert views.page == "pin"
    assert not views.can_cancel
    assert opened == [True]
    # In every language of the deck, the default (Khmer) first: nobody has chosen a language yet.
    assert views.title == "ជ្រើសលេខកូដសម្ងាត់បុគ្គលិក (លេខ ៦ ដល់ ១២ ខ្ទង់)\nChoose a staff PIN (6 to 12 digits)"
    views.pin_submitted.emit("12345")
    assert views.message == "too short"
    views.pin_submitted.emit("246810")
    assert views.title is not None
    assert views.title.endswith("Enter the same PIN again")
    views.pin_submitted.emit("246811")
    assert views.message == "they differ"
    assert views.title.endswith("Choose a staff PIN (6 to 12 digits)")
    views.pin_submitted.emit("246810")
    views.pin_submitted.emit("246810")
    assert views.page is None
    assert no_pin_staff.gate.state() is PinState.SET
    views.gesture_detected.emit()
    views.pin_submitted.emit("246810")
    assert views.page == "menu"


def test_a_damaged_pin_file_fails_closed(no_pin_staff: StaffController, views: FakeStaffViews) -> None:
    no_pin_staff.gate.pin_file.path.write_text("garbage", encoding="utf-8")
    views.gesture_detected.emit()
    assert views.page == "pin"
    assert views.message == f"damaged: delete {no_pin_staff.gate.pin_file.path}"
    views.pin_submitted.emit("246810")
    assert views.page == "pin"
    assert views.status == []  # the menu never opened


def test_change_the_pin_from_the_menu(staff: StaffController, views: FakeStaffViews) -> None:
    views.gesture_detected.emit()
    views.pin_submitted.emit(STAFF_PIN)
    views.change_pin_requested.emit()
    assert views.page == "pin"
    assert views.can_cancel
    views.pin_submitted.emit("864200")
    views.pin_submitted.emit("864200")
    assert views.page == "menu"
    assert views.status[-1] == ("saved", False)
    staff.close()
    views.gesture_detected.emit()
    views.pin_submitted.emit(STAFF_PIN)
    assert views.page == "pin"  # the old PIN no longer opens it
    views.pin_submitted.emit("864200")
    assert views.page == "menu"
