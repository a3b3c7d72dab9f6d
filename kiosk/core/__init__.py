"""The Qt-free core: content, storage and text rules.

content/ holds the model, loader, errors and sheet; storage/ the paths, the atomic write, the PIN,
settings and the last good content; text/ the line breaking. Imports no PySide6 and nothing of the
kiosk outside the core (import-linter checks both).
"""
