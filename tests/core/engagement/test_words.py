"""The report's numbers and dates: Khmer digits in Khmer text."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.core.engagement.words import REPORT_WORDS, format_date, format_number, format_short_date


@pytest.mark.parametrize(("value", "language", "decimals", "expected"), [
    (0, "km", 0, "០"), (1234, "km", 0, "១,២៣៤"), (12.25, "km", 1, "១២.២"), (1234, "en", 0, "1,234"),
])
def test_numbers(value: float, language: str, decimals: int, expected: str) -> None:
    assert format_number(value, language, decimals) == expected


def test_dates() -> None:
    assert format_date(date(2013, 1, 28), "km") == "២៨ មករា ២០១៣"
    assert format_date(date(2013, 1, 28), "en") == "28 January 2013"
    assert format_short_date(date(2012, 6, 7), "km") == "៧ មិថុនា"
    assert format_short_date(date(2012, 6, 7), "en") == "7 Jun"


def test_every_word_has_both_languages() -> None:
    assert all(km.strip() and en.strip() for km, en in REPORT_WORDS.values())
