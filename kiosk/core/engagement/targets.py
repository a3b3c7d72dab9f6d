"""Where staff can put the visitor report: the mounted USB sticks, else the kiosk's data folder."""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

#: Where desktop Linux mounts removable media (udisks: /media/$USER, Fedora: /run/media/$USER),
#: and where an administrator mounts one by hand (/mnt and its sub-folders).
MEDIA_ROOTS = ("/media/{user}", "/run/media/{user}", "/mnt")
#: The data folder's sub-folder reports go to when no stick is plugged in.
DATA_REPORTS = "reports"


@dataclass(frozen=True)
class ReportTarget:
    """A folder the report can be written into."""

    path: Path
    removable: bool  # a mounted stick or disk; False: the kiosk's own data folder
    writable: bool


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container): no /media/<name> either
        return ""


def removable_media(user: str | None = None, roots: Sequence[str] = MEDIA_ROOTS, *,
                    is_mount: Callable[[Path], bool] = os.path.ismount) -> list[ReportTarget]:
    """The mounted media under ``roots`` (``{user}`` filled in), each once, in name order."""
    name = _user() if user is None else user
    found: dict[Path, ReportTarget] = {}
    for template in roots:
        if "{user}" in template and not name:
            continue
        root = Path(template.format(user=name))
        try:
            children = sorted(p for p in root.iterdir() if p.is_dir())
        except OSError:  # missing or unreadable root: nothing mounted there for us
            continue
        for candidate in [root, *children]:
            if candidate in found or not is_mount(candidate):
                continue
            found[candidate] = ReportTarget(candidate, True, os.access(candidate, os.W_OK | os.X_OK))
    return list(found.values())


def report_targets(data_dir: Path, user: str | None = None, roots: Sequence[str] = MEDIA_ROOTS, *,
                   is_mount: Callable[[Path], bool] = os.path.ismount) -> list[ReportTarget]:
    """The mounted media, then the data folder's ``reports`` folder (always offered, last)."""
    fallback = data_dir / DATA_REPORTS
    return [*removable_media(user, roots, is_mount=is_mount), ReportTarget(fallback, False, True)]


def report_folder(target: Path, now: datetime, laptop_id: str | None) -> Path:
    """A new folder for one report in ``target``: dated, and named for the laptop for merging later."""
    laptop = f"-{laptop_id[:8]}" if laptop_id else ""
    stem = f"miro-kiosk-report-{now:%Y-%m-%d-%H%M%S}{laptop}"
    folder, number = target / stem, 1
    while folder.exists():
        number += 1
        folder = target / f"{stem}-{number}"
    return folder
