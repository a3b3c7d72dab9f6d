"""The closed schemas that check the content files (pydantic): every field, type and rule, with hints.

Schemas are closed (unknown keys are errors) and each slide type is one model class, selected by
its ``type:`` through :data:`SLIDE_TYPES`. What passes is turned into the plain dataclasses of
:mod:`kiosk.core.content.model` (:func:`to_plain`), which is what the kiosk shows; this module,
and so pydantic, is imported only where files are checked (a cache miss, ``kiosk check``, a reload).
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, ClassVar, Literal

# pydantic looks up third-party plugins through package metadata on first use (~20 ms at start-up);
# the kiosk uses none.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    RootModel,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from kiosk.core.content import model
from kiosk.core.content.ui_words import UiText
from kiosk.core.content.yamlsource import referenced_file_problem
from kiosk.core.storage.safefile import FileCheckError, check_regular_file
from kiosk.core.text.digits import Digits, default_digits

REVIEW_KEY = model.REVIEW_KEY
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
SLIDE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class LocalizedText(RootModel[dict[str, str]]):
    """A visible text in every language of the deck: ``{km: ..., en: ..., review: km}``.

    ``review`` lists the languages whose text still awaits review by the organisation's staff.
    """

    model_config = ConfigDict(frozen=True)

    @field_validator("root", mode="after")
    @classmethod
    def _check_languages(cls, value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        context = info.context or {}
        languages: list[str] = context.get("languages", [])
        if not languages:
            return value
        for key in value:
            if key != REVIEW_KEY and key not in languages:
                raise PydanticCustomError(
                    "unknown_language",
                    "'{key}' is not a language of this deck",
                    {"key": key, "choices": [*languages, REVIEW_KEY]},
                )
        for code in _split_codes(value.get(REVIEW_KEY, "")):
            if code not in languages:
                raise PydanticCustomError(
                    "unknown_review_language",
                    "review names '{code}', which is not a language of this deck",
                    {"key": REVIEW_KEY, "code": code, "choices": languages},
                )
        if not value.get(languages[0], "").strip():
            raise PydanticCustomError(
                "missing_default_language",
                "this text has no '{code}' version ('{code}' is the deck's default language)",
                {"code": languages[0]},
            )
        return value

    def get(self, language: str, fallback: str) -> str:
        """The text in ``language``, or in ``fallback`` (the default language) when it is missing."""
        text = self.root.get(language, "")
        if not text.strip():
            text = self.root.get(fallback, "")
        return text

    def has(self, language: str) -> bool:
        return bool(self.root.get(language, "").strip())

    @property
    def awaiting_review(self) -> tuple[str, ...]:
        return tuple(_split_codes(self.root.get(REVIEW_KEY, "")))


def _split_codes(value: str) -> list[str]:
    return [c for c in re.split(r"[\s,]+", value) if c]


def _check_content_path(value: str, info: ValidationInfo) -> str:
    """A file inside the content folder: no absolute paths, no ``..`` escapes, and it must exist."""
    context = info.context or {}
    if "\\" in value:
        raise PydanticCustomError(
            "path_backslash", "use '/' between folder names, not '\\'", {"hint": "e.g. images/photo.jpg"}
        )
    pure = PurePosixPath(value)
    if pure.is_absolute() or re.match(r"^[A-Za-z]:", value):
        raise PydanticCustomError(
            "path_absolute", "'{value}' is an absolute path",
            {"value": value, "hint": "give the path inside the content folder, e.g. images/photo.jpg"},
        )
    if ".." in pure.parts:
        raise PydanticCustomError(
            "path_escape", "'{value}' points outside the content folder",
            {"value": value, "hint": "copy the file into the content folder and name it from there"},
        )
    root: Path | None = context.get("root")
    if root is not None:
        target = root / pure
        try:
            inside = target.resolve().is_relative_to(root.resolve())
        except RuntimeError:  # a symlink loop, before Python 3.13 (then OSError): checked below
            inside = True
        except OSError:
            inside = False
        if not inside:
            raise PydanticCustomError(
                "path_escape", "'{value}' points outside the content folder",
                {"value": value, "hint": "copy the file into the content folder"},
            )
        try:
            check_regular_file(target)  # opened, never read: a pipe or a device cannot hang the check
        except FileCheckError as exc:
            what, hint = referenced_file_problem(exc)
            raise PydanticCustomError(
                "path_missing", "file '{value}' is {what}",
                {"value": value, "what": what, "hint": hint or f"put the file at {target}"},
            ) from None
    return value


def _check_icon(value: str, info: ValidationInfo) -> str:
    icons: list[str] = (info.context or {}).get("icons", [])
    if icons and value not in icons:
        raise PydanticCustomError(
            "unknown_icon", "there is no icon named '{value}'",
            {"value": value, "choices": icons, "hint": "icons: " + ", ".join(sorted(icons))},
        )
    return value


ContentPath = Annotated[
    str,
    AfterValidator(_check_content_path),
    Field(description="A file inside the content folder, e.g. images/photo.jpg"),
]
IconName = Annotated[
    str, AfterValidator(_check_icon), Field(description="An icon name from assets/icons (no .svg)")
]
Text = Annotated[LocalizedText, Field(description="A text in every language of the deck")]


def _check_kept_phrase(value: str) -> str:
    words = value.split()
    if len(words) < 2:
        raise PydanticCustomError(
            "kept_phrase", "'{value}' is one word, not a phrase",
            {"value": value.strip(), "hint": "list two or more words here, such as Khmer Krom; "
                                             "a Khmer word that breaks wrongly goes in khmer-words.txt"},
        )
    return " ".join(words)


KeptPhrase = Annotated[
    str, AfterValidator(_check_kept_phrase),
    Field(max_length=80, description="Two or more words kept on one line, e.g. Khmer Krom"),
]


def _check_illustration(value: str, info: ValidationInfo) -> str:
    known: list[str] = (info.context or {}).get("illustrations", [])
    if known and value not in known:
        raise PydanticCustomError(
            "unknown_illustration", "there is no illustration named '{value}'",
            {"value": value, "choices": known, "hint": "illustrations: " + ", ".join(sorted(known))},
        )
    return value


IllustrationName = Annotated[
    str, AfterValidator(_check_illustration),
    Field(description="A bundled illustration from assets/illustrations (no .svg)"),
]
Fraction = Annotated[float, Field(ge=0.0, le=1.0)]


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Picture(_Closed):
    """A photo from the content folder or a bundled illustration, cropped to its box around its
    focal point, with an optional caption and credit line."""

    file: ContentPath | None = Field(default=None, description="A photo in the content folder, e.g. images/meeting.jpg")
    illustration: IllustrationName | None = None
    focus: tuple[Fraction, Fraction] = Field(
        default=(0.5, 0.5),
        description="The point that stays in view when the picture is cropped: [x, y], 0 to 1 from the top left",
    )
    caption: Text | None = Field(default=None, description="What the picture shows (optional)")
    credit: Text | None = Field(default=None, description="Who made the picture (optional; shown small under it)")

    @model_validator(mode="after")
    def _one_source(self) -> Picture:
        if (self.file is None) == (self.illustration is None):
            raise PydanticCustomError(
                "picture_source", "a picture needs either 'file' or 'illustration', not {what}",
                {"what": "both" if self.file else "neither",
                 "hint": "e.g. file: images/meeting.jpg, or illustration: village"},
            )
        return self


def _picture_from_path(value: Any) -> Any:
    """``image: images/photo.jpg`` (a path alone) is short for ``image: {file: images/photo.jpg}``."""
    return {"file": value} if isinstance(value, str) else value


PictureRef = Annotated[
    Picture,
    BeforeValidator(_picture_from_path, json_schema_input_type=str | Picture),
    Field(description="A picture: a file in the content folder (images/photo.jpg), or a picture with "
                      "file or illustration, focus, caption and credit"),
]


class Slide(_Closed):
    """Fields every slide has."""

    type_name: ClassVar[str] = ""
    id: str = Field(description="Unique name of the slide: lowercase letters, digits and hyphens")
    notes: Text | None = Field(default=None, description="Speaker notes for presenters (optional)")
    image: PictureRef | None = Field(
        default=None, description="A picture beside the slide's text (landscape) or above it (portrait)")

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        if not SLIDE_ID.match(value):
            raise PydanticCustomError(
                "slide_id", "'{value}' is not a valid slide id",
                {"value": value, "hint": "use lowercase letters, digits and hyphens, e.g. our-mission"},
            )
        return value


class TitleSlide(Slide):
    """A welcome or section title."""

    type_name: ClassVar[str] = "title"
    type: Literal["title"] = "title"
    heading: Text
    subtitle: Text | None = None


class TextSlide(Slide):
    """A heading and a few short paragraphs, with an optional picture."""

    type_name: ClassVar[str] = "text"
    type: Literal["text"] = "text"
    heading: Text
    paragraphs: list[Text] = Field(min_length=1, max_length=6)
    caption: Text | None = Field(default=None, description="The picture's caption (or give it in image: caption)")


class Person(_Closed):
    """One leader: name, role, a short biography and an optional photo."""

    name: Text
    role: Text
    bio: Text
    photo: ContentPath | None = None


class PeopleSlide(Slide):
    """Leadership cards; people without a photo get an initials avatar."""

    type_name: ClassVar[str] = "people"
    type: Literal["people"] = "people"
    heading: Text
    intro: Text | None = None
    people: list[Person] = Field(min_length=1, max_length=6)


class ListItem(_Closed):
    """A point in a list, with an optional icon."""

    text: Text
    icon: IconName | None = None


class ListSlide(Slide):
    """Values or points."""

    type_name: ClassVar[str] = "list"
    type: Literal["list"] = "list"
    heading: Text
    intro: Text | None = None
    items: list[ListItem] = Field(min_length=1, max_length=8)


class Event(_Closed):
    """A dated milestone; the date is a text, shown exactly as typed in each language."""

    date: Text
    text: Text


class TimelineSlide(Slide):
    """Dated milestones."""

    type_name: ClassVar[str] = "timeline"
    type: Literal["timeline"] = "timeline"
    heading: Text
    intro: Text | None = None
    events: list[Event] = Field(min_length=1, max_length=8)


class StatementSlide(Slide):
    """A single strong statement: the vision, the mission, a quote."""

    type_name: ClassVar[str] = "statement"
    type: Literal["statement"] = "statement"
    heading: Text | None = None
    text: Text
    attribution: Text | None = None


class ContactEntry(_Closed):
    """A labelled line of contact information."""

    label: Text
    value: Text


class ContactSlide(Slide):
    """How to reach the organisation."""

    type_name: ClassVar[str] = "contact"
    type: Literal["contact"] = "contact"
    heading: Text
    text: Text | None = None
    entries: list[ContactEntry] = Field(default_factory=list, max_length=8)


FEEDBACK_MIN_ANSWERS, FEEDBACK_MAX_ANSWERS = 3, 5
FEEDBACK_KINDS = ("pictures", "topics", "province")


class FeedbackAnswer(_Closed):
    """One picture answer: its name in the visitor log, its picture and its words."""

    id: str = Field(description="Name of the answer in the visitor log: lowercase letters, digits and hyphens")
    icon: IconName
    label: Text

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        if not SLIDE_ID.match(value):
            raise PydanticCustomError(
                "answer_id", "'{value}' is not a valid answer id",
                {"value": value, "hint": "use lowercase letters, digits and hyphens, e.g. very-happy"},
            )
        return value


class FeedbackSlide(Slide):
    """A question visitors answer anonymously with one tap on a picture; the slide id names the question."""

    type_name: ClassVar[str] = "feedback"
    type: Literal["feedback"] = "feedback"
    question: Text
    kind: Literal["pictures", "topics", "province"] = Field(
        default="pictures",
        description="pictures: the answers listed here; topics: the deck's topic tiles; "
        "province: Cambodia's provinces and the capital",
    )
    answers: list[FeedbackAnswer] = Field(
        default_factory=list,
        validate_default=True,  # a picture question with no answers at all is an error too
        description=f"{FEEDBACK_MIN_ANSWERS} to {FEEDBACK_MAX_ANSWERS} picture answers (kind: pictures only)",
    )

    @field_validator("answers")
    @classmethod
    def _check_answers(cls, value: list[FeedbackAnswer], info: ValidationInfo) -> list[FeedbackAnswer]:
        kind = info.data.get("kind")
        if kind is None:  # the kind itself is wrong: reported on its own
            return value
        if kind != "pictures":
            if value:
                source = "the deck's topics" if kind == "topics" else "the list of provinces"
                raise PydanticCustomError(
                    "feedback_answers_not_allowed", "a '{kind}' question takes its answers from {source}",
                    {"kind": kind, "source": source, "hint": "remove 'answers', or use kind: pictures"},
                )
            return value
        if not FEEDBACK_MIN_ANSWERS <= len(value) <= FEEDBACK_MAX_ANSWERS:
            raise PydanticCustomError(
                "feedback_answer_count", "a question needs {low} to {high} answers, not {count}",
                {"low": FEEDBACK_MIN_ANSWERS, "high": FEEDBACK_MAX_ANSWERS, "count": len(value),
                 "hint": "pictures work best as a short scale, e.g. very happy, happy, neutral, sad"},
            )
        seen: set[str] = set()
        for answer in value:
            if answer.id in seen:
                raise PydanticCustomError(
                    "feedback_duplicate_answer", "answer id '{value}' is used twice",
                    {"value": answer.id, "hint": "give every answer its own id"},
                )
            seen.add(answer.id)
        return value


SLIDE_TYPES: dict[str, type[Slide]] = {
    cls.type_name: cls
    for cls in (TitleSlide, TextSlide, PeopleSlide, ListSlide, TimelineSlide, StatementSlide, ContactSlide,
                FeedbackSlide)
}


class TopicFile(_Closed):
    """One topic file: its home-screen tile and its slides (validated one by one)."""

    title: Text
    icon: IconName | None = None
    picture: PictureRef | None = Field(default=None, description="The picture on the topic's home-screen tile")
    slides: list[dict[str, Any]] = Field(min_length=1, description="The topic's slides, in order")


class Language(_Closed):
    """A language the deck is written in."""

    code: str = Field(description="Language code, e.g. km, en, vi")
    name: str = Field(description="The language's name in its own script, e.g. ខ្មែរ")
    digits: Digits = Field(
        default=Digits.LATIN,
        description="The digits the kiosk writes its own numbers with (page counter, countdown): "
        "khmer (០១២) or latin (012); when left out, khmer for km and latin for every other language",
    )

    @model_validator(mode="before")
    @classmethod
    def _default_digits(cls, data: Any) -> Any:
        if isinstance(data, dict) and "digits" not in data and isinstance(data.get("code"), str):
            return {**data, "digits": default_digits(data["code"])}
        return data

    @field_validator("code")
    @classmethod
    def _check_code(cls, value: str) -> str:
        if not LANGUAGE_CODE.match(value):
            raise PydanticCustomError(
                "language_code", "'{value}' is not a language code",
                {"value": value, "hint": "use a short code such as km, en or vi"},
            )
        return value


class DeckFile(_Closed):
    """deck.yaml: the organisation's name, languages, settings and topic order."""

    name: Text
    short_name: Text
    tagline: Text | None = None
    languages: list[Language] = Field(min_length=1, description="First is the default language")
    idle_timeout: int = Field(default=90, ge=10, le=3600,
                              description="Seconds without a touch before returning home")
    log_keep_days: int = Field(default=365, ge=1, le=3650,
                               description="Days the anonymous visitor log keeps its events before deleting them")
    topics: list[str] = Field(min_length=1, description="Topic files, in the order shown")
    keep_together: list[KeptPhrase] = Field(
        default_factory=list,
        description="Phrases no line may break inside, in any language (e.g. Khmer Krom)",
    )
    interface: dict[str, Text] = Field(
        default_factory=dict,
        description="The kiosk's own words (home, next, previous, language, touch_to_begin, "
        "still_there, still_there_hint, topics, slide) for languages beyond km and en",
    )

    @field_validator("interface")
    @classmethod
    def _check_interface(cls, value: dict[str, LocalizedText]) -> dict[str, LocalizedText]:
        known = [k.value for k in UiText]
        for key in value:
            if key not in known:
                raise PydanticCustomError(
                    "unknown_interface_text", "'{key}' is not one of the kiosk's own words",
                    {"key": key, "choices": known, "hint": "known: " + ", ".join(known)},
                )
        return value


_PLAIN_TYPES: dict[type[BaseModel], type[Any]] = {
    TitleSlide: model.TitleSlide, TextSlide: model.TextSlide, PeopleSlide: model.PeopleSlide,
    ListSlide: model.ListSlide, TimelineSlide: model.TimelineSlide, StatementSlide: model.StatementSlide,
    ContactSlide: model.ContactSlide, FeedbackSlide: model.FeedbackSlide, Person: model.Person,
    ListItem: model.ListItem, Event: model.Event, ContactEntry: model.ContactEntry,
    FeedbackAnswer: model.FeedbackAnswer, Language: model.Language, Picture: model.Picture,
}


def to_plain(value: Any) -> Any:
    """A validated value as the plain dataclasses of :mod:`kiosk.core.content.model` (same field names)."""
    if isinstance(value, LocalizedText):
        return model.LocalizedText(dict(value.root))
    if isinstance(value, BaseModel):
        plain_type = _PLAIN_TYPES[type(value)]
        return plain_type(**{name: to_plain(getattr(value, name)) for name in type(value).model_fields})
    if isinstance(value, list):
        return [to_plain(item) for item in value]
    if isinstance(value, tuple):
        return tuple(to_plain(item) for item in value)
    if isinstance(value, dict):
        return {key: to_plain(item) for key, item in value.items()}
    return value
