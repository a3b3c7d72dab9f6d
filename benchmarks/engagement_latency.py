"""How long the engagement log takes: the caller's cost per event, and record-to-commit latency.

Run: python -m benchmarks.engagement_latency [FOLDER]  (FOLDER: where to put the test log, e.g.
a USB stick; default a temporary folder). Prints percentiles in milliseconds.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

from kiosk.core.engagement.log import EngagementLog

EVENTS = 300
PAUSE_S = 0.01  # events arrive spaced out, as taps do (not a burst)


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    recorded: dict[int, int] = {}
    committed: dict[int, int] = {}
    lock = threading.Lock()

    def on_commit(seq: int) -> None:
        now = time.perf_counter_ns()
        with lock:
            for s in recorded:
                if s <= seq and s not in committed:
                    committed[s] = now

    log = EngagementLog(folder / "latency.db", on_commit=on_commit).start()
    log.flush()
    call_ns: list[int] = []
    for i in range(EVENTS):
        t0 = time.perf_counter_ns()
        with lock:
            seq = log.answer_given(f"e{i}", "v", "q", "a", datetime.now().astimezone())
            recorded[seq] = t0
        call_ns.append(time.perf_counter_ns() - t0)
        time.sleep(PAUSE_S)
    log.flush(10)
    log.close()
    latency = [(committed[s] - t) / 1e6 for s, t in recorded.items() if s in committed]

    def pct(values: list[float], p: float) -> float:
        return statistics.quantiles(values, n=100)[int(p) - 1]

    calls = [n / 1e6 for n in call_ns]
    print(f"log in {folder}: {len(latency)} of {EVENTS} events committed")
    print(f"caller's cost per event: median {statistics.median(calls):.3f} ms, p99 {pct(calls, 99):.3f} ms")
    print(f"record to commit: median {statistics.median(latency):.2f} ms, p95 {pct(latency, 95):.2f} ms, "
          f"max {max(latency):.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
