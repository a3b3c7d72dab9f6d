"""The printable visitor report: an A4 PDF drawn with QPdfWriter and QPainter, in Khmer and English.

Pictures first (totals, visits per day, languages, the slides that held attention, the answers
with their pictures), tables after. Every text is Khmer above English; Khmer numbers and dates
use Khmer digits. Khmer is shaped by Qt (HarfBuzz) with the bundled fonts and wrapped at word
boundaries (:func:`~kiosk.core.text.linebreak.wrap_khmer`), with taller lines as on screen.

It is long (about 450 lines) because it draws one printable document, page by page; the figures come
from the Qt-free kiosk.core.engagement.report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtSvg import QSvgRenderer

from kiosk.core.content.feedback import FeedbackChoice, feedback_questions
from kiosk.core.content.markup import to_plain_text
from kiosk.core.content.model import Deck, LocalizedText, Slide
from kiosk.core.engagement.report import Engagement, write_csvs
from kiosk.core.engagement.words import (
    REPORT_WORDS,
    format_date,
    format_number,
    format_short_date,
)
from kiosk.core.text.rules import wrap_khmer
from kiosk.views.fonts import FontSet, contains_khmer, font_for
from kiosk.views.text import KHMER_LINE_HEIGHT_PERCENT
from kiosk.views.theme import PALETTE

PDF_NAME = "report.pdf"
DPI = 300
PX_PER_MM = DPI / 25.4
PX_PER_PT = DPI / 72
MARGIN_MM = 16
#: Bars in "the slides that held attention" (the rest are in the table).
TOP_SLIDES = 10


@dataclass(frozen=True)
class Period:
    since: date | None
    until: date | None


def write_report(data: Engagement, out: Path, *, deck: Deck | None, fonts: FontSet, assets: Path,
                 period: Period) -> list[Path]:
    """The CSV files and the PDF in ``out`` (a QGuiApplication must exist); returns the files written."""
    slide_order = [s.id for s in deck.slides] if deck is not None else []
    questions = ({q: [c.id for c in choices] for q, choices in feedback_questions(deck).items()}
                 if deck is not None else {})
    written = write_csvs(data, out, slide_order=slide_order, questions=questions)
    pdf = out / PDF_NAME
    ReportPdf(pdf, fonts, assets, deck).draw(data, period)
    return [*written, pdf]


def _words(key: str) -> tuple[str, str]:
    return REPORT_WORDS[key]


class ReportPdf:
    """Lays the report out top to bottom, starting a new page when the next block does not fit."""

    def __init__(self, path: Path, fonts: FontSet, assets: Path, deck: Deck | None) -> None:
        self.path = path
        self.fonts = fonts
        self.icons = assets / "icons"
        self.deck = deck
        self.y = 0.0

    # -- the document ---------------------------------------------------------------------------
    def draw(self, data: Engagement, period: Period) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        writer = QPdfWriter(str(self.path))
        writer.setResolution(DPI)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                         QPageLayout.Unit.Millimeter))
        writer.setTitle("Visitor report")
        writer.setCreator("MIRO kiosk")
        self.writer = writer
        self.width = float(writer.width())
        self.height = float(writer.height())
        painter = QPainter(writer)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.painter = painter
        try:
            self._cover(data, period)
            self._visits_per_day(data)
            self._languages(data)
            self._held_attention(data)
            self._answers(data)
            self._tables(data)
        finally:
            painter.end()

    def _cover(self, data: Engagement, period: Period) -> None:
        if self.deck is not None:
            self._bilingual_texts(self.deck.name.get("km", self.deck.default_language),
                                  self.deck.name.get("en", self.deck.default_language), 13, colour=PALETTE.muted_text)
        self._bilingual(_words("title"), 24, bold=True, colour=PALETTE.primary)
        days = sorted(data.visits_per_day())
        since = period.since or (days[0] if days else None)
        until = period.until or (days[-1] if days else None)
        km_label, en_label = _words("period")
        if since is None or until is None:
            km, en = _words("all_dates")
            km_period, en_period = f"{km_label}៖ {km}", f"{en_label}: {en}"
        else:
            km_period = f"{km_label}៖ {format_date(since, 'km')} – {format_date(until, 'km')}"
            en_period = f"{en_label}: {format_date(since, 'en')} – {format_date(until, 'en')}"
        self.y += self._mm(2)
        self._bilingual_texts(km_period, en_period, 11)
        self.y += self._mm(6)
        self._totals([("visits", len(data.visits)), ("slide_views", len(data.views)),
                      ("answers", len(data.answers)), ("laptops", len(data.laptops))])
        self.y += self._mm(4)
        self._bilingual_texts(*_words("anonymous"), 9, colour=PALETTE.muted_text)
        self.y += self._mm(8)

    def _totals(self, items: Sequence[tuple[str, int]]) -> None:
        gap = self._mm(4)
        box_w = (self.width - gap * (len(items) - 1)) / len(items)
        box_h = self._mm(30)
        self._need(box_h)
        for index, (key, value) in enumerate(items):
            x = index * (box_w + gap)
            rect = QRectF(x, self.y, box_w, box_h)
            self.painter.setPen(QPen(QColor(PALETTE.outline), self._mm(0.3)))
            self.painter.setBrush(QColor(PALETTE.surface_alt))
            self.painter.drawRoundedRect(rect, self._mm(2), self._mm(2))
            km, en = _words(key)
            inner = rect.adjusted(self._mm(3), self._mm(2.5), -self._mm(3), 0)
            y = inner.top()
            y += self._text(format_number(value, "km"), 20, inner.left(), y, inner.width(), bold=True,
                            colour=PALETTE.primary)
            y += self._text(km, 9, inner.left(), y, inner.width())
            self._text(f"{format_number(value, 'en')} {en.lower()}", 9, inner.left(), y, inner.width(),
                       colour=PALETTE.muted_text)
        self.y += box_h

    def _visits_per_day(self, data: Engagement) -> None:
        per_day = data.visits_per_day()
        self._section("visits_per_day")
        if not per_day:
            self._no_data()
            return
        chart_h = self._mm(55)
        label_h = self._mm(9)
        self._need(chart_h + label_h)
        days = list(per_day.items())
        top = max(per_day.values())
        slot = self.width / len(days)
        bar_w = min(slot * 0.7, self._mm(14))
        every = max(1, round(len(days) / 14))  # at most ~14 date labels
        base = self.y + chart_h
        value_h = self._measure("០", 8, slot, bold=True) + self._measure("0", 7, slot) + self._mm(1)
        self.painter.setPen(QPen(QColor(PALETTE.outline), self._mm(0.3)))
        self.painter.drawLine(QPointF(0, base), QPointF(self.width, base))
        for index, (day, count) in enumerate(days):
            centre = slot * (index + 0.5)
            height = (chart_h - value_h) * count / top
            self._bar(QRectF(centre - bar_w / 2, base - height, bar_w, height))
            self._value_pair(count, centre, base - height - value_h, slot)
            if index % every == 0:
                y = base + self._mm(1)
                y += self._text(format_short_date(day, "km"), 7, centre - slot * every / 2, y, slot * every,
                                align=Qt.AlignmentFlag.AlignHCenter)
                self._text(format_short_date(day, "en"), 7, centre - slot * every / 2, y, slot * every,
                           align=Qt.AlignmentFlag.AlignHCenter, colour=PALETTE.muted_text)
        self.y = base + label_h + self._mm(6)

    def _languages(self, data: Engagement) -> None:
        counts = data.visits_per_language()
        self._section("languages_used")
        if not counts:
            self._no_data()
            return
        names = {lang.code: lang.name for lang in self.deck.languages} if self.deck is not None else {}
        rows = [(LocalizedText({"km": names.get(code, code), "en": names.get(code, code)}), None, float(n),
                 format_number(n, "km"), format_number(n, "en")) for code, n in counts.items()]
        self._horizontal_bars(rows, single_label=True)

    def _held_attention(self, data: Engagement) -> None:
        stats = data.slide_stats()
        ranked = sorted(((s, st) for s, st in stats.items() if st.median_dwell_ms is not None),
                        key=lambda item: item[1].median_dwell_ms or 0, reverse=True)[:TOP_SLIDES]
        self._new_page()
        self._section("held_attention")
        self._bilingual_texts(*_words("median_seconds"), 9, colour=PALETTE.muted_text)
        self.y += self._mm(3)
        if not ranked:
            self._no_data()
            return
        rows = []
        for slide_id, st in ranked:
            seconds = (st.median_dwell_ms or 0) / 1000
            rows.append((self._slide_title(slide_id), None, seconds,
                         format_number(seconds, "km", 1), format_number(seconds, "en", 1)))
        self._horizontal_bars(rows)

    def _answers(self, data: Engagement) -> None:
        counts = data.answer_counts()
        questions: dict[str, tuple[FeedbackChoice, ...]] = feedback_questions(self.deck) if self.deck else {}
        asked = {q for q, _a in counts}
        for question in sorted(asked - set(questions)):  # a question no longer in the deck
            questions[question] = tuple(FeedbackChoice(a, LocalizedText({"km": a, "en": a}), None)
                                        for q, a in counts if q == question)
        self._new_page()
        self._section("answers")
        if not questions:
            self._no_data()
            return
        for question, choices in questions.items():
            title = self._slide_title(question)
            self._need(self._mm(30))
            self._bilingual_texts(title.get("km", "en"), title.get("en", "km"), 12, bold=True)
            self.y += self._mm(2)
            rows = [(c.label, c.icon, float(counts.get((question, c.id), 0)),
                     format_number(counts.get((question, c.id), 0), "km"),
                     format_number(counts.get((question, c.id), 0), "en")) for c in choices]
            self._horizontal_bars(rows)
            self.y += self._mm(4)

    def _tables(self, data: Engagement) -> None:
        self._new_page()
        self._section("tables")
        stats = data.slide_stats()
        order = [s.id for s in self.deck.slides] if self.deck is not None else []
        slides = [s for s in order if s in stats] + sorted(set(stats) - set(order))
        header = [_words("slide"), _words("views"), _words("median_s"), _words("total_min")]
        rows: list[list[tuple[str, str]]] = []
        for slide_id in slides:
            st = stats[slide_id]
            title = self._slide_title(slide_id)
            median = (st.median_dwell_ms or 0) / 1000
            total = st.total_dwell_ms / 60000
            rows.append([(title.get("km", "en"), title.get("en", "km")),
                         (format_number(st.views, "km"), format_number(st.views, "en")),
                         (format_number(median, "km", 1), format_number(median, "en", 1)),
                         (format_number(total, "km", 1), format_number(total, "en", 1))])
        self._table(header, rows, [0.55, 0.15, 0.15, 0.15])
        self.y += self._mm(8)
        counts = data.answer_counts()
        if counts:
            header = [_words("question"), _words("answer"), _words("count")]
            labels = {(q, c.id): c.label for q, cs in
                      (feedback_questions(self.deck).items() if self.deck else ()) for c in cs}
            answer_rows = []
            for (q, a), n in counts.items():
                question = self._slide_title(q)
                label = labels.get((q, a), LocalizedText({"km": a, "en": a}))
                answer_rows.append([(question.get("km", "en"), question.get("en", "km")),
                                    (label.get("km", "en"), label.get("en", "km")),
                                    (format_number(n, "km"), format_number(n, "en"))])
            self._table(header, answer_rows, [0.4, 0.4, 0.2])

    # -- blocks ---------------------------------------------------------------------------------
    def _section(self, key: str) -> None:
        self._need(self._mm(25))
        km, en = _words(key)
        self._bilingual_texts(km, en, 15, bold=True, colour=PALETTE.primary)
        self.y += self._mm(3)

    def _no_data(self) -> None:
        self._bilingual_texts(*_words("no_data"), 10, colour=PALETTE.muted_text)
        self.y += self._mm(6)

    def _horizontal_bars(self, rows: Sequence[tuple[LocalizedText, str | None, float, str, str]], *,
                         single_label: bool = False) -> None:
        """One row per item: picture, Khmer and English label, a bar, the value in both digits."""
        top = max((value for _l, _i, value, _k, _e in rows), default=0.0) or 1.0
        icon_w = self._mm(11) if any(icon for _l, icon, *_ in rows) else 0.0
        label_w = self.width * 0.36
        value_w = self._mm(18)
        bar_x = icon_w + (self._mm(2) if icon_w else 0) + label_w + self._mm(2)
        bar_room = self.width - bar_x - value_w - self._mm(2)
        for label, icon, value, km_value, en_value in rows:
            km_text = label.get("km", "en")
            en_text = label.get("en", "km")
            label_x = icon_w + (self._mm(2) if icon_w else 0)
            texts = [km_text] if single_label or km_text == en_text else [km_text, en_text]
            needed = sum(self._measure(t, 10, label_w) for t in texts)
            row_h = max(needed, icon_w, self._mm(10)) + self._mm(2)
            self._need(row_h)
            y = self.y
            if icon:
                self._icon(icon, QRectF(0, y + (row_h - icon_w) / 2, icon_w, icon_w))
            ty = y + (row_h - needed) / 2
            for i, text in enumerate(texts):
                ty += self._text(text, 10, label_x, ty, label_w,
                                 colour=PALETTE.on_surface if i == 0 else PALETTE.muted_text)
            bar_h = self._mm(5)
            bar_len = max(self._mm(0.6), bar_room * value / top) if value > 0 else 0.0
            self._bar(QRectF(bar_x, y + (row_h - bar_h) / 2, bar_len, bar_h), horizontal=True)
            vx = bar_x + bar_len + self._mm(2)
            vy = y + row_h / 2 - self._mm(4)
            vy += self._text(km_value, 9, vx, vy, value_w + bar_room - bar_len, bold=True)
            self._text(en_value, 8, vx, vy, value_w + bar_room - bar_len, colour=PALETTE.muted_text)
            self.y += row_h

    def _table(self, header: Sequence[tuple[str, str]], rows: Sequence[Sequence[tuple[str, str]]],
               shares: Sequence[float]) -> None:
        widths = [self.width * share for share in shares]
        pad = self._mm(1.5)

        def draw_row(cells: Sequence[tuple[str, str]], *, bold: bool, shade: bool) -> None:
            heights = []
            for (km, en), width in zip(cells, widths, strict=True):
                texts = [km] if km == en else [km, en]
                heights.append(sum(self._measure(t, 8.5, width - 2 * pad, bold=bold) for t in texts))
            row_h = max(heights) + 2 * pad
            self._need(row_h)
            if shade:
                self.painter.fillRect(QRectF(0, self.y, self.width, row_h), QColor(PALETTE.primary_light))
            x = 0.0
            for (km, en), width in zip(cells, widths, strict=True):
                y = self.y + pad
                texts = [km] if km == en else [km, en]
                for i, text in enumerate(texts):
                    y += self._text(text, 8.5, x + pad, y, width - 2 * pad, bold=bold,
                                    colour=PALETTE.on_surface if i == 0 else PALETTE.muted_text)
                x += width
            self.painter.setPen(QPen(QColor(PALETTE.outline), self._mm(0.2)))
            self.painter.drawLine(QPointF(0, self.y + row_h), QPointF(self.width, self.y + row_h))
            self.y += row_h

        draw_row(header, bold=True, shade=True)
        for row in rows:
            draw_row(row, bold=False, shade=False)

    def _value_pair(self, value: int, centre: float, y: float, width: float) -> None:
        y += self._text(format_number(value, "km"), 8, centre - width / 2, y, width, bold=True,
                        align=Qt.AlignmentFlag.AlignHCenter)
        self._text(format_number(value, "en"), 7, centre - width / 2, y, width,
                   align=Qt.AlignmentFlag.AlignHCenter, colour=PALETTE.muted_text)

    def _bar(self, rect: QRectF, *, horizontal: bool = False) -> None:
        if rect.width() <= 0 or rect.height() <= 0:
            return
        self.painter.setPen(Qt.PenStyle.NoPen)
        self.painter.setBrush(QColor(PALETTE.primary))
        radius = min(self._mm(1), rect.height() / 2 if horizontal else rect.width() / 2)
        self.painter.drawRoundedRect(rect, radius, radius)

    def _icon(self, name: str, rect: QRectF) -> None:
        renderer = QSvgRenderer(str(self.icons / f"{name}.svg"))
        if renderer.isValid():
            renderer.render(self.painter, rect)

    # -- text -----------------------------------------------------------------------------------
    def _bilingual(self, words: tuple[str, str], pt: float, *, bold: bool = False,
                   colour: str = PALETTE.on_surface) -> None:
        self._bilingual_texts(words[0], words[1], pt, bold=bold, colour=colour)

    def _bilingual_texts(self, km: str, en: str, pt: float, *, bold: bool = False,
                         colour: str = PALETTE.on_surface) -> None:
        """Khmer, then English a little smaller (one line if both say the same)."""
        texts = [(km, pt)] if km == en else [(km, pt), (en, pt * 0.85)]
        needed = sum(self._measure(t, size, self.width, bold=bold) for t, size in texts)
        self._need(needed)
        for text, size in texts:
            self.y += self._text(text, size, 0, self.y, self.width, bold=bold, colour=colour)

    def _font(self, text: str, pt: float, bold: bool) -> QFont:
        language = "km" if contains_khmer(text) else "en"
        weight = QFont.Weight.Bold if bold else QFont.Weight.Normal
        return font_for(language, self.fonts, pixel_size=max(1, round(pt * PX_PER_PT)), weight=weight)

    def _layout(self, text: str, pt: float, width: float, *, bold: bool = False,
                align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> tuple[QTextLayout, float]:
        khmer = contains_khmer(text)
        font = self._font(text, pt, bold)
        layout = QTextLayout(wrap_khmer(text) if khmer else text, font)
        option = QTextOption(align)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        metrics = QFontMetricsF(font)
        step = metrics.lineSpacing() * (KHMER_LINE_HEIGHT_PERCENT / 100 if khmer else 1.0)
        # Khmer marks above the letters reach over the font's ascent: a little room on top.
        top = metrics.lineSpacing() * (KHMER_LINE_HEIGHT_PERCENT - 100) / 200 if khmer else 0.0
        y = top
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += step
        layout.endLayout()
        return layout, y + (top if khmer else 0.0)

    def _measure(self, text: str, pt: float, width: float, *, bold: bool = False) -> float:
        return self._layout(text, pt, width, bold=bold)[1]

    def _text(self, text: str, pt: float, x: float, y: float, width: float, *, bold: bool = False,
              colour: str = PALETTE.on_surface, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> float:
        """Draw ``text`` wrapped to ``width`` with its top at ``y``; returns the height used."""
        layout, height = self._layout(text, pt, width, bold=bold, align=align)
        self.painter.setPen(QColor(colour))
        layout.draw(self.painter, QPointF(x, y))
        return height

    # -- pages ----------------------------------------------------------------------------------
    def _need(self, height: float) -> None:
        if self.y + height > self.height and self.y > 0:
            self._new_page()

    def _new_page(self) -> None:
        self.writer.newPage()
        self.y = 0.0

    def _mm(self, mm: float) -> float:
        return mm * PX_PER_MM

    def _slide_title(self, slide_id: str) -> LocalizedText:
        """The words a reader knows a slide by: its heading, question or text, else its topic's title."""
        slide = self._find(slide_id)
        found: LocalizedText | None = None
        if slide is not None:
            for name in ("heading", "question", "text"):
                value = getattr(slide, name, None)
                if isinstance(value, LocalizedText):
                    found = value
                    break
            if found is None and self.deck is not None:
                topic = self.deck.topic_of(slide_id)
                found = topic.title if topic is not None else None
        if found is None or self.deck is None:
            return LocalizedText({"km": slide_id, "en": slide_id})
        default = self.deck.default_language
        return LocalizedText({code: to_plain_text(found.get(code, default)) for code in ("km", "en")})

    def _find(self, slide_id: str) -> Slide | None:
        if self.deck is None:
            return None
        return next((s for s in self.deck.slides if s.id == slide_id), None)


__all__ = ["PDF_NAME", "Period", "ReportPdf", "write_report"]
