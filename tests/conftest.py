"""Shared pytest setup: Qt runs headless (offscreen) unless the caller chose a platform."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

if TYPE_CHECKING:
    from kiosk.app import Kiosk

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test writes (validated-deck cache, settings, PIN) under a temporary KIOSK_HOME, never the user's.

    A test that sets its own KIOSK_HOME, or removes it, overrides this one.
    """
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path_factory.mktemp("home")))


# --------------------------------------------------------------------------- the kiosk window

KIOSK_SIZE = (1280, 720)


@pytest.fixture
def themed_app(qapp: QApplication) -> Iterator[QApplication]:
    """The test QApplication styled the way ``create_application`` styles the real one.

    pytest-qt creates the QApplication before any kiosk code runs, so the theme is applied here
    (and taken off again afterwards, for tests that expect a plain application).
    """
    from kiosk.core.storage.paths import assets_dir
    from kiosk.views.theme import apply_theme

    sheet, palette = qapp.styleSheet(), qapp.palette()
    apply_theme(qapp, assets_dir())
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


@pytest.fixture
def settle(qtbot: QtBot) -> Callable[[Kiosk], None]:
    """Wait until the kiosk's window is at rest: pages built for its present size, no animation.

    A resize rebuilds the pages on a zero-delay timer, and page changes slide in; a test that looks
    at the pages waits for both to finish.
    """

    def wait(kiosk: Kiosk) -> None:
        window = kiosk.window

        def at_rest() -> None:
            metrics = window.current_view().context.metrics  # type: ignore[attr-defined]
            assert (metrics.width, metrics.height) == (window.width(), window.height())
            layout = window.layout()
            assert layout is not None
            assert layout.geometry() == window.rect()
            assert not window.swipe.is_animating
            assert window.current_page == kiosk.controller.page

        qtbot.waitUntil(at_rest, timeout=3000)

    return wait


@dataclass(frozen=True)
class KioskOptions:
    """How the shared ``kiosk`` fixture builds the kiosk; a test module overrides ``kiosk_options``."""

    size: tuple[int, int] = KIOSK_SIZE
    language: str | None = None  # None: the deck's default (Khmer for MIRO)
    # The pre-rendered theme, as the real kiosk has it. Feature tests that look at behaviour, not
    # pixels, leave it off: each application of a stylesheet re-polishes every live widget.
    themed: bool = True


@pytest.fixture
def kiosk_options() -> KioskOptions:
    return KioskOptions()


@pytest.fixture
def kiosk(qapp: QApplication, qtbot: QtBot, settle: Callable[[Kiosk], None],
          kiosk_options: KioskOptions, request: pytest.FixtureRequest) -> Kiosk:
    """The one kiosk fixture: the bundled content in a shown window at rest (1280x720 unless the
    module's ``kiosk_options`` says otherwise)."""
    # Imported here, not at the top: the core tests must not depend on the views importing.
    from kiosk.app import build_kiosk
    from kiosk.core.storage.paths import bundled_content_dir

    app: QApplication = request.getfixturevalue("themed_app") if kiosk_options.themed else qapp
    built = build_kiosk(app, bundled_content_dir(), kiosk_options.language)
    window = built.window
    qtbot.addWidget(window)
    window.resize(*kiosk_options.size)
    window.show()
    qtbot.waitExposed(window)
    settle(built)
    return built


@pytest.fixture(autouse=True)
def cheap_pin_hash(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """PINs hashed at scrypt's lowest accepted cost: the real cost takes about 0.4 s a hash.

    A test marked ``real_pin_cost`` (the one that measures it) keeps the real cost.
    """
    if request.node.get_closest_marker("real_pin_cost") is None:
        from kiosk.core.storage import pin

        monkeypatch.setattr(pin, "DEFAULT_COST", pin.ScryptCost(n=2**14, r=8, p=1))
