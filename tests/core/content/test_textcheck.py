"""Control characters and bidi overrides in content are reported where they stand; Khmer's zero-width marks pass."""

from __future__ import annotations

import unicodedata

import pytest

from kiosk.core.content.textcheck import BIDI_CONTROLS
from kiosk.core.errors import ContentProblem, Location
from tests.core.samples import TOPIC_YAML, Load, MakeContent, ProblemsIn

ABOUT = "content/about.yaml"
BIDI_HINT = ("delete it: it silently reorders the letters visitors read; "
             "Khmer and English need no direction marks")
CONTROL_HINT = "delete it: it is invisible on screen (to start a new line, use a new line)"


def topic(old: str, new: str) -> str:
    assert old in TOPIC_YAML
    return TOPIC_YAML.replace(old, new, 1)


def bidi(line: int, column: int, char: str, escaped: bool = False) -> ContentProblem:
    name = unicodedata.name(char)
    tail = " (written as an escape)" if escaped else ""
    return ContentProblem(Location(ABOUT, line, column),
                          f"invisible direction control U+{ord(char):04X} ({name}) in this text{tail}", BIDI_HINT)


def control(line: int, column: int, code: str, where: str = "this text") -> ContentProblem:
    return ContentProblem(Location(ABOUT, line, column), f"control character {code} in {where}", CONTROL_HINT)


@pytest.mark.parametrize("char", sorted(BIDI_CONTROLS), ids=lambda c: f"U+{ord(c):04X}")
def test_a_bidi_control_typed_into_a_text_is_reported_at_its_place(
        make_content: MakeContent, problems_in: ProblemsIn, char: str) -> None:
    root = make_content({"about.yaml": topic("en: Welcome", f"en: Wel{char}come")})
    assert problems_in(root) == [bidi(11, 14, char)]


def test_the_bidi_ranges_are_the_overrides_and_isolates() -> None:
    assert {ord(c) for c in BIDI_CONTROLS} == {*range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def test_every_bidi_control_in_a_text_is_reported(make_content: MakeContent, problems_in: ProblemsIn) -> None:
    root = make_content({"about.yaml": topic("en: Welcome", "en: \u202eWel\u2066come\u2069")})
    assert problems_in(root) == [bidi(11, 11, "\u202e"), bidi(11, 15, "\u2066"), bidi(11, 20, "\u2069")]


def test_a_bidi_control_written_as_an_escape_is_reported_at_the_text(
        make_content: MakeContent, problems_in: ProblemsIn) -> None:
    root = make_content({"about.yaml": topic("en: Welcome", 'en: "Wel\\u202Ecome"')})
    assert problems_in(root) == [bidi(11, 11, "\u202e", escaped=True)]


def test_control_characters_typed_into_the_file_are_all_reported_at_once(
        make_content: MakeContent, problems_in: ProblemsIn) -> None:
    root = make_content({"about.yaml": topic("en: About us", "en: About\x07 us").replace(
        "en: Welcome", "en: Wel\x9bcome")})
    assert problems_in(root) == [control(4, 12, "U+0007", "this file"), control(11, 14, "U+009B", "this file")]


@pytest.mark.parametrize(("escape", "code"), [("\\a", "U+0007"), ("\\r", "U+000D"), ("\\e", "U+001B"),
                                              ("\\x7f", "U+007F"), ("\\x85", "U+0085"), ("\\0", "U+0000")])
def test_a_control_character_written_as_an_escape_is_reported(
        make_content: MakeContent, problems_in: ProblemsIn, escape: str, code: str) -> None:
    root = make_content({"about.yaml": topic("en: Welcome", f'en: "Wel{escape}come"')})
    problem = control(11, 11, code)
    assert problems_in(root) == [ContentProblem(problem.location, problem.message + " (written as an escape)",
                                                CONTROL_HINT)]


def test_khmer_zero_width_marks_tabs_and_line_breaks_are_allowed(make_content: MakeContent, load: Load) -> None:
    khmer = "សូម\u200bស្វាគមន៍\u200c\u200d"
    root = make_content({"about.yaml": topic("km: សូមស្វាគមន៍", f"km: {khmer}").replace(
        "en: Welcome", 'en: "Wel\\tcome\\nhome"')})
    heading = load(root).deck.slides[0].heading  # type: ignore[attr-defined]
    assert heading.get("km", "km") == khmer
    assert heading.get("en", "km") == "Wel\tcome\nhome"


def test_windows_line_ends_are_not_control_characters(make_content: MakeContent, load: Load) -> None:
    root = make_content({"about.yaml": TOPIC_YAML.replace("\n", "\r\n")})
    assert load(root).deck.slides[0].id == "welcome"
