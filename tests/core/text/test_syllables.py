"""Tests for kiosk.core.text.syllables: an over-long word breaks between syllables, never in a cluster."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.text.syllables import clusters, syllable_breaks, to_da, to_ta


def cut(word: str) -> str:
    out = word
    for p in reversed(syllable_breaks(word)):
        out = out[:p] + "|" + out[p:]
    return out


@pytest.mark.parametrize("expected", [
    "សុ|វណ្ណ|រិទ្ធ",        # a final ណ្ណ closes វ: not សុវ|ណ្ណ
    "ប៊ុត|ម៉ៅ",
    "សាស្ត្រា|ចារ្យ",       # the stack lends its base to the open syllable before: sas-tra
    "អង្គ|ការ",
    "ស្រ|ឡាញ់",
    "ម|នុស្ស",
    "ការ|ប្រ|ជុំ",          # a stack with ro starts a syllable after a closed one
    "ប្រ|ទេស|កម្ពុ|ជា",
    "សេដ្ឋ|កិច្ច",
    "វិទ្យា|សាស្ត្រ",
    "បណ្តុះ|បណ្តាល",
])
def test_syllables_of_long_words(expected: str) -> None:
    assert cut(expected.replace("|", "")) == expected


_khmer = st.text(st.characters(min_codepoint=0x1780, max_codepoint=0x17DD), max_size=40)


@given(word=_khmer)
def test_never_inside_a_cluster(word: str) -> None:
    for p in syllable_breaks(word):
        assert 0 < p < len(word)
        assert word[p - 1] != "\u17d2"
        assert not re.match("[\u17b4-\u17d3\u17dd]", word[p])
    assert "".join(clusters(word)) == word


def test_both_spellings_of_subscript_ta() -> None:
    assert to_ta("ស្ដីពី") == "ស្តីពី"
    assert to_da("ស្តីពី") == "ស្ដីពី"
    assert to_ta("ដើម") == "ដើម"  # a ដ that is not under a COENG stays
