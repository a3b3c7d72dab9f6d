"""The last-good content store and the fallback that keeps the kiosk from ever going blank."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.core.content import lastgood
from kiosk.core.content.lastgood import LastGoodStore, save_quietly
from kiosk.core.content.lastgood import load_with_fallback as _load_with_fallback
from kiosk.core.content.loaded import LoadedContent
from kiosk.core.content.loader import load_content
from kiosk.core.errors import ContentError
from kiosk.core.storage.assets import available_icons
from kiosk.core.storage.paths import assets_dir, bundled_content_dir
from kiosk.core.storage.settings import StaffSettings

ICONS = available_icons(assets_dir())


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the bundled content with one picture referenced from a text slide."""
    folder = tmp_path / "content"
    shutil.copytree(bundled_content_dir(), folder)
    (folder / "images").mkdir()
    (folder / "images" / "goal.png").write_bytes(b"\x89PNG fake picture")
    (folder / "notes.txt").write_text("not content", encoding="utf-8")
    mission = folder / "background.yaml"
    text = mission.read_text(encoding="utf-8")
    marker = "  - id: founding\n    type: text\n"
    assert marker in text
    mission.write_text(text.replace(marker, marker + "    image: images/goal.png\n"),
                       encoding="utf-8")
    return folder


@pytest.fixture
def store(tmp_path: Path) -> LastGoodStore:
    return LastGoodStore(tmp_path / "data" / "last-good")


def load_with_fallback(content: Path, store: LastGoodStore,
                       icons: list[str]) -> tuple[LoadedContent, ContentError | None]:
    """As the kiosk starts: load (through a validated-deck cache beside the store), then store good content."""
    loaded, problem = _load_with_fallback(content, store, icons, cache=store.root.parent / "cache")
    if problem is None:
        save_quietly(store, loaded)
    return loaded, problem


def _break(folder: Path) -> None:
    deck = folder / "deck.yaml"
    deck.write_text(deck.read_text(encoding="utf-8").replace("idle_timeout: 90",
                                                             "idle_timeout: soon"),
                    encoding="utf-8")


def test_valid_content_is_stored_with_its_pictures(content: Path, store: LastGoodStore) -> None:
    loaded, problem = load_with_fallback(content, store, ICONS)
    assert problem is None
    assert loaded.deck.root == content
    current = store.current()
    assert current is not None
    assert store.holds(current)
    stored = sorted(str(p.relative_to(current)) for p in current.rglob("*") if p.is_file())
    assert stored == sorted([*loaded.files, "manifest.json"])
    assert "images/goal.png" in stored
    assert "notes.txt" not in stored  # only what the content uses
    assert (current / "images" / "goal.png").read_bytes() == b"\x89PNG fake picture"


def test_broken_content_falls_back_to_the_last_good(content: Path, store: LastGoodStore) -> None:
    good, _ = load_with_fallback(content, store, ICONS)
    _break(content)
    shown, problem = load_with_fallback(content, store, ICONS)
    assert problem is not None
    assert [p.message for p in problem.problems] == [
        "'idle_timeout' should be a whole number, not 'soon'"]
    assert shown.deck.root == store.current()
    assert shown.deck.idle_timeout_s == good.deck.idle_timeout_s == 90
    assert [s.id for s in shown.deck.slides] == [s.id for s in good.deck.slides]


def test_broken_content_without_a_stored_version_raises(content: Path,
                                                        store: LastGoodStore) -> None:
    _break(content)
    with pytest.raises(ContentError) as caught:
        load_with_fallback(content, store, ICONS)
    assert "idle_timeout" in str(caught.value)
    assert store.current() is None


def test_unchanged_content_is_not_copied_again(content: Path, store: LastGoodStore) -> None:
    load_with_fallback(content, store, ICONS)
    first = store.current()
    load_with_fallback(content, store, ICONS)
    assert store.current() == first


def test_new_version_replaces_the_old_and_two_are_kept(content: Path,
                                                       store: LastGoodStore) -> None:
    deck = content / "deck.yaml"
    original = deck.read_text(encoding="utf-8")
    versions: list[Path] = []
    for timeout in (90, 91, 92, 93):
        deck.write_text(original.replace("idle_timeout: 90", f"idle_timeout: {timeout}"),
                        encoding="utf-8")
        load_with_fallback(content, store, ICONS)
        current = store.current()
        assert current is not None
        versions.append(current)
    assert len(set(versions)) == 4
    left = sorted(p.name for p in store.root.iterdir())
    assert left == sorted(["current", versions[-2].name, versions[-1].name])
    assert load_content(versions[-1], icons=ICONS).deck.idle_timeout_s == 93


def test_a_half_written_version_is_never_current(content: Path, store: LastGoodStore,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    load_with_fallback(content, store, ICONS)
    good = store.current()
    deck = content / "deck.yaml"
    deck.write_text(deck.read_text(encoding="utf-8").replace("idle_timeout: 90",
                                                             "idle_timeout: 95"), encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kiosk.core.content.lastgood.atomic_write", fail)
    loaded, problem = load_with_fallback(content, store, ICONS)  # logs, does not fail
    assert problem is None
    assert loaded.deck.idle_timeout_s == 95
    assert store.current() == good
    assert not list(store.root.glob(".incoming-*"))


def test_content_loaded_from_the_store_is_not_stored_again(content: Path,
                                                           store: LastGoodStore) -> None:
    load_with_fallback(content, store, ICONS)
    current = store.current()
    assert current is not None
    load_with_fallback(current, store, ICONS)
    assert [p.name for p in store.root.glob("v-*")] == [current.name]


def test_the_content_folder_is_never_written(content: Path, store: LastGoodStore) -> None:
    before = sorted(p.name for p in content.rglob("*"))
    load_with_fallback(content, store, ICONS)
    assert sorted(p.name for p in content.rglob("*")) == before


def test_a_broken_pointer_means_no_stored_version(store: LastGoodStore) -> None:
    store.root.mkdir(parents=True)
    (store.root / "current").write_text("../../etc\n", encoding="utf-8")
    assert store.current() is None


def test_default_language_setting_survives_a_restart(tmp_path: Path) -> None:
    settings = StaffSettings(tmp_path / "store.json")
    assert settings.default_language is None
    settings.set_default_language("en")
    assert StaffSettings(tmp_path / "store.json").default_language == "en"


def test_default_language_holds_in_memory_on_a_read_only_disk(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    settings = StaffSettings(blocker / "store.json")  # its folder cannot be created
    settings.set_default_language("en")
    assert settings.default_language == "en"


def _in_a_thread(work: Callable[[], object], timeout_s: float = 10.0) -> None:
    """Run ``work``; a hang fails the test (the daemon thread is left behind) instead of freezing it."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # reported below
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout_s)
    assert not thread.is_alive(), "hung on a file that is not a regular file"
    if errors:
        raise errors[0]


def test_a_picture_swapped_for_a_pipe_is_not_stored_and_does_not_hang(
        content: Path, store: LastGoodStore, caplog: pytest.LogCaptureFixture) -> None:
    load_with_fallback(content, store, ICONS)
    good = store.current()
    loaded = load_content(content, icons=ICONS)
    (content / "images" / "goal.png").unlink()
    os.mkfifo(content / "images" / "goal.png")  # after the check, before the copy
    _in_a_thread(lambda: save_quietly(store, loaded))
    assert store.current() == good
    assert "cannot store the last good content" in caplog.text
    assert not list(store.root.glob(".incoming-*"))


def test_a_picture_swapped_for_a_link_to_dev_zero_is_not_stored(content: Path, store: LastGoodStore) -> None:
    loaded = load_content(content, icons=ICONS)
    (content / "images" / "goal.png").unlink()
    (content / "images" / "goal.png").symlink_to("/dev/zero")
    _in_a_thread(lambda: save_quietly(store, loaded))
    assert store.current() is None


@pytest.mark.parametrize("name", ["current", "v-1/manifest.json"])
def test_a_pipe_in_the_store_is_no_stored_version(store: LastGoodStore, name: str) -> None:
    (store.root / "v-1").mkdir(parents=True)
    (store.root / "v-1" / "deck.yaml").write_text("x", encoding="utf-8")
    if name != "current":
        (store.root / "current").write_text("v-1\n", encoding="utf-8")
    os.mkfifo(store.root / name)
    result: list[Path | None] = []
    _in_a_thread(lambda: result.append(store.current()))
    if name == "current":
        assert result == [None]
    else:  # a version with an unreadable manifest is stored again, never trusted
        assert result == [store.root / "v-1"]
        manifests: list[dict[str, str] | None] = []
        _in_a_thread(lambda: manifests.append(lastgood._read_manifest(store.root / "v-1")))
        assert manifests == [None]


def test_a_settings_file_that_is_a_pipe_is_ignored(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "store.json")
    result: list[str | None] = []
    _in_a_thread(lambda: result.append(StaffSettings(tmp_path / "store.json").default_language))
    assert result == [None]
