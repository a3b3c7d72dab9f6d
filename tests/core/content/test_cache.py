"""The validated-deck cache: an unchanged deck comes back without a check; any change, or damage, means a check."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.core.content import cache
from kiosk.core.content.cache import entry_path, load_content_cached, read_entry
from kiosk.core.content.loader import load_content
from kiosk.core.errors import ContentError
from kiosk.core.storage.assets import available_icons
from kiosk.core.storage.paths import assets_dir, bundled_content_dir

ICONS = available_icons(assets_dir())
REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(bundled_content_dir(), folder)
    (folder / "images").mkdir()
    (folder / "images" / "goal.png").write_bytes(b"\x89PNG fake picture")
    mission = folder / "mission.yaml"
    # The mission-goal slide shows a photo of the folder instead of its bundled illustration.
    text = mission.read_text(encoding="utf-8")
    illustrated = "  - id: mission-goal\n    type: text\n    image:\n      illustration: justice\n"
    assert illustrated in text
    mission.write_text(text.replace(illustrated, illustrated.replace("illustration: justice", "file: images/goal.png")),
                       encoding="utf-8")
    return folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def test_an_unchanged_deck_comes_back_equal_from_the_cache(content: Path, folder: Path) -> None:
    checked = load_content_cached(content, ICONS, folder)
    cached = read_entry(content, ICONS, folder)
    assert cached is not None
    assert cached.deck == checked.deck
    assert cached.report == checked.report
    assert cached.files == checked.files
    assert cached.documents == {}  # the YAML is not kept: tools that edit it check the folder


@pytest.mark.parametrize("change", ["topic text", "picture replaced", "picture removed", "word list added",
                                    "import journal", "other icons"])
def test_any_change_the_check_depends_on_is_a_miss(content: Path, folder: Path, change: str) -> None:
    load_content_cached(content, ICONS, folder)
    icons = ICONS
    if change == "topic text":
        mission = content / "mission.yaml"
        mission.write_text(mission.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    elif change == "picture replaced":
        picture = content / "images" / "goal.png"
        picture.unlink()
        picture.write_bytes(b"\x89PNG another, longer picture")
    elif change == "picture removed":
        (content / "images" / "goal.png").unlink()
    elif change == "word list added":
        (content / "khmer-words.txt").unlink(missing_ok=True)
        load_content_cached(content, ICONS, folder)
        (content / "khmer-words.txt").write_text("មីរ៉ូ\n", encoding="utf-8")
    elif change == "import journal":
        (content / ".kiosk-import-journal.json").write_text("{}", encoding="utf-8")
    else:
        icons = ICONS[1:]
    assert read_entry(content, icons, folder) is None


def test_a_picture_removed_after_caching_is_reported_by_the_check(content: Path, folder: Path) -> None:
    load_content_cached(content, ICONS, folder)
    (content / "images" / "goal.png").unlink()
    with pytest.raises(ContentError, match=r"images/goal\.png"):
        load_content_cached(content, ICONS, folder)


@pytest.mark.parametrize("damage", [
    b"", b"{", b"[]", b'{"key": {}}', b"\xff\xfe not json",
    "deck", "slide type", "text", "extra field",
])
def test_a_damaged_entry_is_ignored_and_rebuilt(content: Path, folder: Path, damage: bytes | str,
                                                caplog: pytest.LogCaptureFixture) -> None:
    good = load_content_cached(content, ICONS, folder)
    path = entry_path(content, folder)
    if isinstance(damage, bytes):
        path.write_bytes(damage)
    else:
        entry = json.loads(path.read_bytes())
        slide = entry["deck"]["topics"][0]["slides"][0]
        if damage == "deck":
            del entry["deck"]["languages"]
        elif damage == "slide type":
            slide["type"] = "video"
        elif damage == "text":
            slide["heading"] = ["not", "a", "text"]
        else:
            slide["surprise"] = 1
        path.write_text(json.dumps(entry), encoding="utf-8")
    assert read_entry(content, ICONS, folder) is None
    again = load_content_cached(content, ICONS, folder)  # checked again, then cached again
    assert again.deck == good.deck
    assert read_entry(content, ICONS, folder) is not None


def test_a_cache_that_cannot_be_written_only_logs(content: Path, tmp_path: Path,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    loaded = load_content_cached(content, ICONS, blocker / "cache")
    assert loaded.deck.slides
    assert "cannot write the validated-deck cache" in caplog.text


def test_reading_only_writes_nothing(content: Path, folder: Path) -> None:
    load_content_cached(content, ICONS, folder, write=False)
    assert not folder.exists()


def test_kiosk_check_always_checks_the_files(content: Path, folder: Path) -> None:
    load_content_cached(content, ICONS, folder)
    topic = content / "mission.yaml"
    topic.write_text(topic.read_text(encoding="utf-8").replace("id: mission-goal", "id: Mission Goal"),
                     encoding="utf-8")
    with pytest.raises(ContentError, match="not a valid slide id"):
        load_content(content, icons=ICONS)


def test_a_cached_start_imports_neither_pydantic_nor_yaml(content: Path, tmp_path: Path) -> None:
    script = (
        "import sys; from pathlib import Path\n"
        "from kiosk.core.content.cache import load_content_cached\n"
        "from kiosk.core.storage.assets import available_icons\n"
        f"loaded = load_content_cached(Path({str(content)!r}), available_icons(), Path({str(tmp_path / 'c')!r}))\n"
        "print(len(loaded.deck.slides), 'pydantic' in sys.modules, 'yaml' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    def run() -> list[str]:
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                              timeout=120, check=True)
        return done.stdout.split()

    slides = str(len(load_content(content, icons=ICONS).deck.slides))
    assert run() == [slides, "True", "True"]  # a miss: the full check
    assert run() == [slides, "False", "False"]  # a hit


def test_the_entry_names_the_kiosk_version_and_format(content: Path, folder: Path) -> None:
    load_content_cached(content, ICONS, folder)
    key = json.loads(entry_path(content, folder).read_bytes())["key"]
    assert key["format"] == cache.CACHE_FORMAT
    assert key["files"]["images/goal.png"].startswith("stat:")
    assert key["files"]["mission.yaml"].startswith("sha256:")
