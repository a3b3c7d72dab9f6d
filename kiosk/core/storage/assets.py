"""What the bundled assets offer: the icon and illustration names content may use."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.storage.paths import assets_dir


def available_icons(assets: Path | None = None) -> list[str]:
    """Names of the bundled icons (file names without ``.svg``), sorted."""
    folder = (assets if assets is not None else assets_dir()) / "icons"
    return sorted(p.stem for p in folder.glob("*.svg")) if folder.is_dir() else []


def available_illustrations(assets: Path | None = None) -> list[str]:
    """Names of the bundled illustrations (``assets/illustrations/*.svg`` without ``.svg``), sorted."""
    folder = (assets if assets is not None else assets_dir()) / "illustrations"
    return sorted(p.stem for p in folder.glob("*.svg")) if folder.is_dir() else []
