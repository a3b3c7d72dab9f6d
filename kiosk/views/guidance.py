"""First-time guidance: a painted hand that shows a tap, and the bilingual "touch a topic" prompt."""
from __future__ import annotations

import math

from PySide6.QtCore import QEasingCurve, QPointF, QRectF, QSize, Qt, QVariantAnimation, Slot
from PySide6.QtGui import QColor, QFont, QHideEvent, QPainter, QPainterPath, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.content.model import Deck
from kiosk.core.content.ui_words import UiText, ui_text
from kiosk.core.text.rules import wrap_khmer
from kiosk.views.fonts import FontSet, font_for
from kiosk.views.metrics import Metrics, TextRole
from kiosk.views.text import TextLabel
from kiosk.views.theme import PALETTE

#: One tap of the hand: drift down, press (the ring grows), lift, rest (docs/design.md, Motion).
TAP_CYCLE_MS = 2400
#: Where a still picture of the hand (a screenshot, the first frame) is taken: mid-press, ring showing.
STILL_PHASE = 0.46
#: Phases of the cycle (0..1): the hand arrives by PRESS_AT, is down until LIFT_AT.
PRESS_AT, LIFT_AT = 0.38, 0.56


def hand_path(size: float) -> QPainterPath:
    """A pointing hand (index finger up, the other fingers folded) filling a ``size`` square."""
    s = size
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    # The index finger, pointing up.
    path.addRoundedRect(QRectF(0.36 * s, 0.02 * s, 0.18 * s, 0.56 * s), 0.09 * s, 0.09 * s)
    # The palm with the folded fingers.
    path.addRoundedRect(QRectF(0.30 * s, 0.40 * s, 0.52 * s, 0.46 * s), 0.14 * s, 0.14 * s)
    for index in range(3):  # folded fingers: three knuckles along the palm's right side
        top = 0.40 * s + index * 0.01 * s
        path.addRoundedRect(QRectF((0.53 + index * 0.1) * s, top, 0.14 * s, 0.26 * s), 0.07 * s, 0.07 * s)
    # The thumb, along the palm's left.
    thumb = QPainterPath()
    thumb.addRoundedRect(QRectF(0.16 * s, 0.50 * s, 0.22 * s, 0.14 * s), 0.07 * s, 0.07 * s)
    path.addPath(thumb)
    # The wrist.
    path.addRoundedRect(QRectF(0.40 * s, 0.80 * s, 0.34 * s, 0.18 * s), 0.05 * s, 0.05 * s)
    return path.simplified()


#: Room above the hand for the touch ring, a share of the hand's width.
RING_ROOM = 0.24


class TapHint(QWidget):
    """A gentle hand that taps, over and over, while it is shown; the ring shows the touch.

    The animation runs only while the widget is visible, so a hidden home page costs nothing.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.phase = STILL_PHASE
        self.animation = QVariantAnimation(self)
        self.animation.setStartValue(0.0)
        self.animation.setEndValue(1.0)
        self.animation.setDuration(TAP_CYCLE_MS)
        self.animation.setLoopCount(-1)
        self.animation.setEasingCurve(QEasingCurve.Type.Linear)
        self.animation.valueChanged.connect(self._on_value)
        self.set_size(64)

    def set_size(self, side: int) -> None:
        self.setFixedSize(QSize(side, round(side * (1.25 + RING_ROOM))))
        self.update()

    @Slot(object)
    def _on_value(self, value: object) -> None:
        self.phase = float(value)  # type: ignore[arg-type]
        self.update()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.animation.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.animation.stop()
        self.phase = STILL_PHASE

    def offset(self) -> float:
        """How far above its pressed position the hand is, 0..1 of its travel."""
        p = self.phase
        if p < PRESS_AT:  # drift down, easing in
            return 1.0 - math.sin(p / PRESS_AT * math.pi / 2)
        if p < LIFT_AT:
            return 0.0
        if p < 0.8:  # lift
            return math.sin((p - LIFT_AT) / (0.8 - LIFT_AT) * math.pi / 2)
        return 1.0

    def ring(self) -> float:
        """The touch ring's growth 0..1 (0: none), from the press to a little after the lift."""
        if PRESS_AT <= self.phase < 0.8:
            return (self.phase - PRESS_AT) / (0.8 - PRESS_AT)
        return 0.0

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = float(self.width())
        travel = side * 0.2
        top = side * RING_ROOM  # room above the pressed fingertip for the ring
        hand = side * 0.95
        # Where the index finger's tip rests when pressed (see hand_path): the ring spreads from
        # there, behind the finger (it was centred inside the finger and showed as a blob beside it).
        fingertip = QPointF(hand * 0.45, top + travel * 0.3 + hand * 0.06)
        growth = self.ring()
        if growth > 0:
            colour = QColor(PALETTE.accent)
            colour.setAlphaF(0.6 * (1.0 - growth))
            painter.setPen(QPen(colour, max(2.0, side * 0.04)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            radius = side * (0.07 + (RING_ROOM - 0.09) * growth)
            painter.drawEllipse(fingertip, radius, radius)
        painter.translate(0.0, top + travel * self.offset() + travel * 0.3)
        painter.setPen(QPen(QColor(PALETTE.primary), max(2.0, side * 0.045),
                            Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        painter.setBrush(QColor(PALETTE.surface_alt))
        painter.drawPath(hand_path(side * 0.95))
        painter.end()


class TouchPrompt(QWidget):
    """The prompt a first-time visitor reads: the tapping hand and ``key`` in every deck language.

    Khmer (the deck's first language) comes first and largest; the others follow, smaller. The
    prompt is the same in every language on purpose: it speaks to whoever stands there.
    """

    def __init__(self, deck: Deck, key: UiText = UiText.TOUCH_A_TOPIC, *, colour: str = PALETTE.primary,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.hand = TapHint(self)
        words = QVBoxLayout()
        words.setContentsMargins(0, 0, 0, 0)
        words.setSpacing(0)
        self.lines: list[TextLabel] = []
        seen: list[str] = []
        for index, code in enumerate(deck.language_codes):
            text = ui_text(key, code, deck.default_language, deck.interface)
            if text in seen:
                continue
            seen.append(text)
            line = TextLabel(wrap_khmer(text), TextRole.HEADING if index == 0 else TextRole.LEAD,
                             bold=index == 0, colour=colour if index == 0 else PALETTE.on_surface,
                             language=code, plain=True, parent=self)
            line.setObjectName(f"prompt-{code}")
            words.addWidget(line)
            self.lines.append(line)
        self.setAccessibleName(" / ".join(seen))
        layout.addStretch(1)
        layout.addWidget(self.hand, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(words)
        layout.addStretch(1)

    def apply_metrics(self, metrics: Metrics, fonts: FontSet, scale: float = 1.0) -> None:
        layout = self.layout()
        assert layout is not None
        layout.setSpacing(metrics.gap)
        for line in self.lines:
            weight = QFont.Weight.Bold if line.bold else QFont.Weight.Normal
            line.setFont(font_for(line.language or "en", fonts,
                                  pixel_size=metrics.text_px(line.role, scale), weight=weight))
        self.hand.set_size(round(metrics.text_px(TextRole.HEADING, scale) * 1.6))
