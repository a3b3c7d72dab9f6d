"""Tests for kiosk.core.text.digits and the deck's digits setting per language."""

from __future__ import annotations

import pytest

from kiosk.core.content.model import Language
from kiosk.core.text.digits import Digits, default_digits, format_number, localize_digits
from tests.core.samples import Load, MakeContent


@pytest.mark.parametrize(("text", "digits", "expected"), [
    ("11 / 14", Digits.KHMER, "១១ / ១៤"),
    ("១០ វិនាទី", Digits.LATIN, "10 វិនាទី"),
    ("2008-2010", Digits.LATIN, "2008-2010"),
    ("{seconds}", Digits.KHMER, "{seconds}"),
])
def test_localize_digits(text: str, digits: Digits, expected: str) -> None:
    assert localize_digits(text, digits) == expected


def test_format_number() -> None:
    assert format_number(10, Digits.KHMER) == "១០"
    assert format_number(10, Digits.LATIN) == "10"


@pytest.mark.parametrize(("code", "digits"), [("km", Digits.KHMER), ("km-KH", Digits.KHMER),
                                               ("en", Digits.LATIN), ("vi", Digits.LATIN)])
def test_default_digits(code: str, digits: Digits) -> None:
    assert default_digits(code) is digits
    assert Language(code=code, name="x").digits is digits


def test_the_deck_may_choose_latin_digits_for_khmer(make_content: MakeContent, load: Load) -> None:
    root = make_content({"deck.yaml": lambda t: t.replace("    name: ខ្មែរ\n", "    name: ខ្មែរ\n    digits: latin\n")})
    deck = load(root).deck
    assert deck.digits_for("km") is Digits.LATIN
    assert deck.digits_for("en") is Digits.LATIN
    assert load(make_content()).deck.digits_for("km") is Digits.KHMER
