"""The report's own words in Khmer and English, and numbers and dates written the Khmer way."""

from __future__ import annotations

from datetime import date

KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")

#: Our Khmer, awaiting review by MIRO staff (review: km), like the kiosk's other code-side words.
KHMER_MONTHS = ("មករា", "កុម្ភៈ", "មីនា", "មេសា", "ឧសភា", "មិថុនា",
                "កក្កដា", "សីហា", "កញ្ញា", "តុលា", "វិច្ឆិកា", "ធ្នូ")

#: key -> (Khmer, English). Khmer awaits review by MIRO staff.
REPORT_WORDS: dict[str, tuple[str, str]] = {
    "title": ("របាយការណ៍អ្នកទស្សនា", "Visitor report"),
    "period": ("រយៈពេល", "Period"),
    "all_dates": ("គ្រប់ថ្ងៃ", "All dates"),
    "laptops": ("កុំព្យូទ័រ", "Laptops"),
    "visits": ("ការមកទស្សនា", "Visits"),
    "slide_views": ("ការមើលផ្ទាំង", "Slide views"),
    "answers": ("ចម្លើយ", "Answers"),
    "visits_per_day": ("ការមកទស្សនាក្នុងមួយថ្ងៃ", "Visits per day"),
    "languages_used": ("ភាសាដែលបានប្រើ", "Languages used"),
    "held_attention": ("ផ្ទាំងដែលទាក់ទាញការចាប់អារម្មណ៍", "The slides that held attention"),
    "median_seconds": ("រយៈពេលមធ្យម (វិនាទី)", "Median time (seconds)"),
    "slide": ("ផ្ទាំង", "Slide"),
    "views": ("ការមើល", "Views"),
    "median_s": ("មធ្យម (វិនាទី)", "Median (s)"),
    "total_min": ("សរុប (នាទី)", "Total (min)"),
    "question": ("សំណួរ", "Question"),
    "answer": ("ចម្លើយ", "Answer"),
    "count": ("ចំនួន", "Count"),
    "tables": ("តារាង", "Tables"),
    "no_data": ("មិនទាន់មានទិន្នន័យ", "No data yet"),
    "anonymous": ("អនាមិក៖ គ្មានឈ្មោះ គ្មានរូបថត", "Anonymous: no names, no photos"),
}


def khmer_digits(text: str) -> str:
    """``text`` with its digits 0-9 written as Khmer digits (០-៩)."""
    return text.translate(KHMER_DIGITS)


def format_number(value: float, language: str, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    return khmer_digits(text) if language == "km" else text


def format_date(day: date, language: str) -> str:
    """``1 March 2025`` or ``១ មីនា ២០២៥``."""
    if language == "km":
        return khmer_digits(f"{day.day} {KHMER_MONTHS[day.month - 1]} {day.year}")
    return f"{day.day} {day:%B} {day.year}"


def format_short_date(day: date, language: str) -> str:
    """A chart label: ``1 Mar`` or ``១ មីនា``."""
    if language == "km":
        return khmer_digits(f"{day.day} {KHMER_MONTHS[day.month - 1]}")
    return f"{day.day} {day:%b}"
