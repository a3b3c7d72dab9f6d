"""Where the report can go: mounted sticks under the media folders, then the data folder."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kiosk.core.engagement.targets import ReportTarget, report_folder, report_targets


def test_mounted_sticks_come_first_and_the_data_folder_last(tmp_path: Path) -> None:
    media, run_media, mnt = tmp_path / "media" / "staff", tmp_path / "run" / "staff", tmp_path / "mnt"
    for folder in (media / "STICK", media / "not-mounted", run_media / "B", mnt):
        folder.mkdir(parents=True)
    mounts = {media / "STICK", run_media / "B", mnt}
    roots = (str(tmp_path / "media" / "{user}"), str(tmp_path / "run" / "{user}"), str(mnt),
             str(tmp_path / "missing"))
    found = report_targets(tmp_path / "data", "staff", roots, is_mount=lambda p: p in mounts)
    assert found == [ReportTarget(media / "STICK", True, True), ReportTarget(run_media / "B", True, True),
                     ReportTarget(mnt, True, True), ReportTarget(tmp_path / "data" / "reports", False, True)]


def test_with_no_stick_only_the_data_folder_is_offered(tmp_path: Path) -> None:
    assert report_targets(tmp_path / "data", "", is_mount=lambda p: False) == [
        ReportTarget(tmp_path / "data" / "reports", False, True)]


def test_report_folders_are_dated_named_for_the_laptop_and_never_reused(tmp_path: Path) -> None:
    now = datetime(2025, 3, 1, 9, 30, 5)
    first = report_folder(tmp_path, now, "0123456789abcdef")
    assert first == tmp_path / "miro-kiosk-report-2025-03-01-093005-01234567"
    first.mkdir()
    assert report_folder(tmp_path, now, "0123456789abcdef").name == "miro-kiosk-report-2025-03-01-093005-01234567-2"
    assert report_folder(tmp_path, now, None).name == "miro-kiosk-report-2025-03-01-093005"
