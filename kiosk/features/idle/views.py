"""The idle views: the "Still there?" countdown and the attract loop, in every deck language."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QEasingCurve, QRectF, Qt, QTimer, QVariantAnimation, Slot
from PySide6.QtGui import QColor, QFont, QHideEvent, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.content.breaking import breaker_for
from kiosk.core.content.markup import to_plain_text
from kiosk.core.content.model import Deck, LocalizedText
from kiosk.core.content.ui_words import UiText, ui_text
from kiosk.views.fonts import FontSet
from kiosk.views.guidance import TapHint
from kiosk.views.metrics import Metrics, TextRole
from kiosk.views.overlay import Overlay
from kiosk.views.text import TextLabel
from kiosk.views.theme import PALETTE

HIGHLIGHT_MS = 6000
FADE_MS = 900
SCRIM = QColor(31, 36, 40, 175)


@dataclass(frozen=True)
class Highlight:
    """One step of the attract loop: a small caption (e.g. the topic) over a large text."""

    caption: LocalizedText | None
    text: LocalizedText


def _rich(text: str, deck: Deck, language: str | None) -> str:
    """Plain ``text`` as rich text marked by the deck's breaker (its names stay whole)."""
    return breaker_for(deck).mark(html.escape(text), language)


def _language_label(code: str, role: TextRole, colour: str, *, bold: bool = False,
                    parent: QWidget | None = None) -> TextLabel:
    """A centred label for text in one language, drawn with that language's font."""
    return TextLabel(role=role, bold=bold, colour=colour, align=Qt.AlignmentFlag.AlignHCenter,
                     valign=Qt.AlignmentFlag.AlignVCenter, language=code, parent=parent)


def _show_plain(label: TextLabel, text: str, deck: Deck) -> None:
    """``text`` (plain) in ``label``, with Khmer break opportunities; hidden when empty."""
    label.set_text(_rich(text, deck, label.language))
    label.setAccessibleName(text)
    label.setVisible(bool(text))


class CountdownRing(QWidget):
    """A ring that empties as the countdown runs, with the seconds left in its middle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.seconds = ""
        self.fraction = 1.0
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground, True)

    def set_remaining(self, seconds: str, fraction: float) -> None:
        """``seconds`` already written in the kiosk's digits (០-៩ in Khmer)."""
        self.seconds = seconds
        self.fraction = max(0.0, min(1.0, fraction))
        self.setAccessibleName(seconds)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height())
        thickness = max(4.0, side * 0.09)
        box = QRectF(
            (self.width() - side) / 2 + thickness / 2,
            (self.height() - side) / 2 + thickness / 2,
            side - thickness,
            side - thickness,
        )
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(PALETTE.primary_light), thickness)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawEllipse(box)
        pen.setColor(QColor(PALETTE.accent))
        painter.setPen(pen)
        painter.drawArc(box, 90 * 16, round(360 * 16 * self.fraction))
        font = painter.font()
        font.setPixelSize(max(10, round(side * 0.38)))
        font.setWeight(QFont.Weight.Bold)
        painter.setFont(font)
        painter.setPen(QColor(PALETTE.on_surface))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.seconds)
        painter.end()


class StillTherePrompt(Overlay):
    """ "Still there?" in every deck language over a dimmed slide, with the seconds left.

    It decides nothing: whoever shows it also hides it when the visitor touches the screen.
    """

    def __init__(self, deck: Deck, fonts: FontSet, parent: QWidget) -> None:
        super().__init__(parent, SCRIM)
        self.setObjectName("still-there")
        self.fonts = fonts
        self.card = QFrame(self)
        self.card.setObjectName("still-there-card")
        self.card.setStyleSheet(
            f"#still-there-card {{ background: {PALETTE.surface_alt}; border-radius: 24px; }}"
        )
        self.card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card, 8)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.card_layout = QVBoxLayout(self.card)
        self.ring = CountdownRing(self.card)
        self.card_layout.addWidget(self.ring, 0, Qt.AlignmentFlag.AlignHCenter)
        self.titles: dict[str, TextLabel] = {}
        self.hints: dict[str, TextLabel] = {}
        self.set_deck(deck)

    def set_deck(self, deck: Deck) -> None:
        self.deck = deck
        for label in (*self.titles.values(), *self.hints.values()):
            self.card_layout.removeWidget(label)
            label.deleteLater()
        self.titles.clear()
        self.hints.clear()
        for code in deck.language_codes:
            title = _language_label(
                code, TextRole.HEADING, PALETTE.primary, bold=True, parent=self.card
            )
            _show_plain(
                title,
                ui_text(UiText.STILL_THERE, code, deck.default_language, deck.interface), deck
            )
            title.setObjectName(f"still-there-{code}")
            hint = _language_label(code, TextRole.BODY, PALETTE.muted_text, parent=self.card)
            _show_plain(
                hint,
                ui_text(UiText.STILL_THERE_HINT, code, deck.default_language, deck.interface), deck
            )
            hint.setObjectName(f"still-there-hint-{code}")
            self.card_layout.addWidget(title)
            self.card_layout.addWidget(hint)
            self.titles[code] = title
            self.hints[code] = hint
        if self.isVisible():
            self.show_over()

    def texts(self) -> list[str]:
        """Every visible text, for tests and accessibility."""
        return [
            label.accessibleName()
            for pair in zip(self.titles.values(), self.hints.values(), strict=True)
            for label in pair
        ]

    def set_remaining(self, seconds: str, fraction: float) -> None:
        self.ring.set_remaining(seconds, fraction)

    def apply_metrics(self, metrics: Metrics) -> None:
        pad = metrics.margin
        self.card_layout.setContentsMargins(pad, pad, pad, pad)
        self.card_layout.setSpacing(round(metrics.gap * 0.6))
        self.card.setStyleSheet(
            f"#still-there-card {{ background: {PALETTE.surface_alt};"
            f" border-radius: {metrics.gap * 2}px; }}"
        )
        side = round(metrics.target_px * 1.4)
        self.ring.setFixedSize(side, side)
        for index, (title, hint) in enumerate(
            zip(self.titles.values(), self.hints.values(), strict=True)
        ):
            title.apply_metrics(metrics, self.fonts)
            hint.apply_metrics(metrics, self.fonts)
            title.setContentsMargins(0, metrics.gap if index else 0, 0, 0)


class AttractView(Overlay):
    """The attract loop: the organisation's name, a changing highlight, "Touch to begin".

    Every text is shown in every deck language at once; the highlight fades to the next one
    every ``interval_ms`` while the view is visible.
    """

    def __init__(
        self,
        deck: Deck,
        fonts: FontSet,
        highlights: list[Highlight],
        parent: QWidget,
        interval_ms: int = HIGHLIGHT_MS,
    ) -> None:
        super().__init__(parent, QColor(PALETTE.primary))
        self.setObjectName("attract")
        self.fonts = fonts
        self.index = 0
        self._highlights: list[Highlight] = []
        self._swapped = False
        layout = QVBoxLayout(self)
        self.brand = QWidget(self)
        self.brand.setStyleSheet("background: transparent;")
        self.brand_layout = QVBoxLayout(self.brand)
        self.brand_layout.setContentsMargins(0, 0, 0, 0)
        self.highlight = QWidget(self)
        self.highlight.setStyleSheet("background: transparent;")
        self.highlight_layout = QVBoxLayout(self.highlight)
        self.highlight_layout.setContentsMargins(0, 0, 0, 0)
        self.invite = QFrame(self)
        self.invite.setObjectName("attract-invite")
        # The same tapping hand as on home: it shows a first-time visitor what "touch" means.
        invite_row = QHBoxLayout(self.invite)
        self.hand = TapHint(self.invite)
        invite_row.addWidget(self.hand, 0, Qt.AlignmentFlag.AlignVCenter)
        self.invite_layout = QVBoxLayout()
        invite_row.addLayout(self.invite_layout)
        layout.addWidget(self.brand)
        layout.addStretch(1)
        layout.addWidget(self.highlight)
        layout.addStretch(1)
        layout.addWidget(self.invite, 0, Qt.AlignmentFlag.AlignHCenter)
        self.opacity = QGraphicsOpacityEffect(self.highlight)
        self.opacity.setOpacity(1.0)
        self.highlight.setGraphicsEffect(self.opacity)
        self.fade = QVariantAnimation(self)
        self.fade.setStartValue(0.0)
        self.fade.setEndValue(1.0)
        self.fade.setDuration(min(FADE_MS, interval_ms // 2))  # a fade never outlasts its step
        self.fade.setEasingCurve(QEasingCurve.Type.InOutSine)
        self.fade.valueChanged.connect(self._on_fade)
        self.fade.finished.connect(self._on_fade_finished)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.advance)
        self.brand_labels: list[TextLabel] = []
        self.captions: dict[str, TextLabel] = {}
        self.lines: dict[str, TextLabel] = {}
        self.invites: dict[str, TextLabel] = {}
        self.set_deck(deck, highlights)

    def set_deck(self, deck: Deck, highlights: list[Highlight]) -> None:
        self.deck = deck
        self._highlights = highlights or [Highlight(None, deck.name)]
        self.index = 0
        for label in (
            *self.brand_labels,
            *self.captions.values(),
            *self.lines.values(),
            *self.invites.values(),
        ):
            label.deleteLater()
        self.brand_labels = []
        # The short name in every language, each in its own script, as on the home screen.
        names = " · ".join(
            dict.fromkeys(
                to_plain_text(deck.short_name.get(code, deck.default_language))
                for code in deck.language_codes
            )
        )
        label = _language_label(
            deck.default_language, TextRole.TITLE, PALETTE.on_primary, bold=True, parent=self.brand
        )
        _show_plain(label, names, deck)
        self.brand_layout.addWidget(label)
        self.brand_labels.append(label)
        self.captions, self.lines, self.invites = {}, {}, {}
        for code in deck.language_codes:
            caption = _language_label(
                code, TextRole.BODY, PALETTE.primary_light, parent=self.highlight
            )
            line = _language_label(
                code, TextRole.HEADING, PALETTE.on_primary, bold=True, parent=self.highlight
            )
            self.highlight_layout.addWidget(caption)
            self.highlight_layout.addWidget(line)
            self.captions[code] = caption
            self.lines[code] = line
            invite = _language_label(
                code, TextRole.LEAD, PALETTE.on_primary, bold=True, parent=self.invite
            )
            _show_plain(
                invite,
                ui_text(UiText.TOUCH_TO_BEGIN, code, deck.default_language, deck.interface), deck
            )
            invite.setObjectName(f"touch-to-begin-{code}")
            self.invite_layout.addWidget(invite)
            self.invites[code] = invite
        self._show_highlight()
        if self.isVisible():
            self.show_over()

    # -- the loop ---------------------------------------------------------------------------------
    @property
    def highlights(self) -> list[Highlight]:
        return list(self._highlights)

    def current_texts(self) -> list[str]:
        """The highlight's visible texts, every language (for tests and accessibility)."""
        return [
            label.accessibleName()
            for code in self.lines
            for label in (self.captions[code], self.lines[code])
            if label.accessibleName()
        ]

    def invite_texts(self) -> list[str]:
        return [label.accessibleName() for label in self.invites.values()]

    def _show_highlight(self) -> None:
        highlight = self._highlights[self.index % len(self._highlights)]
        default = self.deck.default_language
        for code in self.lines:
            caption = highlight.caption.get(code, default) if highlight.caption else ""
            _show_plain(self.captions[code], to_plain_text(caption), self.deck)
            _show_plain(self.lines[code], to_plain_text(highlight.text.get(code, default)), self.deck)

    @Slot()
    def advance(self) -> None:
        """Fade to the next highlight."""
        if len(self._highlights) < 2:
            return
        self._swapped = False
        self.fade.stop()
        self.fade.start()

    @Slot(object)
    def _on_fade(self, value: object) -> None:
        t = float(value)  # type: ignore[arg-type]
        if t >= 0.5 and not self._swapped:
            self._swapped = True
            self.index = (self.index + 1) % len(self._highlights)
            self._show_highlight()
        self.opacity.setOpacity(abs(1.0 - 2.0 * t))

    @Slot()
    def _on_fade_finished(self) -> None:
        self.opacity.setOpacity(1.0)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.timer.stop()
        self.fade.stop()
        self.opacity.setOpacity(1.0)

    def apply_metrics(self, metrics: Metrics) -> None:
        layout = self.layout()
        assert layout is not None
        layout.setContentsMargins(metrics.margin, metrics.margin, metrics.margin, metrics.margin)
        self.brand_layout.setSpacing(0)
        self.highlight_layout.setSpacing(round(metrics.gap * 0.4))
        self.invite_layout.setSpacing(round(metrics.gap * 0.3))
        pad = metrics.gap
        self.invite.layout().setContentsMargins(pad * 2, pad, pad * 3, pad)  # type: ignore[union-attr]
        self.invite.layout().setSpacing(pad)  # type: ignore[union-attr]
        self.invite_layout.setContentsMargins(0, 0, 0, 0)
        self.hand.set_size(round(metrics.text_px(TextRole.LEAD) * 1.7))
        self.invite.setMinimumHeight(metrics.target_px)
        self.invite.setStyleSheet(
            f"#attract-invite {{ border: 3px solid {PALETTE.on_primary};"
            f" border-radius: {metrics.gap * 2}px; background: {PALETTE.primary_dark}; }}"
        )
        for label in (*self.brand_labels, *self.invites.values()):
            label.apply_metrics(metrics, self.fonts)
        for index, code in enumerate(self.lines):
            self.captions[code].apply_metrics(metrics, self.fonts)
            self.lines[code].apply_metrics(metrics, self.fonts)
            self.captions[code].setContentsMargins(0, metrics.gap if index else 0, 0, 0)
