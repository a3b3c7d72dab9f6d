"""Helpers tests share that are not fixtures."""

from __future__ import annotations

from kiosk.features.staff.controller import StaffController
from kiosk.features.staff.views import StaffScreens


def screens(staff: StaffController) -> StaffScreens:
    """The staff feature's real widgets behind its controller's facade."""
    assert isinstance(staff.views, StaffScreens)
    return staff.views
