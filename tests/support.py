"""Helpers tests share that are not fixtures."""

from __future__ import annotations

from kiosk.features.idle.controller import IdleFeature
from kiosk.features.idle.views import AttractView, StillTherePrompt
from kiosk.features.staff.controller import StaffController
from kiosk.features.staff.views import StaffScreens


def screens(staff: StaffController) -> StaffScreens:
    """The staff feature's real widgets behind its controller's facade."""
    assert isinstance(staff.views, StaffScreens)
    return staff.views


def prompt(idle: IdleFeature) -> StillTherePrompt:
    """The idle feature's real "Still there?" widget behind its view Protocol."""
    assert isinstance(idle.prompt, StillTherePrompt)
    return idle.prompt


def attract(idle: IdleFeature) -> AttractView:
    """The idle feature's real attract loop behind its view Protocol."""
    assert isinstance(idle.attract, AttractView)
    return idle.attract
