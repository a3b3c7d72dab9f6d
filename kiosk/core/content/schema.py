"""JSON Schema for the content files, generated from the model, so editors autocomplete and flag typos."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from kiosk.core.content import model
from kiosk.core.content.loader import DECK_FILE, load_content
from kiosk.core.content.validation import REVIEW_KEY, SLIDE_TYPES, DeckFile, IconName, PictureRef, Text
from kiosk.core.errors import ContentError, Location, display_path
from kiosk.core.storage.assets import available_icons, available_illustrations
from kiosk.core.storage.atomic import atomic_write

SCHEMA_DIR = "schema"
DECK_SCHEMA = "deck.schema.json"
TOPIC_SCHEMA = "topic.schema.json"


class _TopicForSchema(BaseModel):
    """A topic file: the title of its home-screen tile, an optional icon, and its slides in order."""

    model_config = {"extra": "forbid"}
    title: Text
    icon: IconName | None = None
    picture: PictureRef | None = Field(default=None, description="The picture on the topic's home-screen tile")
    slides: list[Any] = Field(min_length=1, description="The topic's slides, in order")


def _text_schema(languages: list[model.Language]) -> dict[str, Any]:
    props: dict[str, Any] = {
        lang.code: {"type": "string", "description": f"The text in {lang.name} ({lang.code})"}
        for lang in languages
    }
    props[REVIEW_KEY] = {
        "type": "string",
        "description": "Languages whose text awaits review by staff, e.g. 'km'. Delete once checked.",
    }
    return {
        "type": "object",
        "description": "A visible text in every language of the deck",
        "properties": props,
        "required": [languages[0].code] if languages else [],
        "additionalProperties": False,
    }


def _fix(schema: dict[str, Any], languages: list[model.Language], icons: list[str]) -> dict[str, Any]:
    defs = schema.setdefault("$defs", {})
    defs["LocalizedText"] = _text_schema(languages)

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            if node.get("description") == "An icon name from assets/icons (no .svg)" and icons:
                node["enum"] = icons
            illustrations = available_illustrations()
            if (node.get("description") == "A bundled illustration from assets/illustrations (no .svg)"
                    and illustrations):
                node["enum"] = illustrations
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)  # type: ignore[no-any-return]


def build_schemas(languages: list[model.Language], icons: list[str]) -> dict[str, dict[str, Any]]:
    """The deck and topic schemas for a deck written in ``languages``."""
    deck = DeckFile.model_json_schema()
    deck["title"] = "Kiosk deck file (deck.yaml)"
    topic = _TopicForSchema.model_json_schema()
    topic["title"] = "Kiosk topic file"
    defs = topic.setdefault("$defs", {})
    refs = []
    for name, cls in SLIDE_TYPES.items():
        slide = cls.model_json_schema(ref_template="#/$defs/{model}")
        defs.update(slide.pop("$defs", {}))
        slide["properties"]["type"] = {"const": name, "description": f"Slide type: {name}"}
        slide.setdefault("required", []).append("type")
        defs[cls.__name__] = slide
        refs.append({"if": {"properties": {"type": {"const": name}}, "required": ["type"]},
                     "then": {"$ref": f"#/$defs/{cls.__name__}"}})
    topic["properties"]["slides"]["items"] = {
        "type": "object",
        "required": ["id", "type"],
        "properties": {"type": {"enum": list(SLIDE_TYPES), "description": "The kind of slide"}},
        "allOf": refs,
    }
    for schema in (deck, topic):
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return {DECK_SCHEMA: _fix(deck, languages, icons), TOPIC_SCHEMA: _fix(topic, languages, icons)}


def render_schemas(content_dir: Path, icons: list[str]) -> dict[str, str]:
    """The schema files' text for the deck in ``content_dir``."""
    loaded = load_content(content_dir, icons=icons)
    schemas = build_schemas(list(loaded.deck.languages), icons)
    return {name: json.dumps(s, ensure_ascii=False, indent=2, sort_keys=True) + "\n" for name, s in schemas.items()}


def write_schemas(content_dir: Path, out: Path | None = None) -> list[Path]:
    """Write the schema files to ``out`` (default ``content_dir/schema``); returns their paths.

    The content is checked first, so a mistyped folder is reported and no folder is created;
    only the schema folder itself is made, the one the command was asked to write.
    """
    texts = render_schemas(content_dir, available_icons())
    target = out or content_dir / SCHEMA_DIR
    try:
        target.mkdir(exist_ok=True)
    except FileNotFoundError:
        raise ContentError.single(Location(display_path(target.parent)), "folder not found",
                                  "check the spelling, or create the folder first") from None
    written = []
    for name, text in texts.items():
        path = target / name
        atomic_write(path, text)
        written.append(path)
    return written


__all__ = ["DECK_FILE", "build_schemas", "render_schemas", "write_schemas"]
