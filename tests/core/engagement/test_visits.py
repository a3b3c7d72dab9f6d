"""Visit logic: when a visit starts and ends, what each slide view's dwell is, one answer per question."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from itertools import count
from pathlib import Path

import pytest

from kiosk.core.engagement.log import EngagementLog
from kiosk.core.engagement.visits import VisitTracker

T0 = datetime(2025, 3, 1, 9, 0, 0, tzinfo=timezone(timedelta(hours=7)))


class FakeClock:
    def __init__(self) -> None:
        self.ms = 0

    def advance(self, seconds: float) -> None:
        self.ms += round(seconds * 1000)

    def now(self) -> datetime:
        return T0 + timedelta(milliseconds=self.ms)

    def monotonic_ms(self) -> int:
        return self.ms


class ListSink:
    """Keeps the events as readable tuples, times as seconds after T0."""

    def __init__(self) -> None:
        self.events: list[tuple[object, ...]] = []

    def _t(self, at: datetime) -> float:
        return (at - T0).total_seconds()

    def visit_started(self, visit_id: str, at: datetime, languages: Sequence[str]) -> int:
        self.events.append(("visit", visit_id, self._t(at), tuple(languages)))
        return len(self.events)

    def visit_languages(self, visit_id: str, languages: Sequence[str]) -> int:
        self.events.append(("languages", visit_id, tuple(languages)))
        return len(self.events)

    def visit_ended(self, visit_id: str, at: datetime, reason: str, languages: Sequence[str]) -> int:
        self.events.append(("end", visit_id, self._t(at), reason, tuple(languages)))
        return len(self.events)

    def slide_view_started(self, view_id: str, visit_id: str, slide_id: str, language: str,
                           at: datetime) -> int:
        self.events.append(("view", view_id, visit_id, slide_id, language, self._t(at)))
        return len(self.events)

    def slide_view_ended(self, view_id: str, dwell_ms: int) -> int:
        self.events.append(("dwell", view_id, dwell_ms))
        return len(self.events)

    def answer_given(self, event_id: str, visit_id: str, question_id: str, answer_id: str,
                     at: datetime) -> int:
        self.events.append(("answer", visit_id, question_id, answer_id, self._t(at)))
        return len(self.events)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sink() -> ListSink:
    return ListSink()


@pytest.fixture
def tracker(sink: ListSink, clock: FakeClock) -> VisitTracker:
    ids = count(1)
    return VisitTracker(sink, language="km", clock=clock, new_id=lambda: f"id{next(ids)}")


def test_nothing_is_recorded_before_the_first_touch(tracker: VisitTracker, sink: ListSink,
                                                     clock: FakeClock) -> None:
    tracker.on_slide_shown("mission", "km")  # e.g. the kiosk left on a slide by staff
    clock.advance(30)
    assert sink.events == []
    assert not tracker.in_visit
    tracker.on_input()
    assert sink.events == [("visit", "id1", 30.0, ("km",)), ("view", "id2", "id1", "mission", "km", 30.0)]
    tracker.on_input()  # further input during the visit records nothing
    assert len(sink.events) == 2


def test_dwell_runs_until_the_next_slide_the_home_screen_or_the_visit_end(
        tracker: VisitTracker, sink: ListSink, clock: FakeClock) -> None:
    tracker.on_input()
    clock.advance(2)
    tracker.on_slide_shown("background", "km")
    clock.advance(12.5)
    tracker.on_slide_shown("mission", "km")
    clock.advance(3)
    tracker.on_slide_shown(None, "km")  # home
    clock.advance(5)
    tracker.on_slide_shown("vision", "km")
    clock.advance(40)
    tracker.on_idle_reset()
    assert sink.events == [
        ("visit", "id1", 0.0, ("km",)),
        ("view", "id2", "id1", "background", "km", 2.0),
        ("dwell", "id2", 12_500),
        ("view", "id3", "id1", "mission", "km", 14.5),
        ("dwell", "id3", 3_000),
        ("view", "id4", "id1", "vision", "km", 22.5),
        ("dwell", "id4", 40_000),
        ("end", "id1", 62.5, "idle", ("km",)),
    ]
    assert not tracker.in_visit


def test_the_same_slide_drawn_again_is_one_view(tracker: VisitTracker, sink: ListSink, clock: FakeClock) -> None:
    tracker.on_input()
    tracker.on_slide_shown("mission", "km")
    clock.advance(1)
    tracker.on_slide_shown("mission", "km")  # a resize rebuilt the page
    assert [e[0] for e in sink.events] == ["visit", "view"]


def test_a_language_switch_adds_the_language_and_starts_a_view_in_it(
        tracker: VisitTracker, sink: ListSink, clock: FakeClock) -> None:
    tracker.on_input()
    tracker.on_slide_shown("mission", "km")
    clock.advance(4)
    tracker.on_language_changed("en")
    tracker.on_slide_shown("mission", "en")  # the page redrawn in English: the same view
    clock.advance(6)
    tracker.on_language_changed("km")  # back: km is listed once
    clock.advance(1)
    tracker.on_staff_exit()
    assert sink.events == [
        ("visit", "id1", 0.0, ("km",)),
        ("view", "id2", "id1", "mission", "km", 0.0),
        ("languages", "id1", ("km", "en")),
        ("dwell", "id2", 4_000),
        ("view", "id3", "id1", "mission", "en", 4.0),
        ("dwell", "id3", 6_000),
        ("view", "id4", "id1", "mission", "km", 10.0),
        ("dwell", "id4", 1_000),
        ("end", "id1", 11.0, "staff", ("km", "en")),
    ]


def test_one_answer_per_question_per_visit(tracker: VisitTracker, sink: ListSink, clock: FakeClock) -> None:
    tracker.on_input()
    assert tracker.on_answer("feedback", "happy")
    assert not tracker.on_answer("feedback", "sad")
    assert tracker.on_answer("province", "kampot")
    assert tracker.answer_for("feedback") == "happy"
    tracker.on_idle_reset()
    assert tracker.answer_for("feedback") is None
    tracker.on_input()
    assert tracker.on_answer("feedback", "sad")  # a new visitor
    answers = [e[1:4] for e in sink.events if e[0] == "answer"]
    assert answers == [("id1", "feedback", "happy"), ("id1", "province", "kampot"), ("id4", "feedback", "sad")]


def test_the_quiet_screen_ends_the_visit_and_records_nothing(
        tracker: VisitTracker, sink: ListSink, clock: FakeClock) -> None:
    tracker.on_input()
    tracker.on_slide_shown("mission", "km")
    clock.advance(3)
    tracker.set_quiet(True)
    assert sink.events[-2:] == [("dwell", "id2", 3_000), ("end", "id1", 3.0, "quiet", ("km",))]
    before = list(sink.events)
    tracker.on_input()
    tracker.on_slide_shown("vision", "km")
    assert not tracker.on_answer("feedback", "happy")
    tracker.on_idle_reset()
    assert sink.events == before
    assert tracker.quiet
    tracker.set_quiet(False)
    clock.advance(1)
    tracker.on_input()  # the next visitor, on the slide now shown
    assert sink.events[len(before):] == [("visit", "id3", 4.0, ("km",)),
                                        ("view", "id4", "id3", "vision", "km", 4.0)]


def test_an_answer_without_a_touch_first_still_makes_a_visit(
        tracker: VisitTracker, sink: ListSink) -> None:
    assert tracker.on_answer("feedback", "neutral")
    assert [e[0] for e in sink.events] == ["visit", "answer"]


def test_the_tracker_writes_through_the_real_log(tmp_path: Path, clock: FakeClock) -> None:
    import sqlite3

    log = EngagementLog(tmp_path / "engagement.db").start()
    try:
        tracker = VisitTracker(log, language="km", clock=clock)
        tracker.on_input()
        tracker.on_slide_shown("mission", "km")
        clock.advance(8)
        tracker.on_answer("feedback", "happy")
        tracker.on_language_changed("en")
        clock.advance(2)
        tracker.on_idle_reset()
        assert log.flush()
    finally:
        log.close()
    conn = sqlite3.connect(tmp_path / "engagement.db")
    assert conn.execute("SELECT languages, end_reason FROM visits").fetchall() == [("km,en", "idle")]
    assert conn.execute("SELECT slide_id, language, dwell_ms FROM slide_views ORDER BY shown_at, language DESC"
                        ).fetchall() == [("mission", "km", 8000), ("mission", "en", 2000)]
    assert conn.execute("SELECT question_id, answer_id FROM answers").fetchall() == [("feedback", "happy")]
    conn.close()
