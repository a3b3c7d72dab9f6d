"""Controllers that decide: the deck, the one kiosk mode, and the content on screen.

Qt signals, no widgets.
"""
