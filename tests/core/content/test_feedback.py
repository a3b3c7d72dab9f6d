"""The feedback slide type: located errors from ``kiosk check``, its answers, and the translators' sheet."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from kiosk.core.content.feedback import feedback_choices, feedback_questions
from kiosk.core.content.model import FeedbackSlide
from kiosk.core.content.provinces import PROVINCES
from kiosk.core.content.sheet import export_sheet, import_sheet
from kiosk.core.errors import ContentProblem, Location
from kiosk.core.storage.paths import bundled_content_dir
from tests.core.samples import DECK_YAML, TOPIC_YAML, Load, MakeContent, ProblemsIn

ABOUT = "content/about.yaml"
FACES = ("face-very-happy", "face-happy", "face-neutral", "face-sad")


def feedback_yaml(answers: list[tuple[str, str]] | None, kind: str | None = None) -> str:
    """The base topic with a feedback slide at the end (its first line is line 20)."""
    text = TOPIC_YAML + "  - id: your-view\n    type: feedback\n"
    if kind is not None:
        text += f"    kind: {kind}\n"
    text += "    question:\n      km: តើអ្នកចូលចិត្តទេ?\n      en: Did you like it?\n"
    if answers is not None:
        text += "    answers:\n"
        for answer_id, icon in answers:
            text += (f"      - id: {answer_id}\n        icon: {icon}\n        label:\n"
                     f"          km: ក\n          en: {answer_id}\n")
    return text


def with_feedback(answers: list[tuple[str, str]] | None, kind: str | None = None) -> dict[str, str]:
    return {"about.yaml": feedback_yaml(answers, kind)}


FOUR = [("very-happy", FACES[0]), ("happy", FACES[1]), ("neutral", FACES[2]), ("sad", FACES[3])]


def problem(line: int, column: int, message: str, hint: str = "") -> ContentProblem:
    return ContentProblem(Location(ABOUT, line, column), message, hint)


def test_a_picture_question_loads_with_its_answers(make_content: MakeContent, load: Load) -> None:
    deck = load(make_content(with_feedback(FOUR))).deck
    slide = deck.slides[-1]
    assert isinstance(slide, FeedbackSlide)
    assert slide.kind == "pictures"
    choices = feedback_choices(slide, deck)
    assert [(c.id, c.icon, c.label.get("en", "km")) for c in choices] == [
        ("very-happy", FACES[0], "very-happy"), ("happy", FACES[1], "happy"),
        ("neutral", FACES[2], "neutral"), ("sad", FACES[3], "sad")]
    assert feedback_questions(deck) == {"your-view": choices}


SCALE_HINT = "pictures work best as a short scale, e.g. very happy, happy, neutral, sad"
OWN_ID_HINT = "give every answer its own id"
NO_ANSWERS_HINT = "remove 'answers', or use kind: pictures"


@pytest.mark.parametrize(("answers", "kind", "expected"), [
    (FOUR[:2], None, problem(26, 7, "'answers': a question needs 3 to 5 answers, not 2", SCALE_HINT)),
    ([*FOUR, ("more", "heart"), ("most", "star")], None,
     problem(26, 7, "'answers': a question needs 3 to 5 answers, not 6", SCALE_HINT)),
    (None, None, problem(20, 5, "'answers': a question needs 3 to 5 answers, not 0", SCALE_HINT)),
    ([*FOUR[:2], ("happy", FACES[2])], None, problem(26, 7, "'answers': answer id 'happy' is used twice",
                                                     OWN_ID_HINT)),
    ([*FOUR[:3], ("Sad Face", FACES[3])], None,
     problem(41, 13, "'id': 'Sad Face' is not a valid answer id",
             "use lowercase letters, digits and hyphens, e.g. very-happy")),
    (FOUR, "topics", problem(27, 7, "'answers': a 'topics' question takes its answers from the deck's topics",
                             NO_ANSWERS_HINT)),
    (FOUR, "province", problem(27, 7, "'answers': a 'province' question takes its answers from the list of "
                               "provinces", NO_ANSWERS_HINT)),
], ids=["two", "six", "none", "duplicate-id", "bad-id", "topics-with-answers", "province-with-answers"])
def test_bad_feedback_slides_are_located(make_content: MakeContent, problems_in: ProblemsIn,
                                         answers: list[tuple[str, str]] | None, kind: str | None,
                                         expected: ContentProblem) -> None:
    assert problems_in(make_content(with_feedback(answers, kind))) == [expected]


def test_an_unknown_icon_lists_the_icons(make_content: MakeContent, problems_in: ProblemsIn,
                                         icons: list[str]) -> None:
    root = make_content(with_feedback([*FOUR[:3], ("sad", "smiley")]))
    assert problems_in(root) == [problem(42, 15, "'icon': there is no icon named 'smiley'",
                                         "icons: " + ", ".join(icons))]


def test_an_unknown_kind_is_named_once(make_content: MakeContent, problems_in: ProblemsIn) -> None:
    found = problems_in(make_content(with_feedback(None, kind="provinces")))
    assert len(found) == 1
    assert found[0].location == Location(ABOUT, 22, 11)
    assert "'kind'" in found[0].message
    assert "'province'" in found[0].message


def test_a_topics_question_offers_the_other_topics(make_content: MakeContent, load: Load) -> None:
    more = TOPIC_YAML.replace("id: welcome", "id: more-welcome").replace("id: story", "id: more-story") \
        .replace("en: About us", "en: More")
    deck_yaml = DECK_YAML + "  - more.yaml\n"
    deck = load(make_content({"deck.yaml": deck_yaml, "more.yaml": more, **with_feedback(None, "topics")})).deck
    slide = deck.slides[2]
    assert isinstance(slide, FeedbackSlide)
    choices = feedback_choices(slide, deck)
    # The topic holding the question is not offered as its own answer.
    assert [(c.id, c.icon, c.label.get("en", "km")) for c in choices] == [("more", "heart", "More")]


def test_a_province_question_offers_the_25_provinces_and_capital(make_content: MakeContent, load: Load) -> None:
    deck = load(make_content(with_feedback(None, "province"))).deck
    slide = deck.slides[-1]
    assert isinstance(slide, FeedbackSlide)
    choices = feedback_choices(slide, deck)
    assert len(choices) == 25 == len({c.id for c in choices})
    by_id = {c.id: c for c in choices}
    assert by_id["phnom-penh"].label.get("km", "en") == "រាជធានីភ្នំពេញ"
    assert by_id["battambang"].label.get("en", "km") == "Battambang"
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", c.id) for c in choices)
    assert all(c.icon is None for c in choices)
    assert [p.code for p in PROVINCES] == [f"{n:02d}" for n in range(1, 26)]


def read_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def test_the_sheet_carries_the_question_and_answer_labels(make_content: MakeContent, load: Load,
                                                          tmp_path: Path) -> None:
    root = make_content(with_feedback(FOUR))
    sheet = tmp_path / "sheet.csv"
    export_sheet(root, sheet)
    rows = read_rows(sheet)
    feedback_rows = [row[:3] for row in rows if row[1] == "your-view"]
    assert feedback_rows == [["about.yaml", "your-view", "question"]] + [
        ["about.yaml", "your-view", f"answers[{i}].label"] for i in range(4)]
    next(row for row in rows if row[2] == "answers[1].label")[rows[0].index("en")] = "Happy enough"
    with sheet.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    assert import_sheet(sheet, root) == 1
    slide = load(root).deck.slides[-1]
    assert isinstance(slide, FeedbackSlide)
    assert slide.answers[1].label.get("en", "km") == "Happy enough"


def test_miro_deck_ends_with_a_feedback_question_in_khmer_first(load: Load) -> None:
    deck = load(bundled_content_dir()).deck
    last = deck.slides[-1]
    assert isinstance(last, FeedbackSlide)
    assert last.kind == "pictures"
    assert [a.icon for a in last.answers] == list(FACES)
    for text in (last.question, *(a.label for a in last.answers)):
        assert next(iter(text.root)) == "km"
        assert text.awaiting_review == ("km",)
    assert deck.log_keep_days == 365
