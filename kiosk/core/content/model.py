"""The content model the kiosk shows: a deck of topics, each a list of typed slides, as frozen dataclasses.

These are plain data, built only from content that passed the check: by the loader after
:mod:`kiosk.core.content.validation` (pydantic, closed schemas) accepted the files, or from the
validated-deck cache (:mod:`kiosk.core.content.cache`) without importing pydantic or YAML at all.
Field names and order mirror the validation models one for one, so a field path such as
``people[0].bio`` means the same in both. Each slide type is one class, selected by its
``type:`` through :data:`SLIDE_TYPES`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

from kiosk.core.text.digits import Digits, default_digits

REVIEW_KEY = "review"
#: Field metadata that marks a file inside the content folder (a picture, a photo).
CONTENT_PATH: dict[str, Any] = {"content_path": True}


@dataclass(frozen=True)
class LocalizedText:
    """A visible text in every language of the deck: ``{km: ..., en: ..., review: km}``.

    ``review`` lists the languages whose text still awaits review by the organisation's staff.
    """

    root: dict[str, str]

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
        return tuple(c for c in re.split(r"[\s,]+", self.root.get(REVIEW_KEY, "")) if c)


@dataclass(frozen=True)
class Picture:
    """A photo from the content folder or a bundled illustration, cropped around its focal point,
    with an optional caption and credit line."""

    file: str | None = field(default=None, metadata=CONTENT_PATH)
    illustration: str | None = None
    focus: tuple[float, float] = (0.5, 0.5)
    caption: LocalizedText | None = None
    credit: LocalizedText | None = None


@dataclass(frozen=True, kw_only=True)
class Slide:
    """Fields every slide has."""

    type_name: ClassVar[str] = ""
    id: str
    notes: LocalizedText | None = None
    image: Picture | None = None  # beside the slide's text (landscape) or above it (portrait)


@dataclass(frozen=True, kw_only=True)
class TitleSlide(Slide):
    """A welcome or section title."""

    type_name: ClassVar[str] = "title"
    type: Literal["title"] = "title"
    heading: LocalizedText
    subtitle: LocalizedText | None = None


@dataclass(frozen=True, kw_only=True)
class TextSlide(Slide):
    """A heading and a few short paragraphs, with an optional picture."""

    type_name: ClassVar[str] = "text"
    type: Literal["text"] = "text"
    heading: LocalizedText
    paragraphs: list[LocalizedText]
    caption: LocalizedText | None = None  # the picture's caption (or in image.caption)


@dataclass(frozen=True, kw_only=True)
class Person:
    """One leader: name, role, a short biography and an optional photo."""

    name: LocalizedText
    role: LocalizedText
    bio: LocalizedText
    photo: str | None = field(default=None, metadata=CONTENT_PATH)


@dataclass(frozen=True, kw_only=True)
class PeopleSlide(Slide):
    """Leadership cards; people without a photo get an initials avatar."""

    type_name: ClassVar[str] = "people"
    type: Literal["people"] = "people"
    heading: LocalizedText
    intro: LocalizedText | None = None
    people: list[Person]


@dataclass(frozen=True, kw_only=True)
class ListItem:
    """A point in a list, with an optional icon."""

    text: LocalizedText
    icon: str | None = None


@dataclass(frozen=True, kw_only=True)
class ListSlide(Slide):
    """Values or points."""

    type_name: ClassVar[str] = "list"
    type: Literal["list"] = "list"
    heading: LocalizedText
    intro: LocalizedText | None = None
    items: list[ListItem]


@dataclass(frozen=True, kw_only=True)
class Event:
    """A dated milestone; the date is a text, shown exactly as typed in each language."""

    date: LocalizedText
    text: LocalizedText


@dataclass(frozen=True, kw_only=True)
class TimelineSlide(Slide):
    """Dated milestones."""

    type_name: ClassVar[str] = "timeline"
    type: Literal["timeline"] = "timeline"
    heading: LocalizedText
    intro: LocalizedText | None = None
    events: list[Event]


@dataclass(frozen=True, kw_only=True)
class StatementSlide(Slide):
    """A single strong statement: the vision, the mission, a quote."""

    type_name: ClassVar[str] = "statement"
    type: Literal["statement"] = "statement"
    heading: LocalizedText | None = None
    text: LocalizedText
    attribution: LocalizedText | None = None


@dataclass(frozen=True, kw_only=True)
class ContactEntry:
    """A labelled line of contact information."""

    label: LocalizedText
    value: LocalizedText


@dataclass(frozen=True, kw_only=True)
class ContactSlide(Slide):
    """How to reach the organisation."""

    type_name: ClassVar[str] = "contact"
    type: Literal["contact"] = "contact"
    heading: LocalizedText
    text: LocalizedText | None = None
    entries: list[ContactEntry] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class FeedbackAnswer:
    """One picture answer: its name in the visitor log, its picture and its words."""

    id: str
    icon: str
    label: LocalizedText


@dataclass(frozen=True, kw_only=True)
class FeedbackSlide(Slide):
    """A question visitors answer anonymously with one tap on a picture; the slide id names the question."""

    type_name: ClassVar[str] = "feedback"
    type: Literal["feedback"] = "feedback"
    question: LocalizedText
    kind: Literal["pictures", "topics", "province"] = "pictures"
    answers: list[FeedbackAnswer] = field(default_factory=list)


SLIDE_TYPES: dict[str, type[Slide]] = {
    cls.type_name: cls
    for cls in (TitleSlide, TextSlide, PeopleSlide, ListSlide, TimelineSlide, StatementSlide, ContactSlide,
                FeedbackSlide)
}


@dataclass(frozen=True, kw_only=True)
class Language:
    """A language the deck is written in; ``digits`` left out: the language's default."""

    code: str
    name: str
    digits: Digits = None  # type: ignore[assignment]  # filled in by __post_init__

    def __post_init__(self) -> None:
        if self.digits is None:
            object.__setattr__(self, "digits", default_digits(self.code))


@dataclass(frozen=True, kw_only=True)
class Topic:
    """A validated topic: where it came from, its tile and its slides."""

    file: str
    title: LocalizedText
    icon: str | None
    slides: tuple[Slide, ...]
    picture: Picture | None = None  # on the topic's home-screen tile


@dataclass(frozen=True, kw_only=True)
class Deck:
    """A validated deck, ready to show."""

    root: Path
    name: LocalizedText
    short_name: LocalizedText
    tagline: LocalizedText | None
    languages: tuple[Language, ...]
    idle_timeout_s: int
    topics: tuple[Topic, ...]
    log_keep_days: int = 365
    interface: dict[str, LocalizedText] = field(default_factory=dict)
    words: tuple[str, ...] = ()  # the content folder's khmer-words.txt
    keep_together: tuple[str, ...] = ()  # phrases no line breaks inside (deck.yaml)

    def digits_for(self, code: str) -> Digits:
        """The digits ``code`` writes numbers with (the deck's setting, else the language's default)."""
        for lang in self.languages:
            if lang.code == code:
                return lang.digits
        return default_digits(code)

    @property
    def language_codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    @property
    def default_language(self) -> str:
        return self.languages[0].code

    @property
    def slides(self) -> tuple[Slide, ...]:
        return tuple(slide for topic in self.topics for slide in topic.slides)

    def topic_of(self, slide_id: str) -> Topic | None:
        for topic in self.topics:
            if any(s.id == slide_id for s in topic.slides):
                return topic
        return None


def iter_texts(item: Any, prefix: str = "") -> Iterator[tuple[str, LocalizedText]]:
    """Every visible text of a slide (or any part of the model) with its field path, e.g. ``people[0].bio``."""
    for spec in dataclasses.fields(item):
        yield from _iter_value(getattr(item, spec.name), f"{prefix}{spec.name}")


def _iter_value(value: Any, path: str) -> Iterator[tuple[str, LocalizedText]]:
    if isinstance(value, LocalizedText):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        yield from iter_texts(value, path + ".")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _iter_value(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _iter_value(item, f"{path}.{key}")


def content_paths(item: Any) -> Iterator[str]:
    """Every file inside the content folder that ``item`` (a slide, a person, ...) names."""
    for spec in dataclasses.fields(item):
        value = getattr(item, spec.name)
        if isinstance(value, str) and spec.metadata.get("content_path"):
            yield value
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            yield from content_paths(value)
        elif isinstance(value, (list, tuple)):
            for part in value:
                if dataclasses.is_dataclass(part) and not isinstance(part, type):
                    yield from content_paths(part)
