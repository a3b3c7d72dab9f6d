"""``kiosk report``: CSV files and a PDF from logs made by driving the visit tracker."""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from kiosk.cli import parse_args
from kiosk.cli import report as report_cli
from kiosk.cli.common import EXIT_USAGE
from kiosk.core.content.loader import load_content
from kiosk.core.engagement.log import EngagementLog
from kiosk.core.engagement.visits import VisitTracker
from kiosk.core.storage.assets import available_icons
from kiosk.core.storage.paths import bundled_content_dir

ICT = timezone(timedelta(hours=7))


class StepClock:
    def __init__(self, start: datetime) -> None:
        self.start, self.ms = start, 0

    def now(self) -> datetime:
        return self.start + timedelta(milliseconds=self.ms)

    def monotonic_ms(self) -> int:
        return self.ms


def simulate(path: Path, days: list[datetime], seed: int, visits_per_day: tuple[int, int] = (3, 12)) -> int:
    """Visitors on the bundled deck: swipes through some slides, a language switch, an answer."""
    deck = load_content(bundled_content_dir(), icons=available_icons()).deck
    slides = [s.id for s in deck.slides]
    rng = random.Random(seed)
    log = EngagementLog(path).start()
    count = 0
    try:
        for day in days:
            for n in range(rng.randint(*visits_per_day)):
                clock = StepClock(day + timedelta(minutes=25 * n))
                tracker = VisitTracker(log, language="km", clock=clock)
                tracker.on_input()
                start = rng.randrange(len(slides) - 3)
                for slide in slides[start:start + rng.randint(2, 8)]:
                    tracker.on_slide_shown(slide, tracker.language)
                    clock.ms += rng.randint(3_000, 40_000)
                    if rng.random() < 0.15:
                        tracker.on_language_changed("en" if tracker.language == "km" else "km")
                        clock.ms += rng.randint(2_000, 9_000)
                if rng.random() < 0.7:
                    tracker.on_slide_shown("your-view", tracker.language)
                    clock.ms += 4_000
                    tracker.on_answer("your-view", rng.choice(["very-much", "liked-it", "liked-it", "not-sure",
                                                               "did-not-like-it"]))
                tracker.on_idle_reset()
                count += 1
        assert log.flush(10)
    finally:
        log.close()
    return count


def parse(*argv: str) -> argparse.Namespace:
    args = parse_args(["report", *argv])  # the real command line
    assert isinstance(args, argparse.Namespace)
    return args


@pytest.fixture
def two_laptops(tmp_path: Path) -> tuple[Path, Path, int]:
    days = [datetime(2025, 3, d, 8, 30, tzinfo=ICT) for d in (1, 2, 3)]
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    visits = simulate(a, days, 1) + simulate(b, days[1:], 2)
    return a, b, visits


def test_the_report_combines_logs_and_writes_csv_and_pdf(two_laptops: tuple[Path, Path, int], tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    a, b, visits = two_laptops
    out = tmp_path / "usb" / "report"
    assert report_cli.run(parse("--out", str(out), str(a), str(b), str(a))) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"{visits} visits, ")
    names = sorted(p.name for p in out.iterdir())
    assert names == ["answers.csv", "report.pdf", "slides.csv", "visits.csv"]
    visits_csv = (out / "visits.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(visits_csv) == 1 + visits  # a log given twice counts once
    pdf = (out / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    pages = re.findall(rb"/Type\s*/Page(?![s\w])", pdf)
    assert len(pages) >= 4  # pictures first (cover, attention, answers), then the tables


def test_since_and_until_choose_the_days(two_laptops: tuple[Path, Path, int], tmp_path: Path) -> None:
    a, b, _ = two_laptops
    out = tmp_path / "day1"
    assert report_cli.run(parse("--out", str(out), "--since", "2025-03-01", "--until", "2025-03-01", "--no-pdf",
                                str(a), str(b))) == 0
    rows = (out / "visits.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    conn = sqlite3.connect(a)
    day1 = conn.execute("SELECT count(*) FROM visits WHERE started_at LIKE '2025-03-01%'").fetchone()[0]
    conn.close()
    assert len(rows) == day1 > 0
    assert all(row.startswith("2025-03-01 ") for row in rows)
    assert not (out / "report.pdf").exists()


@pytest.mark.parametrize(("argv", "message"), [
    (["--since", "2025-03-05", "--until", "2025-03-01"],
     "kiosk report: --since 2025-03-05 is after --until 2025-03-01"),
    (["missing.db"], "kiosk report: missing.db: no such file"),
])
def test_mistakes_are_told_plainly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert report_cli.run(parse("--out", "out", *argv)) != 0
    assert capsys.readouterr().err.splitlines()[0] == message


def test_a_date_must_be_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_args(["report", "--out", "x", "--since", "1/3/2025"]) == EXIT_USAGE
    assert "'1/3/2025' is not a date; write it as YYYY-MM-DD, e.g. 2025-03-01" in capsys.readouterr().err
