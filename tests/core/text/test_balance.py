"""Tests for kiosk.core.text.balance: a centred statement gets even lines and no lone last word."""

from __future__ import annotations

from kiosk.core.text.balance import balance_lines, pieces
from kiosk.core.text.rules import NBSP, ZWSP


def test_pieces_cut_after_spaces_and_zero_width_spaces() -> None:
    assert pieces(f"ក{ZWSP}ខ គ{NBSP}ឃ") == ["ក", "ខ ", f"គ{NBSP}ឃ"]


def test_no_lone_last_word() -> None:
    text = "one two three four five six seven eight nine"
    greedy_last_line = "nine"  # filling 40-character lines would leave it alone
    lines = balance_lines(text, 40, len)
    assert len(lines) == 2
    assert lines[-1] != greedy_last_line
    assert abs(len(lines[0]) - len(lines[1])) <= 6
    assert " ".join(lines) == text


def test_as_few_lines_as_filling_would_take() -> None:
    text = " ".join(["word"] * 20)
    assert len(balance_lines(text, 30, len)) == 4  # 99 characters in lines of at most 30


def test_khmer_breaks_only_at_the_marks() -> None:
    marked = f"មីរ៉ូ ខិតខំ{ZWSP}ការពារ និង{ZWSP}លើកកម្ពស់{ZWSP}សិទ្ធិ{ZWSP}មនុស្ស"
    lines = balance_lines(marked, 20, lambda s: len(s))
    assert "".join(lines).replace(ZWSP, "").replace(" ", "") == marked.replace(ZWSP, "").replace(" ", "")
    assert all(len(line.replace(ZWSP, "")) <= 20 for line in lines)
    assert len(lines) == 3  # 45 characters: no breaking fits in two lines of 20


def test_a_piece_wider_than_the_line_gets_its_own_line() -> None:
    assert balance_lines("a verylongword b", 5, len) == ["a", "verylongword", "b"]
