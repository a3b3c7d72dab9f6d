"""`kiosk strings import` is all or nothing: killed at any file-system step, the next command sees all old or new."""

from __future__ import annotations

import csv
import io
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.core.content.loader import load_content
from kiosk.core.content.sheet import export_sheet, import_sheet
from kiosk.core.errors import ContentError
from kiosk.core.storage import filegroup
from kiosk.core.storage.filegroup import JOURNAL, recover_interrupted_import, write_files_together
from tests.core.samples import BASE_FILES, MakeContent

REPO = Path(__file__).resolve().parents[3]
MODES = {"deck.yaml": 0o664, "about.yaml": 0o640}
NEW = {
    "deck.yaml": BASE_FILES["deck.yaml"].replace("en: Test Organisation", "en: New Organisation"),
    "about.yaml": BASE_FILES["about.yaml"].replace("en: Welcome", "en: Hello").replace(
        "en: Our story", "en: Our new story"),
}


def edited_sheet(root: Path, sheet: Path) -> None:
    """A sheet that changes both files (three texts)."""
    export_sheet(root, sheet)
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"), newline="")))
    for row in rows:
        if row[2] == "name":
            row[4] = "New Organisation"
        elif row[:3] == ["about.yaml", "welcome", "heading"]:
            row[4] = "Hello"
        elif row[:3] == ["about.yaml", "story", "heading"]:
            row[4] = "Our new story"
    with sheet.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


@pytest.fixture
def content(make_content: MakeContent) -> Path:
    root = make_content()
    for name, mode in MODES.items():
        (root / name).chmod(mode)
    return root


def state_of(root: Path) -> str:
    """'old' or 'new' for the whole folder; fails on a mix, a leftover file or a changed mode."""
    texts = {name: (root / name).read_text(encoding="utf-8") for name in BASE_FILES}
    assert sorted(p.name for p in root.iterdir()) == sorted(BASE_FILES), "files left behind"
    assert {name: stat.S_IMODE((root / name).stat().st_mode) for name in MODES} == MODES
    if texts == BASE_FILES:
        return "old"
    assert texts == NEW, "some files old, some new"
    return "new"


def test_an_import_changes_both_files(content: Path, tmp_path: Path) -> None:
    edited_sheet(content, tmp_path / "sheet.csv")
    assert import_sheet(tmp_path / "sheet.csv", content) == 3
    assert state_of(content) == "new"


@pytest.mark.parametrize("fail_at", range(4))  # 2 temp renames... and the journal's own rename
def test_a_rename_that_fails_at_any_step_ends_all_old_or_all_new(content: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 fail_at: int) -> None:
    edited_sheet(content, tmp_path / "sheet.csv")
    real_replace = os.replace
    calls = []

    def replace(src: object, dst: object) -> None:
        calls.append(dst)
        if len(calls) > fail_at:
            raise OSError(5, "Input/output error")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr("kiosk.core.storage.filegroup.os.replace", replace)
    if fail_at < 3:
        with pytest.raises(OSError, match="Input/output error"):
            import_sheet(tmp_path / "sheet.csv", content)
    else:
        import_sheet(tmp_path / "sheet.csv", content)
    monkeypatch.setattr("kiosk.core.storage.filegroup.os.replace", real_replace)
    load_content(content)  # the next command finishes or rolls back
    assert state_of(content) == ("old" if fail_at == 0 else "new")


@pytest.mark.parametrize("fail_at", range(3))
def test_a_full_disk_while_preparing_changes_nothing(content: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch, fail_at: int) -> None:
    edited_sheet(content, tmp_path / "sheet.csv")
    real_fsync = os.fsync
    calls = []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) > fail_at:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr("kiosk.core.storage.atomic.os.fsync", fsync)
    with pytest.raises(OSError, match="No space left on device"):
        import_sheet(tmp_path / "sheet.csv", content)
    monkeypatch.setattr("kiosk.core.storage.atomic.os.fsync", real_fsync)
    assert state_of(content) == "old"  # even before any recovery: the temp files are gone


KILLER = """\
import os, signal, sys, tempfile
kill_at, count = int(os.environ["KILL_AT"]), 0

def hook(real):
    def step(*args, **kwargs):
        global count
        count += 1
        if count == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)  # no handler, no finally: a power cut for the files
        return real(*args, **kwargs)
    return step

for name in ("replace", "rename", "fsync", "unlink", "fchmod", "open", "close"):
    setattr(os, name, hook(getattr(os, name)))
tempfile.mkstemp = hook(tempfile.mkstemp)
from kiosk.app import main
code = main(sys.argv[1:])
print("STEPS", count)
sys.exit(code)
"""


def run_import(root: Path, sheet: Path, script: Path, kill_at: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(script), "strings", "import", str(sheet), str(root)],
                          env={**os.environ, "KILL_AT": str(kill_at), "PYTHONPATH": str(REPO)},
                          capture_output=True, text=True, timeout=60, check=False)


def test_sigkill_at_every_file_system_step_leaves_all_old_or_all_new(make_content: MakeContent,
                                                                      tmp_path: Path) -> None:
    script = tmp_path / "killer.py"
    script.write_text(KILLER, encoding="utf-8")
    sheet = tmp_path / "sheet.csv"

    def fresh() -> Path:
        root = make_content()
        for name, mode in MODES.items():
            (root / name).chmod(mode)
        return root

    edited_sheet(fresh(), sheet)
    whole = run_import(fresh(), sheet, script, kill_at=0)
    assert whole.returncode == 0, whole.stderr
    steps = int(whole.stdout.split("STEPS")[-1])
    seen = set()
    for kill_at in range(1, steps + 1):
        root = fresh()
        killed = run_import(root, sheet, script, kill_at)
        assert killed.returncode == -signal.SIGKILL, (kill_at, killed.stdout, killed.stderr)
        load_content(root)  # the next kiosk command
        seen.add(state_of(root))
    assert seen == {"old", "new"}  # the kills landed both before and after the decision


def test_sigkill_at_random_moments_leaves_all_old_or_all_new(make_content: MakeContent, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    rng = random.Random(10)
    root = make_content()
    edited_sheet(root, sheet)
    started = time.perf_counter()
    command = [sys.executable, "-m", "kiosk", "strings", "import", str(sheet), str(root)]
    subprocess.run(command, capture_output=True, check=True, timeout=60, cwd=REPO)
    duration = time.perf_counter() - started
    for _ in range(8):
        root = make_content()
        for name, mode in MODES.items():
            (root / name).chmod(mode)
        command[-1] = str(root)
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
        time.sleep(rng.uniform(0.5, 1.0) * duration)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        load_content(root)
        state_of(root)


def test_temp_files_of_an_import_killed_while_preparing_are_removed(content: Path) -> None:
    leftover = content / f"{filegroup.TEMP_PREFIX}about.yaml.abc123.tmp"
    leftover.write_text("half a file", encoding="utf-8")
    assert recover_interrupted_import(content)
    assert state_of(content) == "old"


def test_nothing_to_recover_is_quick_and_touches_nothing(content: Path) -> None:
    assert not recover_interrupted_import(content)
    assert state_of(content) == "old"


def test_a_damaged_journal_is_a_located_problem(content: Path) -> None:
    (content / JOURNAL).write_text("{half", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_content(content)
    [problem] = info.value.problems
    assert str(problem).startswith(f"content/{JOURNAL}: an interrupted 'kiosk strings import' cannot be "
                                   "finished: the journal is damaged")


def test_a_journal_cannot_name_files_outside_the_folder(content: Path, tmp_path: Path) -> None:
    outside = tmp_path / "victim.txt"
    outside.write_text("keep me", encoding="utf-8")
    (content / JOURNAL).write_text(
        '{"version": 1, "files": [{"target": "../victim.txt", "temp": ".kiosk-import-x.tmp"}]}', encoding="utf-8")
    with pytest.raises(ContentError):
        load_content(content)
    assert outside.read_text(encoding="utf-8") == "keep me"


def test_a_running_import_is_not_recovered_by_a_reload(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []

    def rename_while_a_reload_looks(src: object, dst: object) -> None:
        if str(dst).endswith("about.yaml"):
            seen.append(recover_interrupted_import(content))  # the kiosk reloading mid-import
        os.rename(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr("kiosk.core.storage.filegroup.os.replace", rename_while_a_reload_looks)
    write_files_together(content, {name: text.encode("utf-8") for name, text in NEW.items()})
    assert seen == [False]
    assert state_of(content) == "new"
