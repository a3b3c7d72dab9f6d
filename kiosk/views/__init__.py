"""Qt widgets: fonts, theme, metrics, text, pictures, the window, swipe, overlays, slides.

No feature logic lives here.
"""
