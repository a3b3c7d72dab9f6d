"""A child process that measures input to next slide painted (keys and swipes) and the frame times.

For each trial: the visitor's input is sent, then the event loop runs until the pages are at rest
and drawn in place. Latency is input -> end of that frame; the animation's own length is
subtracted. Frame times are the gaps between the ends of successive frames from the input until
the pages are at rest (the first gap includes building the next neighbour page).
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections.abc import Callable

from benchmarks.probe_support import guard_none_refcount, report


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=20)
    args = parser.parse_args()
    guard_none_refcount()

    from PySide6.QtCore import QPoint, Qt

    from benchmarks.driver import KioskDriver
    from kiosk.core.storage.paths import bundled_content_dir

    driver = KioskDriver(bundled_content_dir())
    driver.show()
    last = len(driver.controller.deck.slides)
    results: dict[str, dict[str, list[float]]] = {}

    def trial(kind: str, act: Callable[[bool], float], forward: bool) -> None:
        entry = results.setdefault(kind, {"latency_ms": [], "animation_ms": [], "excess_ms": [],
                                          "frame_ms": [], "frames": []})
        before = driver.controller.page
        start = act(forward)
        duration = driver.animation.duration() if driver.animation.state() else 0
        driver.wait(lambda: driver.painted_at_rest_since(start) is not None, 5000)
        painted = driver.painted_at_rest_since(start)
        if painted is None or driver.controller.page == before:
            entry.setdefault("failed", []).append(float(before))
            return
        latency = (painted - start) * 1000
        ends = [start] + [f[1] for f in driver.log.frames if f[0] >= start and f[1] and f[1] <= painted]
        gaps = [(b - a) * 1000 for a, b in itertools.pairwise(ends)]
        entry["latency_ms"].append(latency)
        entry["animation_ms"].append(float(duration))
        entry["excess_ms"].append(latency - duration)
        entry["frame_ms"].extend(gaps)
        entry["frames"].append(float(len(gaps)))
        driver.pump(30)  # a visitor's pause between inputs

    def key(forward: bool) -> float:
        start = time.perf_counter()
        driver.key(Qt.Key.Key_Right if forward else Qt.Key.Key_Left)
        return start

    def swipe(forward: bool) -> float:
        centre = driver.swipe_centre()
        distance = round(driver.window.swipe.width() * 0.35) * (-1 if forward else 1)
        end = QPoint(centre.x() + distance, centre.y())
        driver.drag(centre, end, steps=8, step_ms=8)
        start = time.perf_counter()
        driver.release(end)
        return start

    for kind, act in (("key", key), ("swipe", swipe)):
        driver.controller.on_home_requested()
        driver.settle()
        forward = True
        for _ in range(args.trials):
            page = driver.controller.page
            if (forward and page >= last) or (not forward and page <= 0):
                forward = not forward
            trial(kind, act, forward)
    report(results)


if __name__ == "__main__":
    main()
