"""The one kiosk mode: visitor, staff menu open, presenter, or the error page; decided here only.

Features never ask each other what state the kiosk is in: they ask :class:`ModeState` to change
it and react to ``mode_changed``. The rules, in one place:

- the base mode is what the kiosk is for right now: ``VISITOR`` (unattended), ``PRESENTER``
  (a training) or ``ERROR_PAGE`` (no good content at all);
- the staff menu sits on top of any base mode (``STAFF``); closing it returns to the base mode;
- the idle reset runs only in ``VISITOR`` mode (:attr:`ModeState.idle_allowed`).
"""

from __future__ import annotations

import logging
from enum import Enum

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class KioskMode(Enum):
    VISITOR = "visitor"
    STAFF = "staff"
    PRESENTER = "presenter"
    ERROR_PAGE = "error page"


_BASE_MODES = frozenset({KioskMode.VISITOR, KioskMode.PRESENTER, KioskMode.ERROR_PAGE})


class ModeState(QObject):
    """Holds the kiosk's mode and announces each change with the new mode."""

    mode_changed = Signal(object)  # KioskMode

    def __init__(self, base: KioskMode = KioskMode.VISITOR, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if base not in _BASE_MODES:
            raise ValueError(f"{base} is not a base mode")
        self._base = base
        self._staff_open = False

    @property
    def mode(self) -> KioskMode:
        return KioskMode.STAFF if self._staff_open else self._base

    @property
    def base(self) -> KioskMode:
        """The mode beneath the staff menu."""
        return self._base

    @property
    def is_presenter(self) -> bool:
        return self._base is KioskMode.PRESENTER

    @property
    def idle_allowed(self) -> bool:
        """The idle reset and attract loop run for unattended visitors only."""
        return self.mode is KioskMode.VISITOR

    def set_presenter(self, on: bool) -> None:
        if self._base is KioskMode.ERROR_PAGE:
            return
        self._change(base=KioskMode.PRESENTER if on else KioskMode.VISITOR)

    def set_error_page(self, on: bool) -> None:
        if on:
            self._change(base=KioskMode.ERROR_PAGE)
        elif self._base is KioskMode.ERROR_PAGE:
            self._change(base=KioskMode.VISITOR)

    def open_staff(self) -> None:
        self._change(staff_open=True)

    def close_staff(self) -> None:
        self._change(staff_open=False)

    def _change(self, *, base: KioskMode | None = None, staff_open: bool | None = None) -> None:
        before = self.mode
        if base is not None:
            self._base = base
        if staff_open is not None:
            self._staff_open = staff_open
        if self.mode is not before:
            log.info("mode: %s -> %s", before.value, self.mode.value)
            self.mode_changed.emit(self.mode)
