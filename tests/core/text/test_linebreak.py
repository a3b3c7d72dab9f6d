"""Tests for kiosk.core.text.linebreak: Khmer may break between words, never inside a cluster."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kiosk.core.content.loader import load_content
from kiosk.core.content.model import iter_texts
from kiosk.core.storage.paths import bundled_content_dir
from kiosk.core.text.linebreak import (
    COENG,
    ZWSP,
    KhmerLineBreaker,
    default_breaker,
    strip_opportunities,
)
from kiosk.core.text.rules import keep_together, unmark, wrap_khmer

FUZZ = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

# A break here would tear a cluster apart: before a COENG, a dependent vowel or a sign, or after
# a COENG.
CLUSTER_BREAK = re.compile(f"{ZWSP}[\u17b6-\u17d3\u17dd]|{COENG}{ZWSP}")
KHMER_LETTER = re.compile(r"[\u1780-\u17dd]")

_khmer = st.characters(min_codepoint=0x1780, max_codepoint=0x17FF)
_mixed = st.text(st.one_of(_khmer, st.sampled_from([*"abcXYZ019.,:(-", " ", "\u200c", "\u200d"])),
                 max_size=60)


def icu_breaker() -> KhmerLineBreaker:
    breaker = default_breaker()
    if breaker.method.startswith("syllables"):
        pytest.skip("no ICU library on this system; the syllable fallback is tested separately")
    return breaker


@pytest.fixture(params=["icu", "syllables"])
def breaker(request: pytest.FixtureRequest) -> KhmerLineBreaker:
    return icu_breaker() if request.param == "icu" else KhmerLineBreaker(None)


def pieces(text: str) -> list[str]:
    return text.split(ZWSP)


def break_positions(text: str) -> set[int]:
    """Where the zero-width spaces stand, as offsets into the text without them."""
    parts = pieces(text)
    return {len("".join(parts[:i])) for i in range(1, len(parts))}


# Texts written without spaces, and the words a Khmer reader sees in them. A dictionary may keep a
# compound such as សិទ្ធិមនុស្ស ("human rights") together, so the test asks for word boundaries only.
KNOWN_WORDS = [
    ["អង្គការ", "សិទ្ធិ", "មនុស្ស"],
    ["ខ្ញុំ", "ស្រឡាញ់", "ប្រទេស", "កម្ពុជា"],
    ["ក្រុម", "ជនជាតិ", "ភាគតិច", "និង", "ខ្មែរ", "ក្រោម"],
    ["ការពារ", "និង", "លើកកម្ពស់", "សិទ្ធិ", "មនុស្ស"],
]


@pytest.mark.parametrize("words", KNOWN_WORDS, ids=lambda words: "".join(words))
def test_icu_breaks_only_between_words(words: list[str]) -> None:
    out = icu_breaker().insert_opportunities("".join(words))
    boundaries = {len("".join(words[:i])) for i in range(1, len(words))}
    found = break_positions(out)
    assert found <= boundaries, out.replace(ZWSP, "|")
    assert len(found) * 2 >= len(boundaries), out.replace(ZWSP, "|")


def test_icu_finds_the_first_word() -> None:
    assert icu_breaker().insert_opportunities("អង្គការសិទ្ធិមនុស្ស").startswith(f"អង្គការ{ZWSP}")


def test_icu_recovers_the_word_boundaries_of_the_shipped_texts() -> None:
    """Take the spaces and ZWSPs out of the Khmer texts; most places where the author had one
    come back."""
    breaker = icu_breaker()
    authored = recovered = 0
    for slide in load_content(bundled_content_dir()).deck.slides:
        for _field, text in iter_texts(slide):
            khmer = text.root["km"]
            joined = ""
            boundaries: set[int] = set()
            for i, char in enumerate(khmer):
                if char in (" ", ZWSP):
                    after = khmer[i + 1:i + 2]
                    if joined and KHMER_LETTER.match(joined[-1]) and KHMER_LETTER.match(after):
                        boundaries.add(len(joined))
                    continue
                joined += char
            out = breaker.insert_opportunities(joined)
            assert CLUSTER_BREAK.search(out) is None, out
            assert strip_opportunities(out) == joined
            found = break_positions(out)
            authored += len(boundaries)
            recovered += len(boundaries & found)
    assert authored > 50
    # Names and numbers are not in the dictionary; the words around them are.
    assert recovered >= 0.6 * authored


@pytest.mark.parametrize(
    ("text", "syllables"),
    [
        ("ខ្ញុំស្រឡាញ់ប្រទេសកម្ពុជា", ["ខ្ញុំ", "ស្រ", "ឡា", "ញ់", "ប្រ", "ទេ", "ស", "ក", "ម្ពុ", "ជា"]),
        ("សិទ្ធិមនុស្ស", ["សិ", "ទ្ធិ", "ម", "នុ", "ស្ស"]),
        ("ស្ត្រី", ["ស្ត្រី"]),
    ],
)
def test_syllable_fallback_breaks_between_syllables(text: str, syllables: list[str]) -> None:
    assert pieces(KhmerLineBreaker(None).insert_opportunities(text)) == syllables


def test_syllable_fallback_says_so() -> None:
    assert KhmerLineBreaker(None).method == "syllables (no ICU)"


@pytest.mark.parametrize(
    "text",
    ["", "Human rights for ethnic minority groups", "MIRO, 7 June 2012: (CHRAC) 2008-2010.",
     "Tiếng Việt có dấu", "١٢٣ ٤٥٦"],
)
def test_text_without_khmer_is_unchanged(breaker: KhmerLineBreaker, text: str) -> None:
    assert breaker.insert_opportunities(text) == text


def test_latin_inside_khmer_is_left_alone(breaker: KhmerLineBreaker) -> None:
    out = breaker.insert_opportunities("ខ្ញុំស្រឡាញ់ MIRO (CHRAC) ឆ្នាំ២០០៨-២០១០")
    assert " MIRO (CHRAC) " in out
    assert "-២០១០" in out


def test_authors_zero_width_space_is_kept_not_doubled(breaker: KhmerLineBreaker) -> None:
    text = f"សួស្តី{ZWSP}ពិភពលោក{ZWSP}ខ្ញុំស្រឡាញ់"
    out = breaker.insert_opportunities(text)
    assert {len("សួស្តី"), len("សួស្តីពិភពលោក")} <= break_positions(out)
    assert ZWSP * 2 not in out
    assert strip_opportunities(out) == strip_opportunities(text)


@FUZZ
@given(text=_mixed)
@example(text="\u17d4\u17d2\u1780")  # a stray COENG after a sign: ICU breaks after it
def test_never_breaks_inside_a_cluster(breaker: KhmerLineBreaker, text: str) -> None:
    assert CLUSTER_BREAK.search(breaker.insert_opportunities(text)) is None


@FUZZ
@given(text=_mixed)
def test_only_zero_width_spaces_are_added(breaker: KhmerLineBreaker, text: str) -> None:
    out = breaker.insert_opportunities(text)
    assert strip_opportunities(out) == text
    assert ZWSP * 2 not in out


@FUZZ
@given(text=_mixed)
def test_wrap_khmer_is_reversible(text: str) -> None:
    """Only marks are added: ZWSPs, and no-break spaces for spaces that must not break ("( x")."""
    assert unmark(wrap_khmer(text)) == text


def test_keep_together_removes_breaks_inside_a_name() -> None:
    wrapped = KhmerLineBreaker(None).insert_opportunities("មីរ៉ូការពារសិទ្ធិ")
    assert wrapped.startswith(f"មី{ZWSP}រ៉ូ{ZWSP}")
    kept = keep_together(wrapped, ("មីរ៉ូ",))
    assert kept.startswith(f"មីរ៉ូ{ZWSP}កា")
    assert strip_opportunities(kept) == "មីរ៉ូការពារសិទ្ធិ"
