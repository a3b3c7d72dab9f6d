"""scripts/setup-kiosk-session.sh: what it would do (--dry-run), and that a second run changes nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "setup-kiosk-session.sh"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(SCRIPT), *args], capture_output=True, text=True, timeout=60)


def test_a_dry_run_names_the_user_the_autologin_and_the_restarting_session() -> None:
    done = _run("--dry-run", "--user", "miro-kiosk-test-nobody", "--kiosk", "/opt/k/kiosk")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "would run: useradd --create-home --shell /bin/bash --comment MIRO kiosk miro-kiosk-test-nobody" in out
    assert "ExecStart=-/sbin/agetty --autologin miro-kiosk-test-nobody --noclear %I $TERM" in out
    assert '    |     cage -d -- "$KIOSK"' in out
    assert "    | while :; do" in out
    assert out.rstrip().endswith("dry run: nothing was changed")


@pytest.mark.parametrize(("session", "files"), [
    ("cage", ["usr/local/bin/miro-kiosk-session", "home/kiosk/.bash_profile",
              "etc/systemd/system/getty@tty1.service.d/miro-kiosk-autologin.conf"]),
    ("xinit", ["usr/local/bin/miro-kiosk-session", "usr/local/lib/miro-kiosk/xsession",
               "etc/X11/xorg.conf.d/10-miro-kiosk.conf", "home/kiosk/.bash_profile",
               "etc/systemd/system/getty@tty1.service.d/miro-kiosk-autologin.conf"]),
])
def test_it_writes_the_session_once_and_a_second_run_changes_nothing(
    tmp_path: Path, session: str, files: list[str]
) -> None:
    first = _run("--prefix", str(tmp_path), "--session", session, "--content", "/srv/miro content")
    assert first.returncode == 0, first.stderr
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()) == sorted(files)
    assert (tmp_path / "usr/local/bin/miro-kiosk-session").stat().st_mode & 0o777 == 0o755
    starter = "usr/local/bin/miro-kiosk-session" if session == "cage" else "usr/local/lib/miro-kiosk/xsession"
    assert '--content "/srv/miro content"' in (tmp_path / starter).read_text(encoding="utf-8")
    subprocess.run(["sh", "-n", str(tmp_path / "usr/local/bin/miro-kiosk-session")], check=True)
    second = _run("--prefix", str(tmp_path), "--session", session, "--content", "/srv/miro content")
    assert second.returncode == 0, second.stderr
    assert "write:" not in second.stdout
    assert second.stdout.rstrip().endswith(
        f"nothing to change: this laptop is already a {session} kiosk for user kiosk")


@pytest.mark.parametrize(("args", "message"), [
    (["--session", "gnome"], "setup-kiosk-session: --session must be cage or xinit, not 'gnome'\n"),
    (["--user", "Bad Name"], "setup-kiosk-session: 'Bad Name' is not a valid user name\n"),
])
def test_wrong_options_are_refused_with_a_reason(args: list[str], message: str) -> None:
    done = _run("--dry-run", *args)
    assert done.returncode == 1
    assert done.stderr == message
