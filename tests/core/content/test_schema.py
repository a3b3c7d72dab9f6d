"""Tests for kiosk.core.content.schema: the committed JSON Schema is current and as strict as the loader."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from kiosk.core.content.model import Language
from kiosk.core.content.schema import (
    DECK_SCHEMA,
    SCHEMA_DIR,
    TOPIC_SCHEMA,
    build_schemas,
    render_schemas,
    write_schemas,
)
from kiosk.core.errors import ContentError
from kiosk.core.storage.assets import available_icons
from kiosk.core.storage.paths import assets_dir, bundled_content_dir

CONTENT = bundled_content_dir()


def _shipped_files() -> list[str]:
    return sorted(p.name for p in CONTENT.glob("*.yaml"))


@pytest.fixture(scope="module")
def schemas() -> dict[str, Any]:
    return {name: json.loads((CONTENT / SCHEMA_DIR / name).read_text(encoding="utf-8"))
            for name in (DECK_SCHEMA, TOPIC_SCHEMA)}


@pytest.mark.parametrize("name", [DECK_SCHEMA, TOPIC_SCHEMA])
def test_committed_schema_is_current(name: str) -> None:
    """If this fails, run `kiosk schema` and commit content/schema/."""
    rendered = render_schemas(CONTENT, available_icons(assets_dir()))
    committed = (CONTENT / SCHEMA_DIR / name).read_bytes().decode("utf-8")  # no newline translation
    assert committed == rendered[name]


def test_text_schema_follows_the_deck_languages() -> None:
    languages = [Language(code="km", name="ខ្មែរ"), Language(code="en", name="English"),
                 Language(code="vi", name="Tiếng Việt")]
    text = build_schemas(languages, ["heart"])[TOPIC_SCHEMA]["$defs"]["LocalizedText"]
    assert sorted(text["properties"]) == ["en", "km", "review", "vi"]
    assert text["required"] == ["km"]
    assert text["additionalProperties"] is False


def test_every_slide_type_is_closed(schemas: dict[str, Any]) -> None:
    defs = schemas[TOPIC_SCHEMA]["$defs"]
    slides = [name for name in defs if name.endswith("Slide")]
    assert len(slides) == 8
    for name in slides:
        assert defs[name]["additionalProperties"] is False, name
    assert schemas[TOPIC_SCHEMA]["additionalProperties"] is False
    assert schemas[DECK_SCHEMA]["additionalProperties"] is False


@pytest.mark.parametrize("file", _shipped_files())
def test_shipped_files_match_their_schema(file: str, schemas: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = schemas[DECK_SCHEMA if file == "deck.yaml" else TOPIC_SCHEMA]
    data = yaml.load((CONTENT / file).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    _coerce_numbers(data)
    jsonschema.validate(data, schema)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    heading:\n", "    haeding:\n"),
        ("    type: statement\n", "    type: statment\n"),
        ("      en: Our mission\n", "      en: Our mission\n      fr: Notre mission\n"),
        ("icon: shield\n", "icon: sheild\n"),
    ],
)
def test_schema_flags_the_typos_the_loader_flags(old: str, new: str,
                                                 schemas: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    text = (CONTENT / "mission.yaml").read_text(encoding="utf-8")
    assert old in text
    data = yaml.load(text.replace(old, new, 1), Loader=yaml.BaseLoader)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schemas[TOPIC_SCHEMA])


def _coerce_numbers(data: Any) -> None:
    """The loader reads every scalar as text; the schema types the deck's numbers as integers."""
    for key in ("idle_timeout", "log_keep_days"):
        if isinstance(data, dict) and isinstance(data.get(key), str):
            data[key] = int(data[key])
    _coerce_focus(data)


def _coerce_focus(data: Any) -> None:
    """A picture's focal point is two numbers, wherever a picture is."""
    if isinstance(data, dict):
        focus = data.get("focus")
        if isinstance(focus, list) and all(isinstance(v, str) for v in focus):
            data["focus"] = [float(v) for v in focus]
        for value in data.values():
            _coerce_focus(value)
    elif isinstance(data, list):
        for value in data:
            _coerce_focus(value)


def test_schema_files_are_referenced_by_the_shipped_files() -> None:
    for file in _shipped_files():
        first = (CONTENT / file).read_text(encoding="utf-8").splitlines()[0]
        schema = DECK_SCHEMA if file == "deck.yaml" else TOPIC_SCHEMA
        assert first == f"# yaml-language-server: $schema={SCHEMA_DIR}/{schema}", file
        assert (Path(CONTENT) / SCHEMA_DIR / schema).is_file()


def test_a_mistyped_content_folder_creates_no_folder(tmp_path: Path) -> None:
    mistyped = tmp_path / "contnet"
    with pytest.raises(ContentError) as info:
        write_schemas(mistyped)
    assert [p.message for p in info.value.problems] == ["content folder not found"]
    assert list(tmp_path.iterdir()) == []


def test_an_out_folder_in_a_missing_place_is_not_made_with_its_parents(tmp_path: Path) -> None:
    content = Path(shutil.copytree(bundled_content_dir(), tmp_path / "content"))
    with pytest.raises(ContentError) as info:
        write_schemas(content, tmp_path / "typo" / "schema")
    assert [str(p) for p in info.value.problems] == [
        f"{tmp_path / 'typo'}: folder not found (check the spelling, or create the folder first)"]
    assert not (tmp_path / "typo").exists()
    assert [p.name for p in write_schemas(content, tmp_path / "schema")] == [DECK_SCHEMA, TOPIC_SCHEMA]
