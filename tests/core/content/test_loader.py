"""Tests for kiosk.core.content.loader: every broken input answers with file, line and hint, all at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core.content.loader import LoadedContent, MissingTranslation, load_content
from kiosk.core.content.model import LocalizedText, TitleSlide
from kiosk.core.errors import ContentError, ContentProblem, Location
from tests.core.samples import DECK_YAML, TOPIC_YAML, Load, MakeContent, ProblemsIn

FUZZ = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
ABOUT = "content/about.yaml"
DECK = "content/deck.yaml"
MORE = "content/more.yaml"
WITH_VI = DECK_YAML.replace("topics:", "  - code: vi\n    name: Tiếng Việt\ntopics:")
WITH_MORE = DECK_YAML + "  - more.yaml\n"


def problem(file: str, line: int, column: int, message: str, hint: str = "") -> ContentProblem:
    return ContentProblem(Location(file, line, column), message, hint)


def in_topic(old: str, new: str) -> Callable[[str], str]:
    """An edit of the base topic file that must change it."""

    def edit(text: str) -> str:
        assert old in text
        return text.replace(old, new, 1)

    return edit


def welcome_heading(loaded: LoadedContent) -> LocalizedText:
    slide = loaded.deck.slides[0]
    assert isinstance(slide, TitleSlide)
    return slide.heading


def summary(languages: str, texts: int, review: int, missing: int) -> str:
    return (f"OK: 2 slides in 1 topics, languages {languages}; {texts} texts, "
            f"{review} awaiting review, {missing} missing a language")


def test_base_content_is_valid(make_content: MakeContent, load: Load) -> None:
    loaded = load(make_content())
    assert [s.id for s in loaded.deck.slides] == ["welcome", "story"]
    assert loaded.report.summary() == summary("km, en", 6, 0, 0)


@pytest.mark.parametrize(
    "typed",
    ["No", "yes", "on", "off", "2013-01-28", "2013", "~", "null", "'007'",
     "<b>Hi</b> & <i>there</i>", "<img src=x onerror=alert(1)>"],
)
def test_text_stays_text(make_content: MakeContent, load: Load, typed: str) -> None:
    root = make_content({"about.yaml": in_topic("en: About us", f"en: {typed}")})
    topic = load(root).deck.topics[0]
    assert topic.title.get("en", "km") == typed.strip("'")


BROKEN: list[Any] = [
    pytest.param(
        {"about.yaml": in_topic("en: Welcome", "en: Welcome: home")},
        [problem(ABOUT, 11, 18, "not valid YAML: mapping values are not allowed in this context",
                 "put the text in quotes if it contains ': '")],
        id="yaml-syntax",
    ),
    pytest.param(
        {"about.yaml": in_topic("    heading:\n      km: រឿង", "\theading:\n      km: រឿង")},
        [problem(ABOUT, 14, 1, "not valid YAML: found a tab character that violates indentation",
                 "use spaces, not tabs, to indent")],
        id="tab",
    ),
    pytest.param(
        {"about.yaml": TOPIC_YAML[:TOPIC_YAML.index("en: Our story")] + 'en: "Our st'},
        [problem(ABOUT, 16, 11, "not valid YAML: found unexpected end of stream",
                 "a quote is not closed; the file may be cut short")],
        id="truncated-in-quotes",
    ),
    pytest.param(
        {"about.yaml": TOPIC_YAML[:TOPIC_YAML.index("    paragraphs:") + 16]},
        [problem(ABOUT, 17, 16, "'paragraphs' should be a list, not nothing",
                 "start each item on its own line with '- '")],
        id="truncated-after-key",
    ),
    pytest.param(
        {"about.yaml": TOPIC_YAML[:TOPIC_YAML.index("      km: រឿង")]},
        [problem(ABOUT, 12, 5, "'paragraphs' is missing",
                 "add 'paragraphs:' with a line for each language"),
         problem(ABOUT, 14, 13, "'heading' is empty",
                 "add a line for each language below it, e.g.  km: ...  and  en: ...")],
        id="truncated-mid-slide",
    ),
    pytest.param(
        {"about.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
        [problem(ABOUT, 3, 1, "this is not a text file (it contains binary data)",
                 "content files must be YAML text saved as UTF-8")],
        id="binary",
    ),
    pytest.param(
        {"about.yaml": TOPIC_YAML.replace("en: About us", "en: Café").encode("cp1252", "replace")},
        [problem(ABOUT, 4, 10, "this file is not valid UTF-8 text",
                 "save it as UTF-8 (in Notepad: Save as > Encoding > UTF-8)")],
        id="not-utf8",
    ),
    pytest.param(
        {"about.yaml": TOPIC_YAML.encode("utf-16")},
        [problem(ABOUT, 1, 1, "this file is UTF-16, not UTF-8", "save it as UTF-8")],
        id="utf16",
    ),
    pytest.param(
        {"about.yaml": ""},
        [problem(ABOUT, 1, 1, "this file is empty", "it needs at least one 'key: value' line")],
        id="empty",
    ),
    pytest.param(
        {"about.yaml": TOPIC_YAML + "# padding\n" * 110_000},
        [problem(ABOUT, 0, 0, "file is too large (1075 KiB; the limit is 1024 KiB)",
                 "split it into smaller topic files")],
        id="too-large",
    ),
    pytest.param(
        {"about.yaml": "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                       "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"},
        [problem(ABOUT, 1, 4, "anchors ('&name') are not allowed in content files",
                 "write the text out in full")],
        id="alias-bomb",
    ),
    pytest.param(
        {"about.yaml": in_topic("en: Welcome", "en: !!python/object/apply:os.system ['ls']")},
        [problem(ABOUT, 11, 11,
                 "tags like 'tag:yaml.org,2002:python/object/apply:os.system' are not allowed",
                 "remove the '!' tag; content is plain text")],
        id="python-tag",
    ),
    pytest.param(
        {"about.yaml": in_topic("en: Welcome", "en:\n        - Welcome")},
        [problem(ABOUT, 12, 9, "'en' should be a text, not a list",
                 "put the text on the same line after the colon")],
        id="list-for-text",
    ),
    pytest.param(
        {"about.yaml": in_topic("    heading:\n      km: សូមស្វាគមន៍\n      en: Welcome\n",
                                "    heading: Welcome\n")},
        [problem(ABOUT, 9, 14, "'heading' needs a text in every language, not a single text",
                 "write it as a line for each language, e.g.  km: ...  and  en: ...")],
        id="single-string-for-text",
    ),
    pytest.param(
        {"about.yaml": in_topic("    heading:\n      km: សូម", "    haeding:\n      km: សូម")},
        [problem(ABOUT, 7, 5, "'heading' is missing",
                 "add 'heading:' with a line for each language"),
         problem(ABOUT, 9, 5, "unknown field 'haeding'", "did you mean 'heading'?")],
        id="unknown-key",
    ),
    pytest.param(
        {"about.yaml": in_topic("type: title", "type: peopel")},
        [problem(ABOUT, 8, 11, "unknown slide type 'peopel'", "did you mean 'people'?")],
        id="unknown-slide-type",
    ),
    pytest.param(
        {"about.yaml": in_topic("    type: title\n", "")},
        [problem(ABOUT, 7, 5, "this slide has no 'type'",
                 "add 'type:' with one of: title, text, people, list, timeline, statement, "
                 "contact, feedback")],
        id="no-slide-type",
    ),
    pytest.param(
        {"about.yaml": in_topic("      km: សូមស្វាគមន៍\n", "")},
        [problem(ABOUT, 10, 7,
                 "this text has no 'km' version ('km' is the deck's default language)",
                 "every text needs the default language; other languages may follow later")],
        id="no-default-language",
    ),
    pytest.param(
        {"about.yaml": in_topic("en: Welcome", "en: Welcome\n      fr: Bienvenue")},
        [problem(ABOUT, 12, 7, "'fr' is not a language of this deck",
                 "languages are declared in deck.yaml")],
        id="unknown-language",
    ),
    pytest.param(
        {"about.yaml": TOPIC_YAML + "    image: images/photo.jpg\n"},
        [problem(ABOUT, 20, 12, "'image': file 'images/photo.jpg' is not found",
                 "put the file at {root}/images/photo.jpg")],
        id="missing-image",
    ),
    pytest.param(
        {"about.yaml": TOPIC_YAML + "    image: ../secret.png\n", "../secret.png": "x"},
        [problem(ABOUT, 20, 12, "'image': '../secret.png' points outside the content folder",
                 "copy the file into the content folder and name it from there")],
        id="image-outside",
    ),
    pytest.param(
        {"about.yaml": TOPIC_YAML + "    image: /etc/passwd\n"},
        [problem(ABOUT, 20, 12, "'image': '/etc/passwd' is an absolute path",
                 "give the path inside the content folder, e.g. images/photo.jpg")],
        id="image-absolute",
    ),
    pytest.param(
        {"about.yaml": TOPIC_YAML + "    image: images\n", "images/": None},
        [problem(ABOUT, 20, 12, "'image': file 'images' is a folder, not a file",
                 "put the file at {root}/images")],
        id="image-is-folder",
    ),
    pytest.param(
        {"deck.yaml": WITH_MORE, "more.yaml": TOPIC_YAML},
        [problem(MORE, 7, 9, "slide id 'welcome' is used twice (first at content/about.yaml:7:9)",
                 "give every slide its own id"),
         problem(MORE, 12, 9, "slide id 'story' is used twice (first at content/about.yaml:12:9)",
                 "give every slide its own id")],
        id="duplicate-slide-ids",
    ),
    pytest.param(
        {"deck.yaml": WITH_MORE, "more.yaml/": None},
        [problem(DECK, 15, 5, "'more.yaml' is a folder, but a topic file is expected",
                 "name a .yaml file")],
        id="topic-is-folder",
    ),
    pytest.param(
        {"deck.yaml": WITH_MORE},
        [problem(DECK, 15, 5, "topic file 'more.yaml' not found", "create content/more.yaml")],
        id="missing-topic",
    ),
    pytest.param(
        {"deck.yaml": DECK_YAML.replace("- about.yaml", "- abuot.yaml")},
        [problem(DECK, 14, 5, "topic file 'abuot.yaml' not found", "did you mean 'about.yaml'?")],
        id="misspelt-topic",
    ),
    pytest.param(
        {"deck.yaml": DECK_YAML + "  - about.yaml\n"},
        [problem(DECK, 15, 5, "topic file 'about.yaml' is listed twice",
                 "remove one of the lines")],
        id="topic-twice",
    ),
    pytest.param(
        {"deck.yaml": DECK_YAML + "  - ../about.yaml\n"},
        [problem(DECK, 15, 5, "topic file '../about.yaml' must be inside the content folder",
                 "give just the file name, e.g. mission.yaml")],
        id="topic-outside",
    ),
    pytest.param(
        {"deck.yaml": DECK_YAML + "  - notes.txt\n"},
        [problem(DECK, 15, 5, "topic file 'notes.txt' must end in .yaml", "e.g. mission.yaml")],
        id="topic-not-yaml",
    ),
    pytest.param(
        {"deck.yaml": DECK_YAML + "  - " + "x" * 300 + ".yaml\n"},
        [problem(DECK, 15, 5, f"topic file '{'x' * 300}.yaml' not found",
                 f"create content/{'x' * 300}.yaml")],
        id="topic-name-too-long",
    ),
    pytest.param(
        {"about.yaml": in_topic("      en: Welcome", "      en: Welcome\n      en: Hello")},
        [problem(ABOUT, 12, 7, "'en' appears twice here", "remove one of them")],
        id="duplicate-key",
    ),
    pytest.param(
        {"about.yaml": "- a\n- b\n"},
        [problem(ABOUT, 1, 1, "expected 'key: value' lines at the top of the file",
                 "see the comments at the top of the bundled files for the layout")],
        id="topic-is-a-list",
    ),
    pytest.param(
        {"deck.yaml": DECK_YAML + "idle_timeout: ninety\n"},
        [problem(DECK, 15, 15, "'idle_timeout' should be a whole number, not 'ninety'")],
        id="idle-timeout-not-a-number",
    ),
    pytest.param(
        {"deck.yaml": DECK_YAML.replace("topics:\n  - about.yaml", "topics: about.yaml")},
        [problem(DECK, 13, 9, "'topics' should be a list, not 'about.yaml'",
                 "start each item on its own line with '- '")],
        id="topics-not-a-list",
    ),
    pytest.param(
        {"deck.yaml": None},
        [problem(DECK, 0, 0, "file not found", "check the spelling of the file name")],
        id="no-deck",
    ),
]


@pytest.mark.parametrize(("files", "expected"), BROKEN)
def test_broken_content_is_reported_with_place_and_hint(
        make_content: MakeContent, problems_in: ProblemsIn, files: dict[str, Any],
        expected: list[ContentProblem]) -> None:
    root = make_content(files)
    # A missing image's hint names the absolute place to put it.
    expected = [ContentProblem(p.location, p.message, p.hint.replace("{root}", str(root)))
                for p in expected]
    assert problems_in(root) == expected


def test_a_kept_phrase_of_one_word_is_reported_with_a_hint(make_content: MakeContent,
                                                          problems_in: ProblemsIn) -> None:
    root = make_content({"deck.yaml": lambda t: t + "keep_together:\n  - Khmer Krom\n  - Krom\n"})
    [found] = problems_in(root)
    assert found.location.file.endswith("deck.yaml")
    assert "'Krom' is one word, not a phrase" in found.message
    assert "khmer-words.txt" in found.hint


def test_kept_phrases_reach_the_deck(make_content: MakeContent, load: Load) -> None:
    root = make_content({"deck.yaml": lambda t: t + "keep_together:\n  - Khmer   Krom\n"})
    assert load(root).deck.keep_together == ("Khmer Krom",)


def test_unknown_icon_lists_the_icons(make_content: MakeContent, icons: list[str],
                                      problems_in: ProblemsIn) -> None:
    root = make_content({"about.yaml": in_topic("icon: heart", "icon: hart")})
    assert problems_in(root) == [
        problem(ABOUT, 5, 7, "'icon': there is no icon named 'hart'", "icons: " + ", ".join(icons))
    ]


def test_python_tag_in_content_is_never_executed(make_content: MakeContent, tmp_path: Path,
                                                 problems_in: ProblemsIn) -> None:
    marker = tmp_path / "created-by-yaml"
    payload = f"en: !!python/object/apply:os.mkdir ['{marker}']"
    root = make_content({"about.yaml": in_topic("en: Welcome", payload)})
    assert [p.message for p in problems_in(root)] == [
        "tags like 'tag:yaml.org,2002:python/object/apply:os.mkdir' are not allowed"
    ]
    assert not marker.exists()


def test_all_problems_are_reported_at_once(make_content: MakeContent,
                                           problems_in: ProblemsIn) -> None:
    root = make_content({
        "deck.yaml": DECK_YAML + "idle_timeout: ninety\n",
        "about.yaml": lambda t: t.replace("type: title", "type: peopel")
                                 .replace("en: Our story", "en: Our story\n      fr: Histoire"),
    })
    assert problems_in(root) == [
        problem(ABOUT, 8, 11, "unknown slide type 'peopel'", "did you mean 'people'?"),
        problem(ABOUT, 17, 7, "'fr' is not a language of this deck",
                "languages are declared in deck.yaml"),
        problem(DECK, 15, 15, "'idle_timeout' should be a whole number, not 'ninety'"),
    ]


def test_problem_in_a_topic_title_does_not_hide_its_slides(make_content: MakeContent,
                                                            problems_in: ProblemsIn) -> None:
    root = make_content({
        "about.yaml": lambda t: t.replace("en: About us", "en: About us\n  fr: À propos")
                                 .replace("type: title", "type: peopel"),
    })
    assert problems_in(root) == [
        problem(ABOUT, 5, 3, "'fr' is not a language of this deck",
                "languages are declared in deck.yaml"),
        problem(ABOUT, 9, 11, "unknown slide type 'peopel'", "did you mean 'people'?"),
    ]


def test_content_folder_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ContentError) as info:
        load_content(tmp_path / "nowhere")
    assert info.value.problems == [
        problem("nowhere", 0, 0, "content folder not found", "give the folder that holds deck.yaml")
    ]


def test_content_folder_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "deck.yaml").write_text(DECK_YAML, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_content(tmp_path / "deck.yaml")
    assert info.value.problems == [
        problem("deck.yaml", 0, 0, "this is a file, but a content folder is expected",
                "give the folder that holds deck.yaml")
    ]


def test_missing_other_language_falls_back_and_is_counted(make_content: MakeContent,
                                                           load: Load) -> None:
    loaded = load(make_content({"about.yaml": in_topic("      en: Welcome\n", "")}))
    assert welcome_heading(loaded).get("en", loaded.deck.default_language) == "សូមស្វាគមន៍"
    assert loaded.report.missing == [MissingTranslation("about.yaml", "welcome", "heading", "en")]
    assert loaded.report.summary() == summary("km, en", 6, 0, 1)


def test_texts_awaiting_review_are_counted(make_content: MakeContent, load: Load) -> None:
    root = make_content({
        "about.yaml": lambda t: t.replace("en: Welcome", "en: Welcome\n      review: km")
                                 .replace("en: About us", "en: About us\n  review: km"),
    })
    report = load(root).report
    assert (report.texts, report.awaiting_review) == (6, 2)
    assert report.summary() == summary("km, en", 6, 2, 0)


def test_third_language_without_translations_is_counted_missing(make_content: MakeContent,
                                                                 load: Load) -> None:
    loaded = load(make_content({"deck.yaml": WITH_VI}))
    assert loaded.deck.language_codes == ("km", "en", "vi")
    assert {m.language for m in loaded.report.missing} == {"vi"}
    assert len(loaded.report.missing) == loaded.report.texts == 6
    assert welcome_heading(loaded).get("vi", "km") == "សូមស្វាគមន៍"


def test_third_language_text_validates(make_content: MakeContent, load: Load) -> None:
    root = make_content({
        "deck.yaml": WITH_VI,
        "about.yaml": in_topic("en: Welcome", "en: Welcome\n      vi: Chào mừng"),
    })
    loaded = load(root)
    assert welcome_heading(loaded).get("vi", "km") == "Chào mừng"
    assert MissingTranslation("about.yaml", "welcome", "heading", "vi") not in loaded.report.missing
    assert loaded.report.summary() == summary("km, en, vi", 6, 0, 5)


def test_overrides_are_checked_instead_of_the_file(make_content: MakeContent,
                                                   icons: list[str]) -> None:
    root = make_content()
    edited = TOPIC_YAML.replace("en: Welcome", "en: Hello")
    loaded = load_content(root, icons=icons, overrides={"about.yaml": edited})
    assert welcome_heading(loaded).get("en", "km") == "Hello"
    assert (root / "about.yaml").read_text(encoding="utf-8") == TOPIC_YAML


# --- Nothing a file can contain makes the loader fail with anything but ContentError. ---

def _load_with(root: Path, name: str, data: bytes, icons: list[str]) -> None:
    (root / name).write_bytes(data)
    try:
        load_content(root, icons=icons)
    except ContentError as exc:
        problems: list[object] = list(exc.problems)
    else:
        problems = ["(loaded)"]
    assert problems  # a ContentError always says what is wrong


FILES = st.sampled_from(["deck.yaml", "about.yaml"])


@FUZZ
@given(name=FILES, text=st.text())
def test_any_text_in_a_file_gives_content_or_content_error(
        make_content: MakeContent, icons: list[str], name: str, text: str) -> None:
    _load_with(make_content(), name, text.encode("utf-8", "surrogatepass"), icons)


@FUZZ
@given(name=FILES, raw=st.binary(max_size=400))
def test_any_bytes_in_a_file_give_content_or_content_error(
        make_content: MakeContent, icons: list[str], name: str, raw: bytes) -> None:
    _load_with(make_content(), name, raw, icons)


_WORDS = st.sampled_from([
    "km", "en", "review", "id", "type", "title", "heading", "subtitle", "text", "paragraphs",
    "image", "icon", "people", "name", "role", "bio", "photo", "items", "events", "date",
    "entries", "label", "value", "notes", "intro", "attribution", "caption", "slides",
    "languages", "code", "topics", "short_name", "tagline", "idle_timeout", "list", "timeline",
    "statement", "contact", "welcome", "about.yaml", "deck.yaml", "../x.png", "/etc/passwd",
    "images", "heart", "No", "2013-01-28", "~", "",
])
_TREES = st.recursive(
    _WORDS | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_WORDS, inner, max_size=5),
    max_leaves=25,
)


def _yaml(data: Any) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True).encode("utf-8")


@FUZZ
@given(name=FILES, tree=_TREES)
def test_any_structure_in_a_file_gives_content_or_content_error(
        make_content: MakeContent, icons: list[str], name: str, tree: Any) -> None:
    _load_with(make_content(), name, _yaml(tree), icons)


@FUZZ
@given(slide=st.dictionaries(_WORDS, _TREES, max_size=6), kind=_WORDS)
def test_any_slide_gives_content_or_content_error(
        make_content: MakeContent, icons: list[str], slide: dict[str, Any], kind: str) -> None:
    topic = yaml.safe_load(TOPIC_YAML)
    topic["slides"].append({"id": "fuzz", "type": kind, **slide})
    _load_with(make_content(), "about.yaml", _yaml(topic), icons)
