"""Fixtures for the content engine: a small valid content folder to break one file at a time."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path

import pytest

from kiosk.core.content.loader import LoadedContent, load_content
from kiosk.core.errors import ContentError, ContentProblem
from kiosk.core.storage.assets import available_icons
from kiosk.core.storage.paths import assets_dir

from .samples import BASE_FILES, FileSpec, Load, MakeContent, ProblemsIn


@pytest.fixture(scope="session")
def icons() -> list[str]:
    """The bundled icon names, as ``kiosk check`` passes them."""
    names = available_icons(assets_dir())
    assert "heart" in names  # the base topic uses it
    return names


@pytest.fixture
def make_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MakeContent:
    """Factory: write the base deck and topic into ``tmp_path/content``, with some files replaced.

    ``make_content({"about.yaml": lambda t: t.replace("en: Welcome", "en: No")})`` edits one file;
    a name ending in ``/`` makes a folder; ``None`` leaves a base file out. Messages name files
    relative to the working folder, so the test works in ``tmp_path`` to see ``content/...``.
    """
    monkeypatch.chdir(tmp_path)

    def make(files: Mapping[str, FileSpec] | None = None) -> Path:
        root = tmp_path / "content"
        if root.exists():
            shutil.rmtree(root)
        root.mkdir()
        specs: dict[str, FileSpec] = {**BASE_FILES, **(files or {})}
        for name, spec in specs.items():
            path = root / name
            if name.endswith("/"):
                path.mkdir(parents=True, exist_ok=True)
                continue
            if spec is None:
                continue
            if callable(spec):
                spec = spec(BASE_FILES[name])
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(spec, bytes):
                path.write_bytes(spec)
            else:
                path.write_bytes(spec.encode("utf-8"))
        return root

    return make


@pytest.fixture
def load(icons: list[str]) -> Load:
    """Load a content folder the way ``kiosk check`` does."""

    def load_(root: Path) -> LoadedContent:
        return load_content(root, icons=icons)

    return load_


@pytest.fixture
def problems_in(icons: list[str]) -> ProblemsIn:
    """The problems ``kiosk check`` would report for a folder; the test fails if it loads."""

    def problems(root: Path) -> list[ContentProblem]:
        with pytest.raises(ContentError) as info:
            load_content(root, icons=icons)
        return info.value.problems

    return problems
