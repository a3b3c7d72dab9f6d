"""The kiosk window: top bar (home, title, languages), the swipeable pages, edge arrows and progress."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.content.model import Deck
from kiosk.core.content.ui_words import UiText
from kiosk.views.chrome import LanguageSwitch, ProgressStrip, TouchButton, arrow_pixmap, svg_icon
from kiosk.views.context import SlideContext
from kiosk.views.fonts import FontSet, font_for
from kiosk.views.home import HomeView
from kiosk.views.keys import KeyAction, action_for
from kiosk.views.metrics import Metrics, TextRole, metrics_for
from kiosk.views.pictures import PictureCache
from kiosk.views.slides.registry import view_for
from kiosk.views.swipe import SwipeArea
from kiosk.views.theme import PALETTE

if TYPE_CHECKING:  # imported with the first slide drawn, see _feedback_view
    from kiosk.views.slides.feedback import FeedbackView

log = logging.getLogger(__name__)


class KioskWindow(QWidget):
    """The visitor's window. It announces what the visitor asks for; the controller decides."""

    next_requested = Signal()
    previous_requested = Signal()
    home_requested = Signal()
    first_requested = Signal()
    last_requested = Signal()
    page_requested = Signal(int)
    topic_requested = Signal(int)
    language_requested = Signal(str)
    interaction = Signal()
    answer_given = Signal(str, str)  # re-announced from the feedback pages: question id, answer id

    def __init__(self, deck: Deck, language: str, fonts: FontSet, assets_dir: Path,
                 pictures: PictureCache | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deck = deck
        self.language = language
        self.fonts = fonts
        self.assets_dir = assets_dir
        self.pictures = pictures if pictures is not None else PictureCache()
        self.setObjectName("kiosk-window")
        self.setWindowTitle(deck.short_name.get(language, deck.default_language))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(f"#kiosk-window {{ background: {PALETTE.surface}; }}")
        self._metrics_size = QSize()
        # Which answer a feedback page shows when it is (re)built: whoever keeps the visit says.
        self._answer_for: Callable[[str], str | None] = lambda _question: None

        root = QVBoxLayout(self)
        self.top = QWidget(self)
        top = QHBoxLayout(self.top)
        top.setContentsMargins(0, 0, 0, 0)
        self.home_button = TouchButton("", self.top)
        self.home_button.setObjectName("home-button")
        self.home_button.clicked.connect(self.home_requested)
        self.title = QLabel(self.top)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title.setStyleSheet(f"color: {PALETTE.primary};")
        self.languages = LanguageSwitch([(lang.code, lang.name) for lang in deck.languages], self.top)
        self.languages.language_requested.connect(self.language_requested)
        top.addWidget(self.home_button)
        top.addWidget(self.title, 1)
        top.addWidget(self.languages)

        self.middle = middle = QHBoxLayout()
        self.previous_button = TouchButton("", self)
        self.previous_button.setObjectName("previous-button")
        self.previous_button.clicked.connect(self.previous_requested)
        self.next_button = TouchButton("", self)
        self.next_button.setObjectName("next-button")
        self.next_button.clicked.connect(self.next_requested)
        self.swipe = SwipeArea(self._build_page, len(deck.slides) + 1, self._metrics().px_per_mm, self)
        self.swipe.page_requested.connect(self.page_requested)
        self.swipe.interaction.connect(self.interaction)
        # In landscape the arrows float over the swipe area's gutters (see _position_arrows), so a
        # page being swiped slides on under them instead of being cut off beside them.
        middle.addWidget(self.swipe, 1)
        self.swipe.geometry_changed.connect(self._position_arrows)

        self.progress = ProgressStrip(self)
        # The last slide is no dead end: a filled button leads back to the start (the topics).
        self.restart_button = TouchButton("", self.top, filled=True)
        self.restart_button.setObjectName("restart-button")
        self.restart_button.clicked.connect(self.home_requested)
        self.restart_button.hide()
        self.bottom = QHBoxLayout()
        self.bottom.addWidget(self.progress, 1)
        top.insertWidget(2, self.restart_button)
        root.addWidget(self.top)
        root.addLayout(middle, 1)
        root.addLayout(self.bottom)
        self._arrows_below = False

        self._relayout_timer = QTimer(self)
        self._relayout_timer.setSingleShot(True)
        self._relayout_timer.setInterval(0)
        self._relayout_timer.timeout.connect(self._apply_metrics)
        # Sizes, fonts, icons and the pages come at the first real size (show or resize), not at
        # Qt's default size: only the words and the buttons' states are set now.
        self._retranslate()
        self._update_state()

    # -- sizes ------------------------------------------------------------------------------------
    def _metrics(self) -> Metrics:
        return metrics_for(self)

    @Slot()
    def _apply_metrics(self) -> None:
        metrics = self._metrics()
        self._metrics_size = self.size()
        root = self.layout()
        assert root is not None
        root.setContentsMargins(metrics.gap, metrics.gap, metrics.gap, metrics.gap)
        root.setSpacing(metrics.gap)
        top = self.top.layout()
        assert top is not None
        top.setSpacing(metrics.gap)  # the title must not touch the Home button
        body_font = font_for(self.language, self.fonts, pixel_size=metrics.text_px(TextRole.BODY))
        self.home_button.apply_metrics(metrics, body_font)
        self.home_button.setIcon(svg_icon(self.assets_dir / "icons" / "home.svg",
                                          round(metrics.target_px * 0.5), PALETTE.primary))
        for button, left in ((self.previous_button, True), (self.next_button, False)):
            button.apply_metrics(metrics, body_font, square=True)
            from PySide6.QtGui import QIcon

            arrow = QIcon(arrow_pixmap(round(metrics.target_px * 0.6), PALETTE.primary, left=left))
            arrow.addPixmap(arrow_pixmap(round(metrics.target_px * 0.6), PALETTE.outline, left=left),
                            QIcon.Mode.Disabled)
            button.setIcon(arrow)
            button.setIconSize(QSize(round(metrics.target_px * 0.6), round(metrics.target_px * 0.6)))
        self.restart_button.apply_metrics(metrics, font_for(self.language, self.fonts,
                                                            pixel_size=metrics.text_px(TextRole.BODY),
                                                            weight=QFont.Weight.Bold))
        self.restart_button.setIcon(svg_icon(self.assets_dir / "icons" / "home.svg",
                                             round(metrics.target_px * 0.5), PALETTE.on_primary))
        self.bottom.setSpacing(metrics.gap)
        self._place_arrows(below=metrics.height > metrics.width)
        self.title.setFont(font_for(self.language, self.fonts, pixel_size=metrics.text_px(TextRole.BODY)))
        self.languages.apply_metrics(metrics, self.fonts)
        self.progress.apply_metrics(metrics, font_for(self.language, self.fonts,
                                                      pixel_size=metrics.text_px(TextRole.CAPTION)))
        self._retranslate()
        # The bars' own layouts first: root.activate() alone reads their old heights, and the
        # pages would be fitted to a taller page area than they get (the home grid cut off).
        top.activate()
        progress = self.progress.layout()
        if progress is not None:
            progress.activate()
        root.activate()
        self._position_arrows()  # the gutters first: the pages are built at their final width
        self.swipe.reset(len(self.deck.slides) + 1)
        self._update_state()

    def _place_arrows(self, *, below: bool) -> None:
        """Beside the pages on a landscape screen; in a row at the bottom on a portrait one,
        where the visitor's thumb is (the pages then get the whole width)."""
        if below == self._arrows_below:
            return
        self._arrows_below = below
        self.progress.set_compact(below)
        top = self.top.layout()
        assert isinstance(top, QHBoxLayout)
        for button in (self.previous_button, self.next_button, self.restart_button):
            self.bottom.removeWidget(button)
            top.removeWidget(button)
        # "Back to the start" goes where the bars already have a finger's height: beside the
        # languages in landscape, with the arrows in portrait; showing it never resizes the pages.
        if below:
            self.restart_button.setParent(self)
            self.bottom.insertWidget(0, self.previous_button, 0, Qt.AlignmentFlag.AlignVCenter)
            self.bottom.addWidget(self.restart_button, 0, Qt.AlignmentFlag.AlignVCenter)
            self.bottom.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignVCenter)
        else:
            self.restart_button.setParent(self.top)
            top.insertWidget(2, self.restart_button)
            for button in (self.previous_button, self.next_button):
                button.setParent(self)  # out of every layout: placed by _position_arrows
                button.show()

    @Slot()
    def _position_arrows(self) -> None:
        """In landscape: each arrow in its gutter of the swipe area, centred on the page's height,
        above the pages; the gutters are as wide as an arrow and the row's spacing. In portrait:
        no gutters."""
        if self._arrows_below:
            self.swipe.set_gutter(0)
            return
        area = self.swipe.geometry()
        gap = max(0, self.middle.spacing())  # the pages keep the width they had beside the arrows
        # The size a layout would give the arrow: its hint, within its minimum and maximum.
        hint = self.previous_button.sizeHint().expandedTo(self.previous_button.minimumSize()).boundedTo(
            self.previous_button.maximumSize())
        width, height = hint.width(), hint.height()
        if self.swipe.gutter != width + gap:
            self.swipe.set_gutter(width + gap)
        for button, x in ((self.previous_button, area.left()), (self.next_button, area.right() + 1 - width)):
            button.setGeometry(x, area.top() + (area.height() - height) // 2, width, height)
            button.raise_()

    @property
    def arrows_below(self) -> bool:
        return self._arrows_below

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._metrics_size.isValid():
            self._relayout_timer.stop()
            self._apply_metrics()  # the first real size: build now, before the first paint
        elif event.size() != self._metrics_size:
            self._relayout_timer.start()

    # -- pages ------------------------------------------------------------------------------------
    def context(self) -> SlideContext:
        return SlideContext(deck=self.deck, language=self.language, metrics=self._metrics(),
                            fonts=self.fonts, assets_dir=self.assets_dir,
                            slide_size=self.swipe.page_size() if self.swipe.width() > 1 else QSize(800, 400),
                            pictures=self.pictures)

    def _build_page(self, index: int) -> QWidget:
        context = self.context()
        if index == 0:
            home = HomeView(context)
            home.topic_requested.connect(self.topic_requested)
            return home
        view = view_for(self.deck.slides[index - 1], context)
        if isinstance(view, _feedback_view()):
            answered = self._answer_for(view.slide.id)
            if answered is not None:
                view.show_answered(answered)
            view.answer_given.connect(self.answer_given)
        return view

    def set_answer_source(self, answer_for: Callable[[str], str | None]) -> None:
        """Where feedback pages learn the answer already given (a rebuilt page must not ask again)."""
        self._answer_for = answer_for
        self.show_answers()

    def show_answers(self) -> None:
        """Every built feedback page shows its answer from the source again (e.g. a new visit: none)."""
        for page in self.swipe.built_pages().values():
            if isinstance(page, _feedback_view()):
                page.show_answered(self._answer_for(page.slide.id))

    @property
    def current_page(self) -> int:
        return self.swipe.current

    def current_view(self) -> QWidget:
        return self.swipe.page(self.swipe.current)

    @Slot(int, bool)
    def show_page(self, page: int, animate: bool = True) -> None:
        self.swipe.show_page(page, animate=animate)
        self._update_state()

    @Slot(str)
    def set_language(self, code: str) -> None:
        """Every visible text changes at once: the chrome is retranslated, the pages rebuilt."""
        self.language = code
        self._apply_metrics()

    @Slot(object)
    def set_deck(self, deck: Deck) -> None:
        """New content: rebuild the language buttons when the deck's languages changed."""
        old = [(lang.code, lang.name) for lang in self.deck.languages]
        new = [(lang.code, lang.name) for lang in deck.languages]
        self.deck = deck
        if new != old:
            top = self.top.layout()
            assert top is not None
            switch = LanguageSwitch(new, self.top)
            switch.language_requested.connect(self.language_requested)
            top.replaceWidget(self.languages, switch)
            self.languages.deleteLater()
            self.languages = switch
            switch.show()
        self._apply_metrics()

    def _retranslate(self) -> None:
        context = self.context()
        self.home_button.setText(context.ui(UiText.HOME))
        self.home_button.setAccessibleName(context.ui(UiText.HOME))
        self.previous_button.setAccessibleName(context.ui(UiText.PREVIOUS))
        self.next_button.setAccessibleName(context.ui(UiText.NEXT))
        self.restart_button.setText(context.mark(context.ui(UiText.BACK_TO_START)))
        self.restart_button.setAccessibleName(context.ui(UiText.BACK_TO_START))
        self.languages.set_current(self.language, context.ui(UiText.LANGUAGE))
        self.setWindowTitle(context.plain(self.deck.short_name))

    def _update_state(self) -> None:
        context = self.context()
        page = self.swipe.current
        total = len(self.deck.slides)
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < total)
        last = page == total and total > 0
        self.restart_button.setVisible(last)
        # Beside the arrows and the restart button a portrait row has no room for the topic's name;
        # there "Back to the start" takes the place of the next arrow, which leads nowhere.
        self.progress.topic.setVisible(not (self._arrows_below and last))
        self.next_button.setVisible(not (self._arrows_below and last))
        # In landscape "Back to the start" sits in the top bar: the Home button beside it would
        # be a second button doing the same.
        self.home_button.setVisible(self._arrows_below or not last)
        self.home_button.setEnabled(page > 0)
        # The short name on every page: the home screen shows the full name large just below, and
        # the full name does not fit beside the buttons on a narrow (portrait) screen.
        self.title.setText(context.mark(context.plain(self.deck.short_name)))
        if page == 0:
            topic_name = ""
        else:
            topic = self.deck.topic_of(self.deck.slides[page - 1].id)
            topic_name = context.plain(topic.title) if topic else ""
        self.progress.set_progress(context.mark(topic_name), context.number(page) if page else "",
                                   context.number(total), page, total, context.ui(UiText.SLIDE))

    # -- keys (keyboards and presentation clickers) ----------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.interaction.emit()
        signals = {
            KeyAction.NEXT: self.next_requested,
            KeyAction.PREVIOUS: self.previous_requested,
            KeyAction.FIRST: self.first_requested,
            KeyAction.LAST: self.last_requested,
        }
        action = action_for(event.key())
        signal = signals[action] if action is not None else None
        if signal is not None:
            signal.emit()
        else:
            super().keyPressEvent(event)


def _feedback_view() -> type[FeedbackView]:
    """The feedback slide's view class, imported with the first slide drawn (not at start-up)."""
    from kiosk.views.slides.feedback import FeedbackView

    return FeedbackView
