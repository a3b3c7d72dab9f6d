"""``python -m benchmarks [--quick]``: every measure against its budget, written to docs/benchmarks.{md,json}.

Each measure runs in fresh child processes on Qt's offscreen platform with a 1920x1080 screen.
Timings alternate floor and kiosk (floor, kiosk, floor, kiosk, ...) after a warm-up pair, so the
machine's load falls on both alike. Exits 1 when a budget is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.decks import write_large_deck
from benchmarks.probe_support import NONE_GUARD_ENV, REPORT_PREFIX, child_env, compile_once, kiosk_home

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FRAME_MS = 1000 / 60
ANALYSIS = Path(__file__).with_name("analysis.md")


@dataclass
class Row:
    """One line of the table."""

    measure: str
    budget: str
    median: str
    spread: str
    runs: int
    holds: bool | None  # None: not measured (e.g. no frozen build)
    detail: dict[str, Any] = field(default_factory=dict)


class ChildFailed(RuntimeError):
    pass


def run_child(module: str, *args: str, guard: bool = False, timeout: float = 1800,
              extra: dict[str, str] | None = None) -> tuple[float, dict[str, Any]]:
    """Wall time of ``python -m module args`` and the dict it reported (``extra``: more environment)."""
    env = child_env({NONE_GUARD_ENV: "1" if guard else "0", **(extra or {})})
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout, check=False)
    wall = time.perf_counter() - start
    for line in done.stdout.splitlines():
        if line.startswith(REPORT_PREFIX):
            return wall, json.loads(line[len(REPORT_PREFIX):])
    tail = "\n".join(done.stderr.strip().splitlines()[-6:])
    raise ChildFailed(f"{module} {' '.join(args)} exited {done.returncode}: {tail}")


def floor_run() -> tuple[float, dict[str, Any]]:
    return run_child("benchmarks.floor")


def process_run(argv: list[str], env: dict[str, str], timeout: float = 120) -> tuple[float, dict[str, Any]]:
    """Wall time and peak memory (the child's own ru_maxrss, from wait4) of one whole process."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _pid, status, usage = os.wait4(child.pid, 0)
    except BaseException:
        child.kill()
        raise
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    stderr = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if child.returncode != 0:
        raise ChildFailed(f"{' '.join(argv)} exited {child.returncode}: {stderr[-400:]}")
    return wall, {"peak_rss_mib": usage.ru_maxrss / 1024}


def alternate(kiosk: Callable[[], tuple[float, dict[str, Any]]], runs: int,
              warmup: bool = True) -> tuple[list[tuple[float, dict[str, Any]]], list[tuple[float, dict[str, Any]]]]:
    """floor, kiosk, floor, kiosk ... (after one unrecorded pair)."""
    if warmup:
        floor_run()
        kiosk()
    floors, kiosks = [], []
    for _ in range(runs):
        floors.append(floor_run())
        kiosks.append(kiosk())
    return floors, kiosks


def fmt_ms(value: float) -> str:
    return f"{value:.1f} ms"


def spread(values: list[float], unit: str = "ms", scale: float = 1.0) -> str:
    return f"{min(values) * scale:.1f}–{max(values) * scale:.1f} {unit}" if values else "–"


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, -(-95 * len(ordered) // 100) - 1))] if ordered else float("nan")


# -- the measures ----------------------------------------------------------------------------------
def measure_launch(runs: int, rows: list[Row], floor_memory: list[float], work: Path) -> None:
    """``kiosk`` as a laptop starts it (a PIN set, the validated-deck cache warm) to its first painted screen."""
    env = child_env({**kiosk_home(work / "launch-home"), "KIOSK_EXIT_AFTER_FIRST_PAINT": "1"})
    for name, argv in (("kiosk", [sys.executable, "-m", "kiosk", "--no-restart"]),
                       ("supervised kiosk", [sys.executable, "-m", "kiosk"])):
        floors, kiosks = alternate(lambda argv=argv: process_run(argv, env), runs)  # type: ignore[misc]
        f = [w for w, _ in floors]
        k = [w for w, _ in kiosks]
        ratio = statistics.median(k) / statistics.median(f)
        pair_ratios = [b / a for a, b in zip(f, k, strict=True)]
        rows.append(Row(f"`{' '.join(argv[1:])}` launch to first painted screen", "≤ 2.0 × floor (goal 1.5)",
                        f"{statistics.median(k) * 1000:.0f} ms = {ratio:.2f} × floor "
                        f"({statistics.median(f) * 1000:.0f} ms)",
                        f"{name} {spread(k, 'ms', 1000)}; floor {spread(f, 'ms', 1000)}; pair ratios "
                        f"{min(pair_ratios):.2f}–{max(pair_ratios):.2f}",
                        runs, ratio <= 2.0, {"floor_s": f, "kiosk_s": k, "ratio": ratio}))
        if name == "kiosk":
            floor_peaks = [r["peak_rss_mib"] for _, r in floors]
            floor_memory.extend(floor_peaks)
            peaks = [r["peak_rss_mib"] for _, r in kiosks]
            extra = statistics.median(peaks) - statistics.median(floor_peaks)
            rows.append(Row("peak memory at first paint", "≤ floor + 30 MiB (goal + 20)",
                            f"{statistics.median(peaks):.1f} MiB = floor + {extra:.1f} MiB "
                            f"(floor {statistics.median(floor_peaks):.1f} MiB)",
                            spread(peaks, "MiB"), runs, extra <= 30,
                            {"floor_peak_mib": floor_peaks, "kiosk_peak_mib": peaks}))


def measure_render(runs: int, rows: list[Row], work: Path) -> None:
    """``kiosk render`` of one slide (the home screen), as an editor runs it."""
    env = child_env(kiosk_home(work / "render-home"))
    out = work / "render-out"
    argv = [sys.executable, "-m", "kiosk", "render", "--out", str(out), "--lang", "km", "--slide", "home"]
    process_run([sys.executable, "-m", "kiosk", "--no-restart"], {**env, "KIOSK_EXIT_AFTER_FIRST_PAINT": "1"})
    floors, renders = alternate(lambda: process_run(argv, env), runs)
    f = [w for w, _ in floors]
    k = [w for w, _ in renders]
    ratio = statistics.median(k) / statistics.median(f)
    rows.append(Row("`kiosk render` of one slide", "≤ 2.0 × floor (goal 1.5)",
                    f"{statistics.median(k) * 1000:.0f} ms = {ratio:.2f} × floor "
                    f"({statistics.median(f) * 1000:.0f} ms)",
                    f"render {spread(k, 'ms', 1000)}; floor {spread(f, 'ms', 1000)} (cache written by one "
                    "kiosk start; render itself writes nothing)", runs, ratio <= 2.0,
                    {"floor_s": f, "render_s": k, "ratio": ratio}))


def measure_memory(runs: int, rows: list[Row], floor_memory: list[float]) -> None:
    floors, tours = alternate(lambda: run_child("benchmarks.kiosk_probe", "tour", guard=True), runs, warmup=False)
    floor_memory.extend(r["peak_rss_mib"] for _, r in floors)
    floor = statistics.median(floor_memory)
    peaks = [r["peak_rss_mib"] for _, r in tours]
    extra = statistics.median(peaks) - floor
    rows.append(Row("peak memory after every slide in both languages", "≤ floor + 40 MiB",
                    f"{statistics.median(peaks):.1f} MiB = floor + {extra:.1f} MiB (floor {floor:.1f} MiB)",
                    f"{spread(peaks, 'MiB')}", runs, extra <= 40,
                    {"floor_peak_mib": floor_memory, "kiosk_peak_mib": peaks}))


def measure_interaction(processes: int, trials: int, rows: list[Row], x_display: str | None = None) -> None:
    """Input latency and frame times; ``x_display``: on that X server (Xvfb) instead of offscreen."""
    extra = {"QT_QPA_PLATFORM": "xcb", "DISPLAY": x_display} if x_display else None
    where = " (Xvfb, 1920x1080)" if x_display else ""
    floors, runs = alternate(lambda: run_child("benchmarks.interaction", "--trials", str(trials), guard=True,
                                               extra=extra),
                             processes, warmup=False)
    floor_ms = statistics.median(w for w, _ in floors) * 1000
    for kind, label in (("key", "key Right"), ("swipe", "swipe release")):
        excess = [x for _, r in runs for x in r[kind]["excess_ms"]]
        animation = [x for _, r in runs for x in r[kind]["animation_ms"]]
        failed = [x for _, r in runs for x in r[kind].get("failed", [])]
        med = statistics.median(excess)
        rows.append(Row(f"input → next slide painted ({label}), minus the animation{where}", "≤ 16.7 ms (1 frame)",
                        f"{fmt_ms(med)} (animation {statistics.median(animation):.0f} ms)",
                        f"{spread(excess)}; p95 {fmt_ms(p95(excess))}", len(excess),
                        med <= FRAME_MS and not failed,
                        {"excess_ms": excess, "animation_ms": animation, "failed": failed,
                         "floor_launch_ms_same_run": floor_ms}))
    frames = [x for _, r in runs for kind in ("key", "swipe") for x in r[kind]["frame_ms"]]
    first = [x for _, r in runs for kind in ("key", "swipe") for x in r[kind]["frame_ms"][:1]]
    rows.append(Row(f"frame times during a swipe/key animation{where}", "p95 ≤ 16.7 ms",
                    f"p95 {fmt_ms(p95(frames))}, median {fmt_ms(statistics.median(frames))}",
                    f"{spread(frames)}; first frame after input: median {fmt_ms(statistics.median(first))}, "
                    f"max {fmt_ms(max(first))}", len(frames), p95(frames) <= FRAME_MS,
                    {"frame_ms": frames}))


def measure_interaction_x(processes: int, trials: int, rows: list[Row]) -> None:
    """The interaction probe on a real X server: Xvfb with one 1920x1080 screen (no window manager)."""
    import shutil

    if not shutil.which("Xvfb"):
        rows.append(Row("frame times on Xvfb", "p95 ≤ 16.7 ms", "not measured", "Xvfb not installed", 0, None))
        return
    display = ":94"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{display[1:]}").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        measure_interaction(processes, trials, rows, x_display=display)
    finally:
        server.terminate()
        server.wait(timeout=10)


def measure_large_deck(runs: int, rows: list[Row], work: Path) -> None:
    deck = work / "large-deck"
    slides = write_large_deck(deck)
    floors, loads = alternate(lambda: run_child("benchmarks.decks", "load", str(deck)), runs)
    first = [r["first_s"] for _, r in loads]
    rows.append(Row(f"generated {slides}-slide deck: load + validate", "≤ 1 s",
                    f"{statistics.median(first) * 1000:.0f} ms (again in-process: "
                    f"{statistics.median(r['second_s'] for _, r in loads) * 1000:.0f} ms)",
                    spread(first, "ms", 1000), runs, statistics.median(first) <= 1.0,
                    {"first_s": first, "floor_launch_s_same_run": [w for w, _ in floors]}))


def measure_photos(runs: int, unique: int, rows: list[Row], work: Path, floor_memory: list[float],
                   languages_note: str) -> None:
    deck = work / "photo-deck"
    _, made = run_child("benchmarks.decks", "photos", str(deck), "--photos", "50", "--unique", str(unique))
    floors, tours = alternate(lambda: run_child("benchmarks.kiosk_probe", "tour", str(deck), guard=True),
                              runs, warmup=False)
    floor_memory.extend(r["peak_rss_mib"] for _, r in floors)
    floor = statistics.median(floor_memory)
    peaks = [r["peak_rss_mib"] for _, r in tours]
    revisits = [x for _, r in tours for x in r["revisit_change_ms"]]
    firsts = [x for _, r in tours for x in r["first_visit_change_ms"]]
    extra = statistics.median(peaks) - floor
    rows.append(Row("50 photos of 24 MP: peak memory", "≤ floor + 150 MiB",
                    f"{statistics.median(peaks):.1f} MiB = floor + {extra:.1f} MiB",
                    spread(peaks, "MiB"), runs, extra <= 150,
                    {"peak_mib": peaks, "photos": made, "languages": languages_note}))
    worst = max(revisits) if revisits else float("nan")
    rows.append(Row("50 photos of 24 MP: slide change after the first visit", "none > 50 ms",
                    f"worst {fmt_ms(worst)}, median {fmt_ms(statistics.median(revisits))}",
                    f"{len([x for x in revisits if x > 50])} of {len(revisits)} over 50 ms; first visits "
                    f"median {fmt_ms(statistics.median(firsts))}", len(revisits), worst <= 50,
                    {"revisit_change_ms": revisits, "first_visit_change_ms": firsts}))


def measure_frozen(rows: list[Row], quick: bool) -> None:
    dist = ROOT / "dist" / "kiosk"
    if not dist.is_dir():
        rows.append(Row("frozen one-folder app: size / launch", "≤ 120 MB / ≤ 2.2 × floor", "not built",
                        "run `pyinstaller kiosk.spec` first", 0, None if quick else False))
        return
    size = sum(p.stat().st_size for p in dist.rglob("*") if p.is_file() and not p.is_symlink())
    rows.append(Row("frozen one-folder app: size", "≤ 120 MB", f"{size / 1e6:.1f} MB", "–", 1, size <= 120e6,
                    {"bytes": size}))
    runs = 3 if quick else 7

    home = Path(tempfile.mkdtemp(prefix="kiosk-bench-frozen-"))
    env = child_env({**kiosk_home(home), "KIOSK_EXIT_AFTER_FIRST_PAINT": "1", "HOME": str(home)})

    def frozen_run() -> tuple[float, dict[str, Any]]:
        return process_run([str(dist / "kiosk"), "--no-restart"], env)

    floors, frozen = alternate(frozen_run, runs)
    f = [w for w, _ in floors]
    k = [w for w, _ in frozen]
    ratio = statistics.median(k) / statistics.median(f)
    rows.append(Row("frozen one-folder app: launch to first paint", "≤ 2.2 × floor (goal 1.6)",
                    f"{statistics.median(k) * 1000:.0f} ms = {ratio:.2f} × floor "
                    f"({statistics.median(f) * 1000:.0f} ms)",
                    f"frozen {spread(k, 'ms', 1000)}; floor {spread(f, 'ms', 1000)} (the whole `kiosk`, with "
                    "lockdown; the rest follows its first frame)", runs, ratio <= 2.2, {"floor_s": f, "frozen_s": k}))


def measure_soak(actions: int, rows: list[Row], rest_s: float) -> None:
    label = f"soak, {actions} random actions, memory at rest ({rest_s:.0f} s idle)"
    budget = "no exception, no Qt warning, growth ≤ 5 MiB"
    try:
        _, result = run_child("benchmarks.soak", "--actions", str(actions), "--rest-s", str(rest_s))
    except ChildFailed as exc:
        rows.append(Row(label, budget, "CRASHED", str(exc)[-300:], 1, False))
        return
    ok = not result["exceptions"] and not result["warnings"] and result["growth_mib"] <= 5
    rows.append(Row(label, budget,
                    f"{len(result['exceptions'])} exceptions, {len(result['warnings'])} warnings, "
                    f"growth {result['growth_mib']:.1f} MiB",
                    f"RSS {result['rss_after_warmup_mib']:.1f} → {result['rss_end_mib']:.1f} MiB in "
                    f"{result['seconds']:.0f} s", 1, ok, result))


def measure_fuzz(examples: int, rows: list[Row]) -> None:
    try:
        _, result = run_child("benchmarks.fuzz", "--examples", str(examples))
    except ChildFailed as exc:
        rows.append(Row("fuzz: loader and sheet import", "only ContentError; refused import changes nothing",
                        "CRASHED", str(exc)[-300:], 0, False))
        return
    rows.append(Row("fuzz: loader and sheet import", "only ContentError; refused import changes nothing",
                    f"{len(result['failures'])} failures",
                    f"{result['loader_examples']} loader + {result['import_examples']} import examples "
                    f"({result['accepted_imports']} imports accepted) in "
                    f"{result['loader_s'] + result['import_s']:.0f} s",
                    result["loader_examples"] + result["import_examples"], not result["failures"], result))


# -- the report ------------------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import PySide6

    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "pyside6": PySide6.__version__, "os": platform.platform(),
            "qt_qpa_platform": "offscreen, 1920x1080 screen (configfile)",
            "load_average_start": os.getloadavg()}


def write_reports(rows: list[Row], info: dict[str, Any], quick: bool) -> None:
    DOCS.mkdir(exist_ok=True)
    data = {"quick": quick, "machine": info, "rows": [asdict(r) for r in rows]}
    (DOCS / "benchmarks.json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    mark = {True: "holds", False: "**MISSED**", None: "–"}
    lines = [
        "# Benchmarks",
        "",
        "Generated by `python -m benchmarks" + (" --quick" if quick else "") + "` — do not edit; the analysis "
        "below comes from `benchmarks/analysis.md`.",
        "",
        f"Machine: {info['cpu']}, {info['cores']} cores (shared: figures are noisy), {info['os']}; "
        f"Python {info['python']}, PySide6 {info['pyside6']}; load average at start "
        f"{', '.join(f'{x:.2f}' for x in info['load_average_start'])}, at end "
        f"{', '.join(f'{x:.2f}' for x in info['load_average_end'])}; "
        f"run took {info['seconds']:.0f} s.",
        "",
        "| measure | budget | median | min–max / detail | runs | result |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(f"| {r.measure} | {r.budget} | {r.median} | {r.spread} | {r.runs} | {mark[r.holds]} |")
    lines += ["", "## Method", "", METHOD]
    if ANALYSIS.exists():
        lines += ["", ANALYSIS.read_text(encoding="utf-8").strip()]
    (DOCS / "benchmarks.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


METHOD = """\
- Every program runs in a fresh child process (`subprocess`) with `QT_QPA_PLATFORM=offscreen:configfile=…`:
  Qt's offscreen platform ignores `:size=` and its screen is 800x800 unless a JSON config names
  its screens, so the benchmark writes one with a single 1920x1080 screen at 96 dpi
  (`benchmarks/probe_support.py`). Kiosk and floor get the same screen and go full-screen.
- **The floor** (`benchmarks/floor.py`) is a QApplication with one full-screen QLabel that exits on its
  first paint. Launch timings alternate floor, kiosk, floor, kiosk … after one unrecorded warm-up
  pair; the figure is the parent's wall time of the whole child process, and its peak memory the
  child's own `ru_maxrss` (from `wait4`). The ratio is median(kiosk) / median(floor).
- **As users run it:** bytecode is compiled once before anything is timed (no
  `PYTHONDONTWRITEBYTECODE`); every child shares a private `KIOSK_HOME` with a staff PIN set (with
  none, the kiosk opens on the set-up pad) and a validated-deck cache filled by one unrecorded start.
  The launch is the real `python -m kiosk --no-restart` (and supervised, `python -m kiosk`) with
  `KIOSK_EXIT_AFTER_FIRST_PAINT=1`: it exits once its window's first frame at screen size is painted,
  from the same hook that otherwise installs the operational features. `kiosk render --slide home`
  is timed the same way.
- **Kiosk probe** (`benchmarks/kiosk_probe.py`): `tour` builds the kiosk (`build_kiosk`), presses
  Right through every slide and Left back, in every language, and reports VmHWM.
- **Xvfb:** the interaction probe also runs on a real X server (Xvfb, one 1920x1080x24 screen, no
  window manager), `QT_QPA_PLATFORM=xcb`.
- **Painted** means: the pages are at rest in their final place and a frame that started after the
  last page move has ended (a frame = the window's UpdateRequest and its paint pass; Qt scrolls
  moved pages without Paint events, so frames, not Paint events, are counted). Input latency is
  input → that moment, minus the animation's length (`SwipeArea` animation duration, 260 ms for a
  key, shorter after a swipe that already moved the page). Frame times are the gaps between frame
  ends from the input until the pages rest; the first gap includes building the next neighbour.
- **Slide change** (photos): the larger of (painted − input − animation) and the longest frame gap
  during the change — a decode inside the change shows as a stalled frame even though the
  animation clock hides it from the end time.
- **Generated content** (`benchmarks/decks.py`) is written to a temporary folder: 20 topic files of
  50 slides (every type, a third with a picture), and 50 text slides each showing a 6000x4000 JPEG
  (quality 85, gradients, shapes and noise: ~8.8 MB each; a few drawn, the rest copies).
- **PySide6 6.12.0 on Python 3.11** drops references to None until Python aborts; pyproject now
  excludes it. Should it be installed, the long probes (tour, interaction, photos) give None a huge
  reference count first (`KIOSK_BENCH_NONE_GUARD`); the soak never does.
- **Soak** (`benchmarks/soak.py`): random taps, swipes, keys, language taps and idle resets
  (home + default language) with pauses of 0–40 ms (mostly mid-animation), through the real window; a Qt message handler
  records warnings (minus the offscreen `propagateSizeHints` noise), `sys.excepthook` and
  `sys.unraisablehook` record exceptions; RSS from /proc/self/statm after a warm-up of 1000 actions
  and at the end. **Fuzz** (`benchmarks/fuzz.py`): hypothesis over deck.yaml/topic text, bytes,
  YAML trees and mutations of a valid topic, and over the translators' sheet (edited cells, extra
  rows, raw bytes).
"""


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="fewer runs (a few minutes), for CI")
    parser.add_argument("--only", nargs="*", help="measures to run (launch render memory interaction "
                        "interaction-x deck photos frozen soak fuzz)")
    parser.add_argument("--rewrite", action="store_true",
                        help="only rewrite docs/benchmarks.md from docs/benchmarks.json (after editing "
                        "benchmarks/analysis.md)")
    args = parser.parse_args()
    if args.rewrite:
        data = json.loads((DOCS / "benchmarks.json").read_text(encoding="utf-8"))
        write_reports([Row(**r) for r in data["rows"]], data["machine"], data["quick"])
        return 0
    quick = args.quick
    wanted = set(args.only or ["launch", "render", "memory", "interaction", "interaction-x", "deck", "photos",
                               "frozen", "soak", "fuzz"])
    compile_once(ROOT / "kiosk", ROOT / "benchmarks")  # as installed: no child compiles while timed
    started = time.perf_counter()
    info = machine()
    rows: list[Row] = []
    floor_memory: list[float] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        work = Path(tmp)
        # Every child shares one private home with a staff PIN set and a warm validated-deck cache,
        # as on a kiosk in use (and nothing lands in the user's own cache folder).
        os.environ.update(kiosk_home(work / "home"))
        process_run([sys.executable, "-m", "kiosk", "--no-restart"],
                    child_env({"KIOSK_EXIT_AFTER_FIRST_PAINT": "1"}))
        steps: list[tuple[str, Callable[[], None]]] = [
            ("launch", lambda: measure_launch(5 if quick else 15, rows, floor_memory, work)),
            ("render", lambda: measure_render(3 if quick else 9, rows, work)),
            ("memory", lambda: measure_memory(1 if quick else 3, rows, floor_memory)),
            ("interaction", lambda: measure_interaction(1 if quick else 3, 10 if quick else 20, rows)),
            ("interaction-x", lambda: measure_interaction_x(1 if quick else 3, 10 if quick else 20, rows)),
            ("deck", lambda: measure_large_deck(5 if quick else 10, rows, work)),
            ("photos", lambda: measure_photos(1 if quick else 2, 3 if quick else 10, rows, work, floor_memory,
                                              "km, en")),
            ("frozen", lambda: measure_frozen(rows, quick)),
            ("soak", lambda: measure_soak(1000 if quick else 20_000, rows, 5.0 if quick else 90.0)),
            ("fuzz", lambda: measure_fuzz(300 if quick else 10_000, rows)),
        ]
        for name, step in steps:
            if name not in wanted:
                continue
            print(f"benchmarks: {name} …", file=sys.stderr, flush=True)
            try:
                step()
            except ChildFailed as exc:
                rows.append(Row(name, "–", "FAILED", str(exc)[-300:], 0, False))
    info["load_average_end"] = os.getloadavg()
    info["seconds"] = time.perf_counter() - started
    write_reports(rows, info, quick)
    for r in rows:
        print(f"{'ok  ' if r.holds else 'MISS' if r.holds is False else '--  '} {r.measure}: {r.median}")
    return 1 if any(r.holds is False for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
