"""The kiosk window as a visitor (fingers) and a presenter (keyboard, clicker) use it."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtGui import Qt as QtText  # Qt::mightBeRichText lives in QtGui
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.core.content.markup import to_plain_text
from kiosk.core.content.model import iter_texts
from kiosk.views.fonts import contains_khmer, khmer_glyph_font_families, register_fonts
from kiosk.views.home import HomeView
from kiosk.views.metrics import TOUCH_TARGET_MM

Settle = Callable[[Kiosk], None]

ZWSP = "\u200b"
PROGRESS_COUNT = re.compile(r"^\d+ / \d+$")
# What the kiosk's own buttons are called, for screen readers, in each bundled language.
ACCESSIBLE_NAMES = {
    "km": {"home": "ទំព័រដើម", "next": "បន្ទាប់", "previous": "មុន"},
    "en": {"home": "Home", "next": "Next", "previous": "Previous"},
}


# --------------------------------------------------------------------------- helpers


def last_page(kiosk: Kiosk) -> int:
    return len(kiosk.content.deck.slides)


def jump(kiosk: Kiosk, page: int) -> None:
    """Go to ``page`` through the controller, without waiting for the slide-in animation."""
    kiosk.controller.on_page_requested(page)
    kiosk.window.show_page(page, animate=False)
    assert kiosk.window.current_page == kiosk.controller.page == page


def shown_page_name(kiosk: Kiosk) -> str:
    """Which page the visitor sees: ``home`` or the slide id (from the view on show)."""
    view = kiosk.window.current_view()
    assert view.isVisible()
    assert view.x() == kiosk.window.swipe.gutter  # at rest: beside the arrows' gutter
    return view.objectName().removeprefix("slide-")


def page_name(kiosk: Kiosk, page: int) -> str:
    return "home" if page == 0 else kiosk.content.deck.slides[page - 1].id


def visible(window: QWidget, kind: type[QWidget]) -> Iterator[QWidget]:
    for widget in window.findChildren(kind):
        if widget.isVisible():
            yield widget


def shown_text(widget: QWidget) -> str:
    """The text a visitor reads on a label or button: markup and zero-width spaces removed."""
    if isinstance(widget, QLabel):
        text = widget.text()
        rich = widget.textFormat() == Qt.TextFormat.RichText or (
            widget.textFormat() == Qt.TextFormat.AutoText and QtText.mightBeRichText(text))
        if rich:
            document = QTextDocument()
            document.setHtml(text)
            text = document.toPlainText()
    else:
        assert isinstance(widget, QAbstractButton)
        text = widget.text()
    return text.replace(ZWSP, "").strip()


def widget_key(widget: QWidget, window: QWidget) -> str:
    """Where a widget sits (class and object names up to the window), to pair it across languages."""
    parts = []
    current: QWidget | None = widget
    while current is not None and current is not window:
        parts.append(f"{type(current).__name__}#{current.objectName()}")
        current = current.parentWidget()
    return "/".join(reversed(parts))


def visible_texts(window: QWidget, skip: set[QWidget]) -> list[tuple[str, str]]:
    """(key, text) of every visible label and button with text, in window order."""
    texts = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, QLabel | QAbstractButton) or not widget.isVisible():
            continue
        if widget in skip:
            continue
        text = shown_text(widget)
        if text and not PROGRESS_COUNT.match(text):
            texts.append((widget_key(widget, window), text))
    return texts


def rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def button_content_width(button: QPushButton) -> int:
    """Width left for a push button's icon and text inside its border and padding."""
    option = QStyleOptionButton()
    button.initStyleOption(option)
    return button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button).width()


def label_problems(label: QLabel, window: QWidget, page: QWidget, where: str) -> list[str]:
    """What is wrong with one visible label: outside the window or its page, or text it cannot hold."""
    text = shown_text(label)
    if not text:
        return []
    problems: list[str] = []
    name = f"{where}: {text[:40]!r}"
    rect = rect_in(label, window)
    if not window.rect().contains(rect):
        problems.append(f"{name} lies outside the window: {rect} not in {window.rect()}")
    if page.isAncestorOf(label) and not page.rect().contains(rect_in(label, page)):
        problems.append(f"{name} is cut by the page edge: {rect_in(label, page)} not in {page.rect()}")
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + 1:
            problems.append(f"{name} needs {needed} px height, has {label.height()}")
        return problems
    metrics = QFontMetrics(label.font())
    widest = max(metrics.horizontalAdvance(line) for line in text.splitlines())
    room = label.contentsRect().width()
    if widest > room + 1:
        problems.append(f"{name} needs {widest} px width, has {room}")
    lines = len(text.splitlines())
    if metrics.height() * lines > label.contentsRect().height() + 1:
        problems.append(f"{name} needs {metrics.height() * lines} px height, has {label.contentsRect().height()}")
    return problems


def overflow_problems(kiosk: Kiosk) -> list[str]:
    """Every visible text that does not fit its widget, or lies outside the window or its page."""
    window = kiosk.window
    where = (f"{window.width()}x{window.height()} {kiosk.controller.language} "
             f"{page_name(kiosk, window.current_page)}")
    problems: list[str] = []
    page = window.current_view()
    for label in visible(window, QLabel):
        assert isinstance(label, QLabel)
        problems += label_problems(label, window, page, where)
    for button in visible(window, QPushButton):
        assert isinstance(button, QPushButton)
        text = shown_text(button)
        if not text:
            continue
        name = f"{where}: button {text[:40]!r}"
        if not window.rect().contains(rect_in(button, window)):
            problems.append(f"{name} lies outside the window")
        metrics = QFontMetrics(button.font())
        needed = max(metrics.horizontalAdvance(line) for line in text.splitlines())
        if not button.icon().isNull():
            needed += button.iconSize().width() + 4  # the styles' gap between icon and text
        room = button_content_width(button)
        if needed > room + 1:
            problems.append(f"{name} needs {needed} px width, has {room}")
        if metrics.height() * len(text.splitlines()) > button.height():
            problems.append(f"{name} is taller than the button")
    return problems


# --------------------------------------------------------------------------- the start


def test_kiosk_opens_on_the_home_screen_in_khmer(kiosk: Kiosk) -> None:
    window = kiosk.window
    assert kiosk.controller.language == "km"
    assert shown_page_name(kiosk) == "home"
    assert isinstance(window.current_view(), HomeView)
    assert window.languages.buttons["km"].isChecked()
    assert not window.languages.buttons["en"].isChecked()
    assert window.progress.count.text() == ""


# --------------------------------------------------------------------------- keys


@pytest.mark.parametrize(
    ("key", "step"),
    [
        (Qt.Key.Key_Right, 1),
        (Qt.Key.Key_PageDown, 1),  # presentation clickers send PageDown / PageUp
        (Qt.Key.Key_Space, 1),
        (Qt.Key.Key_Down, 1),
        (Qt.Key.Key_Left, -1),
        (Qt.Key.Key_PageUp, -1),
        (Qt.Key.Key_Up, -1),
        (Qt.Key.Key_Backspace, -1),
    ],
    ids=lambda value: value.name if isinstance(value, Qt.Key) else str(value),
)
def test_key_turns_one_page(kiosk: Kiosk, qtbot: QtBot, settle: Settle, key: Qt.Key, step: int) -> None:
    jump(kiosk, 5)
    with qtbot.waitSignal(kiosk.controller.page_changed) as blocker:
        qtbot.keyClick(kiosk.window, key)
    assert blocker.args == [5 + step, True]
    settle(kiosk)
    assert shown_page_name(kiosk) == page_name(kiosk, 5 + step)
    # The kiosk starts in Khmer: its own numbers are written in Khmer digits.
    assert kiosk.window.progress.count.text() == khmer_digits(f"{5 + step} / {last_page(kiosk)}")


def test_home_key_goes_to_the_home_screen(kiosk: Kiosk, qtbot: QtBot, settle: Settle) -> None:
    jump(kiosk, 7)
    with qtbot.waitSignal(kiosk.controller.page_changed) as blocker:
        qtbot.keyClick(kiosk.window, Qt.Key.Key_Home)
    assert blocker.args[0] == 0
    settle(kiosk)
    assert shown_page_name(kiosk) == "home"


def test_end_key_goes_to_the_last_slide(kiosk: Kiosk, qtbot: QtBot, settle: Settle) -> None:
    with qtbot.waitSignal(kiosk.controller.page_changed) as blocker:
        qtbot.keyClick(kiosk.window, Qt.Key.Key_End)
    assert blocker.args[0] == last_page(kiosk)
    settle(kiosk)
    assert shown_page_name(kiosk) == kiosk.content.deck.slides[-1].id
    assert kiosk.window.progress.count.text() == khmer_digits(f"{last_page(kiosk)} / {last_page(kiosk)}")


@pytest.mark.parametrize(("start", "key"), [("first", Qt.Key.Key_Left), ("last", Qt.Key.Key_Right)],
                         ids=["left-at-home", "right-at-last"])
def test_keys_stop_at_the_ends(kiosk: Kiosk, qtbot: QtBot, start: str, key: Qt.Key) -> None:
    page = 0 if start == "first" else last_page(kiosk)
    jump(kiosk, page)
    with qtbot.assertNotEmitted(kiosk.controller.page_changed):
        qtbot.keyClick(kiosk.window, key)
    assert kiosk.window.current_page == page
    assert shown_page_name(kiosk) == page_name(kiosk, page)


# --------------------------------------------------------------------------- buttons


def test_edge_arrows_turn_pages(kiosk: Kiosk, qtbot: QtBot, settle: Settle) -> None:
    window = kiosk.window
    with qtbot.waitSignal(kiosk.controller.page_changed):
        qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    settle(kiosk)
    assert shown_page_name(kiosk) == page_name(kiosk, 1)
    with qtbot.waitSignal(kiosk.controller.page_changed):
        qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    settle(kiosk)
    assert shown_page_name(kiosk) == page_name(kiosk, 2)
    with qtbot.waitSignal(kiosk.controller.page_changed):
        qtbot.mouseClick(window.previous_button, Qt.MouseButton.LeftButton)
    settle(kiosk)
    assert shown_page_name(kiosk) == page_name(kiosk, 1)


def test_previous_is_disabled_on_the_home_screen(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    assert not window.previous_button.isEnabled()
    assert not window.home_button.isEnabled()
    assert window.next_button.isEnabled()
    with qtbot.assertNotEmitted(kiosk.controller.page_changed):
        qtbot.mouseClick(window.previous_button, Qt.MouseButton.LeftButton)
    assert window.current_page == 0


def test_next_is_disabled_on_the_last_slide(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    jump(kiosk, last_page(kiosk))
    assert not window.next_button.isEnabled()
    assert window.previous_button.isEnabled()
    with qtbot.assertNotEmitted(kiosk.controller.page_changed):
        qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.current_page == last_page(kiosk)


def test_home_button_returns_to_the_home_screen(kiosk: Kiosk, qtbot: QtBot, settle: Settle) -> None:
    jump(kiosk, 9)
    assert kiosk.window.home_button.isEnabled()
    with qtbot.waitSignal(kiosk.controller.page_changed) as blocker:
        qtbot.mouseClick(kiosk.window.home_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == 0
    settle(kiosk)
    assert shown_page_name(kiosk) == "home"
    assert not kiosk.window.home_button.isEnabled()


@pytest.mark.parametrize("topic", range(6))
def test_topic_tile_opens_the_topics_first_slide(kiosk: Kiosk, qtbot: QtBot, settle: Settle,
                                                 topic: int) -> None:
    deck = kiosk.content.deck
    home = kiosk.window.current_view()
    assert isinstance(home, HomeView)
    assert len(home.tiles) == len(deck.topics) == 6
    first_slide = deck.topics[topic].slides[0].id
    with qtbot.waitSignal(kiosk.controller.page_changed):
        qtbot.mouseClick(home.tiles[topic], Qt.MouseButton.LeftButton)
    settle(kiosk)
    assert shown_page_name(kiosk) == first_slide
    assert kiosk.window.progress.topic.text().replace(ZWSP, "") == deck.topics[topic].title.get("km", "km")


# --------------------------------------------------------------------------- languages


def language_independent_texts(kiosk: Kiosk) -> set[str]:
    """Texts the content writes the same in every language (names, numbers, e-mail addresses)."""
    deck = kiosk.content.deck
    same: set[str] = set()
    for _path, text in iter_texts(deck):
        versions = {to_plain_text(text.get(code, deck.default_language)) for code in deck.language_codes}
        if len(versions) == 1:
            same |= versions
    return same


@pytest.mark.parametrize(("before", "after"), [("km", "en"), ("en", "km")])
def test_language_button_changes_every_visible_text(kiosk: Kiosk, qtbot: QtBot, before: str,
                                                    after: str) -> None:
    window = kiosk.window
    kiosk.controller.on_language_requested(before)
    same_in_every_language = language_independent_texts(kiosk)
    for page in range(last_page(kiosk) + 1):
        jump(kiosk, page)
        skip: set[QWidget] = set(window.languages.buttons.values())
        home = window.current_view()
        if isinstance(home, HomeView):
            skip.add(home.brand)  # the organisation's name in every script, by design
            skip.update(home.prompt.lines)  # the first-time prompt speaks every language at once
        old = visible_texts(window, skip)

        with qtbot.waitSignal(kiosk.controller.language_changed):
            qtbot.mouseClick(window.languages.buttons[after], Qt.MouseButton.LeftButton)
        assert window.current_page == page
        skip = set(window.languages.buttons.values())
        home = window.current_view()
        if isinstance(home, HomeView):
            skip.add(home.brand)
            skip.update(home.prompt.lines)
        new = visible_texts(window, skip)

        assert [key for key, _ in new] == [key for key, _ in old], f"page {page}: other widgets"
        unchanged = [text for (_, text), (_, new_text) in zip(old, new, strict=True)
                     if text == new_text and text not in same_in_every_language]
        assert unchanged == [], f"page {page_name(kiosk, page)} still shows {before} text"
        with qtbot.waitSignal(kiosk.controller.language_changed):
            qtbot.mouseClick(window.languages.buttons[before], Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("language", ["en", "km"])
def test_chrome_speaks_the_chosen_language(kiosk: Kiosk, qtbot: QtBot, language: str) -> None:
    window = kiosk.window
    other = "km" if language == "en" else "en"
    kiosk.controller.on_language_requested(other)
    jump(kiosk, 3)
    with qtbot.waitSignal(kiosk.controller.language_changed, check_params_cb=lambda c: c == language):
        qtbot.mouseClick(window.languages.buttons[language], Qt.MouseButton.LeftButton)
    names = ACCESSIBLE_NAMES[language]
    assert window.home_button.accessibleName() == names["home"]
    assert window.next_button.accessibleName() == names["next"]
    assert window.previous_button.accessibleName() == names["previous"]
    assert window.home_button.text() == names["home"]
    assert window.languages.buttons[language].isChecked()
    assert not window.languages.buttons[other].isChecked()
    # The language buttons keep their own names: a visitor finds "English" in any language.
    assert window.languages.buttons["km"].text() == "ខ្មែរ"
    assert window.languages.buttons["en"].text() == "English"


def test_clicking_the_current_language_changes_nothing(kiosk: Kiosk, qtbot: QtBot) -> None:
    with qtbot.assertNotEmitted(kiosk.controller.language_changed):
        qtbot.mouseClick(kiosk.window.languages.buttons["km"], Qt.MouseButton.LeftButton)
    assert kiosk.window.languages.buttons["km"].isChecked()


def test_bundled_khmer_font_draws_every_khmer_text(kiosk: Kiosk) -> None:
    khmer_family = register_fonts().khmer
    window = kiosk.window
    checked = 0
    for page in range(last_page(kiosk) + 1):
        jump(kiosk, page)
        for widget in visible(window, QLabel):
            assert isinstance(widget, QLabel)
            text = shown_text(widget)
            if not contains_khmer(text):
                continue
            families = khmer_glyph_font_families(text, widget.font())
            assert khmer_family in families, f"{page_name(kiosk, page)}: {text[:30]!r} drawn with {families}"
            checked += 1
    assert checked > 3 * last_page(kiosk)


# --------------------------------------------------------------------------- screen sizes


@pytest.mark.parametrize("size", [(1024, 600), (1366, 768), (1920, 1080), (3840, 2160), (1080, 1920)],
                         ids=lambda size: f"{size[0]}x{size[1]}")
def test_every_text_fits_at_every_screen_size(kiosk: Kiosk, settle: Settle, size: tuple[int, int]) -> None:
    kiosk.window.resize(*size)
    settle(kiosk)
    assert (kiosk.window.width(), kiosk.window.height()) == size
    problems: list[str] = []
    for language in ("km", "en"):
        kiosk.controller.on_language_requested(language)
        for page in range(last_page(kiosk) + 1):
            jump(kiosk, page)
            problems += overflow_problems(kiosk)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", [(1024, 600), (3840, 2160)], ids=lambda size: f"{size[0]}x{size[1]}")
def test_every_button_is_big_enough_for_a_finger(kiosk: Kiosk, settle: Settle, size: tuple[int, int]) -> None:
    window = kiosk.window
    window.resize(*size)
    settle(kiosk)
    screen = window.screen()
    assert screen is not None
    minimum = TOUCH_TARGET_MM * screen.physicalDotsPerInch() / 25.4
    small: list[str] = []
    for language in ("km", "en"):
        kiosk.controller.on_language_requested(language)
        for page in range(last_page(kiosk) + 1):
            jump(kiosk, page)
            for button in visible(window, QAbstractButton):
                if button.width() < minimum or button.height() < minimum:
                    small.append(f"{language} {page_name(kiosk, page)}: {button.objectName()} "
                                 f"{shown_text(button)!r} {button.width()}x{button.height()}")
    assert not small, f"buttons under {minimum:.0f} px ({TOUCH_TARGET_MM} mm):\n" + "\n".join(small)


def test_new_content_with_another_language_gets_its_button(kiosk: Kiosk, qtbot: QtBot, settle: Settle) -> None:
    from kiosk.core.content.model import Language

    deck = kiosk.content.deck
    three = dataclasses.replace(deck, languages=(*deck.languages, Language(code="vi", name="Tiếng Việt")))
    kiosk.controller.replace_deck(three)
    settle(kiosk)
    buttons = kiosk.window.languages.buttons
    assert list(buttons) == ["km", "en", "vi"]
    assert buttons["vi"].isVisible()
    assert buttons["vi"].text() == "Tiếng Việt"
    qtbot.mouseClick(buttons["vi"], Qt.MouseButton.LeftButton)
    assert kiosk.controller.language == "vi"
    assert buttons["vi"].isChecked()


def khmer_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩"))


def test_the_page_counter_follows_the_language_digits(kiosk: Kiosk, settle: Settle) -> None:
    kiosk.controller.on_page_requested(11)
    settle(kiosk)
    assert kiosk.window.progress.count.text() == khmer_digits(f"11 / {last_page(kiosk)}")
    kiosk.controller.on_language_requested("en")
    settle(kiosk)
    assert kiosk.window.progress.count.text() == f"11 / {last_page(kiosk)}"


def test_the_last_slide_leads_back_to_the_start(kiosk: Kiosk, qtbot: QtBot, settle: Settle) -> None:
    window = kiosk.window
    assert not window.restart_button.isVisible()
    jump(kiosk, last_page(kiosk) - 1)
    assert not window.restart_button.isVisible()
    jump(kiosk, last_page(kiosk))
    button = window.restart_button
    assert button.isVisible()
    assert button.text().replace(ZWSP, "") == "ត្រឡប់ទៅដើមវិញ"
    size = window.swipe.size()
    with qtbot.waitSignal(kiosk.controller.page_changed):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(kiosk)
    assert window.current_page == 0
    assert isinstance(window.current_view(), HomeView)  # the topics
    assert not button.isVisible()
    assert window.swipe.size() == size  # showing it never resized the pages


@pytest.mark.parametrize(("size", "below"), [((1366, 768), False), ((1080, 1920), True)])
def test_on_the_last_slide_in_portrait_back_to_the_start_takes_the_next_arrows_place(
        kiosk: Kiosk, settle: Settle, size: tuple[int, int], below: bool) -> None:
    window = kiosk.window
    window.resize(*size)
    settle(kiosk)
    jump(kiosk, last_page(kiosk))
    assert window.restart_button.isVisible()
    assert window.next_button.isVisible() is not below
    assert not window.next_button.isEnabled()
    # One way home at a time: in landscape "Back to the start" sits in the top bar beside Home.
    assert window.home_button.isVisible() is below
    jump(kiosk, last_page(kiosk) - 1)
    assert window.next_button.isVisible()
    assert window.next_button.isEnabled()
    assert window.home_button.isVisible()


@pytest.mark.parametrize(("size", "below"), [((1366, 768), False), ((1080, 1920), True)])
def test_arrows_sit_where_the_thumb_is_in_portrait(kiosk: Kiosk, settle: Settle, size: tuple[int, int],
                                                  below: bool) -> None:
    window = kiosk.window
    window.resize(*size)
    settle(kiosk)
    jump(kiosk, 3)
    assert window.arrows_below is below
    arrows = [rect_in(b, window) for b in (window.previous_button, window.next_button)]
    swipe = rect_in(window.swipe, window)
    if below:
        assert all(arrow.top() >= swipe.bottom() for arrow in arrows)
        assert swipe.width() > window.width() * 0.9  # the pages get the whole width
        assert arrows[0].left() < window.width() // 4
        assert arrows[1].right() > window.width() * 3 // 4
    else:  # in the gutters of the swipe area, beside the page at rest
        page = rect_in(window.current_view(), window)
        assert swipe.left() <= arrows[0].left()
        assert arrows[0].right() < page.left()
        assert page.right() < arrows[1].left()
        assert arrows[1].right() <= swipe.right()
        assert abs(arrows[0].center().y() - page.center().y()) <= 1
