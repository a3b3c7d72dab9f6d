"""Khmer word lists that keep words whole: the bundled compounds and names, and the content folder's own list."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.errors import ContentProblem, Location
from kiosk.core.text.syllables import COENG, to_ta

WORDS_FILE = "khmer-words.txt"
BUNDLED_LISTS = ("words.txt", "compounds.txt")
BUNDLED_NAMES = ("names.txt",)

_KHMER_WORD = re.compile("[\u1780-\u17b3][\u1780-\u17d3\u17dd\u200c\u200d]*")
_ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff]")
_SPACE = re.compile(r"\s")


@dataclass(frozen=True)
class WordEntry:
    """One word of a list file and the line it stands on."""

    word: str
    line: int
    column: int


def parse_word_file(text: str, display: str, *, both_spellings_listed: bool = False,
                    ) -> tuple[list[WordEntry], list[ContentProblem]]:
    """The words of a list file (one a line, ``#`` starts a comment), and every problem with file:line:col.

    The two spellings of subscript ta (្ត and ្ដ) are the same word here: a list matches both, so
    listing both is reported as a duplicate unless ``both_spellings_listed`` (the bundled lists,
    written for tools that need both).
    """
    words: list[WordEntry] = []
    problems: list[ContentProblem] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        column = raw.index(line[0]) + 1
        where = Location(display, number, column)
        if _SPACE.search(line):
            problems.append(ContentProblem(
                where, f"'{line}' has a space in it",
                "write one word per line; a person's name from the content is kept together already"))
            continue
        if _ZERO_WIDTH.search(line):
            problems.append(ContentProblem(
                where, f"'{_ZERO_WIDTH.sub('', line)}' contains an invisible zero-width space",
                "retype the word without it (it would allow a break inside the word)"))
            continue
        if not _KHMER_WORD.fullmatch(line):
            problems.append(ContentProblem(where, f"'{line}' is not a Khmer word", _not_khmer_hint(line)))
            continue
        if line.endswith(COENG):
            problems.append(ContentProblem(
                where, f"'{line}' ends with a subscript sign (្) and no letter under it",
                "add the subscript letter or remove the sign"))
            continue
        key = line if both_spellings_listed else to_ta(line)
        if key in seen:
            same = "" if line in (words[seen[key]].word,) else " (្ត and ្ដ are the same word here)"
            problems.append(ContentProblem(
                where, f"'{line}' is listed twice (first at line {words[seen[key]].line}){same}",
                "remove this line"))
            continue
        seen[key] = len(words)
        words.append(WordEntry(line, number, column))
    return words, problems


def _not_khmer_hint(line: str) -> str:
    if re.search("[\u17e0-\u17e9\u17d4-\u17dc]", line):
        return "leave out Khmer digits and punctuation such as ។ or ៗ: list the word alone"
    if re.match("[\u17b4-\u17d3]", line):
        return "a word starts with a consonant or an independent vowel, not with a vowel sign"
    if re.search("[A-Za-z0-9]", line):
        return "only Khmer words belong here; Latin words and numbers never break inside anyway"
    return "use Khmer letters and signs only, one word per line"


class WordList:
    """A set of words inside which no line may break, matched on either spelling of subscript ta."""

    def __init__(self, words: Iterable[str]) -> None:
        self._keys = frozenset(to_ta(w) for w in words if len(w) > 1)
        self.longest = max((len(k) for k in self._keys), default=0)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and to_ta(word) in self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def union(self, words: Iterable[str]) -> WordList:
        merged = WordList(())
        merged._keys = self._keys | {to_ta(w) for w in words if len(w) > 1}
        merged.longest = max((len(k) for k in merged._keys), default=0)
        return merged

    def contains_key(self, key: str) -> bool:
        """Whether ``key`` (already spelt with ្ត, see :func:`to_ta`) is a word of the list."""
        return key in self._keys


def read_word_lists(folder: Path, names: Iterable[str] = BUNDLED_LISTS, *, check: bool = False) -> list[str]:
    """The words of the list files in ``folder`` (files that are missing are skipped).

    The bundled lists are ours: the tests read them with ``check`` (every line checked as a
    content folder's list is, a bad line raises ValueError). The kiosk only reads them, one word
    a line after ``#`` comments are cut, on its way to the first frame.
    """
    words: list[str] = []
    for name in names:
        path = folder / name
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
        if not check:
            words.extend(word for word in (line.split("#", 1)[0].strip() for line in text.splitlines()) if word)
            continue
        entries, problems = parse_word_file(text, str(path), both_spellings_listed=True)
        if problems:
            raise ValueError("\n".join(str(p) for p in problems))
        words.extend(e.word for e in entries)
    return words


@functools.cache
def bundled_words() -> WordList:
    """The vocabulary lists shipped in ``assets/khmer``: words and compounds (loaded once, on first use)."""
    from kiosk.core.storage.paths import assets_dir

    return WordList(read_word_lists(assets_dir() / "khmer"))


@functools.cache
def bundled_names() -> frozenset[str]:
    """The personal names and titles of the bundled names list (a title stays with the name after it)."""
    from kiosk.core.storage.paths import assets_dir

    return frozenset(read_word_lists(assets_dir() / "khmer", BUNDLED_NAMES))
