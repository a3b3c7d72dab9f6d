"""Qt-free core: content model, loader, errors, strings sheet and line breaking."""
