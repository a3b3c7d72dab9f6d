"""One error type for every content problem, written for the person fixing the file."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file as the person would open it, and 1-based line and column."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class ContentProblem:
    """One problem in the content: where, what, and a hint on how to fix it."""

    location: Location
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


@dataclass
class ContentError(Exception):
    """Raised when content cannot be used; carries every problem found, not just the first."""

    problems: list[ContentProblem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    @classmethod
    def single(cls, location: Location, message: str, hint: str = "") -> ContentError:
        return cls([ContentProblem(location, message, hint)])

    def __iter__(self) -> Iterator[ContentProblem]:
        return iter(self.problems)

    def __len__(self) -> int:
        return len(self.problems)


class ProblemCollector:
    """Collects problems while loading so all of them can be reported at once."""

    def __init__(self) -> None:
        self.problems: list[ContentProblem] = []

    def add(self, location: Location, message: str, hint: str = "") -> None:
        self.problems.append(ContentProblem(location, message, hint))

    def extend(self, problems: Iterable[ContentProblem]) -> None:
        self.problems.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise ContentError(sorted(self.problems, key=_sort_key))


def _sort_key(problem: ContentProblem) -> tuple[str, int, int]:
    loc = problem.location
    return (loc.file, loc.line, loc.column)


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """A "did you mean ...?" hint, or an empty string when nothing is close."""
    import difflib  # only when a file has a problem, never on the way to the first frame

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    if close:
        return f"did you mean '{close[0]}'?"
    return ""


def display_path(path: Path) -> str:
    """A path as the content editor would open it: relative to the working folder when inside it."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(path)
