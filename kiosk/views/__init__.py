"""Widgets: the kiosk window, its chrome, and one view per slide type (see :data:`VIEW_TYPES`)."""
