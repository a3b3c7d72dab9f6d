"""The validated-deck cache: a deck that passed the check, kept as JSON, so an unchanged deck starts without checking.

One entry per content folder in the user cache folder (``cache_dir()/validated-decks``), written
with the one atomic write. An entry holds the plain deck (:mod:`kiosk.core.content.model`), the
check's report and the key it is valid for: the cache format, the kiosk's version, the icons the
check allowed, the content folder, and a fingerprint of every file the check read or named —
the SHA-256 of deck.yaml, the topic files and the word list (or that the word list is absent), and
for the pictures the deck names their kind, size, modification time and inode (the check only
asks that each is a regular file inside the folder; hashing 50 photos of 9 MB would cost more
than the check). An interrupted import (its journal in the folder) is always a miss.

A hit rebuilds the dataclasses without pydantic or the YAML reader; a miss, or an entry that is
damaged in any way, runs the full check (:func:`kiosk.core.content.loader.load_content`) and
writes a new entry. ``kiosk check`` and a live reload always run the full check.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import stat
import types
import typing
from enum import Enum
from pathlib import Path
from typing import Any, Literal

from kiosk import __version__
from kiosk.core.content import model
from kiosk.core.content.loaded import ContentReport, LoadedContent
from kiosk.core.storage.atomic import atomic_write
from kiosk.core.storage.filegroup import JOURNAL
from kiosk.core.storage.safefile import read_regular_file
from kiosk.core.text.wordlist import WORDS_FILE

log = logging.getLogger(__name__)

CACHE_FORMAT = 2  # 2: the deck's keep_together phrases
CACHE_FOLDER = "validated-decks"
#: Files the check parses (their bytes decide the deck); every other file is a named picture.
_PARSED_SUFFIXES = (".yaml", ".yml", ".txt")
_MAX_PARSED_BYTES = 16 * 1024 * 1024
_MAX_ENTRY_BYTES = 64 * 1024 * 1024


class CacheDamaged(ValueError):
    """An entry that cannot be read back as a deck: it is ignored and rebuilt."""


def default_folder() -> Path:
    from kiosk.core.storage.paths import cache_dir

    return cache_dir() / CACHE_FOLDER


def entry_path(root: Path, folder: Path) -> Path:
    """The entry of content folder ``root`` (one file per folder, named by its resolved path)."""
    return folder / (hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest()[:24] + ".json")


def load_content_cached(root: Path, icons: list[str] | None = None, folder: Path | None = None, *,
                        write: bool = True) -> LoadedContent:
    """``root``'s valid content: from the cache when nothing changed, else checked (and cached).

    ``write`` False (tools such as ``kiosk render``, which write nothing to the home folder): the
    cache is read, never written. Raises ContentError, as
    :func:`~kiosk.core.content.loader.load_content` does, for bad content.
    """
    if folder is None and not write:
        from kiosk.core.storage.paths import existing_cache_dir

        found = existing_cache_dir()
        folder = found / CACHE_FOLDER if found is not None else None
    elif folder is None:
        folder = default_folder()
    icons = icons or []
    cached = read_entry(root, icons, folder) if folder is not None else None
    if cached is not None:
        return cached
    # Late import for speed: pydantic and the YAML reader load only when the files must be checked.
    from kiosk.core.content.loader import load_content

    loaded = load_content(root, icons=icons)
    if not write or folder is None:
        return loaded
    try:
        write_entry(loaded, icons, folder)
    except OSError as exc:
        log.warning("cannot write the validated-deck cache in %s: %s", folder, exc)
    return loaded


def read_entry(root: Path, icons: list[str], folder: Path) -> LoadedContent | None:
    """The cached content of ``root`` if its key still holds; None for a miss or a damaged entry."""
    path = entry_path(root, folder)
    try:
        raw = read_regular_file(path, _MAX_ENTRY_BYTES)
    except OSError:
        return None  # no entry yet (or unreadable): a miss
    try:
        data = json.loads(raw)
        if not isinstance(data, dict) or not isinstance(data.get("key"), dict):
            raise CacheDamaged("not an entry")
        stored_key = data["key"]
        files = stored_key.get("files")
        if not isinstance(files, dict):
            raise CacheDamaged("no file list")
        if stored_key != _key(root, icons, list(files)):
            return None  # something changed: a miss
        deck = _decode(model.Deck, data["deck"])
        report = _decode(ContentReport, data["report"])
    except (CacheDamaged, KeyError, TypeError, ValueError, AttributeError) as exc:
        log.warning("the validated-deck cache %s is damaged (%s): checking the content again", path, exc)
        return None
    return LoadedContent(deck=deck, report=report)


def write_entry(loaded: LoadedContent, icons: list[str], folder: Path) -> Path:
    """Cache ``loaded`` (content that just passed the check); returns the entry's path."""
    root = loaded.deck.root
    names = [*loaded.files, WORDS_FILE] if WORDS_FILE not in loaded.files else loaded.files
    entry = {"key": _key(root, icons, names), "deck": _encode(loaded.deck), "report": _encode(loaded.report)}
    folder.mkdir(parents=True, exist_ok=True)
    path = entry_path(root, folder)
    atomic_write(path, json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return path


# -- the key ---------------------------------------------------------------------------------------
def _key(root: Path, icons: list[str], names: list[str]) -> dict[str, Any]:
    return {
        "format": CACHE_FORMAT,
        "kiosk": __version__,
        "icons": sorted(icons),
        "root": str(root),
        "resolved": str(root.resolve()),
        "import_journal": (root / JOURNAL).exists(),
        "files": {name: _fingerprint(root / name, name) for name in sorted(names)},
    }


def _fingerprint(path: Path, name: str) -> str | None:
    """The SHA-256 of a parsed file, a stat stamp for a picture; None when it is absent."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return f"not a regular file {stat.S_IFMT(info.st_mode)}"
    if name.lower().endswith(_PARSED_SUFFIXES):
        try:
            return "sha256:" + hashlib.sha256(read_regular_file(path, _MAX_PARSED_BYTES)).hexdigest()
        except OSError:
            return None
    return f"stat:{info.st_size}:{info.st_mtime_ns}:{info.st_ino}:{info.st_dev}"


# -- plain data <-> JSON ---------------------------------------------------------------------------
def _encode(value: Any) -> Any:
    if isinstance(value, model.LocalizedText):
        return dict(value.root)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {spec.name: _encode(getattr(value, spec.name)) for spec in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _encode(item) for key, item in value.items()}
    return value


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _decode(kind: Any, data: Any) -> Any:
    """``data`` (from JSON) as a value of type ``kind``, checked strictly: anything else is damage."""
    origin = typing.get_origin(kind)
    if origin is not None:
        return _decode_generic(origin, kind, data)
    if kind is model.LocalizedText:
        if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
            raise CacheDamaged("a text is not a mapping of strings")
        return model.LocalizedText(dict(data))
    if kind is model.Slide:
        if not isinstance(data, dict) or data.get("type") not in model.SLIDE_TYPES:
            raise CacheDamaged("a slide of no known type")
        return _decode(model.SLIDE_TYPES[data["type"]], data)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _decode_dataclass(kind, data)
    return _decode_leaf(kind, data)


def _decode_generic(origin: Any, kind: Any, data: Any) -> Any:
    """Optional values, lists, tuples, mappings and literals."""
    if origin is typing.Union or origin is types.UnionType:
        options = typing.get_args(kind)
        if data is None and type(None) in options:
            return None
        (inner,) = [option for option in options if option is not type(None)]
        return _decode(inner, data)
    if origin is list or origin is tuple:
        if not isinstance(data, list):
            raise CacheDamaged(f"expected a list, not {type(data).__name__}")
        items = [_decode(typing.get_args(kind)[0], item) for item in data]
        return items if origin is list else tuple(items)
    if origin is dict:
        if not isinstance(data, dict):
            raise CacheDamaged("expected a mapping")
        return {str(key): _decode(typing.get_args(kind)[1], item) for key, item in data.items()}
    if origin is Literal:
        if data not in typing.get_args(kind):
            raise CacheDamaged(f"unexpected value {data!r}")
        return data
    raise CacheDamaged(f"expected {kind}, not {type(data).__name__}")


def _decode_dataclass(kind: type, data: Any) -> Any:
    if not isinstance(data, dict):
        raise CacheDamaged(f"expected the fields of {kind.__name__}")
    hints = _hints(kind)
    specs = [spec for spec in dataclasses.fields(kind) if spec.init]
    if set(data) != {spec.name for spec in specs}:
        raise CacheDamaged(f"the fields of {kind.__name__} differ")
    return kind(**{spec.name: _decode(hints[spec.name], data[spec.name]) for spec in specs})


def _decode_leaf(kind: Any, data: Any) -> Any:
    """Enums, paths, strings and whole numbers."""
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(data)
    if kind is Path:
        if not isinstance(data, str):
            raise CacheDamaged("a path is not a string")
        return Path(data)
    if kind in (str, int) and type(data) is kind:
        return data
    if kind is float and type(data) in (int, float):  # JSON writes 1.0 as 1.0, 0.5 as 0.5, but a hand edit as 1
        return float(data)
    raise CacheDamaged(f"expected {kind}, not {type(data).__name__}")
