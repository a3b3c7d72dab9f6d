"""Choices staff make on the kiosk itself (the default language), kept in a small JSON file."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path

from kiosk.core.storage.atomic import atomic_write
from kiosk.core.storage.safefile import FileCheckError, FileProblem, read_regular_file

log = logging.getLogger(__name__)

SETTINGS_FILE = "store.json"
_MAX_FILE_BYTES = 64 * 1024


class StaffSettings:
    """``data_dir()/store.json``: survives a restart; an unreadable file means "no choice made"."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._chosen: str | None = None  # holds even when the file cannot be written

    @classmethod
    def in_data_dir(cls) -> StaffSettings:
        from kiosk.core.storage.paths import data_dir

        return cls(data_dir() / SETTINGS_FILE)

    def _read(self) -> dict[str, object]:
        try:
            data = json.loads(read_regular_file(self.path, _MAX_FILE_BYTES))
        except FileCheckError as exc:
            if exc.problem is not FileProblem.NOT_FOUND:
                log.warning("ignoring unreadable settings file %s: %s", self.path, exc)
            return {}
        except ValueError as exc:
            log.warning("ignoring unreadable settings file %s: %s", self.path, exc)
            return {}
        return data if isinstance(data, dict) else {}

    @property
    def default_language(self) -> str | None:
        if self._chosen is not None:
            return self._chosen
        value = self._read().get("default_language")
        return value if isinstance(value, str) and value else None

    def language_for(self, codes: Sequence[str], fallback: str) -> str:
        """The chosen default language when the deck has it, else ``fallback`` (the deck's)."""
        chosen = self.default_language
        return chosen if chosen is not None and chosen in codes else fallback

    def set_default_language(self, code: str) -> None:
        self._chosen = code
        data = self._read()
        data["default_language"] = code
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, json.dumps(data, indent=2))
        except OSError as exc:  # the choice still holds until the app stops
            log.warning("cannot save the default language to %s: %s", self.path, exc)
