"""The report's figures and CSV files: many logs merged by event id, dates chosen, UTF-8 with a BOM."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kiosk.core.engagement.log import EngagementLog
from kiosk.core.engagement.report import ReportError, SlideStats, export_log, read_logs, write_csvs
from kiosk.core.engagement.visits import VisitTracker

ICT = timezone(timedelta(hours=7))
DAY1 = datetime(2025, 3, 1, 9, 0, 0, tzinfo=ICT)
DAY2 = datetime(2025, 3, 2, 14, 0, 0, tzinfo=ICT)


class Clock:
    def __init__(self, start: datetime) -> None:
        self.start, self.ms = start, 0

    def advance(self, seconds: float) -> None:
        self.ms += round(seconds * 1000)

    def now(self) -> datetime:
        return self.start + timedelta(milliseconds=self.ms)

    def monotonic_ms(self) -> int:
        return self.ms


@pytest.fixture
def logs(tmp_path: Path) -> Iterator[dict[str, EngagementLog]]:
    opened = {name: EngagementLog(tmp_path / f"{name}.db").start() for name in ("a", "b")}
    yield opened
    for log in opened.values():
        log.close()


def visit(log: EngagementLog, start: datetime, steps: list[tuple[str, object]], *, end: bool = True) -> None:
    """Drive a visit through the tracker: ('show', slide), ('lang', code), ('wait', s), ('answer', (q, a))."""
    clock = Clock(start)
    tracker = VisitTracker(log, language="km", clock=clock)
    tracker.on_input()
    for kind, value in steps:
        if kind == "show":
            tracker.on_slide_shown(str(value), tracker.language)
        elif kind == "lang":
            tracker.on_language_changed(str(value))
        elif kind == "wait":
            assert isinstance(value, (int, float))
            clock.advance(value)
        elif kind == "answer":
            assert isinstance(value, tuple)
            tracker.on_answer(*value)
    if end:
        tracker.on_idle_reset()
    assert log.flush()


def read_csv(path: Path) -> list[list[str]]:
    import csv

    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    return list(csv.reader(raw.decode("utf-8-sig").splitlines()))


def test_logs_of_two_laptops_and_an_early_copy_count_each_event_once(
        tmp_path: Path, logs: dict[str, EngagementLog]) -> None:
    a, b = logs["a"], logs["b"]
    visit(a, DAY1, [("show", "mission"), ("wait", 10), ("answer", ("feedback", "happy")),
                    ("show", "vision"), ("wait", 20)])
    copy = tmp_path / "usb" / "a-copy.db"
    export_log(a.path, copy)  # the same events twice: the log and its copy on a USB stick
    visit(b, DAY2, [("show", "mission"), ("wait", 4), ("lang", "en"), ("wait", 6),
                    ("answer", ("feedback", "sad"))])

    data = read_logs([copy, b.path, a.path, copy])
    assert len(data.visits) == 2
    assert len(data.answers) == 2
    assert len(data.laptops) == 2
    assert data.answer_counts() == {("feedback", "happy"): 1, ("feedback", "sad"): 1}
    stats = data.slide_stats()
    assert stats["mission"].views == 3  # km on day 1; km then en on day 2
    assert stats["mission"].total_dwell_ms == 10_000 + 4_000 + 6_000
    assert stats["vision"] == SlideStats(1, 20_000, 20_000)
    assert data.visits_per_language() == {"km": 2, "en": 1}


def test_a_copy_taken_before_the_visit_ended_adds_nothing_and_loses_nothing(
        tmp_path: Path, logs: dict[str, EngagementLog]) -> None:
    a = logs["a"]
    clock = Clock(DAY1)
    tracker = VisitTracker(a, language="km", clock=clock)
    tracker.on_input()
    tracker.on_slide_shown("mission", "km")
    clock.advance(12)
    assert a.flush()
    early = tmp_path / "early.db"
    export_log(a.path, early)
    tracker.on_idle_reset()
    assert a.flush()
    for order in ([early, a.path], [a.path, early]):
        data = read_logs(order)
        (only,) = data.visits.values()
        assert only.ended_at == DAY1 + timedelta(seconds=12)
        assert only.end_reason == "idle"
        (view,) = data.views.values()
        assert view.dwell_ms == 12_000


def test_since_and_until_choose_visits_by_their_local_date(logs: dict[str, EngagementLog]) -> None:
    a = logs["a"]
    visit(a, DAY1, [("show", "mission"), ("wait", 5), ("answer", ("feedback", "happy"))])
    visit(a, DAY2, [("show", "vision"), ("wait", 5), ("answer", ("feedback", "sad"))])
    # 23:30 in Cambodia is the next day in UTC: the local date counts.
    visit(a, datetime(2025, 3, 2, 23, 30, tzinfo=ICT), [("show", "contact"), ("wait", 5)])
    data = read_logs([a.path])
    assert data.visits_per_day() == {date(2025, 3, 1): 1, date(2025, 3, 2): 2}
    day2 = data.between(date(2025, 3, 2), date(2025, 3, 2))
    assert len(day2.visits) == 2
    assert set(day2.slide_stats()) == {"vision", "contact"}
    assert day2.answer_counts() == {("feedback", "sad"): 1}
    assert data.between(since=date(2025, 3, 3)).visits == {}
    assert len(data.between(until=date(2025, 3, 1)).visits) == 1
    assert data.day_summary(date(2025, 3, 1)).visits == 1


def test_the_csv_files(tmp_path: Path, logs: dict[str, EngagementLog]) -> None:
    a = logs["a"]
    visit(a, DAY1, [("show", "mission"), ("wait", 10), ("show", "vision"), ("wait", 30.5),
                    ("answer", ("feedback", "happy"))])
    visit(a, DAY1 + timedelta(hours=1), [("show", "mission"), ("wait", 20), ("lang", "en"), ("wait", 2)])
    data = read_logs([a.path])
    written = write_csvs(data, tmp_path / "report", slide_order=["background", "mission", "vision"],
                         questions={"feedback": ["very-happy", "happy", "sad"]})
    assert [p.name for p in written] == ["visits.csv", "slides.csv", "answers.csv"]

    visits = read_csv(tmp_path / "report" / "visits.csv")
    assert visits[0] == ["start", "end", "minutes", "languages", "slides_viewed", "slides", "answers",
                         "ended_by", "laptop", "visit"]
    assert [row[:8] for row in visits[1:]] == [
        ["2025-03-01 09:00:00", "2025-03-01 09:00:40", "0.7", "km", "2", "mission vision", "feedback=happy",
         "idle"],
        ["2025-03-01 10:00:00", "2025-03-01 10:00:22", "0.4", "km en", "2", "mission mission", "", "idle"],
    ]
    assert read_csv(tmp_path / "report" / "slides.csv") == [
        ["slide", "views", "total_dwell_s", "median_dwell_s", "views_km", "total_dwell_s_km",
         "median_dwell_s_km", "views_en", "total_dwell_s_en", "median_dwell_s_en"],
        ["background", "0", "0.0", "", "0", "0.0", "", "0", "0.0", ""],
        ["mission", "3", "32.0", "10.0", "2", "30.0", "15.0", "1", "2.0", "2.0"],
        ["vision", "1", "30.5", "30.5", "1", "30.5", "30.5", "0", "0.0", ""],
    ]
    assert read_csv(tmp_path / "report" / "answers.csv") == [
        ["question", "answer", "count"], ["feedback", "very-happy", "0"], ["feedback", "happy", "1"],
        ["feedback", "sad", "0"]]


def test_unreadable_logs_are_named_together(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(ReportError) as info:
        read_logs([tmp_path / "missing.db", junk])
    assert info.value.problems[0] == f"{tmp_path / 'missing.db'}: no such file"
    assert info.value.problems[1].startswith(f"{junk}: cannot ")
    assert len(info.value.problems) == 2


def test_an_exported_copy_is_one_file(tmp_path: Path, logs: dict[str, EngagementLog]) -> None:
    visit(logs["a"], DAY1, [("show", "mission"), ("wait", 3)])
    target = tmp_path / "usb" / "kiosk-log.db"
    export_log(logs["a"].path, target)
    assert not Path(f"{target}-wal").exists()
    assert len(read_logs([target]).views) == 1
