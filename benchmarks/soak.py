"""The soak: thousands of random touches, swipes, keys, language switches and idle resets.

Through the real window, with short pauses so that inputs land mid-animation. It fails on any
exception (sys.excepthook, unraisable hooks), on any Qt warning, and when resident memory grows by
more than ``MAX_GROWTH_MIB`` between the end of the warm-up and the end.

``python -m benchmarks.soak --actions 20000 [--seed N]``; tests/test_soak.py runs a short one.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from benchmarks.probe_support import current_rss_mib, guard_none_refcount, none_refcount, report

MAX_GROWTH_MIB = 5.0
#: Qt's offscreen platform cannot resize native windows; harmless there (as in pyproject's pytest).
QT_NOISE = ("This plugin does not support propagateSizeHints",)
ACTIONS = ("tap", "swipe", "key", "language", "idle")
WEIGHTS = (30, 30, 30, 5, 5)


@dataclass
class SoakResult:
    actions: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    exceptions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rss_after_warmup_mib: float = 0.0
    rss_end_mib: float = 0.0
    seconds: float = 0.0
    none_refcount_start: int = 0
    none_refcount_end: int = 0

    @property
    def growth_mib(self) -> float:
        return self.rss_end_mib - self.rss_after_warmup_mib


#: Seconds of rest before memory is sampled, as between visitors: Qt's time-limited caches (glyphs,
#: pixmaps) are released within about 90 s of rest, and sampling 50 ms after a burst counted them.
REST_S = 90.0


def _rss_at_rest(driver: Any, rest_s: float = REST_S) -> float:
    """RSS as the kiosk stands after ``rest_s`` of rest and an idle reset: drawn pixmaps dropped,
    garbage collected and free heap handed back (what the idle reset runs)."""
    from kiosk.features.idle.controller import free_memory_between_visitors

    driver.pump(max(50, round(rest_s * 1000)))
    free_memory_between_visitors()
    driver.pump(50)
    return current_rss_mib()


def run_soak(driver: Any, actions: int, seed: int, warmup: int, pause_ms: Callable[[random.Random], int],
             on_progress: Callable[[int], None] | None = None, rest_s: float = REST_S) -> SoakResult:
    """Drive ``driver`` (benchmarks.driver.KioskDriver) with ``actions`` random visitor actions."""
    from PySide6.QtCore import QPoint, Qt, QtMsgType, qInstallMessageHandler

    result = SoakResult(none_refcount_start=none_refcount())
    rng = random.Random(seed)
    window = driver.window
    controller = driver.controller
    keys = [Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Space, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp,
            Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_A]
    languages = list(controller.deck.language_codes)

    def on_message(kind: QtMsgType, _context: object, message: str) -> None:
        quiet = kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg)
        if not quiet and not any(noise in message for noise in QT_NOISE):
            result.warnings.append(f"{kind.name}: {message}")

    def on_exception(kind: type[BaseException], value: BaseException, _tb: object) -> None:
        result.exceptions.append(f"{kind.__name__}: {value}")

    def on_unraisable(info: Any) -> None:
        result.exceptions.append(f"unraisable {info.exc_type.__name__}: {info.exc_value}")

    previous_handler = qInstallMessageHandler(on_message)
    previous_hook, previous_unraisable = sys.excepthook, sys.unraisablehook
    sys.excepthook, sys.unraisablehook = on_exception, on_unraisable
    started = time.perf_counter()
    try:
        for number in range(actions):
            if number == warmup:
                result.rss_after_warmup_mib = _rss_at_rest(driver, rest_s)
            action = rng.choices(ACTIONS, WEIGHTS)[0]
            result.counts[action] = result.counts.get(action, 0) + 1
            width, height = window.width(), window.height()
            if action == "tap":
                driver.tap(QPoint(rng.randrange(width), rng.randrange(height)))
            elif action == "swipe":
                start = QPoint(rng.randrange(width // 8, width * 7 // 8), rng.randrange(height // 4, height * 3 // 4))
                end = QPoint(max(0, min(width - 1, start.x() + rng.randint(-width // 2, width // 2))),
                             max(0, min(height - 1, start.y() + rng.randint(-60, 60))))
                driver.drag(start, end, steps=rng.randint(1, 6))
                driver.release(end)
            elif action == "key":
                driver.key(rng.choice(keys))
            elif action == "language":
                button = window.languages.buttons[rng.choice(languages)]
                driver.tap(button.mapTo(window, button.rect().center()))
            else:  # the idle timeout: back home, in the default language
                controller.on_home_requested()
                controller.on_language_requested(controller.deck.default_language)
            driver.pump(pause_ms(rng))
            driver.log.clear()  # the paint log is for the timing probes; here it would only grow
            if on_progress is not None and number % 1000 == 0:
                on_progress(number)
        driver.pump(400)  # let the last animation and deferred deletions finish
        result.rss_end_mib = _rss_at_rest(driver, rest_s)
        if warmup >= actions:
            result.rss_after_warmup_mib = result.rss_end_mib
    finally:
        sys.excepthook, sys.unraisablehook = previous_hook, previous_unraisable
        qInstallMessageHandler(previous_handler)
    result.actions = actions
    result.seconds = time.perf_counter() - started
    result.none_refcount_end = none_refcount()
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--actions", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rest-s", type=float, default=REST_S,
                        help="seconds of rest before each memory sample (default 90, as between visitors)")
    args = parser.parse_args()
    guard_none_refcount()
    from benchmarks.driver import KioskDriver
    from kiosk.core.storage.paths import bundled_content_dir

    driver = KioskDriver(bundled_content_dir())
    driver.show()

    def progress(number: int) -> None:
        sys.stderr.write(f"soak: {number} actions, None refcount {none_refcount()}\n")
        sys.stderr.flush()

    # Brisk: most inputs land mid-animation; 40 ms lets a frame or two through.
    result = run_soak(driver, args.actions, args.seed, warmup=min(1000, args.actions // 5),
                      pause_ms=lambda rng: rng.choice((0, 0, 1, 5, 16, 40)), on_progress=progress,
                      rest_s=args.rest_s)
    report({**result.__dict__, "growth_mib": result.growth_mib, "rest_s": args.rest_s})


if __name__ == "__main__":
    main()
