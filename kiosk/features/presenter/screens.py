"""Which window goes on which screen: the slides on the projector, the presenter view on the laptop.

Qt-free, so the decision is tested with any list of screens (tests cannot add real screens).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ScreenInfo:
    """A screen as the plan needs it: name, geometry (virtual desktop pixels), primary or not."""

    name: str
    x: int
    y: int
    width: int
    height: int
    primary: bool = False

    @property
    def area(self) -> int:
        return self.width * self.height


@dataclass(frozen=True)
class ScreenPlan:
    """Indexes into the screen list; None means "leave it where it is" / "do not show"."""

    slides: int | None
    presenter: int | None


def plan_screens(screens: Sequence[ScreenInfo], presenter: bool) -> ScreenPlan:
    """Presenter mode with two or more screens: presenter view on the primary (the laptop), slides
    on the largest other screen (the projector; the first of equals). Otherwise the slides stay
    where they are and there is no presenter view: one screen shows the slides alone."""
    if not presenter or len(screens) < 2:
        return ScreenPlan(slides=None, presenter=None)
    primary = next((i for i, s in enumerate(screens) if s.primary), 0)
    others = [i for i in range(len(screens)) if i != primary]
    projector = max(others, key=lambda i: (screens[i].area, -i))
    return ScreenPlan(slides=projector, presenter=primary)
