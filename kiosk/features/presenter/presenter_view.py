"""The presenter's own screen (the laptop, while the slides are on the projector): the current and
next slide, the speaker notes in the current language, the slide number and the time elapsed."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.text.rules import unmark
from kiosk.views.chrome import TouchButton
from kiosk.views.fonts import FontSet, font_for
from kiosk.views.metrics import Metrics, TextRole, metrics_for
from kiosk.views.text import with_khmer_line_height
from kiosk.views.theme import PALETTE

DARK = "#1F2428"


class SlidePicture(QWidget):
    """A slide thumbnail drawn to fit (aspect kept), or an empty frame at the end of the deck."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pixmap: QPixmap | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(80, 45))

    def set_pixmap(self, pixmap: QPixmap | None) -> None:
        self.pixmap = pixmap
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if self.pixmap is None or self.pixmap.isNull():
            painter.setPen(QColor(PALETTE.muted_text))
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        else:
            source = self.pixmap.deviceIndependentSize()
            shown = source.scaled(self.size().toSizeF(), Qt.AspectRatioMode.KeepAspectRatio)
            # At the left, under its caption ("Next"), not floating in the middle of the column.
            target = QRectF(0, 0, shown.width(), shown.height())
            painter.drawPixmap(target, self.pixmap, QRectF(self.pixmap.rect()))
        painter.end()


class PresenterView(QWidget):
    """Shows what it is given; announces only ``timer_reset_requested``."""

    timer_reset_requested = Signal()

    def __init__(self, fonts: FontSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fonts = fonts
        self.language = "en"
        self.setObjectName("presenter-view")
        self.setWindowTitle("Presenter")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            f"#presenter-view {{ background: {DARK}; }}"
            f" QLabel {{ color: {PALETTE.on_primary}; background: transparent; }}"
        )
        root = QVBoxLayout(self)
        body = QHBoxLayout()
        self.current = SlidePicture(self)
        self.current.setObjectName("presenter-current")
        side = QVBoxLayout()
        self.next_caption = QLabel(self)
        self.next = SlidePicture(self)
        self.next.setObjectName("presenter-next")
        self.notes = QLabel(self)
        self.notes.setObjectName("presenter-notes")
        self.notes.setTextFormat(Qt.TextFormat.RichText)
        self.notes.setWordWrap(True)
        self.notes.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.notes_scroll = QScrollArea(self)
        self.notes_scroll.setWidget(self.notes)
        self.notes_scroll.setWidgetResizable(True)
        self.notes_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.notes_scroll.setStyleSheet(f"background: {DARK};")
        self.notes_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        side.addWidget(self.next_caption)
        side.addWidget(self.next, 2)
        side.addWidget(self.notes_scroll, 3)
        body.addWidget(self.current, 3)
        body.addLayout(side, 2)
        bottom = QHBoxLayout()
        self.number = QLabel(self)
        self.number.setObjectName("presenter-number")
        self.elapsed = QLabel("00:00", self)
        self.elapsed.setObjectName("presenter-elapsed")
        self.elapsed.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.reset_button = TouchButton("0:00", self)
        self.reset_button.setObjectName("presenter-reset-timer")
        self.reset_button.setAccessibleName("Restart the timer")
        self.reset_button.clicked.connect(self.timer_reset_requested)
        bottom.addWidget(self.number, 1)
        bottom.addWidget(self.elapsed, 1)
        bottom.addWidget(self.reset_button)
        root.addLayout(body, 1)
        root.addLayout(bottom)
        self.apply_metrics(metrics_for(self))

    def apply_metrics(self, metrics: Metrics) -> None:
        layout = self.layout()
        assert layout is not None
        layout.setContentsMargins(metrics.gap, metrics.gap, metrics.gap, metrics.gap)
        layout.setSpacing(metrics.gap)
        caption = font_for(self.language, self.fonts, pixel_size=metrics.text_px(TextRole.CAPTION))
        self.next_caption.setFont(caption)
        self.notes.setFont(
            font_for(self.language, self.fonts, pixel_size=metrics.text_px(TextRole.BODY))
        )
        big = font_for(
            "en", self.fonts, pixel_size=metrics.text_px(TextRole.HEADING), weight=QFont.Weight.Bold
        )
        self.number.setFont(big)
        self.elapsed.setFont(big)
        self.reset_button.apply_metrics(metrics, caption)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.apply_metrics(metrics_for(self))

    def show_slide(
        self,
        *,
        current: QPixmap,
        following: QPixmap | None,
        number: str,
        next_caption: str,
        notes: str,
        language: str,
        timer_label: str = "",
    ) -> None:
        """The slide now on the projector, the one after it (None at the end) and its notes."""
        if language != self.language:
            self.language = language
            self.apply_metrics(metrics_for(self))
        self.current.set_pixmap(current)
        self.next.set_pixmap(following)
        self.next_caption.setText(next_caption)
        if timer_label:
            self.reset_button.setText(timer_label)
            self.reset_button.setAccessibleName(timer_label)
        self.number.setText(number)
        self.notes.setText(with_khmer_line_height(notes))
        self.notes.setAccessibleName(unmark(notes))  # read aloud as written, without the line marks

    def set_elapsed(self, text: str) -> None:
        self.elapsed.setText(text)
