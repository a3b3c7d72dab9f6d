"""Operational features. Each is a room of its own: a controller with its views, handed the parts it may use, never the whole kiosk. Features do not import each other."""
