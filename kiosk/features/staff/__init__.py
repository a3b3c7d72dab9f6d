"""Staff access: the corner gesture, the PIN pad, the staff menu and the diagnostics page."""
