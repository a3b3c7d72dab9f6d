"""The engagement report's figures: read one or many logs, merge them by event id, write the CSV files.

Logs from several laptops (or copies of one log taken on different days) combine without counting
anything twice: every visit, slide view and answer has a random id, and a row seen in two files is
kept once, with the more complete of its versions (a visit's end, a view's dwell). Dates are the
laptop's local dates, as recorded.
"""

from __future__ import annotations

import csv
import sqlite3
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Protocol, Self, TypeVar

from kiosk.core.engagement import schema

VISITS_CSV = "visits.csv"
SLIDES_CSV = "slides.csv"
ANSWERS_CSV = "answers.csv"


class ReportError(Exception):
    """A log that cannot be read; ``problems`` says which and why, one line each."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class Visit:
    id: str
    laptop_id: str
    started_at: datetime
    ended_at: datetime | None
    end_reason: str | None
    languages: tuple[str, ...]

    @property
    def day(self) -> date:
        return self.started_at.date()

    def merged(self, other: Visit) -> Visit:
        """This visit as seen in two logs: what one copy has and the other lacks is kept."""
        return replace(self, ended_at=self.ended_at or other.ended_at,
                       end_reason=self.end_reason or other.end_reason,
                       languages=max(self.languages, other.languages, key=len))


@dataclass(frozen=True)
class SlideView:
    id: str
    visit_id: str
    slide_id: str
    language: str
    shown_at: datetime
    dwell_ms: int | None  # None: the kiosk stopped before the next page was shown

    def merged(self, other: SlideView) -> SlideView:
        return replace(self, dwell_ms=self.dwell_ms if self.dwell_ms is not None else other.dwell_ms)


@dataclass(frozen=True)
class Answer:
    id: str
    visit_id: str
    question_id: str
    answer_id: str
    answered_at: datetime

    def merged(self, other: Answer) -> Answer:
        return self  # an answer is written once, whole


@dataclass(frozen=True)
class SlideStats:
    """Views of one slide, and their dwell (over the views whose dwell was recorded)."""

    views: int
    total_dwell_ms: int
    median_dwell_ms: float | None


@dataclass(frozen=True)
class DaySummary:
    """What the staff menu shows for one day."""

    visits: int
    slide_views: int
    answers: int


@dataclass
class Engagement:
    """Visits, slide views and answers, keyed by their event ids."""

    visits: dict[str, Visit] = field(default_factory=dict)
    views: dict[str, SlideView] = field(default_factory=dict)
    answers: dict[str, Answer] = field(default_factory=dict)

    # -- choosing -------------------------------------------------------------------------------
    def between(self, since: date | None = None, until: date | None = None) -> Engagement:
        """The events of the visits that started from ``since`` to ``until`` (both included)."""

        def keep(day: date) -> bool:
            return (since is None or day >= since) and (until is None or day <= until)

        def day_of(visit_id: str, own: datetime) -> date:
            visit = self.visits.get(visit_id)
            return visit.day if visit is not None else own.date()

        return Engagement(
            visits={k: v for k, v in self.visits.items() if keep(v.day)},
            views={k: v for k, v in self.views.items() if keep(day_of(v.visit_id, v.shown_at))},
            answers={k: a for k, a in self.answers.items() if keep(day_of(a.visit_id, a.answered_at))},
        )

    # -- figures --------------------------------------------------------------------------------
    @property
    def laptops(self) -> set[str]:
        return {v.laptop_id for v in self.visits.values()}

    @property
    def languages(self) -> list[str]:
        """Every language seen, in order of first use."""
        seen: dict[str, None] = {}
        for visit in sorted(self.visits.values(), key=lambda v: v.started_at):
            seen.update(dict.fromkeys(visit.languages))
        for view in self.views.values():
            seen.setdefault(view.language)
        return list(seen)

    def visits_in_order(self) -> list[Visit]:
        return sorted(self.visits.values(), key=lambda v: (v.started_at, v.id))

    def visits_per_day(self) -> dict[date, int]:
        counts = Counter(v.day for v in self.visits.values())
        return dict(sorted(counts.items()))

    def visits_per_language(self) -> dict[str, int]:
        """How many visits used each language (a visit that switched counts for both)."""
        counts = Counter(code for v in self.visits.values() for code in v.languages)
        return {code: counts[code] for code in self.languages if counts[code]}

    def slide_stats(self, language: str | None = None) -> dict[str, SlideStats]:
        """Per slide (in order of first view): views and dwell, in one language or all."""
        groups: dict[str, list[SlideView]] = defaultdict(list)
        for view in sorted(self.views.values(), key=lambda v: (v.shown_at, v.id)):
            if language is None or view.language == language:
                groups[view.slide_id].append(view)
        return {slide: _stats(views) for slide, views in groups.items()}

    def answer_counts(self) -> dict[tuple[str, str], int]:
        """(question, answer) -> how many times it was given."""
        counts = Counter((a.question_id, a.answer_id) for a in self.answers.values())
        return dict(sorted(counts.items()))

    def day_summary(self, day: date) -> DaySummary:
        chosen = self.between(day, day)
        return DaySummary(len(chosen.visits), len(chosen.views), len(chosen.answers))


def _stats(views: Sequence[SlideView]) -> SlideStats:
    dwells = [v.dwell_ms for v in views if v.dwell_ms is not None]
    return SlideStats(len(views), sum(dwells), statistics.median(dwells) if dwells else None)


# -- reading and merging ------------------------------------------------------------------------
def read_logs(paths: Iterable[Path]) -> Engagement:
    """Every event of the logs at ``paths``, each once. Raises ReportError naming unreadable files."""
    merged = Engagement()
    problems: list[str] = []
    for path in paths:
        try:
            one = read_log(path)
        except ReportError as exc:
            problems.extend(exc.problems)
            continue
        _merge_into(merged.visits, one.visits.values())
        _merge_into(merged.views, one.views.values())
        _merge_into(merged.answers, one.answers.values())
    if problems:
        raise ReportError(problems)
    return merged


def read_log(path: Path) -> Engagement:
    """One log, opened read-only (it may be the live log, or a copy on a USB stick)."""
    if not path.is_file():
        raise ReportError([f"{path}: no such file"])
    try:
        conn = _open_read_only(path)
    except sqlite3.Error as exc:
        raise ReportError([f"{path}: cannot open ({exc})"]) from None
    try:
        version = schema.schema_version(conn)
        if version == 0:
            return Engagement()  # created, never written
        if version > schema.SCHEMA_VERSION:
            raise ReportError([f"{path}: written by a newer kiosk (log version {version}); "
                               "make the report with that kiosk"])
        data = Engagement()
        for row in conn.execute("SELECT id, laptop_id, started_at, ended_at, end_reason, languages FROM visits"):
            data.visits[row[0]] = Visit(row[0], row[1], _time(row[2]), _time_or_none(row[3]), row[4],
                                        tuple(c for c in str(row[5]).split(",") if c))
        for row in conn.execute("SELECT id, visit_id, slide_id, language, shown_at, dwell_ms FROM slide_views"):
            data.views[row[0]] = SlideView(row[0], row[1], row[2], row[3], _time(row[4]), row[5])
        for row in conn.execute("SELECT id, visit_id, question_id, answer_id, answered_at FROM answers"):
            data.answers[row[0]] = Answer(row[0], row[1], row[2], row[3], _time(row[4]))
        return data
    except (sqlite3.Error, ValueError) as exc:
        raise ReportError([f"{path}: cannot read ({exc})"]) from None
    finally:
        conn.close()


def _open_read_only(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        # A copy on read-only media: a WAL log needs its -shm file, which cannot be made there.
        # Safe only because nothing writes such a copy.
        conn = sqlite3.connect(f"{uri}?immutable=1", uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn


def export_log(source: Path, target: Path) -> None:
    """A consistent, self-contained copy of the log (safe while the kiosk writes), e.g. onto a USB stick."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    src = _open_read_only(source)
    try:
        dest = sqlite3.connect(tmp)
        try:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
        finally:
            dest.close()
    finally:
        src.close()
    tmp.replace(target)


class _Event(Protocol):
    @property
    def id(self) -> str: ...

    def merged(self, other: Self) -> Self: ...


_E = TypeVar("_E", bound=_Event)


def _merge_into(target: dict[str, _E], events: Iterable[_E]) -> None:
    for event in events:
        known = target.get(event.id)
        target[event.id] = event if known is None else known.merged(event)


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _time_or_none(text: str | None) -> datetime | None:
    return _time(text) if text else None


# -- the CSV files ------------------------------------------------------------------------------
def write_csvs(data: Engagement, out: Path, *, slide_order: Sequence[str] = (),
               questions: Mapping[str, Sequence[str]] | None = None) -> list[Path]:
    """visits.csv, slides.csv and answers.csv in ``out``, UTF-8 with a BOM (Excel then shows Khmer).

    ``slide_order`` lists the deck's slides (they come first, in that order, even unviewed);
    ``questions`` maps each feedback question to its answers (listed even when never given).
    """
    out.mkdir(parents=True, exist_ok=True)
    written = [_write(out / VISITS_CSV, _visit_rows(data)),
               _write(out / SLIDES_CSV, _slide_rows(data, slide_order)),
               _write(out / ANSWERS_CSV, _answer_rows(data, questions or {}))]
    return written


def _write(path: Path, rows: Iterable[Sequence[object]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _visit_rows(data: Engagement) -> Iterable[Sequence[object]]:
    yield ("start", "end", "minutes", "languages", "slides_viewed", "slides", "answers", "ended_by",
           "laptop", "visit")
    views_of: dict[str, list[SlideView]] = defaultdict(list)
    for view in sorted(data.views.values(), key=lambda v: (v.shown_at, v.id)):
        views_of[view.visit_id].append(view)
    answers_of: dict[str, list[Answer]] = defaultdict(list)
    for answer in sorted(data.answers.values(), key=lambda a: (a.answered_at, a.id)):
        answers_of[answer.visit_id].append(answer)
    for visit in data.visits_in_order():
        views = views_of.get(visit.id, [])
        minutes = (f"{(visit.ended_at - visit.started_at).total_seconds() / 60:.1f}"
                   if visit.ended_at is not None else "")
        yield (_local(visit.started_at), _local(visit.ended_at), minutes, " ".join(visit.languages),
               len(views), " ".join(v.slide_id for v in views),
               "; ".join(f"{a.question_id}={a.answer_id}" for a in answers_of.get(visit.id, [])),
               visit.end_reason or "not recorded", visit.laptop_id[:8], visit.id)


def _slide_rows(data: Engagement, slide_order: Sequence[str]) -> Iterable[Sequence[object]]:
    languages = data.languages
    header: list[str] = ["slide", "views", "total_dwell_s", "median_dwell_s"]
    for code in languages:
        header += [f"views_{code}", f"total_dwell_s_{code}", f"median_dwell_s_{code}"]
    yield header
    overall = data.slide_stats()
    per_language = {code: data.slide_stats(code) for code in languages}
    slides = [*slide_order, *sorted(set(overall) - set(slide_order))]
    empty = SlideStats(0, 0, None)
    for slide in slides:
        row: list[object] = [slide, *_stat_cells(overall.get(slide, empty))]
        for code in languages:
            row += _stat_cells(per_language[code].get(slide, empty))
        yield row


def _stat_cells(stats: SlideStats) -> list[object]:
    median = "" if stats.median_dwell_ms is None else f"{stats.median_dwell_ms / 1000:.1f}"
    return [stats.views, f"{stats.total_dwell_ms / 1000:.1f}", median]


def _answer_rows(data: Engagement, questions: Mapping[str, Sequence[str]]) -> Iterable[Sequence[object]]:
    yield ("question", "answer", "count")
    counts = data.answer_counts()
    listed: set[tuple[str, str]] = set()
    for question, answers in questions.items():
        for answer in answers:
            listed.add((question, answer))
            yield (question, answer, counts.get((question, answer), 0))
    for (question, answer), count in counts.items():
        if (question, answer) not in listed:
            yield (question, answer, count)


def _local(at: datetime | None) -> str:
    """The time as the laptop's clock showed it: readable in a spreadsheet."""
    return at.strftime("%Y-%m-%d %H:%M:%S") if at is not None else ""
