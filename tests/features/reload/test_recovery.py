"""With no good content at all, the error page waits for the staff's fix and the kiosk then starts."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.core.errors import ContentError
from kiosk.core.storage.paths import bundled_content_dir
from kiosk.features.reload.controller import ContentRecovery
from kiosk.views.errors import ErrorPage
from kiosk.views.fonts import register_fonts


def _broken_copy(tmp_path: Path) -> tuple[Path, bytes]:
    content = tmp_path / "content"
    shutil.copytree(bundled_content_dir(), content)
    deck = content / "deck.yaml"
    good = deck.read_bytes()
    deck.write_bytes(good.replace(b"idle_timeout:", b"idle_timeuot:"))
    return content, good


def test_a_fix_to_the_files_starts_the_kiosk(qtbot: QtBot, tmp_path: Path) -> None:
    content, good = _broken_copy(tmp_path)
    recovery = ContentRecovery(content, debounce_ms=50)
    with qtbot.wait_signal(recovery.valid, timeout=5000):
        (content / "deck.yaml").write_bytes(good)


def test_a_wrong_fix_updates_the_list_on_the_error_page(qtbot: QtBot, tmp_path: Path) -> None:
    content, good = _broken_copy(tmp_path)
    try:
        from kiosk.core.content.loader import load_content

        load_content(content)
    except ContentError as exc:
        page = ErrorPage(exc, register_fonts())
    qtbot.add_widget(page)
    assert "idle_timeuot" in page.problems_label.text()
    recovery = ContentRecovery(content, debounce_ms=50, parent=page)
    recovery.still_broken.connect(page.show_problems)
    with qtbot.wait_signal(recovery.still_broken, timeout=5000):
        (content / "deck.yaml").write_bytes(good.replace(b"topics:", b"topicz:"))
    assert "topicz" in page.problems_label.text()
    assert "idle_timeuot" not in page.problems_label.text()
