"""Visits: the kiosk's input and page changes turned into visit, slide-view and answer events.

A visit starts at the first input after idle and ends at the idle reset, staff's exit or the
quiet screen. Each slide shown during a visit is a slide view; its dwell is the time until the next
slide (or the home screen, or a language switch) is shown, or the visit ends. Durations come from
a monotonic clock, times of day from the wall clock; both are injected so tests can drive time.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol


class Clock(Protocol):
    """Where the tracker reads the time."""

    def now(self) -> datetime:
        """The local wall-clock time, with its UTC offset (written into the log)."""
        ...

    def monotonic_ms(self) -> int:
        """Milliseconds on a clock that never jumps (for dwell times)."""
        ...


class SystemClock:
    """The real clocks."""

    def now(self) -> datetime:
        return datetime.now().astimezone()

    def monotonic_ms(self) -> int:
        return time.monotonic_ns() // 1_000_000


class EndReason(StrEnum):
    """Why a visit ended (stored in the log)."""

    IDLE = "idle"  # nobody touched the kiosk: the idle reset
    STAFF = "staff"  # staff closed the kiosk
    QUIET = "quiet"  # staff turned on the quiet screen


class VisitSink(Protocol):
    """Where the tracker sends its events; :class:`~kiosk.core.engagement.log.EngagementLog` is one."""

    def visit_started(self, visit_id: str, at: datetime, languages: Sequence[str]) -> int: ...

    def visit_languages(self, visit_id: str, languages: Sequence[str]) -> int: ...

    def visit_ended(self, visit_id: str, at: datetime, reason: str, languages: Sequence[str]) -> int: ...

    def slide_view_started(self, view_id: str, visit_id: str, slide_id: str, language: str,
                           at: datetime) -> int: ...

    def slide_view_ended(self, view_id: str, dwell_ms: int) -> int: ...

    def answer_given(self, event_id: str, visit_id: str, question_id: str, answer_id: str,
                     at: datetime) -> int: ...


def new_event_id() -> str:
    """A random event id (uuid4): says nothing about the visitor or the time."""
    return uuid.uuid4().hex


@dataclass
class _View:
    id: str
    slide_id: str
    language: str
    started_ms: int


@dataclass
class _Visit:
    id: str
    languages: list[str]
    answers: dict[str, str] = field(default_factory=dict)
    view: _View | None = None


class VisitTracker:
    """Feed it what happens on screen; it sends visit events to ``sink``.

    ``language`` is the language shown when the tracker starts. Its methods do no I/O themselves
    (the log only queues), so they are safe to call from the UI thread on every input.
    """

    def __init__(self, sink: VisitSink, *, language: str, clock: Clock | None = None,
                 new_id: Callable[[], str] = new_event_id) -> None:
        self._sink = sink
        self._clock: Clock = clock or SystemClock()
        self._new_id = new_id
        self._language = language
        self._slide: str | None = None  # on screen now; None on the home screen
        self._visit: _Visit | None = None
        self._quiet = False

    # -- state ----------------------------------------------------------------------------------
    @property
    def in_visit(self) -> bool:
        return self._visit is not None

    @property
    def visit_id(self) -> str | None:
        return self._visit.id if self._visit is not None else None

    @property
    def language(self) -> str:
        """The language on screen, as last reported."""
        return self._language

    @property
    def quiet(self) -> bool:
        """True while the quiet screen is on: nothing is recorded."""
        return self._quiet

    def answer_for(self, question_id: str) -> str | None:
        """The answer given to ``question_id`` in this visit, if any (so a view can show it)."""
        return self._visit.answers.get(question_id) if self._visit is not None else None

    # -- events ---------------------------------------------------------------------------------
    def on_input(self) -> None:
        """Any touch, click or key: starts a visit after idle (call it for every input; it is cheap)."""
        if self._visit is None and not self._quiet:
            self._start_visit()

    def on_slide_shown(self, slide_id: str | None, language: str) -> None:
        """A slide (``None``: the home screen) is on screen in ``language``."""
        if slide_id == self._slide and language == self._language:
            return  # the same page drawn again (a resize): not a new view
        self._slide = slide_id
        if language != self._language:
            self.on_language_changed(language)
            return
        self._restart_view()

    def on_language_changed(self, language: str) -> None:
        """The visitor (or the idle reset) switched the language."""
        if language == self._language:
            return
        self._language = language
        visit = self._visit
        if visit is None:
            return
        if language not in visit.languages:
            visit.languages.append(language)
            self._sink.visit_languages(visit.id, tuple(visit.languages))
        self._restart_view()

    def on_answer(self, question_id: str, answer_id: str) -> bool:
        """A visitor answered; False (nothing recorded) if this visit already answered ``question_id``."""
        if self._quiet:
            return False
        if self._visit is None:
            self._start_visit()
        visit = self._visit
        assert visit is not None
        if question_id in visit.answers:
            return False
        visit.answers[question_id] = answer_id
        self._sink.answer_given(self._new_id(), visit.id, question_id, answer_id, self._clock.now())
        return True

    def on_idle_reset(self) -> None:
        """The kiosk went back home after nobody touched it: the visit ends now."""
        self._end_visit(EndReason.IDLE)

    def on_staff_exit(self) -> None:
        """Staff closed the kiosk: the visit ends now."""
        self._end_visit(EndReason.STAFF)

    def set_quiet(self, quiet: bool) -> None:
        """The quiet screen: ends the visit and records nothing until it is turned off."""
        if quiet and not self._quiet:
            self._end_visit(EndReason.QUIET)
        self._quiet = quiet

    # -- inside ---------------------------------------------------------------------------------
    def _start_visit(self) -> None:
        visit = _Visit(self._new_id(), [self._language])
        self._visit = visit
        self._sink.visit_started(visit.id, self._clock.now(), tuple(visit.languages))
        self._restart_view()

    def _restart_view(self) -> None:
        visit = self._visit
        if visit is None:
            return
        self._finish_view(visit)
        if self._slide is not None:
            view = _View(self._new_id(), self._slide, self._language, self._clock.monotonic_ms())
            visit.view = view
            self._sink.slide_view_started(view.id, visit.id, view.slide_id, view.language, self._clock.now())

    def _finish_view(self, visit: _Visit) -> None:
        view = visit.view
        if view is not None:
            visit.view = None
            self._sink.slide_view_ended(view.id, max(0, self._clock.monotonic_ms() - view.started_ms))

    def _end_visit(self, reason: EndReason) -> None:
        visit = self._visit
        if visit is None:
            return
        self._finish_view(visit)
        self._visit = None
        self._sink.visit_ended(visit.id, self._clock.now(), reason.value, tuple(visit.languages))
