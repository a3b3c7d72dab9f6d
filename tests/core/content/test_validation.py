"""Tests for kiosk.core.content.model: closed schemas, multilingual texts, safe paths, slide registry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from kiosk.core.content import model, validation
from kiosk.core.content.model import iter_texts
from kiosk.core.content.validation import (
    SLIDE_TYPES,
    DeckFile,
    Language,
    LocalizedText,
    PeopleSlide,
    TextSlide,
    TitleSlide,
    to_plain,
)

KM_EN = {"languages": ["km", "en"]}


def errors(model: Any, data: Any, context: dict[str, Any] | None = None) -> list[tuple[str, str]]:
    """(type, message) of every validation error, in order."""
    with pytest.raises(ValidationError) as info:
        model.model_validate(data, context=context)
    return [(e["type"], e["msg"]) for e in info.value.errors(include_url=False)]


@pytest.mark.parametrize(
    ("value", "languages"),
    [
        ({"km": "ខ្មែរ", "en": "Khmer"}, ["km", "en"]),
        ({"km": "ខ្មែរ"}, ["km", "en"]),  # a missing non-default language is allowed
        ({"km": "ខ្មែរ", "en": "Khmer", "review": "km"}, ["km", "en"]),
        ({"km": "ខ្មែរ", "en": "Khmer", "vi": "Tiếng Khơme"}, ["km", "en", "vi"]),
        ({"km": "ខ្មែរ", "review": "km, vi"}, ["km", "en", "vi"]),
    ],
)
def test_valid_texts(value: dict[str, str], languages: list[str]) -> None:
    assert LocalizedText.model_validate(value, context={"languages": languages}).root == value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"en": "Khmer"},
         ("missing_default_language",
          "this text has no 'km' version ('km' is the deck's default language)")),
        ({"km": "   ", "en": "Khmer"},
         ("missing_default_language",
          "this text has no 'km' version ('km' is the deck's default language)")),
        ({"km": "ខ្មែរ", "fr": "khmer"},
         ("unknown_language", "'fr' is not a language of this deck")),
        ({"km": "ខ្មែរ", "review": "kh"},
         ("unknown_review_language", "review names 'kh', which is not a language of this deck")),
    ],
)
def test_invalid_texts(value: dict[str, str], expected: tuple[str, str]) -> None:
    assert errors(LocalizedText, value, KM_EN) == [expected]


def test_text_falls_back_to_the_default_language() -> None:
    text = LocalizedText({"km": "ខ្មែរ", "en": " ", "review": "km"})
    assert text.get("en", "km") == "ខ្មែរ"
    assert text.get("km", "km") == "ខ្មែរ"
    assert (text.has("km"), text.has("en")) == (True, False)
    assert text.awaiting_review == ("km",)


def test_review_lists_several_languages() -> None:
    assert LocalizedText({"km": "a", "review": "km,  en"}).awaiting_review == ("km", "en")


@pytest.mark.parametrize(
    ("image", "expected"),
    [
        ("../secret.png", ("path_escape", "'../secret.png' points outside the content folder")),
        ("images/../../secret.png",
         ("path_escape", "'images/../../secret.png' points outside the content folder")),
        ("/etc/passwd", ("path_absolute", "'/etc/passwd' is an absolute path")),
        ("C:/photos/a.jpg", ("path_absolute", "'C:/photos/a.jpg' is an absolute path")),
        ("images\\photo.jpg", ("path_backslash", "use '/' between folder names, not '\\'")),
        ("images/missing.jpg", ("path_missing", "file 'images/missing.jpg' is not found")),
        ("images", ("path_missing", "file 'images' is a folder, not a file")),
        ("link.jpg", ("path_escape", "'link.jpg' points outside the content folder")),
        ("x" * 300 + ".jpg", ("path_missing", f"file '{'x' * 300}.jpg' is not found")),
    ],
)
def test_image_paths_must_name_a_file_inside_the_content_folder(
        tmp_path: Path, image: str, expected: tuple[str, str]) -> None:
    root = tmp_path / "content"
    (root / "images").mkdir(parents=True)
    (root / "images" / "photo.jpg").write_bytes(b"jpeg")
    (tmp_path / "secret.jpg").write_bytes(b"secret")
    (root / "link.jpg").symlink_to(tmp_path / "secret.jpg")
    data = {"id": "a", "heading": {"km": "ក"}, "image": image}
    assert errors(TitleSlide, data, {**KM_EN, "root": root}) == [expected]


def test_image_inside_the_content_folder_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "photo.jpg").write_bytes(b"jpeg")
    data = {"id": "a", "heading": {"km": "ក"}, "image": "images/photo.jpg"}
    slide = TitleSlide.model_validate(data, context={**KM_EN, "root": tmp_path})
    assert slide.image is not None
    assert slide.image.file == "images/photo.jpg"


def test_a_picture_carries_focus_caption_and_credit(tmp_path: Path) -> None:
    (tmp_path / "meeting.jpg").write_bytes(b"jpeg")
    data = {"id": "a", "heading": {"km": "ក"}, "paragraphs": [{"km": "ខ"}], "image": {
        "file": "meeting.jpg", "focus": ["0.3", "0.8"], "caption": {"km": "គ"}, "credit": {"km": "ឃ"}}}
    slide = TextSlide.model_validate(data, context={**KM_EN, "root": tmp_path})
    assert slide.image is not None
    assert slide.image.focus == (0.3, 0.8)
    assert [path for path, _ in iter_texts(to_plain(slide))] == [
        "image.caption", "image.credit", "heading", "paragraphs[0]"]  # the sheet has captions too


@pytest.mark.parametrize(("picture", "expected"), [
    ({"file": "a.jpg", "illustration": "lotus"},
     ("picture_source", "a picture needs either 'file' or 'illustration', not both")),
    ({"focus": [0.5, 0.5]}, ("picture_source", "a picture needs either 'file' or 'illustration', not neither")),
    ({"illustration": "lotus", "focus": [1.5, 0.5]}, ("less_than_equal", "Input should be less than or equal to 1")),
    ({"illustration": "lotus", "focus": [0.5]}, ("missing", "Field required")),
    ({"illustration": "sunset"}, ("unknown_illustration", "there is no illustration named 'sunset'")),
    ({"illustration": "lotus", "size": "big"}, ("extra_forbidden", "Extra inputs are not permitted")),
])
def test_pictures_are_checked(picture: dict[str, Any], expected: tuple[str, str]) -> None:
    data = {"id": "a", "heading": {"km": "ក"}, "image": picture}
    context = {**KM_EN, "illustrations": ["lotus", "village"]}
    assert errors(TitleSlide, data, context) == [expected]


def test_every_slide_type_can_carry_a_picture() -> None:
    assert all("image" in cls.model_fields for cls in SLIDE_TYPES.values())


@pytest.mark.parametrize("slide_id", ["Welcome", "our mission", "-start", "café", ""])
def test_slide_ids_are_lowercase_words_with_hyphens(slide_id: str) -> None:
    data = {"id": slide_id, "heading": {"km": "ក"}}
    assert errors(TitleSlide, data, KM_EN) == [
        ("slide_id", f"'{slide_id}' is not a valid slide id")
    ]


@pytest.mark.parametrize("code", ["Khmer", "k", "km_KH", "KM"])
def test_language_codes(code: str) -> None:
    assert errors(Language, {"code": code, "name": "x"}) == [
        ("language_code", f"'{code}' is not a language code")
    ]


@pytest.mark.parametrize("code", ["km", "en", "vi", "zh-Hant"])
def test_valid_language_codes(code: str) -> None:
    assert Language.model_validate({"code": code, "name": "x"}).code == code


def test_unknown_icon_is_refused_when_icons_are_known() -> None:
    data = {"id": "v", "heading": {"km": "ក"}, "items": [{"text": {"km": "ខ"}, "icon": "hart"}]}
    assert errors(SLIDE_TYPES["list"], data, {**KM_EN, "icons": ["heart", "star"]}) == [
        ("unknown_icon", "there is no icon named 'hart'")
    ]


def test_schemas_are_closed() -> None:
    data = {"id": "a", "heading": {"km": "ក"}, "haeding": {"km": "ក"}}
    assert errors(TitleSlide, data, KM_EN) == [
        ("extra_forbidden", "Extra inputs are not permitted")
    ]


@pytest.mark.parametrize(
    ("field", "items", "expected"),
    [
        ("paragraphs", [],
         ("too_short", "List should have at least 1 item after validation, not 0")),
        ("paragraphs", [{"km": "ក"}] * 7,
         ("too_long", "List should have at most 6 items after validation, not 7")),
    ],
)
def test_list_lengths_fit_a_slide(field: str, items: list[Any], expected: tuple[str, str]) -> None:
    data = {"id": "a", "heading": {"km": "ក"}, field: items}
    assert errors(TextSlide, data, KM_EN) == [expected]


def test_registry_maps_every_type_tag_to_its_class() -> None:
    assert sorted(SLIDE_TYPES) == [
        "contact", "feedback", "list", "people", "statement", "text", "timeline", "title"
    ]
    for tag, cls in SLIDE_TYPES.items():
        assert cls.type_name == tag
        assert cls.model_fields["type"].default == tag


def test_iter_texts_names_every_visible_text() -> None:
    slide = PeopleSlide.model_validate({
        "id": "leaders",
        "heading": {"km": "ក"},
        "people": [
            {"name": {"km": "ក"}, "role": {"km": "ខ"}, "bio": {"km": "គ"}},
            {"name": {"km": "ឃ"}, "role": {"km": "ង"}, "bio": {"km": "ច"}},
        ],
        "notes": {"km": "ឆ"},
    })
    assert [path for path, _text in iter_texts(to_plain(slide))] == [
        "notes", "heading", "people[0].name", "people[0].role", "people[0].bio",
        "people[1].name", "people[1].role", "people[1].bio",
    ]


def test_deck_idle_timeout_has_sane_bounds() -> None:
    base = {"name": {"km": "ក"}, "short_name": {"km": "ក"}, "topics": ["a.yaml"],
            "languages": [{"code": "km", "name": "ខ្មែរ"}]}
    assert DeckFile.model_validate(base).idle_timeout == 90
    assert errors(DeckFile, {**base, "idle_timeout": "5"}) == [
        ("greater_than_equal", "Input should be greater than or equal to 10")
    ]


@pytest.mark.parametrize("name", sorted(cls.__name__ for cls in validation._PLAIN_TYPES))
def test_every_plain_class_mirrors_its_validation_model_field_for_field(name: str) -> None:
    import dataclasses

    checked = next(cls for cls in validation._PLAIN_TYPES if cls.__name__ == name)
    plain = validation._PLAIN_TYPES[checked]
    assert plain is getattr(model, name)
    assert [f.name for f in dataclasses.fields(plain)] == list(checked.model_fields)
