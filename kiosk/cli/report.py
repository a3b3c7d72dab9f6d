"""``kiosk report``: the visitor report (visits.csv, slides.csv, answers.csv and report.pdf) from one or many logs."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli.common import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, content_arg
from kiosk.core.errors import ContentError

if TYPE_CHECKING:  # types only: pydantic and Qt load when the command runs
    from kiosk.core.content.model import Deck
    from kiosk.core.engagement.report import Engagement

_app: object = None  # the QGuiApplication the PDF is drawn with, kept for the process


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2025-03-01") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``kiosk report`` (its name and help are in ``kiosk.cli.COMMANDS``)."""
    parser.add_argument("logs", nargs="*", metavar="DB", help="log files, e.g. copies from several laptops")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for the report files")
    parser.add_argument("--since", type=parse_date, metavar="DATE", help="first day (YYYY-MM-DD), included")
    parser.add_argument("--until", type=parse_date, metavar="DATE", help="last day (YYYY-MM-DD), included")
    parser.add_argument("--no-pdf", action="store_true", help="only the CSV files (no Qt needed)")


def run(args: argparse.Namespace) -> int:
    from kiosk.core.engagement.log import LOG_FILE
    from kiosk.core.engagement.report import ReportError, read_logs, write_csvs
    from kiosk.core.storage.paths import data_dir

    since: date | None = args.since
    until: date | None = args.until
    if since is not None and until is not None and since > until:
        print(f"kiosk report: --since {since} is after --until {until}", file=sys.stderr)
        return EXIT_USAGE
    logs = [Path(p) for p in args.logs] or [data_dir() / LOG_FILE]
    try:
        data = read_logs(logs).between(since, until)
    except ReportError as exc:
        for problem in exc.problems:
            print(f"kiosk report: {problem}", file=sys.stderr)
        return EXIT_CONTENT
    deck = _deck(getattr(args, "content", None))
    out = Path(args.out)
    try:
        if args.no_pdf:
            from kiosk.core.content.feedback import feedback_questions

            questions = ({q: [c.id for c in cs] for q, cs in feedback_questions(deck).items()}
                         if deck is not None else None)
            written = write_csvs(data, out, slide_order=[s.id for s in deck.slides] if deck else (),
                                 questions=questions)
        else:
            written = _with_pdf(data, out, deck, since, until)
    except OSError as exc:
        print(f"kiosk report: cannot write to {out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"{len(data.visits)} visits, {len(data.views)} slide views, {len(data.answers)} answers "
          f"from {len(logs)} log(s)")
    for path in written:
        print(f"Wrote {path}")
    return EXIT_OK


def _deck(content: str | None) -> Deck | None:
    """The deck, for slide titles and the questions' answers; the report is made without it if it has problems."""
    from kiosk.core.content.loader import load_content
    from kiosk.core.storage.assets import available_icons

    try:
        return load_content(content_arg(content), icons=available_icons()).deck
    except ContentError as exc:
        print(f"kiosk report: the content has {len(exc.problems)} problem(s); slides are named by id "
              "(run 'kiosk check')", file=sys.stderr)
        return None


def _with_pdf(data: Engagement, out: Path, deck: Deck | None, since: date | None,
              until: date | None) -> list[Path]:
    global _app
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a report needs no screen
    from PySide6.QtGui import QGuiApplication

    from kiosk.core.storage.paths import assets_dir
    from kiosk.views.fonts import register_fonts
    from kiosk.views.report_pdf import Period, write_report

    if QGuiApplication.instance() is None:
        _app = QGuiApplication([sys.argv[0]])
    return write_report(data, out, deck=deck, fonts=register_fonts(), assets=assets_dir(),
                        period=Period(since, until))
