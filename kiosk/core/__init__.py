"""The Qt-free core: content (model, loader, errors, sheet), storage (paths, atomic writes, PIN, settings) and text (line breaking). Imports no PySide6 and nothing of the kiosk outside the core."""
