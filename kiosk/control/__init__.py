"""Controllers that decide: the deck (pages, language), the one kiosk mode, and what content is on screen. Qt signals, no widgets."""
