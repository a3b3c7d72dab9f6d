"""A child process that starts the real kiosk and reports: launch to first painted slide, or a full tour.

``python -m benchmarks.kiosk_probe launch [CONTENT]`` exits as soon as the first slide is painted at
full-screen size; ``tour [CONTENT]`` then visits every slide in every language (peak memory and the
cost of each slide change, first visits and revisits apart).
"""

from __future__ import annotations

import time

_STARTED = time.perf_counter()

import argparse  # noqa: E402
import itertools  # noqa: E402
from pathlib import Path  # noqa: E402

from benchmarks.probe_support import guard_none_refcount, peak_rss_mib, report  # noqa: E402


def _content(value: str | None) -> Path:
    from kiosk.core.storage.paths import bundled_content_dir

    return Path(value) if value else bundled_content_dir()


def launch(content: str | None) -> None:
    from benchmarks.driver import KioskDriver
    from kiosk.app import show_full_screen

    qt_imported = time.perf_counter()
    driver = KioskDriver(_content(content))
    built = time.perf_counter()
    show_full_screen(driver.window)
    driver.wait(lambda: driver.first_page_paint() is not None, 20_000)
    painted = driver.first_page_paint()
    first_any = driver.log.page_paints[0][0] if driver.log.page_paints else None

    def ms(a: float, b: float) -> float:
        return round((b - a) * 1000, 1)

    report({
        "peak_rss_mib": peak_rss_mib(),
        "phases_ms": {
            "imports": ms(_STARTED, qt_imported),
            "create_app_and_build_kiosk": ms(qt_imported, built),
            "show_to_first_settled_paint": ms(built, painted) if painted else None,
            "show_to_first_paint_any_size": ms(built, first_any) if first_any else None,
        },
        "painted": painted is not None,
    })


def tour(content: str | None, rounds: int) -> None:
    from PySide6.QtCore import Qt

    from benchmarks.driver import KioskDriver

    guard_none_refcount()
    driver = KioskDriver(_content(content))
    driver.show()
    deck = driver.controller.deck
    first_visit: list[float] = []
    revisit: list[float] = []
    visited: set[tuple[str, int]] = set()
    for code in deck.language_codes:
        driver.controller.on_language_requested(code)
        driver.controller.on_home_requested()
        driver.settle()
        for _ in range(rounds):
            for key in (Qt.Key.Key_Right, Qt.Key.Key_Left):
                for _step in range(len(deck.slides)):
                    start = time.perf_counter()
                    driver.key(key)
                    duration = driver.animation.duration() / 1000 if driver.animation.state() else 0.0
                    driver.wait(lambda: driver.painted_at_rest_since(start) is not None, 5000)  # noqa: B023 (called at once)
                    painted = driver.painted_at_rest_since(start) or time.perf_counter()
                    ends = [start] + [f[1] for f in driver.log.frames
                                      if f[0] >= start and f[1] and f[1] <= painted]
                    longest_gap = max((b - a for a, b in itertools.pairwise(ends)), default=0.0)
                    # What the visitor feels: a late end, or a stalled frame on the way.
                    change = max(painted - start - duration, longest_gap) * 1000
                    place = (code, driver.controller.page)
                    (revisit if place in visited else first_visit).append(change)
                    visited.add(place)
    report({
        "peak_rss_mib": peak_rss_mib(),
        "pages": len(deck.slides) + 1,
        "languages": list(deck.language_codes),
        "first_visit_change_ms": first_visit,
        "revisit_change_ms": revisit,
    })


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("launch", "tour"))
    parser.add_argument("content", nargs="?")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    if args.mode == "launch":
        launch(args.content)
    else:
        tour(args.content, args.rounds)


if __name__ == "__main__":
    main()
