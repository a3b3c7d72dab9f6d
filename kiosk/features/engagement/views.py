"""The visitor log's screens: the report folder chooser, the delete confirmation, messages, the quiet badge.

They only announce what staff ask for; :mod:`kiosk.features.engagement.controller` decides. They
open over the staff menu (which stays open beneath, so the idle reset stays paused) and read in
the kiosk's current language, from the kiosk's own words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QMargins, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from kiosk.core.content.ui_words import UiText
from kiosk.core.engagement.targets import ReportTarget
from kiosk.core.text.rules import wrap_khmer
from kiosk.views.chrome import TouchButton
from kiosk.views.context import SlideContext
from kiosk.views.metrics import TextRole
from kiosk.views.text import TextLabel
from kiosk.views.theme import PALETTE
from kiosk.views.window import KioskWindow

#: Longer folder names are shortened on their button.
SHORT_PATH_CHARS = 40


def _label(parent: QWidget, colour: str = PALETTE.on_surface) -> TextLabel:
    return TextLabel(colour=colour, valign=Qt.AlignmentFlag.AlignVCenter, plain=True, parent=parent)


def _button(parent: QWidget, name: str, *, filled: bool = False) -> TouchButton:
    button = TouchButton("", parent, filled=filled)
    button.setObjectName(name)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return button


def _short(path: Path, keep: int = 3) -> str:
    """A folder short enough for one button line: its last parts (the message after says it whole)."""
    text = str(path)
    return text if len(text) <= SHORT_PATH_CHARS else "…/" + "/".join(path.parts[-keep:])


class FolderPage(QWidget):
    """One large button per place the report can go (USB sticks first), look again, cancel."""

    folder_chosen = Signal(str)
    look_again_requested = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report-folders")
        self.column = QVBoxLayout(self)
        self.title = _label(self, PALETTE.primary)
        self.hint = _label(self, PALETTE.warning)
        self.column.addWidget(self.title)
        self.column.addWidget(self.hint)
        self.folders = QVBoxLayout()
        self.column.addLayout(self.folders)
        row = QHBoxLayout()
        self.look_again_button = _button(self, "report-look-again")
        self.look_again_button.clicked.connect(self.look_again_requested)
        self.cancel_button = _button(self, "report-cancel", filled=True)
        self.cancel_button.clicked.connect(self.cancelled)
        row.addWidget(self.look_again_button)
        row.addWidget(self.cancel_button)
        self.column.addLayout(row)
        self.folder_buttons: list[TouchButton] = []

    def show_targets(self, targets: Sequence[ReportTarget], context: SlideContext) -> None:
        for button in self.folder_buttons:
            self.folders.removeWidget(button)
            button.hide()  # gone now: deleteLater waits for the event loop
            button.deleteLater()
        self.folder_buttons = []
        body = context.font(TextRole.BODY)
        for index, target in enumerate(targets):
            name = (f"USB: {target.path.name}  ({_short(target.path)})" if target.removable
                    else f"{context.ui(UiText.DATA_FOLDER)}: {_short(target.path)}")
            if not target.writable:
                name += f"  ({context.ui(UiText.FOLDER_READ_ONLY)})"
            button = _button(self, f"report-folder-{index}")
            button.setText(wrap_khmer(name))
            button.setEnabled(target.writable)
            button.apply_metrics(context.metrics, body)
            button.clicked.connect(lambda _checked=False, p=str(target.path): self.folder_chosen.emit(p))
            self.folders.addWidget(button)
            button.show()  # a new child of a page already shown stays hidden otherwise
            self.folder_buttons.append(button)
        self.folders.setSpacing(context.metrics.gap)
        self.column.setSpacing(context.metrics.gap)
        self.title.setFont(context.font(TextRole.HEADING, weight=QFont.Weight.Bold))
        self.title.setText(wrap_khmer(context.ui(UiText.CHOOSE_REPORT_FOLDER)))
        self.hint.setFont(body)
        self.hint.setText(wrap_khmer(context.ui(UiText.NO_USB_STICK)))
        self.hint.setVisible(not any(t.removable for t in targets))
        for button, key in ((self.look_again_button, UiText.LOOK_AGAIN), (self.cancel_button, UiText.CANCEL)):
            button.apply_metrics(context.metrics, body)
            button.setText(context.ui(key))


class ConfirmPage(QWidget):
    """A question with a red "delete" and a safe "cancel" (the filled, default-looking one)."""

    confirmed = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("delete-log-confirm")
        column = QVBoxLayout(self)
        self.column = column
        self.question = _label(self, PALETTE.on_surface)
        column.addWidget(self.question)
        row = QHBoxLayout()
        self.delete_button = _button(self, "delete-log-yes")
        self.delete_button.clicked.connect(self.confirmed)
        self.cancel_button = _button(self, "delete-log-cancel", filled=True)
        self.cancel_button.clicked.connect(self.cancelled)
        row.addWidget(self.delete_button)
        row.addWidget(self.cancel_button)
        column.addLayout(row)

    def apply_context(self, context: SlideContext) -> None:
        body = context.font(TextRole.BODY)
        self.column.setSpacing(context.metrics.gap * 2)
        self.question.setFont(context.font(TextRole.LEAD))
        self.question.setText(wrap_khmer(context.ui(UiText.DELETE_LOG_CONFIRM)))
        for button, key in ((self.delete_button, UiText.DELETE_LOG), (self.cancel_button, UiText.CANCEL)):
            button.apply_metrics(context.metrics, body)
            button.setText(context.ui(key))
        # A destructive action looks like one: red words and border.
        self.delete_button.setStyleSheet(self.delete_button.styleSheet().replace(
            PALETTE.primary, PALETTE.danger))


class MessagePage(QWidget):
    """What happened ("the report is in …", "deleted", a problem) and OK; no OK while busy."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitor-log-message")
        column = QVBoxLayout(self)
        self.column = column
        self.text = _label(self)
        column.addWidget(self.text)
        self.ok_button = _button(self, "visitor-log-ok", filled=True)
        self.ok_button.clicked.connect(self.dismissed)
        column.addWidget(self.ok_button)

    def show_text(self, text: str, context: SlideContext, *, problem: bool, busy: bool) -> None:
        self.column.setSpacing(context.metrics.gap * 2)
        self.text.setFont(context.font(TextRole.LEAD))
        self.text.set_colour(PALETTE.danger if problem else PALETTE.on_surface)
        self.text.setText(wrap_khmer(text))
        self.ok_button.apply_metrics(context.metrics, context.font(TextRole.BODY))
        self.ok_button.setText(context.ui(UiText.OK))
        self.ok_button.setVisible(not busy)


class VisitorLogOverlay(QWidget):
    """A dimmed backdrop over everything (the staff menu too) and a panel with one of the pages."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("visitor-log-overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.panel = QFrame(self)
        self.panel.setObjectName("visitor-log-panel")
        self.panel.setStyleSheet(
            f"#visitor-log-panel {{ background: {PALETTE.surface}; border-radius: 12px; }}")
        self.stack = QStackedWidget(self.panel)
        self.folders = FolderPage(self.stack)
        self.confirm = ConfirmPage(self.stack)
        self.message = MessagePage(self.stack)
        for page in (self.folders, self.confirm, self.message):
            self.stack.addWidget(page)
        QVBoxLayout(self.panel).addWidget(self.stack)
        parent.installEventFilter(self)
        self.hide()

    def show_page(self, page: QWidget, context: SlideContext) -> None:
        layout = self.panel.layout()
        assert layout is not None
        margin = context.metrics.margin
        layout.setContentsMargins(margin, margin // 2, margin, margin // 2)
        self.stack.setCurrentWidget(page)
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.place()

    def place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        self.setGeometry(parent.rect())
        page = self.stack.currentWidget()
        if page is None:
            return
        layout = self.panel.layout()
        margins = layout.contentsMargins() if layout is not None else QMargins()
        width = min(self.width() - 16, max(round(self.width() * 0.6), page.sizeHint().width()))
        inner = width - margins.left() - margins.right()
        page_layout = page.layout()
        needed = (page_layout.totalHeightForWidth(inner) if page_layout is not None
                  and page_layout.hasHeightForWidth() else page.sizeHint().height())
        height = min(self.height() - 8, needed + margins.top() + margins.bottom())
        self.panel.setGeometry((self.width() - width) // 2, (self.height() - height) // 2, width, height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self.place()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 150))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()  # nothing beneath (the staff menu, the slides) takes a touch meant for staff

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.accept()


class QuietBadge(TextLabel):
    """"Quiet screen: nothing is recorded", at the bottom of the window while the log is paused.

    Clear to staff and visitors alike; it takes no touches, so the slides beneath still work.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(colour=PALETTE.on_primary, align=Qt.AlignmentFlag.AlignHCenter,
                         valign=Qt.AlignmentFlag.AlignVCenter, plain=True, wrap=False, parent=parent)
        self.setObjectName("quiet-badge")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        parent.installEventFilter(self)
        self.hide()

    def show_for(self, context: SlideContext) -> None:
        metrics = context.metrics
        self.setFont(context.font(TextRole.CAPTION, weight=QFont.Weight.Bold))
        self.setText(wrap_khmer(context.ui(UiText.QUIET_ON)))
        pad = metrics.gap
        self.setStyleSheet(f"color: {PALETTE.on_primary}; background: {PALETTE.accent};"
                           f" border-radius: {pad}px; padding: {pad // 2}px {pad * 2}px;")
        self.adjustSize()
        self.place()
        self.show()
        self.raise_()

    def place(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.move((parent.width() - self.width()) // 2, parent.height() - self.height() - 4)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.place()
        return False


class EngagementScreens(QObject):
    """The visitor log's widgets and the window's feedback hooks behind one small facade.

    The controller (:class:`kiosk.features.engagement.controller.EngagementController`) sees only
    this facade, so tests drive it with a fake one.
    """

    answer_given = Signal(str, str)
    folder_chosen = Signal(str)
    look_again_requested = Signal()
    delete_confirmed = Signal()
    dismissed = Signal()

    def __init__(self, window: KioskWindow, context: Callable[[], SlideContext]) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.overlay = VisitorLogOverlay(window)
        self.quiet_badge = QuietBadge(window)
        window.answer_given.connect(self.answer_given)
        folders, confirm, message = self.overlay.folders, self.overlay.confirm, self.overlay.message
        folders.folder_chosen.connect(self.folder_chosen)
        folders.look_again_requested.connect(self.look_again_requested)
        folders.cancelled.connect(self.dismissed)
        confirm.confirmed.connect(self.delete_confirmed)
        confirm.cancelled.connect(self.dismissed)
        message.dismissed.connect(self.dismissed)

    # -- what the controller may ask --------------------------------------------------------------
    def set_answer_source(self, answer_for: Callable[[str], str | None]) -> None:
        self.window.set_answer_source(answer_for)

    def show_answers(self) -> None:
        self.window.show_answers()

    def set_quiet(self, quiet: bool) -> None:
        if quiet:
            self.quiet_badge.show_for(self.context())
        else:
            self.quiet_badge.hide()

    def is_open(self) -> bool:
        return self.overlay.isVisible()

    def show_folders(self, targets: Sequence[ReportTarget]) -> None:
        context = self.context()
        self.overlay.folders.show_targets(targets, context)
        self.overlay.show_page(self.overlay.folders, context)

    def show_message(self, text: str, *, problem: bool, busy: bool = False) -> None:
        context = self.context()
        self.overlay.message.show_text(text, context, problem=problem, busy=busy)
        self.overlay.show_page(self.overlay.message, context)

    def show_delete_confirmation(self) -> None:
        context = self.context()
        self.overlay.confirm.apply_context(context)
        self.overlay.show_page(self.overlay.confirm, context)

    def hide(self) -> None:
        self.overlay.hide()
