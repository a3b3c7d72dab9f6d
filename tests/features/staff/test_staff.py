"""Staff access: the five-tap corner gesture, the PIN pad, the staff menu and diagnostics."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.control.status import ContentStatus
from kiosk.core.errors import ContentError, ContentProblem, Location
from kiosk.core.storage.paths import bundled_content_dir
from kiosk.core.storage.pin import PinFile
from kiosk.core.storage.settings import StaffSettings
from kiosk.core.text.rules import unmark
from kiosk.features.staff.controller import StaffController
from kiosk.features.staff.install import install_staff
from kiosk.views.theme import PALETTE
from tests.conftest import KioskOptions
from tests.support import screens

STAFF_PIN = "135790"


class FakeClock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


class Calls:
    def __init__(self) -> None:
        self.log: list[str] = []
        self.presenter = False

    def exit(self) -> None:
        self.log.append("exit")

    def toggle_presenter(self) -> None:
        self.log.append("presenter")
        self.presenter = not self.presenter

    def reload(self) -> None:
        self.log.append("reload")


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder of the test's own (settings, PIN)."""
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def kiosk_options() -> KioskOptions:
    return KioskOptions(size=(1024, 600), themed=False)


def shown_status(kiosk: Kiosk) -> ContentStatus:
    """The content the kiosk was built with, without problems."""
    return ContentStatus(kiosk.content.deck.root, kiosk.content, None, parent=kiosk.controller)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def calls() -> Calls:
    return Calls()


@pytest.fixture
def staff(kiosk: Kiosk, tmp_path: Path, clock: FakeClock, calls: Calls,
          qapp: QApplication) -> Iterator[StaffController]:
    pin_file = PinFile(tmp_path / "pin.json")
    pin_file.save(STAFF_PIN)
    access = install_staff(kiosk, shown_status(kiosk), on_exit=calls.exit, on_toggle_presenter=calls.toggle_presenter,
                           is_presenter=lambda: calls.presenter, on_reload=calls.reload,
                           pin_file=pin_file, settings=StaffSettings(tmp_path / "store.json"),
                           clock=clock)
    yield access
    qapp.removeEventFilter(screens(access).detector)


def tap_corner(qtbot: QtBot, kiosk: Kiosk, times: int = 5,
               widget: QWidget | None = None, pos: QPoint | None = None) -> None:
    target = widget or kiosk.window
    for _ in range(times):
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=pos or QPoint(4, 4))


def enter(qtbot: QtBot, staff: StaffController, pin: str) -> None:
    pad = screens(staff).overlay.pin_pad
    for digit in pin:
        qtbot.mouseClick(pad.digit_buttons[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)


def open_menu(qtbot: QtBot, kiosk: Kiosk, staff: StaffController, pin: str = STAFF_PIN) -> None:
    tap_corner(qtbot, kiosk)
    enter(qtbot, staff, pin)
    assert screens(staff).overlay.stack.currentWidget() is screens(staff).overlay.menu


# -- the gesture ---------------------------------------------------------------------------------
def test_five_taps_in_the_corner_open_the_pin_pad(qtbot: QtBot, kiosk: Kiosk,
                                                  staff: StaffController) -> None:
    tap_corner(qtbot, kiosk, times=4)
    assert not screens(staff).overlay.isVisible()
    tap_corner(qtbot, kiosk, times=1)
    assert screens(staff).overlay.isVisible()
    assert screens(staff).overlay.stack.currentWidget() is screens(staff).overlay.pin_pad
    assert screens(staff).overlay.geometry() == kiosk.window.rect()


def test_corner_taps_on_the_home_button_still_go_home(qtbot: QtBot, kiosk: Kiosk,
                                                      staff: StaffController) -> None:
    kiosk.controller.on_page_requested(3)
    home = kiosk.window.home_button
    corner = QPoint(4, 4)
    in_window = home.mapTo(kiosk.window, corner)
    assert max(in_window.x(), in_window.y()) < screens(staff).detector.corner_px()
    tap_corner(qtbot, kiosk, times=1, widget=home, pos=corner)
    assert kiosk.controller.page == 0  # the tap did what a tap does
    tap_corner(qtbot, kiosk, times=4)
    assert screens(staff).overlay.isVisible()


def test_a_tap_elsewhere_starts_the_count_again(qtbot: QtBot, kiosk: Kiosk,
                                                staff: StaffController) -> None:
    tap_corner(qtbot, kiosk, times=3)
    qtbot.mouseClick(kiosk.window, Qt.MouseButton.LeftButton, pos=QPoint(500, 300))
    tap_corner(qtbot, kiosk, times=2)
    assert not screens(staff).overlay.isVisible()
    tap_corner(qtbot, kiosk, times=3)
    assert screens(staff).overlay.isVisible()


def test_taps_spread_over_more_than_three_seconds_do_not_count(
        qtbot: QtBot, kiosk: Kiosk, staff: StaffController, clock: FakeClock) -> None:
    for _ in range(5):
        tap_corner(qtbot, kiosk, times=1)
        clock.now += 1.0
    assert not screens(staff).overlay.isVisible()  # only 4 within any 3 s


# -- the PIN pad ---------------------------------------------------------------------------------
def test_pin_pad_shows_dots_not_digits(qtbot: QtBot, kiosk: Kiosk, staff: StaffController) -> None:
    tap_corner(qtbot, kiosk)
    pad = screens(staff).overlay.pin_pad
    for digit in "135":
        qtbot.mouseClick(pad.digit_buttons[digit], Qt.MouseButton.LeftButton)
    assert pad.dots.text() == "● ● ● ○ ○ ○"
    qtbot.mouseClick(pad.delete_button, Qt.MouseButton.LeftButton)
    assert pad.entry == "13"
    assert "1" not in pad.dots.text()


def test_pad_buttons_are_at_least_nine_millimetres(qtbot: QtBot, kiosk: Kiosk,
                                                   staff: StaffController) -> None:
    tap_corner(qtbot, kiosk)
    pad = screens(staff).overlay.pin_pad
    px_per_mm = kiosk.window.context().metrics.px_per_mm
    for button in [*pad.digit_buttons.values(), pad.ok_button, pad.delete_button,
                   pad.cancel_button]:
        assert button.isVisible()
        assert min(button.width(), button.height()) >= 9 * px_per_mm


def test_right_pin_opens_the_menu(qtbot: QtBot, kiosk: Kiosk, staff: StaffController) -> None:
    with qtbot.wait_signal(staff.menu_opened):
        open_menu(qtbot, kiosk, staff)
    assert screens(staff).overlay.menu.title.text().replace("\u200b", "") == "ម៉ឺនុយបុគ្គលិក"


def test_wrong_pin_says_how_many_tries_are_left(qtbot: QtBot, kiosk: Kiosk,
                                                staff: StaffController) -> None:
    kiosk.controller.on_language_requested("en")
    tap_corner(qtbot, kiosk)
    enter(qtbot, staff, "000000")
    assert screens(staff).overlay.pin_pad.message.text() == "Wrong PIN. 4 tries left"
    assert screens(staff).overlay.stack.currentWidget() is screens(staff).overlay.pin_pad


def test_five_wrong_pins_lock_the_pad(qtbot: QtBot, kiosk: Kiosk, staff: StaffController,
                                      clock: FakeClock) -> None:
    kiosk.controller.on_language_requested("en")
    tap_corner(qtbot, kiosk)
    pad = screens(staff).overlay.pin_pad
    for _ in range(5):
        enter(qtbot, staff, "222222")
    assert pad.message.text() == "Locked. Try again in 60\u00a0s"  # a number stays with its unit
    assert not pad.ok_button.isEnabled()
    assert not pad.digit_buttons["1"].isEnabled()
    clock.now += 45
    staff.on_lock_tick()
    assert pad.message.text() == "Locked. Try again in 15\u00a0s"
    assert staff.gate.try_pin(STAFF_PIN).value == "locked"
    clock.now += 15
    staff.on_lock_tick()
    assert pad.ok_button.isEnabled()
    enter(qtbot, staff, STAFF_PIN)
    assert screens(staff).overlay.stack.currentWidget() is screens(staff).overlay.menu


def test_cancel_closes_the_pad(qtbot: QtBot, kiosk: Kiosk, staff: StaffController) -> None:
    tap_corner(qtbot, kiosk)
    qtbot.mouseClick(screens(staff).overlay.pin_pad.cancel_button, Qt.MouseButton.LeftButton)
    assert not screens(staff).overlay.isVisible()
    tap_corner(qtbot, kiosk)  # and the gesture works again
    assert screens(staff).overlay.isVisible()


# -- the menu --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("button", "expected"), [
    ("presenter_button", ["presenter"]),
    ("reload_button", ["reload"]),
])
def test_menu_actions_call_their_callbacks(qtbot: QtBot, kiosk: Kiosk, staff: StaffController,
                                           calls: Calls, button: str,
                                           expected: list[str]) -> None:
    open_menu(qtbot, kiosk, staff)
    qtbot.mouseClick(getattr(screens(staff).overlay.menu, button), Qt.MouseButton.LeftButton)
    assert calls.log == expected


@pytest.mark.parametrize("language", ["km", "en"])
def test_exit_asks_first_with_the_safe_choice_first(qtbot: QtBot, kiosk: Kiosk, staff: StaffController,
                                                   calls: Calls, language: str) -> None:
    kiosk.controller.on_language_requested(language)
    open_menu(qtbot, kiosk, staff)
    menu = screens(staff).overlay.menu
    qtbot.mouseClick(menu.exit_button, Qt.MouseButton.LeftButton)
    assert calls.log == []  # nothing happens on the first touch
    assert menu.exit_confirmation.isVisible()
    question = {"km": "បិទកម្មវិធីមែនទេ?", "en": "Exit the kiosk?"}[language]
    assert menu.exit_question.text().replace("\u200b", "").startswith(question)
    keep, leave = menu.keep_running_button, menu.confirm_exit_button
    assert keep.x() < leave.x()  # the safe choice first
    assert leave.danger
    assert leave.filled
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert not menu.exit_confirmation.isVisible()
    assert calls.log == []
    qtbot.mouseClick(menu.exit_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(menu.confirm_exit_button, Qt.MouseButton.LeftButton)
    assert calls.log == ["exit"]


def test_exit_looks_dangerous(qtbot: QtBot, kiosk: Kiosk, staff: StaffController) -> None:
    open_menu(qtbot, kiosk, staff)
    button = screens(staff).overlay.menu.exit_button
    image = button.grab().toImage()
    assert image.pixelColor(button.width() // 2, 1) == QColor(PALETTE.danger)  # the red border


def test_exit_and_mode_switch_close_the_menu(qtbot: QtBot, kiosk: Kiosk, staff: StaffController,
                                             calls: Calls) -> None:
    kiosk.controller.on_language_requested("en")
    open_menu(qtbot, kiosk, staff)
    assert screens(staff).overlay.menu.presenter_button.text() == "Presenter mode"
    qtbot.mouseClick(screens(staff).overlay.menu.presenter_button, Qt.MouseButton.LeftButton)
    assert not screens(staff).overlay.isVisible()
    open_menu(qtbot, kiosk, staff)
    assert screens(staff).overlay.menu.presenter_button.text() == "Kiosk mode"


def test_default_language_is_switched_and_remembered(qtbot: QtBot, kiosk: Kiosk,
                                                     staff: StaffController, tmp_path: Path) -> None:
    assert staff.default_language == "km"
    open_menu(qtbot, kiosk, staff)
    with qtbot.wait_signal(staff.default_language_changed) as signal:
        qtbot.mouseClick(screens(staff).overlay.menu.language_buttons["en"], Qt.MouseButton.LeftButton)
    assert signal.args == ["en"]
    assert kiosk.controller.language == "en"
    assert staff.default_language == "en"
    assert StaffSettings(tmp_path / "store.json").default_language == "en"
    assert screens(staff).overlay.menu.language_buttons["en"].isChecked()
    assert screens(staff).overlay.menu.title.text() == "Staff menu"


def test_safe_mode_menu_hides_presenter_and_reload(qtbot: QtBot, kiosk: Kiosk, tmp_path: Path,
                                                   qapp: QApplication) -> None:
    pin_file = PinFile(tmp_path / "pin.json")
    pin_file.save(STAFF_PIN)
    access = install_staff(kiosk, shown_status(kiosk), on_exit=lambda: None, pin_file=pin_file,
                           settings=StaffSettings(tmp_path / "store.json"))
    try:
        open_menu(qtbot, kiosk, access)
        assert not screens(access).overlay.menu.presenter_button.isVisible()
        assert not screens(access).overlay.menu.reload_button.isVisible()
        assert screens(access).overlay.menu.exit_button.isVisible()
    finally:
        qapp.removeEventFilter(screens(access).detector)


def test_with_no_pin_the_gesture_opens_the_set_up_pad_which_asks_twice(
        qtbot: QtBot, kiosk: Kiosk, tmp_path: Path, qapp: QApplication) -> None:
    pin_file = PinFile(tmp_path / "none.json")
    access = install_staff(kiosk, shown_status(kiosk), on_exit=lambda: None, pin_file=pin_file,
                           settings=StaffSettings(tmp_path / "store.json"))
    try:
        tap_corner(qtbot, kiosk)
        pad = screens(access).overlay.pin_pad
        # Bilingual, Khmer first: staff may set it up before choosing a language.
        lines = unmark(pad.title.text()).splitlines()
        assert lines == ["ជ្រើសលេខកូដសម្ងាត់បុគ្គលិក (លេខ ៦ ដល់ ១២ ខ្ទង់)", "Choose a staff PIN (6 to 12 digits)"]
        enter(qtbot, access, "1234")
        assert unmark(pad.message.text()) == "លេខកូដត្រូវមានយ៉ាងហោចណាស់ ៦ ខ្ទង់"  # too short, in Khmer
        enter(qtbot, access, "246810")
        assert "Enter the same PIN again" in pad.title.text()
        enter(qtbot, access, "246811")
        assert "Choose a staff PIN" in pad.title.text()  # they differ: start again
        enter(qtbot, access, "246810")
        enter(qtbot, access, "246810")
        assert not screens(access).overlay.isVisible()
        assert (pin_file.path.stat().st_mode & 0o777) == 0o600
        open_menu(qtbot, kiosk, access, pin="246810")
    finally:
        qapp.removeEventFilter(screens(access).detector)


def test_a_damaged_pin_file_opens_nothing_and_says_how_to_recover(
        qtbot: QtBot, kiosk: Kiosk, tmp_path: Path, qapp: QApplication) -> None:
    kiosk.controller.on_language_requested("en")
    pin_file = PinFile(tmp_path / "pin.json")
    pin_file.path.write_text("{ not a pin record", encoding="utf-8")
    access = install_staff(kiosk, shown_status(kiosk), on_exit=lambda: None, pin_file=pin_file,
                           settings=StaffSettings(tmp_path / "store.json"))
    try:
        tap_corner(qtbot, kiosk)
        pad = screens(access).overlay.pin_pad
        assert screens(access).overlay.stack.currentWidget() is pad
        assert "The PIN file is damaged" in pad.message.text()
        assert str(pin_file.path) in pad.message.text().replace("\u200b", "")
        for guess in ("246800", "000000", STAFF_PIN):
            enter(qtbot, access, guess)
            assert screens(access).overlay.stack.currentWidget() is pad  # fails closed
    finally:
        qapp.removeEventFilter(screens(access).detector)


def test_staff_change_the_pin_by_touch(qtbot: QtBot, kiosk: Kiosk, staff: StaffController) -> None:
    kiosk.controller.on_language_requested("en")
    open_menu(qtbot, kiosk, staff)
    qtbot.mouseClick(screens(staff).overlay.menu.change_pin_button, Qt.MouseButton.LeftButton)
    enter(qtbot, staff, "975310")
    enter(qtbot, staff, "975310")
    menu = screens(staff).overlay.menu
    assert screens(staff).overlay.stack.currentWidget() is menu
    assert menu.status_lines[-1] == "The new PIN is saved"
    qtbot.mouseClick(menu.close_button, Qt.MouseButton.LeftButton)
    open_menu(qtbot, kiosk, staff, pin="975310")


# -- diagnostics -----------------------------------------------------------------------------------
def test_diagnostics_show_the_font_check_and_the_summary(qtbot: QtBot, kiosk: Kiosk,
                                                         staff: StaffController) -> None:
    kiosk.controller.on_language_requested("en")
    open_menu(qtbot, kiosk, staff)
    qtbot.mouseClick(screens(staff).overlay.menu.diagnostics_button, Qt.MouseButton.LeftButton)
    page = screens(staff).overlay.diagnostics
    assert screens(staff).overlay.stack.currentWidget() is page
    text = page.plain_text
    assert "Khmer font: OK: drawn with Noto Sans Khmer" in text
    report = kiosk.content.report
    assert (f"Content check: OK: {report.slides} slides in {report.topics} topics, languages km, en; "
            f"{report.texts} texts, 0 missing a language") in text
    assert f"Texts awaiting review: {kiosk.content.report.awaiting_review}" in text
    assert f"Content folder: {bundled_content_dir()}" in text
    assert "Version: 0.1.0" in text
    assert "Screen: " in text
    assert "dpi" in text
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert screens(staff).overlay.stack.currentWidget() is screens(staff).overlay.menu


@pytest.mark.parametrize("size", [(1024, 600), (1080, 1920)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_diagnostics_fit_a_touch_screen_without_scroll_bars(qtbot: QtBot, kiosk: Kiosk, staff: StaffController,
                                                            size: tuple[int, int]) -> None:
    kiosk.window.resize(*size)
    open_menu(qtbot, kiosk, staff)
    qtbot.mouseClick(screens(staff).overlay.menu.diagnostics_button, Qt.MouseButton.LeftButton)
    page = screens(staff).overlay.diagnostics
    area = page.scroll_area
    assert not area.horizontalScrollBar().isVisible()
    assert not area.verticalScrollBar().isVisible()
    # Nothing is wider than the page: long folder names wrap.
    assert page.body.width() <= area.viewport().width()
    assert area.horizontalScrollBar().maximum() == 0


def test_diagnostics_show_the_last_log_lines(qtbot: QtBot, kiosk: Kiosk, staff: StaffController,
                                             tmp_path: Path) -> None:
    log_file = tmp_path / "home" / "log" / "kiosk.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    log_file.write_text("".join(f"line {n}\n" for n in range(40)), encoding="utf-8")
    lines = staff.diagnostics().log_lines
    assert lines[0] == "កំណត់ហេតុចុងក្រោយ:"  # the kiosk starts in Khmer
    assert lines[1:] == [f"line {n}" for n in range(25, 40)]


def test_content_problems_show_a_badge_and_the_list(qtbot: QtBot, kiosk: Kiosk,
                                                    staff: StaffController) -> None:
    assert not screens(staff).badge.isVisible()
    problem = ContentError([ContentProblem(Location("content/deck.yaml", 3, 1), "broken")])
    staff.status.update(kiosk.content, problem)
    assert screens(staff).badge.isVisible()
    assert screens(staff).badge.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    assert screens(staff).badge.geometry().right() < screens(staff).detector.corner_px()
    assert staff.diagnostics().problems == ["content/deck.yaml:3:1: broken"]
    staff.status.update(kiosk.content, None)
    assert not screens(staff).badge.isVisible()


@pytest.mark.parametrize(("language", "keys"), [("km", "១២៣៤៥៦៧៨៩០"), ("en", "1234567890")])
def test_the_pin_pad_shows_the_digits_of_the_language_and_enters_the_same_pin(
        qtbot: QtBot, kiosk: Kiosk, staff: StaffController, language: str, keys: str) -> None:
    kiosk.controller.on_language_requested(language)
    tap_corner(qtbot, kiosk)
    pad = screens(staff).overlay.pin_pad
    assert "".join(pad.digit_buttons[d].text() for d in "1234567890") == keys
    enter(qtbot, staff, STAFF_PIN)
    assert screens(staff).overlay.menu.isVisible()


def test_while_exit_is_asked_only_the_question_shows_and_fits_a_small_screen(
        qtbot: QtBot, kiosk: Kiosk, staff: StaffController) -> None:
    kiosk.window.resize(1024, 600)
    open_menu(qtbot, kiosk, staff)
    menu = screens(staff).overlay.menu
    others = [menu.presenter_button, menu.diagnostics_button, menu.close_button, *menu.action_buttons.values()]
    assert all(button.isVisible() for button in others)
    qtbot.mouseClick(menu.exit_button, Qt.MouseButton.LeftButton)
    assert menu.exit_confirmation.isVisible()
    assert not any(button.isVisible() for button in others)
    assert not menu.exit_button.isVisible()
    question = menu.exit_question
    assert question.height() >= question.heightForWidth(question.width())  # not squeezed
    staff.views.set_menu_actions([("report", "Make the report")])  # a feature's buttons change meanwhile
    assert not any(button.isVisible() for button in menu.action_buttons.values())
    qtbot.mouseClick(menu.keep_running_button, Qt.MouseButton.LeftButton)
    assert not menu.exit_confirmation.isVisible()
    assert menu.exit_button.isVisible()
    assert all(button.isVisible() for button in [*others[:3], *menu.action_buttons.values()])
