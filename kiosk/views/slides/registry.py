"""Which view draws which slide type: an explicit table, no name lookups.

A view's module is imported when the first slide of its type is drawn, not at start-up: the first
screen is home, and the slide views (with the feedback slide's province list) come after it.
"""

from __future__ import annotations

import importlib

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

#: Slide type -> (module in kiosk.views.slides, view class).
VIEW_MODULES: dict[type[Slide], tuple[str, str]] = {
    TitleSlide: ("title", "TitleView"),
    TextSlide: ("text", "TextView"),
    PeopleSlide: ("people", "PeopleView"),
    ListSlide: ("listing", "ListView"),
    TimelineSlide: ("timeline", "TimelineView"),
    StatementSlide: ("statement", "StatementView"),
    ContactSlide: ("contact", "ContactView"),
    FeedbackSlide: ("feedback", "FeedbackView"),
}


def view_type(slide_type: type[Slide]) -> type[SlideView]:
    """The view class for ``slide_type`` (its module imported now if it was not yet)."""
    try:
        module, name = VIEW_MODULES[slide_type]
    except KeyError:
        raise TypeError(f"no view for slide type {slide_type.__name__!r}") from None
    found = getattr(importlib.import_module(f"kiosk.views.slides.{module}"), name)
    if not (isinstance(found, type) and issubclass(found, SlideView)):
        raise TypeError(f"kiosk.views.slides.{module}.{name} is not a slide view")
    return found


def view_for(slide: Slide, context: SlideContext, parent: QWidget | None = None) -> SlideView:
    """A new view of ``slide`` in ``context``'s language, fitted to ``context.slide_size``."""
    return view_type(type(slide))(slide, context, parent)
