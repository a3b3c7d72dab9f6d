"""Operational features, each a room of its own.

A feature is a controller with its views, handed the parts it may use, never the whole kiosk.
Features do not import each other (import-linter checks it).
"""
