"""Why the kiosk runs in safe mode, passed from the supervisor to the kiosk, and what safe mode shows."""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import Enum
from pathlib import Path

from kiosk.core.content.ui_words import UiText

#: Set in the kiosk's environment by the supervisor: the :class:`SafeModeReason` value.
SAFE_MODE_ENV = "KIOSK_SAFE_MODE"


class SafeModeReason(Enum):
    """Why safe mode is on; each is worded for staff (menu status line and diagnostics)."""

    ASKED = "asked"  # started with --safe-mode
    CRASHES = "crashes"  # a crash loop in normal mode
    HANG = "hang"  # the kiosk stopped answering and was restarted
    STILL_CRASHING = "still-crashing"  # crashes went on in safe mode: the bundled content only

    @property
    def words(self) -> UiText:
        return _WORDS[self]

    @property
    def bundled_only(self) -> bool:
        """True when even the last good copy of the organisation's content is left out."""
        return self is SafeModeReason.STILL_CRASHING


_WORDS = {
    SafeModeReason.ASKED: UiText.SAFE_MODE_ASKED,
    SafeModeReason.CRASHES: UiText.SAFE_MODE_CRASHES,
    SafeModeReason.HANG: UiText.SAFE_MODE_HANG,
    SafeModeReason.STILL_CRASHING: UiText.SAFE_MODE_STILL_CRASHING,
}


def safe_mode_reason(asked: bool, environ: Mapping[str, str] | None = None) -> SafeModeReason | None:
    """Why this kiosk runs in safe mode (the supervisor's reason first), or None for normal mode.

    An unknown value in the environment still means safe mode (fail closed), worded as a crash loop.
    """
    value = (os.environ if environ is None else environ).get(SAFE_MODE_ENV, "")
    if value:
        try:
            return SafeModeReason(value)
        except ValueError:
            return SafeModeReason.CRASHES
    return SafeModeReason.ASKED if asked else None


def safe_mode_content(reason: SafeModeReason, last_good: Path | None, bundled: Path) -> Path:
    """The folder safe mode shows: the last good copy of the organisation's content, else the bundled one."""
    if last_good is None or reason.bundled_only:
        return bundled
    return last_good
