"""``kiosk render``: every page drawn headless to PNG files, as the kiosk draws it."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app import main
from kiosk.core.content.loader import load_content
from kiosk.core.content.model import Deck
from kiosk.core.storage.assets import available_icons
from kiosk.core.storage.paths import assets_dir, bundled_content_dir

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def deck() -> Deck:
    return load_content(bundled_content_dir(), icons=available_icons(assets_dir())).deck


@pytest.fixture(autouse=True)
def restore_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    """``kiosk render`` sets QT_QPA_PLATFORM for its process; keep that out of other tests."""
    monkeypatch.setenv("QT_QPA_PLATFORM", os.environ.get("QT_QPA_PLATFORM", "offscreen"))


def render(qtbot: QtBot, app: QApplication, *args: str) -> int:
    """Run ``kiosk render`` in this process; the window it opens is closed after the test."""
    before = set(app.topLevelWidgets())
    code = main(["render", *args])
    for widget in set(app.topLevelWidgets()) - before:
        qtbot.addWidget(widget)
    return code


def expected_files(deck: Deck, languages: list[str]) -> set[str]:
    pages = ["home", *(slide.id for slide in deck.slides)]
    return {f"{page}.{code}.png" for page in pages for code in languages}


def test_renders_every_page_in_both_languages(themed_app: QApplication, qtbot: QtBot, deck: Deck,
                                              tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "png"
    assert render(qtbot, themed_app, "--out", str(out), "--size", "1024x600") == 0
    names = {path.name for path in out.iterdir()}
    assert names == expected_files(deck, ["km", "en"])
    assert len(names) == 2 * (len(deck.slides) + 1)
    assert capsys.readouterr().out == f"Wrote {len(names)} PNG files to {out}\n"
    for name in names:
        image = QImage(str(out / name))
        assert not image.isNull(), name
        assert image.size() == QSize(1024, 600), name
    # Each language really drawn in its own words, and a page is more than a blank background.
    assert QImage(str(out / "home.km.png")) != QImage(str(out / "home.en.png"))
    assert QImage(str(out / "welcome.en.png")) != QImage(str(out / "home.en.png"))


def test_renders_one_slide_in_one_language(themed_app: QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "one"
    assert render(qtbot, themed_app, "--out", str(out), "--size", "1366x768", "--lang", "en",
                  "--slide", "welcome") == 0
    assert [path.name for path in out.iterdir()] == ["welcome.en.png"]
    assert QImage(str(out / "welcome.en.png")).size() == QSize(1366, 768)


@pytest.mark.parametrize("size", ["big", "1024", "1024x", "x600", "10x10", "1024x600x2", "9000x600"])
def test_bad_size_is_a_usage_error(qtbot: QtBot, qapp: QApplication, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str], size: str) -> None:
    out = tmp_path / "png"
    assert render(qtbot, qapp, "--out", str(out), "--size", size) == 2
    assert capsys.readouterr().err == f"kiosk render: --size must look like 1920x1080, not '{size}'\n"
    assert not out.exists()


def test_unknown_language_is_a_usage_error(qtbot: QtBot, qapp: QApplication, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "png"
    assert render(qtbot, qapp, "--out", str(out), "--size", "1024x600", "--lang", "fr") == 2
    assert capsys.readouterr().err == "kiosk render: unknown language 'fr'; this deck has: km, en\n"
    assert not out.exists()


def test_unknown_slide_is_a_usage_error(qtbot: QtBot, qapp: QApplication, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "png"
    assert render(qtbot, qapp, "--out", str(out), "--size", "1024x600", "--slide", "nope") == 2
    assert capsys.readouterr().err == "kiosk render: no slide 'nope'\n"
    assert not out.exists()


def test_broken_content_is_a_content_error(qtbot: QtBot, qapp: QApplication, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "deck.yaml").write_text("name:\n  km: ឈ្មោះ\n  en: Name\n", encoding="utf-8")
    out = tmp_path / "png"
    assert render(qtbot, qapp, str(content), "--out", str(out), "--size", "1024x600") == 1
    err = capsys.readouterr().err
    assert "deck.yaml" in err
    assert "short_name" in err  # every missing field is named, for the person fixing the file
    assert not out.exists()


# --------------------------------------------------------------------------- a real process


@pytest.fixture
def read_only_home(tmp_path: Path) -> Iterator[Path]:
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(stat.S_IRUSR | stat.S_IXUSR)  # 0o500; root ignores it, hence the check afterwards
    yield home
    home.chmod(stat.S_IRWXU)


def test_render_in_a_fresh_process_writes_nothing_to_home(deck: Deck, tmp_path: Path,
                                                          read_only_home: Path) -> None:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("XDG_") and key not in {"KIOSK_HOME", "PYTHONPATH"}}
    env.update(HOME=str(read_only_home), QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1",
               PYTHONPATH=str(REPO))
    out = tmp_path / "png"
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "render", "--out", str(out), "--lang", "km", "--size", "1024x600"],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert {path.name for path in out.iterdir()} == expected_files(deck, ["km"])
    for path in out.iterdir():
        assert QImage(str(path)).size() == QSize(1024, 600), path.name
    assert sorted(read_only_home.rglob("*")) == []
