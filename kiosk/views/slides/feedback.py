"""The feedback slide: a question answered with one tap on a large picture, anonymously.

The view announces ``answer_given(question_id, answer_id)`` and shows the thank-you at once; it
keeps nothing. Whoever listens (the visit tracker) decides whether the answer counts (one per
question per visit) and can show a remembered answer again with :meth:`FeedbackView.show_answered`.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QGraphicsOpacityEffect,
    QGridLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.content.feedback import FeedbackChoice, feedback_choices
from kiosk.core.content.model import FeedbackSlide, LocalizedText
from kiosk.core.content.ui_words import UiText
from kiosk.views.metrics import Metrics, TextRole
from kiosk.views.slides.base import PageView
from kiosk.views.slides.listing import SvgIcon, icon_renderer
from kiosk.views.text import TextLabel
from kiosk.views.theme import PALETTE

#: How faded the other answers are once one is chosen.
UNCHOSEN_OPACITY = 0.4


def columns_for(kind: str, count: int, size: QSize) -> int:
    """How many answers go side by side: pictures in one row, topics and provinces in a grid."""
    landscape = size.width() >= size.height()
    if kind == "pictures":
        return count if landscape or count <= 3 else 2
    if kind == "province":  # 25 names: four rows across a landscape screen
        return 7 if landscape else 4
    return min(count, 3 if landscape else 2)


class AnswerButton(QAbstractButton):
    """One answer: a picture above its words on a card; pressed and chosen states drawn at once.

    A QAbstractButton, so a swipe that starts on it cancels the press (see SwipeArea) and only a
    tap (press and release on the card) answers.
    """

    def __init__(self, choice: FeedbackChoice, label: TextLabel, icon: SvgIcon | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = choice
        self.label_widget = label
        self.icon_widget = icon
        self.chosen = False
        self.faded = False
        self.radius = 12
        self.setObjectName(f"answer-{choice.id}")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(label.accessibleName())
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.addStretch(1)  # the picture and words sit in the middle of a taller card
        if icon is not None:
            layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(label)
        layout.addStretch(1)
        label.setParent(self)
        # Presses on the picture or the words reach the button.
        for child in (label, icon):
            if child is not None:
                child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)

    def apply_metrics(self, metrics: Metrics, scale: float, icon_px: int) -> None:
        pad = max(4, round(metrics.gap * max(scale, 0.6)))
        layout = self.layout()
        assert layout is not None
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.setSpacing(max(2, pad // 2))
        self.radius = max(6, round(metrics.target_px * 0.22))
        self.setMinimumHeight(metrics.target_px)
        if self.icon_widget is not None:
            self.icon_widget.set_box(icon_px, icon_px, icon_px)

    def set_state(self, *, chosen: bool, faded: bool) -> None:
        self.chosen, self.faded = chosen, faded
        self.label_widget.setStyleSheet(
            f"color: {PALETTE.primary if chosen else PALETTE.on_surface}; background: transparent;")
        for child in (self.label_widget, self.icon_widget):
            if child is None:
                continue
            if faded:  # the picture and words draw themselves: fade them with the card
                effect = QGraphicsOpacityEffect(child)
                effect.setOpacity(UNCHOSEN_OPACITY)
                child.setGraphicsEffect(effect)
            elif child.graphicsEffect() is not None:
                child.setGraphicsEffect(None)  # type: ignore[arg-type]
        self.update()

    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.sizeHint() if layout is not None else QSize(0, 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.faded:
            painter.setOpacity(UNCHOSEN_OPACITY)
        active = self.isDown() or self.chosen
        border = max(2.0, self.radius / (4 if active else 8))
        painter.setPen(QPen(QColor(PALETTE.primary if active else PALETTE.outline), border))
        painter.setBrush(QColor(PALETTE.primary_light if active else PALETTE.surface_alt))
        inset = border / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset),
                                self.radius, self.radius)
        painter.end()


class FeedbackView(PageView):
    """The question, its answers as large touch targets, a thank-you and the consent note."""

    slide: FeedbackSlide
    answer_given = Signal(str, str)  # question id (the slide id), answer id

    def build(self) -> None:
        layout = self.page_layout()
        self.add_heading(layout, self.slide.question)
        self.choices = feedback_choices(self.slide, self.context.deck)
        self.columns = columns_for(self.slide.kind, len(self.choices), self.context.slide_size)
        icons_dir = self.context.assets_dir / "icons"
        # Pictures speak first, their words under them; topics and provinces are mostly words.
        role = TextRole.BODY
        grid = QGridLayout()
        self.space(grid, 1.2)
        self.buttons: list[AnswerButton] = []
        for index, choice in enumerate(self.choices):
            label = self.label(self._label_text(choice.label), role, align=Qt.AlignmentFlag.AlignHCenter)
            renderer = icon_renderer(icons_dir, choice.icon) if choice.icon else None
            icon = SvgIcon(renderer, self) if renderer is not None else None
            button = AnswerButton(choice, label, icon, self)
            button.clicked.connect(lambda _checked=False, b=button: self.on_answer_tapped(b))
            grid.addWidget(button, index // self.columns, index % self.columns)
            self.buttons.append(button)
        for column in range(self.columns):
            grid.setColumnStretch(column, 1)
        layout.addStretch(1)
        layout.addLayout(grid)
        layout.addStretch(1)
        centre = Qt.AlignmentFlag.AlignHCenter
        self.thanks = self.label(self._ui(UiText.FEEDBACK_THANKS), TextRole.LEAD, bold=True,
                                 colour=PALETTE.accent, align=centre)
        policy = self.thanks.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the slide does not move when it appears
        self.thanks.setSizePolicy(policy)
        self.thanks.hide()
        layout.addWidget(self.thanks)
        self.consent = self.label(self._ui(UiText.FEEDBACK_CONSENT), TextRole.CAPTION,
                                  colour=PALETTE.muted_text, align=centre)
        layout.addWidget(self.consent)
        self.answered: str | None = None

    def _ui(self, key: UiText) -> LocalizedText:
        return LocalizedText({self.context.language: self.context.ui(key)})

    def _label_text(self, text: LocalizedText) -> LocalizedText:
        """A province's name in a deck language it lacks falls back to English, never to nothing."""
        if text.has(self.context.language) or text.has(self.context.default_language):
            return text
        return LocalizedText({self.context.language: text.get("en", "km")})

    def on_scale_changed(self) -> None:
        super().on_scale_changed()
        metrics = self.context.metrics
        body = metrics.text_px(TextRole.BODY, self.scale)
        icon_px = round(body * (4.4 if self.slide.kind == "pictures" else 1.8))
        for button in self.buttons:
            button.apply_metrics(metrics, self.scale, max(metrics.target_px // 2, icon_px))

    # -- answering ------------------------------------------------------------------------------
    def on_answer_tapped(self, button: AnswerButton) -> None:
        if self.answered is not None:
            return  # one answer per question: later taps do nothing
        self.show_answered(button.choice.id)
        self.answer_given.emit(self.slide.id, button.choice.id)

    def show_answered(self, answer_id: str | None) -> None:
        """Show ``answer_id`` as chosen with the thank-you, or (None) the question unanswered again."""
        self.answered = answer_id
        for button in self.buttons:
            chosen = button.choice.id == answer_id
            button.set_state(chosen=chosen, faded=answer_id is not None and not chosen)
            button.setEnabled(answer_id is None or chosen)
        self.thanks.setVisible(answer_id is not None)
