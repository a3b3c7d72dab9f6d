"""Which view draws which slide type: an explicit table, no name lookups."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.core.content.model import (
    ContactSlide,
    FeedbackSlide,
    ListSlide,
    PeopleSlide,
    Slide,
    StatementSlide,
    TextSlide,
    TimelineSlide,
    TitleSlide,
)
from kiosk.views.context import SlideContext
from kiosk.views.slides.base import SlideView
from kiosk.views.slides.contact import ContactView
from kiosk.views.slides.feedback import FeedbackView
from kiosk.views.slides.listing import ListView
from kiosk.views.slides.people import PeopleView
from kiosk.views.slides.statement import StatementView
from kiosk.views.slides.text import TextView
from kiosk.views.slides.timeline import TimelineView
from kiosk.views.slides.title import TitleView

VIEW_TYPES: dict[type[Slide], type[SlideView]] = {
    TitleSlide: TitleView,
    TextSlide: TextView,
    PeopleSlide: PeopleView,
    ListSlide: ListView,
    TimelineSlide: TimelineView,
    StatementSlide: StatementView,
    ContactSlide: ContactView,
    FeedbackSlide: FeedbackView,
}


def view_for(slide: Slide, context: SlideContext, parent: QWidget | None = None) -> SlideView:
    """A new view of ``slide`` in ``context``'s language, fitted to ``context.slide_size``."""
    try:
        view_type = VIEW_TYPES[type(slide)]
    except KeyError:
        raise TypeError(f"no view for slide type {type(slide).__name__!r}") from None
    return view_type(slide, context, parent)
