"""The content that ships with the kiosk is under test: valid, complete, marked for review."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from kiosk.core.content.loader import DECK_FILE, LoadedContent, load_content
from kiosk.core.storage.paths import assets_dir, bundled_content_dir

CONTENT = bundled_content_dir()


@pytest.fixture(scope="module")
def shipped(icons: list[str]) -> LoadedContent:
    return load_content(CONTENT, icons=icons)


def raw_texts(data: Any, languages: set[str],
              path: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    """Every mapping that holds a language key, found in the parsed YAML without the model."""
    if isinstance(data, dict):
        if languages & set(data):
            yield path, data
            return
        for key, value in data.items():
            yield from raw_texts(value, languages, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from raw_texts(item, languages, f"{path}[{i}]")


def test_shipped_content_is_valid(shipped: LoadedContent) -> None:
    assert shipped.deck.language_codes[:2] == ("km", "en")
    assert shipped.report.slides == len(shipped.deck.slides) > 0


def test_every_topic_file_in_the_folder_is_listed(shipped: LoadedContent) -> None:
    listed = {topic.file for topic in shipped.deck.topics}
    assert listed == {p.name for p in CONTENT.glob("*.yaml")} - {DECK_FILE}


def test_every_text_has_every_language(shipped: LoadedContent) -> None:
    assert shipped.report.missing == []
    languages = set(shipped.deck.language_codes)
    for name, doc in shipped.documents.items():
        texts = list(raw_texts(doc.data, languages))
        assert texts, name
        for path, text in texts:
            for code in languages:
                assert text.get(code, "").strip(), f"{name} {path}: no '{code}'"


def test_every_text_awaits_review_of_the_khmer(shipped: LoadedContent) -> None:
    """The Khmer was written by the developers; the organisation's staff must check every text."""
    assert shipped.report.awaiting_review == shipped.report.texts > 0
    languages = set(shipped.deck.language_codes)
    for name, doc in shipped.documents.items():
        for path, text in raw_texts(doc.data, languages):
            assert text.get("review") == "km", f"{name} {path}"


def test_slide_ids_are_unique(shipped: LoadedContent) -> None:
    counts = Counter(slide.id for slide in shipped.deck.slides)
    assert [slide_id for slide_id, n in counts.items() if n > 1] == []


def test_every_referenced_file_exists(shipped: LoadedContent) -> None:
    icons = assets_dir() / "icons"
    named = [topic.icon for topic in shipped.deck.topics if topic.icon]
    files: list[str] = []
    for slide in shipped.deck.slides:
        files.extend(_values(dataclasses.asdict(slide), {"image", "photo"}))
        named.extend(_values(dataclasses.asdict(slide), {"icon"}))
    assert named
    for icon in named:
        assert (icons / f"{icon}.svg").is_file(), icon
    for file in files:
        assert (CONTENT / file).is_file(), file


def _values(data: Any, keys: set[str]) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in keys and isinstance(value, str):
                yield value
            else:
                yield from _values(value, keys)
    elif isinstance(data, list):
        for item in data:
            yield from _values(item, keys)
