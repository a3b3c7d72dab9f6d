"""The child of the kill -9 test: records answers and prints each one's event id once it is committed.

Usage: python kill_child.py DB START TOTAL SEED. Prints one id per line, only after the writer
acknowledged it; the parent may kill this process at any moment.
"""

from __future__ import annotations

import random
import sys
import threading
import time
import uuid
from pathlib import Path

from kiosk.core.engagement.log import EngagementLog
from kiosk.core.engagement.visits import SystemClock


def main() -> int:
    db, start, total, seed = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(seed)
    clock = SystemClock()
    lock = threading.Lock()
    waiting: dict[int, str] = {}  # sequence number -> answer event id
    out = sys.stdout

    def on_commit(acknowledged: int) -> None:
        with lock:
            done = sorted(seq for seq in waiting if seq <= acknowledged)
            lines = "".join(waiting.pop(seq) + "\n" for seq in done)
        if lines:
            out.write(lines)
            out.flush()

    log = EngagementLog(db, on_commit=on_commit).start()
    visit = uuid.uuid4().hex
    log.visit_started(visit, clock.now(), ["km"])
    index = start
    while index < total:
        for _ in range(rng.randint(1, 6)):
            if index >= total:
                break
            log.slide_view_started(uuid.uuid4().hex, visit, f"slide-{index % 7}", "km", clock.now())
            event = uuid.uuid4().hex
            with lock:
                seq = log.answer_given(event, visit, f"q{index % 3}", f"a{index}", clock.now())
                waiting[seq] = event
            index += 1
        time.sleep(rng.uniform(0, 0.03))
    log.visit_ended(visit, clock.now(), "staff", ["km"])
    log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
