"""Qt widgets: fonts, theme, metrics, text labels, pictures, the window and its chrome, the swipe area, overlays and the slide views. No feature logic."""
