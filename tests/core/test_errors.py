"""Tests for kiosk.core.errors: how a problem reads, and that every problem is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.errors import (
    ContentError,
    ContentProblem,
    Location,
    ProblemCollector,
    did_you_mean,
    display_path,
)


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (ContentProblem(Location("a.yaml", 3, 7), "bad", "fix it"), "a.yaml:3:7: bad (fix it)"),
        (ContentProblem(Location("a.yaml", 3, 7), "bad"), "a.yaml:3:7: bad"),
        (ContentProblem(Location("a.yaml"), "too large", "split it"),
         "a.yaml: too large (split it)"),
    ],
)
def test_problem_reads_file_line_column_message_hint(problem: ContentProblem, text: str) -> None:
    assert str(problem) == text


@pytest.mark.parametrize(
    ("word", "choices", "hint"),
    [
        ("haeding", ["heading", "subtitle", "image"], "did you mean 'heading'?"),
        ("peopel", ["title", "text", "people", "list"], "did you mean 'people'?"),
        ("colour", ["heading", "image"], ""),
    ],
)
def test_did_you_mean(word: str, choices: list[str], hint: str) -> None:
    assert did_you_mean(word, choices) == hint


def test_collector_raises_every_problem_sorted_by_place() -> None:
    collector = ProblemCollector()
    collector.add(Location("b.yaml", 2, 1), "second file")
    collector.add(Location("a.yaml", 9, 1), "late line")
    collector.add(Location("a.yaml", 1, 5), "early line")
    with pytest.raises(ContentError) as info:
        collector.raise_if_any()
    assert str(info.value).splitlines() == [
        "a.yaml:1:5: early line", "a.yaml:9:1: late line", "b.yaml:2:1: second file"
    ]
    assert len(info.value) == 3


def test_collector_without_problems_does_not_raise() -> None:
    collector = ProblemCollector()
    collector.raise_if_any()
    assert not collector


def test_display_path_is_relative_to_the_working_folder(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "content" / "deck.yaml") == str(Path("content", "deck.yaml"))
    outside = tmp_path.parent / "elsewhere.yaml"
    assert display_path(outside) == str(outside)
