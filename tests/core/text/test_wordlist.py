"""Tests for kiosk.core.text.wordlist and the content folder's khmer-words.txt, checked by `kiosk check`."""

from __future__ import annotations

import pytest

from kiosk.core.errors import ContentProblem, Location
from kiosk.core.storage.paths import assets_dir, bundled_content_dir
from kiosk.core.text.wordlist import (
    BUNDLED_LISTS,
    BUNDLED_NAMES,
    WORDS_FILE,
    WordList,
    parse_word_file,
    read_word_lists,
)
from tests.core.samples import Load, MakeContent, ProblemsIn

W = "content/khmer-words.txt"


def test_a_good_list_parses_with_comments_and_blank_lines() -> None:
    entries, problems = parse_word_file("# names\nមីរ៉ូ\n\n  ប៊ុតម៉ៅ   # a given name\n", W)
    assert problems == []
    assert [(e.word, e.line, e.column) for e in entries] == [("មីរ៉ូ", 2, 1), ("ប៊ុតម៉ៅ", 4, 3)]


@pytest.mark.parametrize(("text", "message", "hint"), [
    ("ស៊ួន ប៊ុតម៉ៅ", "'ស៊ួន ប៊ុតម៉ៅ' has a space in it",
     "write one word per line; a person's name from the content is kept together already"),
    ("MIRO", "'MIRO' is not a Khmer word",
     "only Khmer words belong here; Latin words and numbers never break inside anyway"),
    ("សំខាន់ៗ", "'សំខាន់ៗ' is not a Khmer word",
     "leave out Khmer digits and punctuation such as ។ or ៗ: list the word alone"),
    ("ាមន", "'ាមន' is not a Khmer word",
     "a word starts with a consonant or an independent vowel, not with a vowel sign"),
    ("មីរ\u200bៀ", "'មីរៀ' contains an invisible zero-width space",
     "retype the word without it (it would allow a break inside the word)"),
    ("មន្", "'មន្' ends with a subscript sign (្) and no letter under it",
     "add the subscript letter or remove the sign"),
])
def test_a_bad_line_is_reported_where_it_stands(text: str, message: str, hint: str) -> None:
    entries, problems = parse_word_file(f"# ok\nនាយក\n {text}\n", W)
    assert [e.word for e in entries] == ["នាយក"]
    assert problems == [ContentProblem(Location(W, 3, 2), message, hint)]


def test_duplicates_and_the_other_spelling_are_reported() -> None:
    _entries, problems = parse_word_file("ស្តីពី\nនាយក\nស្ដីពី\nនាយក\n", W)
    assert [str(p) for p in problems] == [
        f"{W}:3:1: 'ស្ដីពី' is listed twice (first at line 1) (្ត and ្ដ are the same word here) (remove this line)",
        f"{W}:4:1: 'នាយក' is listed twice (first at line 2) (remove this line)",
    ]


def test_kiosk_check_reports_the_word_list(make_content: MakeContent, problems_in: ProblemsIn) -> None:
    root = make_content({WORDS_FILE: "មីរ៉ូ\nMIRO\n"})
    assert [str(p) for p in problems_in(root)] == [
        f"{W}:2:1: 'MIRO' is not a Khmer word "
        "(only Khmer words belong here; Latin words and numbers never break inside anyway)",
    ]


def test_the_deck_carries_the_word_list(make_content: MakeContent, load: Load) -> None:
    assert load(make_content()).deck.words == ()
    assert load(make_content({WORDS_FILE: "# ok\nមីរ៉ូ\n"})).deck.words == ("មីរ៉ូ",)


def test_a_word_list_saved_as_utf16_is_reported(make_content: MakeContent, problems_in: ProblemsIn) -> None:
    root = make_content({WORDS_FILE: "មីរ៉ូ\n".encode("utf-16")})
    assert [str(p) for p in problems_in(root)] == [f"{W}:1:1: this file is UTF-16, not UTF-8 (save it as UTF-8)"]


def test_the_shipped_lists_are_clean_and_small() -> None:
    folder = assets_dir() / "khmer"
    words = read_word_lists(folder, BUNDLED_LISTS, check=True)  # raises on any bad line
    names = read_word_lists(folder, BUNDLED_NAMES, check=True)
    # The kiosk reads them without the checks: the same words, in the same order.
    assert read_word_lists(folder, BUNDLED_LISTS) == words
    assert read_word_lists(folder, BUNDLED_NAMES) == names
    assert len(words) > 1500
    assert len(names) > 300
    size = sum((folder / name).stat().st_size for name in (*BUNDLED_LISTS, *BUNDLED_NAMES))
    assert size < 64 * 1024
    assert (folder / "LICENCE.khmerthings.txt").read_text(encoding="utf-8").startswith("MIT License")
    _entries, problems = parse_word_file((bundled_content_dir() / WORDS_FILE).read_text(encoding="utf-8"),
                                         WORDS_FILE)
    assert problems == []


def test_a_list_matches_both_spellings() -> None:
    words = WordList(["ស្ដីពី"])
    assert "ស្តីពី" in words
    assert "ស្ដីពី" in words
    assert "ស្តី" not in words
