"""The parts of the kiosk a feature may be handed: small Protocols, never the whole kiosk.

The composition root's ``Kiosk`` satisfies them structurally; tests pass the same object or a
fake. A feature names the narrowest Protocol that covers what it uses.
"""

from __future__ import annotations

from typing import Protocol

from kiosk.control.deck import DeckController
from kiosk.views.fonts import FontSet
from kiosk.views.window import KioskWindow


class HasWindow(Protocol):
    """A feature that only watches or guards the window (lockdown)."""

    @property
    def window(self) -> KioskWindow: ...


class DeckParts(Protocol):
    """A feature that draws over the window and follows or moves the deck (idle, presenter, staff)."""

    @property
    def window(self) -> KioskWindow: ...

    @property
    def controller(self) -> DeckController: ...

    @property
    def fonts(self) -> FontSet: ...
