"""Nothing acknowledged is lost: kill -9 the writer at random moments over 1,000 answers."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ANSWERS = 1000
CHILD = Path(__file__).with_name("kill_child.py")
ROOT = Path(__file__).resolve().parents[3]


def run_child(db: Path, start: int, seed: int, kill_after: float | None) -> tuple[list[str], bool]:
    """Run the child; kill -9 it after ``kill_after`` s. Returns the acknowledged ids and whether it was killed."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(CHILD), str(db), str(start), str(ANSWERS), str(seed)],
                            stdout=subprocess.PIPE, env=env)
    killed = False
    if kill_after is not None:
        try:
            proc.wait(kill_after)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            killed = True
    out, _ = proc.communicate(timeout=30)
    assert killed or proc.returncode == 0, f"the child failed with exit code {proc.returncode}"
    text = out.decode()
    lines = text.split("\n")
    complete = lines[:-1]  # a line cut by the kill has no line end
    return [line for line in complete if line], killed


def test_every_acknowledged_answer_survives_kill_9(tmp_path: Path) -> None:
    db = tmp_path / "engagement.db"
    rng = random.Random(14)
    acknowledged: list[str] = []
    kills = kills_with_progress = 0
    began = time.monotonic()
    while len(acknowledged) < ANSWERS and time.monotonic() - began < 20:
        ids, killed = run_child(db, len(acknowledged), rng.randrange(1 << 30), rng.uniform(0.03, 0.35))
        acknowledged += ids
        kills += killed
        kills_with_progress += killed and bool(ids)
        if not killed:
            break
    if len(acknowledged) < ANSWERS:  # finish without a kill
        ids, _ = run_child(db, len(acknowledged), 0, None)
        acknowledged += ids
    elapsed = time.monotonic() - began

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = {row[0] for row in conn.execute("SELECT id FROM answers")}
    finally:
        conn.close()
    missing = [event for event in acknowledged if event not in stored]
    print(f"\n{kills} kills ({kills_with_progress} while answers were being committed), "
          f"{len(acknowledged)} answers acknowledged, {len(stored)} stored, {elapsed:.1f} s")
    assert len(acknowledged) >= ANSWERS
    assert len(set(acknowledged)) == len(acknowledged)
    assert missing == []
    assert kills_with_progress >= 15  # the kills really landed while answers were being written
