"""Screen-derived sizes: the type scale, touch targets in millimetres, spacing; one metrics function."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

TOUCH_TARGET_MM = 9.0


FALLBACK_DPI = 96.0


class TextRole(Enum):
    """The type scale: each role is a multiple of the body size."""

    TITLE = 2.1
    HEADING = 1.5
    LEAD = 1.3
    BODY = 1.0
    CAPTION = 0.82


@dataclass(frozen=True)
class Metrics:
    """Sizes derived from the screen, so text reads from 2 m on a laptop and a 4K screen alike."""

    width: int
    height: int
    dpi: float = FALLBACK_DPI

    @property
    def short_side(self) -> int:
        return min(self.width, self.height)

    @property
    def px_per_mm(self) -> float:
        dpi = self.dpi if 50.0 <= self.dpi <= 600.0 else FALLBACK_DPI
        return dpi / 25.4

    @property
    def body_px(self) -> int:
        return max(14, round(self.short_side * 0.036))

    @property
    def target_px(self) -> int:
        """Smallest touch target: at least 9 mm, and larger on big screens."""
        return max(round(TOUCH_TARGET_MM * self.px_per_mm), round(self.short_side * 0.085))

    @property
    def gap(self) -> int:
        """The spacing unit."""
        return max(6, round(self.short_side * 0.02))

    @property
    def margin(self) -> int:
        return max(12, round(self.short_side * 0.045))

    def text_px(self, role: TextRole, scale: float = 1.0) -> int:
        return max(11, round(self.body_px * role.value * scale))


#: The size views are laid out for before their window has a real size.
DEFAULT_SIZE = (1024, 600)


def screen_dpi(widget: QWidget) -> float:
    """The physical DPI of the screen ``widget`` is on (``FALLBACK_DPI`` when there is none)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.physicalDotsPerInch() if screen is not None else FALLBACK_DPI


def metrics_for(widget: QWidget) -> Metrics:
    """The one metrics function: the kiosk's screen-derived sizes for ``widget``.

    ``DEFAULT_SIZE`` before the widget has a size of its own.
    """
    if widget.width() > 1 and widget.height() > 1:
        return Metrics(widget.width(), widget.height(), screen_dpi(widget))
    return Metrics(*DEFAULT_SIZE, screen_dpi(widget))


def px_per_mm(widget: QWidget) -> float:
    """Pixels per millimetre on ``widget``'s screen (the DPI clamped to a believable range)."""
    return Metrics(1, 1, screen_dpi(widget)).px_per_mm
