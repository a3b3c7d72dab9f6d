"""Digits in the script of a language: ០១២៣៤៥៦៧៨៩ for Khmer, 0123456789 for Latin."""

from __future__ import annotations

from enum import StrEnum

KHMER_DIGITS = "០១២៣៤៥៦៧៨៩"
LATIN_DIGITS = "0123456789"

_TO_KHMER = str.maketrans(LATIN_DIGITS, KHMER_DIGITS)
_TO_LATIN = str.maketrans(KHMER_DIGITS, LATIN_DIGITS)


class Digits(StrEnum):
    """The digits a language writes its numbers with (a deck setting per language)."""

    KHMER = "khmer"
    LATIN = "latin"


def default_digits(language_code: str) -> Digits:
    """Khmer digits for Khmer (``km``, ``km-KH``), Latin digits for every other language."""
    return Digits.KHMER if language_code.split("-")[0].lower() == "km" else Digits.LATIN


def localize_digits(text: str, digits: Digits) -> str:
    """``text`` with every digit written in ``digits`` (numbers the kiosk itself shows: "11 / 14")."""
    return text.translate(_TO_KHMER if digits is Digits.KHMER else _TO_LATIN)


def format_number(value: int, digits: Digits) -> str:
    """A whole number in ``digits``, e.g. ``format_number(10, Digits.KHMER) == "១០"``."""
    return localize_digits(str(value), digits)
