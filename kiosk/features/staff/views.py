"""Staff views: PIN pad, staff menu, diagnostics page, the overlay holding them, the error badge.

They only announce what staff ask for (signals); :mod:`kiosk.features.staff.controller` decides. Every label comes
from the kiosk's own words (:class:`kiosk.core.content.ui_words.UiText`) in the kiosk's current language.

It is long (about 580 lines) because it holds the staff room's widgets (PIN pad, menu, diagnostics
page, overlay, badge and their facade); each class is small and they change together.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QMargins, QObject, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.content.ui_words import UiText
from kiosk.core.diagnostics import Diagnostics
from kiosk.core.text.rules import wrap_khmer
from kiosk.features.staff.gesture import CornerTapDetector
from kiosk.views.chrome import TouchButton
from kiosk.views.context import SlideContext
from kiosk.views.fonts import font_for
from kiosk.views.metrics import TextRole
from kiosk.views.text import TextLabel
from kiosk.views.theme import PALETTE

MAX_PIN_DIGITS = 12  # kiosk.core.storage.pin.PIN_MAX_DIGITS
MIN_SHOWN_DOTS = 6
PIN_BUTTON_SCALE = 1.15  # pad keys a little above the minimum touch target
DOT_FILLED = "●"
DOT_EMPTY = "○"
BADGE_DIAMETER_MM = 2.5


def _label(parent: QWidget, *, colour: str = PALETTE.on_surface, wrap: bool = True,
           align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> TextLabel:
    """A plain-text staff label (the kiosk's one label class, vertically centred)."""
    return TextLabel(colour=colour, align=align, valign=Qt.AlignmentFlag.AlignVCenter, plain=True,
                     wrap=wrap, parent=parent)


def _keep_commands(escaped: str) -> str:
    """Never break a command staff must type (``kiosk set-pin``) across lines."""
    return escaped.replace("kiosk set-pin", "<nobr>kiosk set-pin</nobr>")


class PinPad(QWidget):
    """Digits 0-9, delete, OK and cancel; the entry shows as dots. Announces the entered PIN."""

    pin_submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pin-pad")
        self._entry = ""
        self._title: str | None = None  # None: "Enter the staff PIN" in the kiosk's language
        layout = QVBoxLayout(self)
        self.title = _label(self, colour=PALETTE.primary, align=Qt.AlignmentFlag.AlignHCenter)
        self.dots = _label(self, colour=PALETTE.on_surface, wrap=False,
                           align=Qt.AlignmentFlag.AlignHCenter)
        self.message = _label(self, colour=PALETTE.danger, align=Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.title)
        layout.addWidget(self.dots)
        layout.addWidget(self.message)
        self.grid = QGridLayout()
        self.digit_buttons: dict[str, TouchButton] = {}
        for index, digit in enumerate("1234567890"):
            button = TouchButton(digit, self)
            button.setObjectName(f"pin-digit-{digit}")
            button.clicked.connect(lambda _checked=False, d=digit: self.press_digit(d))
            self.digit_buttons[digit] = button
            row, column = (3, 1) if digit == "0" else divmod(index, 3)
            self.grid.addWidget(button, row, column)
        self.delete_button = TouchButton("", self)
        self.delete_button.setObjectName("pin-delete")
        self.delete_button.clicked.connect(self.press_delete)
        self.ok_button = TouchButton("", self, filled=True)
        self.ok_button.setObjectName("pin-ok")
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button = TouchButton("", self)
        self.cancel_button.setObjectName("pin-cancel")
        self.cancel_button.clicked.connect(self.cancelled)
        self.grid.addWidget(self.delete_button, 3, 0)
        self.grid.addWidget(self.ok_button, 3, 2)
        self.grid.addWidget(self.cancel_button, 4, 0, 1, 3)
        layout.addLayout(self.grid)
        self._show_entry()

    @property
    def entry(self) -> str:
        return self._entry

    def apply_context(self, context: SlideContext) -> None:
        metrics = context.metrics
        body = context.font(TextRole.BODY)
        key_font = font_for("en", context.fonts, pixel_size=metrics.text_px(TextRole.HEADING))
        digit_font = context.font(TextRole.HEADING)  # the language's font: Khmer digits in Khmer
        size = round(metrics.target_px * PIN_BUTTON_SCALE)
        for digit, button in self.digit_buttons.items():
            button.apply_metrics(metrics, digit_font)
            button.setText(context.number(digit))
            button.setMinimumSize(round(size * 1.6), size)
        for button in (self.delete_button, self.ok_button, self.cancel_button):
            button.apply_metrics(metrics, body)
            button.setMinimumSize(round(size * 1.6), size)
        self.grid.setSpacing(metrics.gap)
        self.title.setFont(context.font(TextRole.LEAD, weight=QFont.Weight.Bold))
        self.dots.setFont(key_font)
        self.message.setFont(body)
        self.title.setText(wrap_khmer(self._title if self._title is not None else context.ui(UiText.ENTER_PIN)))
        self.delete_button.setText(context.ui(UiText.DELETE))
        self.ok_button.setText(context.ui(UiText.OK))
        self.cancel_button.setText(context.ui(UiText.CANCEL))

    def set_title(self, text: str | None) -> None:
        """The pad's question (None: enter the PIN); the set-up pad asks for a new one, twice."""
        self._title = text
        if text is not None:
            self.title.setText(wrap_khmer(text))

    def set_cancel_visible(self, visible: bool) -> None:
        self.cancel_button.setVisible(visible)

    def press_digit(self, digit: str) -> None:
        if len(self._entry) < MAX_PIN_DIGITS:
            self._entry += digit
            self._show_entry()

    def press_delete(self) -> None:
        self._entry = self._entry[:-1]
        self._show_entry()

    def submit(self) -> None:
        entry, self._entry = self._entry, ""
        self._show_entry()
        self.pin_submitted.emit(entry)

    def clear_entry(self) -> None:
        self._entry = ""
        self._show_entry()

    def set_message(self, text: str, *, error: bool = True) -> None:
        self.message.setText(wrap_khmer(text))
        colour = PALETTE.danger if error else PALETTE.warning
        self.message.setStyleSheet(f"color: {colour}; background: transparent;")

    def set_locked(self, locked: bool) -> None:
        for button in [*self.digit_buttons.values(), self.delete_button, self.ok_button]:
            button.setEnabled(not locked)
        if locked:
            self.clear_entry()

    def _show_entry(self) -> None:
        shown = DOT_FILLED * len(self._entry) + DOT_EMPTY * max(0, MIN_SHOWN_DOTS - len(self._entry))
        self.dots.setText(" ".join(shown))

    def handle_key(self, event: QKeyEvent) -> None:
        """Digits, Backspace, Enter and Escape from a keyboard work too (a laptop's own keys)."""
        key = Qt.Key(event.key())
        if event.text() in self.digit_buttons and self.ok_button.isEnabled():
            self.press_digit(event.text())
        elif key == Qt.Key.Key_Backspace and self.ok_button.isEnabled():
            self.press_delete()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.ok_button.isEnabled():
            self.submit()
        elif key == Qt.Key.Key_Escape and self.cancel_button.isVisible():
            self.cancelled.emit()


class StaffMenu(QWidget):
    """Exit, presenter/kiosk mode, reload, default language, diagnostics, close."""

    exit_requested = Signal()
    presenter_requested = Signal()
    reload_requested = Signal()
    default_language_requested = Signal(str)
    diagnostics_requested = Signal()
    change_pin_requested = Signal()
    close_requested = Signal()
    action_requested = Signal(str)  # another feature's button (the visitor log's)
    shape_changed = Signal()  # parts shown or hidden: the panel holding the menu fits it again

    def __init__(self, languages: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staff-menu")
        layout = QVBoxLayout(self)
        self.title = _label(self, colour=PALETTE.primary)
        self.status = _label(self, colour=PALETTE.success)
        self.status_lines: list[str] = []
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        grid = QGridLayout()
        self.grid = grid
        # Exit is the one action visitors would notice (the screen goes dark): red, and asked twice.
        self.exit_button = self._button("staff-exit", self.show_exit_confirmation, danger=True)
        self.presenter_button = self._button("staff-presenter", self.presenter_requested)
        self.reload_button = self._button("staff-reload", self.reload_requested)
        self.diagnostics_button = self._button("staff-diagnostics", self.diagnostics_requested)
        self.change_pin_button = self._button("staff-change-pin", self.change_pin_requested)
        grid.addWidget(self.presenter_button, 0, 0)
        grid.addWidget(self.reload_button, 0, 1)
        grid.addWidget(self.diagnostics_button, 1, 0)
        grid.addWidget(self.change_pin_button, 1, 1)
        grid.addWidget(self.exit_button, 2, 0, 1, 2)
        layout.addLayout(grid)
        self.exit_confirmation = QFrame(self)
        self.exit_confirmation.setObjectName("staff-exit-confirmation")
        confirm = QVBoxLayout(self.exit_confirmation)
        self.exit_question = _label(self.exit_confirmation, colour=PALETTE.danger)
        confirm.addWidget(self.exit_question)
        choices = QHBoxLayout()
        # The safe choice first, and filled: a slip of the finger keeps the kiosk running.
        self.keep_running_button = self._button("staff-keep-running", self.hide_exit_confirmation, filled=True)
        self.confirm_exit_button = self._button("staff-confirm-exit", self.exit_requested, filled=True, danger=True)
        self.keep_running_button.setParent(self.exit_confirmation)
        self.confirm_exit_button.setParent(self.exit_confirmation)
        choices.addWidget(self.keep_running_button)
        choices.addWidget(self.confirm_exit_button)
        confirm.addLayout(choices)
        self.exit_confirmation.hide()
        layout.addWidget(self.exit_confirmation)
        self.actions_grid = QGridLayout()
        self.action_buttons: dict[str, TouchButton] = {}
        layout.addLayout(self.actions_grid)
        languages_row = QHBoxLayout()
        self.language_label = _label(self, colour=PALETTE.on_surface)
        languages_row.addWidget(self.language_label, 1)
        self.language_buttons: dict[str, TouchButton] = {}
        for code, name in languages:
            button = TouchButton(name, self)
            button.setObjectName(f"staff-default-language-{code}")
            button.setCheckable(True)
            button.clicked.connect(
                lambda _checked=False, c=code: self.default_language_requested.emit(c))
            self.language_buttons[code] = button
            languages_row.addWidget(button)
        layout.addLayout(languages_row)
        self.close_button = self._button("staff-close", self.close_requested, filled=True)
        layout.addWidget(self.close_button)
        self._set_aside: list[QWidget] = []  # the menu's parts hidden while exit is asked

    @Slot()
    def show_exit_confirmation(self) -> None:
        """Only the question and its two answers: beside the whole menu the question was
        squeezed to a clipped line at 1024x600 (found on Xvfb)."""
        self._set_aside = [w for w in self._menu_parts() if w.isVisibleTo(self)]
        for widget in self._set_aside:
            widget.hide()
        self.exit_confirmation.show()
        self.shape_changed.emit()

    @Slot()
    def hide_exit_confirmation(self) -> None:
        self.exit_confirmation.hide()
        for widget in self._set_aside or [self.exit_button]:
            widget.show()
        self._set_aside = []
        self.shape_changed.emit()

    def _menu_parts(self) -> list[QWidget]:
        """Everything the menu shows besides its title and the exit question."""
        return [self.status, self.presenter_button, self.reload_button, self.diagnostics_button,
                self.change_pin_button, self.exit_button, *self.action_buttons.values(),
                self.language_label, *self.language_buttons.values(), self.close_button]

    def _button(self, name: str, signal: Signal | object, *, filled: bool = False,
                danger: bool = False) -> TouchButton:
        button = TouchButton("", self, filled=filled, danger=danger)
        button.setObjectName(name)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(signal)
        return button

    def apply_context(self, context: SlideContext, *, presenter: bool | None) -> None:
        metrics = context.metrics
        body = context.font(TextRole.BODY)
        for button in (self.exit_button, self.presenter_button, self.reload_button,
                       self.diagnostics_button, self.change_pin_button, self.close_button,
                       self.keep_running_button):
            button.apply_metrics(metrics, body)
        self.confirm_exit_button.apply_metrics(metrics, context.font(TextRole.BODY, weight=QFont.Weight.Bold))
        self.exit_confirmation.setStyleSheet(
            f"#staff-exit-confirmation {{ border: 2px solid {PALETTE.danger}; border-radius: {metrics.gap}px;"
            f" background: {PALETTE.surface_alt}; }}")
        self.exit_question.setFont(body)
        self.exit_question.setText(wrap_khmer(context.ui(UiText.EXIT_QUESTION)))
        self.keep_running_button.setText(context.ui(UiText.KEEP_RUNNING))
        self.confirm_exit_button.setText(context.ui(UiText.EXIT_KIOSK))
        for code, button in self.language_buttons.items():
            button.apply_metrics(metrics, font_for(code, context.fonts,
                                                   pixel_size=metrics.text_px(TextRole.BODY)))
        self.grid.setSpacing(metrics.gap)
        self.title.setFont(context.font(TextRole.HEADING, weight=QFont.Weight.Bold))
        self.status.setFont(body)
        self.language_label.setFont(body)
        self.title.setText(wrap_khmer(context.ui(UiText.STAFF_MENU)))
        self.exit_button.setText(context.ui(UiText.EXIT_KIOSK))
        self.presenter_button.setVisible(presenter is not None)
        self.presenter_button.setText(
            context.ui(UiText.KIOSK_MODE if presenter else UiText.PRESENTER_MODE))
        self.reload_button.setText(context.ui(UiText.RELOAD_CONTENT))
        self.diagnostics_button.setText(context.ui(UiText.DIAGNOSTICS))
        self.change_pin_button.setText(context.ui(UiText.CHANGE_PIN))
        self.language_label.setText(wrap_khmer(context.ui(UiText.DEFAULT_LANGUAGE)))
        self.close_button.setText(context.ui(UiText.CLOSE))

    def set_actions(self, actions: Sequence[tuple[str, str]], context: SlideContext) -> None:
        """Other features' buttons ``(action, label)``, two to a row below the menu's own."""
        asking = self.exit_confirmation.isVisibleTo(self)  # the menu's parts are set aside
        for button in self.action_buttons.values():
            self.actions_grid.removeWidget(button)
            button.hide()  # gone now: deleteLater waits for the event loop
            button.deleteLater()
        self._set_aside = [w for w in self._set_aside if w not in self.action_buttons.values()]
        self.action_buttons = {}
        for index, (action, label) in enumerate(actions):
            button = TouchButton(label, self)
            button.setObjectName(f"staff-action-{action}")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, a=action: self.action_requested.emit(a))
            button.apply_metrics(context.metrics, context.font(TextRole.BODY))
            self.actions_grid.addWidget(button, index // 2, index % 2)
            if asking:
                button.hide()
                self._set_aside.append(button)
            else:
                button.show()  # added to a menu already shown, a new child stays hidden otherwise
            self.action_buttons[action] = button
        self.actions_grid.setSpacing(context.metrics.gap)

    def set_reload_available(self, available: bool) -> None:
        self.reload_button.setVisible(available)

    def set_default_language(self, code: str) -> None:
        for button_code, button in self.language_buttons.items():
            button.setChecked(button_code == code)

    def set_status(self, lines: Sequence[tuple[str, bool]]) -> None:
        """Lines of ``(text, is_problem)``: problems in red, the rest in green."""
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setText("<br>".join(
            f"<span style='color:{PALETTE.danger if bad else PALETTE.success}'>"
            f"{_keep_commands(html.escape(wrap_khmer(text)))}</span>" for text, bad in lines))
        self.status_lines = [text for text, _bad in lines]


def _wrappable(text: str) -> str:
    """``text`` with break opportunities after path separators and commas, so long folder names
    and font lists wrap instead of pushing the page sideways."""
    return text.replace("/", "/\u200b").replace("\\", "\\\u200b").replace(",", ",\u200b")


class DiagnosticsPage(QWidget):
    """Facts for staff and for whoever they phone: version, content, fonts, screen, folders, log."""

    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staff-diagnostics")
        layout = QVBoxLayout(self)
        self.title = _label(self, colour=PALETTE.primary)
        self.body = QLabel(self)
        self.body.setObjectName("diagnostics-body")
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setStyleSheet(f"color: {PALETTE.on_surface}; background: {PALETTE.surface_alt};")
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidget(self.body)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # A touch screen: no bars to aim at (a finger drags the page, QScroller below), and never
        # sideways: every value wraps.
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self.scroll_area.viewport(),
                              QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.back_button = TouchButton("", self, filled=True)
        self.back_button.setObjectName("diagnostics-back")
        self.back_button.clicked.connect(self.back_requested)
        layout.addWidget(self.title)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.back_button)
        self.plain_text = ""

    def apply_context(self, context: SlideContext) -> None:
        self.title.setFont(context.font(TextRole.HEADING, weight=QFont.Weight.Bold))
        self.title.setText(wrap_khmer(context.ui(UiText.DIAGNOSTICS)))
        self.body.setFont(context.font(TextRole.CAPTION))
        self.body.setMargin(context.metrics.gap)  # the text must not touch the box's edges
        self.back_button.apply_metrics(context.metrics, context.font(TextRole.BODY))
        self.back_button.setText(context.ui(UiText.BACK))

    def set_facts(self, rows: Sequence[tuple[str, str, bool]], problems: Sequence[str],
                  log_lines: Sequence[str]) -> None:
        """``rows`` of (label, value, is_problem); then the content problems and the log tail."""
        parts = ["<table cellspacing='0' cellpadding='3'>"]
        for label, value, bad in rows:
            colour = PALETTE.danger if bad else PALETTE.on_surface
            # Khmer labels get their word breaks: one unbreakable bold label widened the table
            # past a portrait page (a real bold face is ~4 % wider than the synthetic one was).
            parts.append(f"<tr><td style='padding-right:16px'><b>{html.escape(wrap_khmer(label))}</b></td>"
                         f"<td style='color:{colour}'>{_wrappable(html.escape(value))}</td></tr>")
        parts.append("</table>")
        if problems:
            parts.append(f"<p style='color:{PALETTE.danger}'>"
                         + "<br>".join(html.escape(p) for p in problems) + "</p>")
        if log_lines:  # wrapped, not <pre>: a long log line must not widen the page
            parts.append("<p style='font-size:small; white-space:pre-wrap'>"
                         + "<br>".join(_wrappable(html.escape(line)) for line in log_lines) + "</p>")
        self.body.setText("".join(parts))
        self.plain_text = "\n".join([*(f"{label}: {value}" for label, value, _bad in rows),
                                     *problems, *log_lines])


class StaffOverlay(QWidget):
    """Covers the kiosk window with a dimmed backdrop and a panel: the pad, the menu or diagnostics.

    It takes every touch and key while shown, so nothing reaches the slides beneath.
    """

    def __init__(self, languages: Sequence[tuple[str, str]], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("staff-overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.panel = QFrame(self)
        self.panel.setObjectName("staff-panel")
        self.panel.setStyleSheet(
            f"#staff-panel {{ background: {PALETTE.surface}; border-radius: 12px; }}")
        self.stack = QStackedWidget(self.panel)
        self.pin_pad = PinPad(self.stack)
        self.menu = StaffMenu(languages, self.stack)
        self.menu.shape_changed.connect(self._place)
        self.diagnostics = DiagnosticsPage(self.stack)
        for page in (self.pin_pad, self.menu, self.diagnostics):
            self.stack.addWidget(page)
        panel_layout = QVBoxLayout(self.panel)
        panel_layout.addWidget(self.stack)
        parent.installEventFilter(self)
        self.hide()

    def show_page(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        self._place()
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def apply_context(self, context: SlideContext) -> None:
        layout = self.panel.layout()
        assert layout is not None
        margin = context.metrics.margin
        layout.setContentsMargins(margin, margin // 2, margin, margin // 2)
        self._place()

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        self.setGeometry(parent.rect())
        full = self.stack.currentWidget() is self.diagnostics
        current = self.stack.currentWidget()
        layout = self.panel.layout()
        margins = layout.contentsMargins() if layout is not None else None
        extra_w = margins.left() + margins.right() if margins is not None else 0
        extra_h = margins.top() + margins.bottom() if margins is not None else 0
        page_hint = current.sizeHint() if current is not None else self.panel.sizeHint()
        hint = page_hint.grownBy(QMargins(0, 0, extra_w, extra_h))
        if current is not None and current.hasHeightForWidth():
            hint.setHeight(current.heightForWidth(hint.width()) + extra_h)
        width = round(self.width() * 0.92) if full else min(self.width() - 16, max(hint.width(),
                                                              round(self.width() * 0.5)))
        height = round(self.height() * 0.94) if full else min(self.height() - 8, hint.height())
        self.panel.setGeometry((self.width() - width) // 2, (self.height() - height) // 2,
                               width, height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 150))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.stack.currentWidget() is self.pin_pad:
            self.pin_pad.handle_key(event)
        event.accept()


class ErrorBadge(QWidget):
    """A small dot in the top-left corner (inside the staff gesture's corner) that tells staff the
    content folder has problems. Visitors can ignore it: it takes no touches; the list of problems
    is behind the staff PIN (staff menu, diagnostics)."""

    def __init__(self, parent: QWidget, px_per_mm: float) -> None:
        super().__init__(parent)
        self.setObjectName("error-badge")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        side = max(6, round(BADGE_DIAMETER_MM * px_per_mm))
        self.setFixedSize(side, side)
        self.move(max(1, side // 3), max(1, side // 3))
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(PALETTE.warning))
        painter.drawEllipse(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()


class StaffScreens(QObject):
    """The staff feature's widgets behind one small facade: the overlay, the error badge, the gesture.

    It re-announces what staff ask for and shows what the controller tells it; the controller
    (:class:`kiosk.features.staff.controller.StaffController`) sees only this facade, so tests drive it
    with a fake one.
    """

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

    def __init__(self, window: QWidget, languages: Sequence[tuple[str, str]],
                 context: Callable[[], SlideContext], detector: CornerTapDetector) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.overlay = StaffOverlay(languages, window)
        self.badge = ErrorBadge(window, context().metrics.px_per_mm)
        self.detector = detector
        pad, menu, diagnostics = self.overlay.pin_pad, self.overlay.menu, self.overlay.diagnostics
        detector.gesture_detected.connect(self.gesture_detected)
        pad.pin_submitted.connect(self.pin_submitted)
        pad.cancelled.connect(self.pin_cancelled)
        menu.exit_requested.connect(self.exit_requested)
        menu.presenter_requested.connect(self.presenter_requested)
        menu.reload_requested.connect(self.reload_requested)
        menu.default_language_requested.connect(self.default_language_requested)
        menu.diagnostics_requested.connect(self.diagnostics_requested)
        menu.change_pin_requested.connect(self.change_pin_requested)
        menu.close_requested.connect(self.close_requested)
        menu.action_requested.connect(self.action_requested)
        diagnostics.back_requested.connect(self.back_requested)

    # -- what the controller may ask --------------------------------------------------------------
    def is_open(self) -> bool:
        return self.overlay.isVisible()

    def showing_diagnostics(self) -> bool:
        return self.is_open() and self.overlay.stack.currentWidget() is self.overlay.diagnostics

    def set_gesture_enabled(self, enabled: bool) -> None:
        self.detector.enabled = enabled

    def _apply_context(self) -> SlideContext:
        context = self.context()
        self.overlay.pin_pad.apply_context(context)
        self.overlay.diagnostics.apply_context(context)
        self.overlay.apply_context(context)
        return context

    def show_pin_pad(self, title: str | None = None, *, can_cancel: bool = True) -> None:
        """The pad, empty; ``title`` None asks for the PIN, else it asks ``title`` (set-up)."""
        pad = self.overlay.pin_pad
        pad.set_title(title)
        pad.set_cancel_visible(can_cancel)
        self._apply_context()
        pad.clear_entry()
        pad.set_message("")
        self.overlay.show_page(pad)

    def set_pin_title(self, title: str | None) -> None:
        self.overlay.pin_pad.set_title(title)
        self._apply_context()

    def pin_message(self) -> str:
        return self.overlay.pin_pad.message.text().strip()

    def set_pin_message(self, text: str) -> None:
        self.overlay.pin_pad.set_message(text)

    def set_pin_locked(self, locked: bool) -> None:
        self.overlay.pin_pad.set_locked(locked)

    def show_menu(self, status: Sequence[tuple[str, bool]], *, presenter: bool | None,
                  reload_available: bool, default_language: str) -> None:
        """The menu; ``presenter`` None hides the presenter/kiosk switch (safe mode)."""
        context = self._apply_context()
        menu = self.overlay.menu
        menu.hide_exit_confirmation()  # a menu closed while asking opens as the menu again
        menu.apply_context(context, presenter=presenter)
        menu.set_reload_available(reload_available)
        menu.set_default_language(default_language)
        menu.set_status(status)
        self.overlay.show_page(menu)

    def set_menu_status(self, status: Sequence[tuple[str, bool]]) -> None:
        self.overlay.menu.set_status(status)

    def set_menu_actions(self, actions: Sequence[tuple[str, str]]) -> None:
        self.overlay.menu.set_actions(actions, self.context())
        if self.is_open():
            self.overlay._place()  # the panel grows or shrinks with the buttons

    def show_diagnostics(self, diagnostics: Diagnostics) -> None:
        self._apply_context()
        self.set_diagnostics(diagnostics)
        self.overlay.show_page(self.overlay.diagnostics)

    def set_diagnostics(self, diagnostics: Diagnostics) -> None:
        rows = [(row.label, row.value, row.problem) for row in diagnostics.rows]
        self.overlay.diagnostics.set_facts(rows, diagnostics.problems, diagnostics.log_lines)

    def hide(self) -> None:
        self.overlay.pin_pad.clear_entry()
        self.overlay.hide()
        self.window.setFocus()

    def set_badge(self, visible: bool) -> None:
        self.badge.setVisible(visible)
        if visible:
            self.badge.raise_()
