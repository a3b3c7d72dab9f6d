"""A row of pages that follows the finger: drag, snap back or flick to a neighbour, then settle.

Qt's QSwipeGesture does not recognise one-finger swipes, so the swipe is done here on mouse
events. Touch is covered too: no widget accepts touch events, so Qt turns touches into mouse
events (``AA_SynthesizeMouseForUnhandledTouchEvents``). The area only *announces* a finished
swipe (``page_requested``); whoever decides calls :meth:`show_page`, which animates from
wherever the finger left the pages.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QSize,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
    Slot,
)
from PySide6.QtGui import QMouseEvent, QMoveEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

SWIPE_SLOP_MM = 3.0
FLICK_SPEED_PX_PER_S = 600.0
FLICK_WINDOW_S = 0.1  # only the finger's last movement counts: a rest before lifting is no flick
SNAP_FRACTION = 0.22
ANIMATION_MS = 260
KEEP_BUILT = 5
#: Neighbours are built this long after the pages come to rest, so building one never holds up a
#: slide change's animation or its last frame.
PREFETCH_DELAY_MS = 40


@runtime_checkable
class Parkable(Protocol):
    """A page that can let go of what it can make again (decoded pictures) while it is kept
    only for a quick return, and make it again before it can be swiped into view."""

    def park(self) -> None: ...

    def unpark(self) -> None: ...


class SwipeArea(QWidget):
    """Shows page ``current``; builds pages on demand and keeps its neighbours ready.

    Each page is inset by the gutter on both sides (where the window puts its arrows), but the
    area itself spans the full width: a page being swiped slides on under the arrows to the
    screen's edge instead of being cut off at the gutter.
    """

    page_requested = Signal(int)
    interaction = Signal()  # any press, drag or release inside: the visitor is here
    geometry_changed = Signal()  # moved or resized: whatever floats over the gutters follows

    def __init__(self, factory: Callable[[int], QWidget], count: int, px_per_mm: float,
                 parent: QWidget | None = None, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock  # seconds; the flick speed is measured with it
        self._factory = factory
        self._count = count
        self._slop = SWIPE_SLOP_MM * px_per_mm
        self.current = 0
        self._offset = 0.0
        self._pages: dict[int, QWidget] = {}
        self._recent: list[int] = []
        self._parked: set[int] = set()
        self._to_unpark: set[int] = set()  # neighbours again, to decode at rest (see _on_prefetch)
        self._gutter = 0
        self._press: QPointF | None = None
        self._press_offset = 0.0
        self._dragging = False
        self._swallow_release = False
        self._caught = False  # the press stopped the pages mid-flight
        self._samples: list[tuple[float, float]] = []
        self._animation = QVariantAnimation(self)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._on_animation_value)
        self._animation.finished.connect(self._on_animation_finished)
        self._prefetch = QTimer(self)
        self._prefetch.setSingleShot(True)
        self._prefetch.setInterval(PREFETCH_DELAY_MS)
        self._prefetch.timeout.connect(self._on_prefetch)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    # -- pages ----------------------------------------------------------------------------------
    @property
    def count(self) -> int:
        return self._count

    @property
    def gutter(self) -> int:
        return self._gutter

    def set_gutter(self, gutter: int) -> None:
        """Keep ``gutter`` pixels free beside each page at rest (for the arrows). Pages already
        built move and resize; none is built here (the window builds them at their final size)."""
        self._gutter = max(0, gutter)
        if self._pages:
            self._layout_pages()

    def page_size(self) -> QSize:
        """The size of one page: the area less the gutters."""
        return QSize(max(1, self.width() - 2 * self._gutter), self.height())

    def page_rect(self) -> QRect:
        """Where the current page is at rest: between the gutters, the area's full height."""
        return QRect(QPoint(self._gutter, 0), self.page_size())

    @property
    def is_animating(self) -> bool:
        return self._animation.state() == QVariantAnimation.State.Running

    def page(self, index: int) -> QWidget:
        """The widget of page ``index``, built now if it is not ready."""
        widget = self._pages.get(index)
        if widget is None:
            widget = self._factory(index)
            widget.setParent(self)
            widget.resize(self.page_size())
            widget.show()
            self._pages[index] = widget
        if index in self._recent:
            self._recent.remove(index)
        self._recent.append(index)
        return widget

    def built_pages(self) -> dict[int, QWidget]:
        return dict(self._pages)

    def reset(self, count: int) -> None:
        """Throw away every page (new language, size or content) and rebuild around ``current``."""
        self._animation.stop()
        for widget in self._pages.values():
            widget.hide()
            widget.deleteLater()
        self._pages.clear()
        self._recent.clear()
        self._parked.clear()
        self._to_unpark.clear()
        self._count = count
        self.current = min(self.current, count - 1)
        self._offset = 0.0
        self._layout_pages()

    def show_page(self, index: int, *, animate: bool = True) -> None:
        """Move to ``index``: slide in from where the pages are now, or jump."""
        index = max(0, min(index, self._count - 1))
        width = max(1, self.width())
        # Keep the visual position: re-express the current offset relative to the new page.
        start = self._offset + (index - self.current) * width
        self.current = index
        self._animation.stop()
        if animate and self.isVisible() and start != 0:
            self._offset = start
            self._animation.setStartValue(float(start))
            self._animation.setEndValue(0.0)
            distance = min(1.0, abs(start) / width)
            self._animation.setDuration(max(120, round(ANIMATION_MS * distance)))
            self._animation.start()
        else:
            self._offset = 0.0
        self._layout_pages()

    def _wanted(self) -> list[int]:
        return [i for i in (self.current - 1, self.current, self.current + 1) if 0 <= i < self._count]

    def _on_screen(self) -> list[int]:
        """Pages that show (at least partly) at the present offset: these must exist now."""
        width = max(1, self.width())
        return [i for i in self._wanted() if -width < (i - self.current) * width + self._offset < width]

    @Slot()
    def _on_prefetch(self) -> None:
        """Build the next missing neighbour while the pages rest, one per turn of the event loop."""
        if self.is_animating or self._dragging:
            return
        pending = sorted(i for i in self._to_unpark if i in self._pages)
        self._to_unpark.clear()
        for index in pending:
            page = self._pages[index]
            if isinstance(page, Parkable):
                page.unpark()
        missing = [i for i in self._wanted() if i not in self._pages]
        if missing:
            self.page(missing[0])
            self._layout_pages()

    def _layout_pages(self) -> None:
        width = self.width()
        wanted = self._wanted()
        for index in self._on_screen():
            self.page(index)
        if (self._to_unpark or any(i not in self._pages for i in wanted)) and not self.is_animating:
            self._prefetch.start()
        # Drop pages far away, keeping a few recent ones for quick returns.
        for index in list(self._pages):
            if index not in wanted and index in self._recent[:-KEEP_BUILT]:
                widget = self._pages.pop(index)
                self._recent.remove(index)
                self._parked.discard(index)
                self._to_unpark.discard(index)
                widget.hide()
                widget.deleteLater()
        for index, widget in self._pages.items():
            x = round((index - self.current) * width + self._offset)
            visible = -width < x < width
            widget.setGeometry(x + self._gutter, 0, max(1, width - 2 * self._gutter), self.height())
            widget.setVisible(visible)
            # Parked once it is off screen (a page sliding out still paints) and no neighbour.
            self._set_parked(index, widget, index not in wanted and not visible)

    def _set_parked(self, index: int, widget: QWidget, parked: bool) -> None:
        """Tell a kept page (one that can be parked) when it stops or starts being a neighbour."""
        if parked == (index in self._parked) or not isinstance(widget, Parkable):
            return
        if parked:
            self._parked.add(index)
            self._to_unpark.discard(index)
            widget.park()
        else:
            self._parked.discard(index)
            if widget.isVisible():  # on screen now: it paints at once (and would decode then)
                widget.unpark()
            else:  # a neighbour again: decoded at rest, not in the frame that starts a slide-in
                self._to_unpark.add(index)
                if not self.is_animating:
                    self._prefetch.start()

    @Slot(object)
    def _on_animation_value(self, value: object) -> None:
        self._offset = float(value)  # type: ignore[arg-type]
        self._layout_pages()

    @Slot()
    def _on_animation_finished(self) -> None:
        self._offset = 0.0
        self._layout_pages()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for widget in self._pages.values():
            widget.resize(self.page_size())
        self._layout_pages()
        self.geometry_changed.emit()

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        self.geometry_changed.emit()

    # -- the finger -----------------------------------------------------------------------------
    def _is_inside(self, obj: QObject) -> bool:
        return isinstance(obj, QWidget) and (obj is self or self.isAncestorOf(obj))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease,
                        QEvent.Type.MouseButtonDblClick):
            return False
        if not self._is_inside(watched) or not isinstance(event, QMouseEvent):
            return False
        pos = self.mapFromGlobal(event.globalPosition().toPoint()).toPointF()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            if event.button() != Qt.MouseButton.LeftButton:
                return True  # no right-click or middle-click actions
            self.interaction.emit()
            self._press = pos
            self._press_offset = self._offset
            self._dragging = False
            self._swallow_release = False
            self._caught = False
            self._samples = [(self._clock(), pos.x())]
            if self.is_animating:
                # Catch the pages mid-flight: the finger takes over from the animation.
                self._animation.stop()
                self._press_offset = self._offset
                self._dragging = True
                self._swallow_release = True
                self._caught = True
                return True
            return kind == QEvent.Type.MouseButtonDblClick and watched is self
        if self._press is None:
            return False
        dx = pos.x() - self._press.x()
        if kind == QEvent.Type.MouseMove:
            if not self._dragging and abs(dx) > self._slop and abs(dx) > abs(pos.y() - self._press.y()):
                self._dragging = True
                self._swallow_release = True
                self._cancel_press(watched)
            if self._dragging:
                self._samples.append((self._clock(), pos.x()))
                self._samples = self._samples[-6:]
                self._offset = self._press_offset + self._resist(dx)
                self._layout_pages()
                return True
            return False
        # Release.
        self._press = None
        if not self._dragging:
            return False
        self._dragging = False
        self.interaction.emit()
        self._samples.append((self._clock(), pos.x()))
        self._finish_drag()
        swallow = self._swallow_release
        self._swallow_release = False
        return swallow

    def _resist(self, dx: float) -> float:
        """Rubber-band at the ends of the deck."""
        at_start = self.current == 0 and self._press_offset + dx > 0
        at_end = self.current == self._count - 1 and self._press_offset + dx < 0
        return dx / 3.0 if at_start or at_end else dx

    @staticmethod
    def _cancel_press(watched: QObject) -> None:
        widget = watched if isinstance(watched, QWidget) else None
        while widget is not None:
            if isinstance(widget, QAbstractButton):
                widget.setDown(False)
                break
            widget = widget.parentWidget()

    def _velocity(self) -> float:
        if len(self._samples) < 2:
            return 0.0
        t1, x1 = self._samples[-1]
        t0, x0 = next((t, x) for t, x in self._samples if t1 - t <= FLICK_WINDOW_S)
        return (x1 - x0) / max(t1 - t0, 1e-3)

    def _finish_drag(self) -> None:
        width = max(1, self.width())
        velocity = self._velocity()
        # Pages caught mid-flight are judged by the finger's own movement: where they happened
        # to be caught says nothing of the visitor's wish (a tap, often a double tap's second,
        # lets them arrive; a second quick swipe goes on in its direction, never back).
        moved = self._offset - self._press_offset if self._caught else self._offset
        target = self.current
        if moved < -width * SNAP_FRACTION or (velocity < -FLICK_SPEED_PX_PER_S and moved < 0):
            target = self.current + 1
        elif moved > width * SNAP_FRACTION or (velocity > FLICK_SPEED_PX_PER_S and moved > 0):
            target = self.current - 1
        if target != self.current and 0 <= target < self._count:
            self.page_requested.emit(target)
            if self._offset != 0.0 and not self.is_animating and self.current != target:
                self.show_page(self.current)  # nobody moved us: settle back
        else:
            self.show_page(self.current)
