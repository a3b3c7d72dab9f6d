"""One view per slide type, chosen through the explicit registry in :mod:`kiosk.views.slides.registry`."""
