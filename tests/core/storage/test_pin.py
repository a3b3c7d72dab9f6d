"""The staff PIN: no factory PIN, 6-12 digits, costly hash, 0600 file, fail closed, a lockout that persists."""

from __future__ import annotations

import argparse
import hmac
import io
import json
import logging
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import kiosk.core.storage.pin as pin_module
from kiosk.cli import parse_args
from kiosk.cli import pin as pin_cli
from kiosk.core.storage.pin import (
    LOCKOUT_FILE,
    PIN_FILE,
    PinFile,
    PinFormatError,
    PinGate,
    PinProblem,
    PinRecord,
    PinResult,
    PinState,
    ScryptCost,
    check_pin_format,
    hash_pin,
    pin_problem,
    verify_pin,
)

PIN = "258046"
CHEAP = ScryptCost(n=2**14, r=8, p=1)  # the real cost takes 0.4 s a hash; it has its own test


class FakeClock:
    """Wall-clock seconds that only move when the test says so."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.real_pin_cost
def test_the_hash_costs_days_to_brute_force_and_well_under_a_second_to_check() -> None:
    assert ScryptCost(n=2**17, r=8, p=1) == pin_module.DEFAULT_COST
    record = hash_pin(PIN)
    assert record.cost == pin_module.DEFAULT_COST
    started = time.perf_counter()
    assert verify_pin(record, PIN)
    one_check_s = time.perf_counter() - started
    assert one_check_s < 1.0
    every_six_digit_pin_s = 10**6 * one_check_s
    assert every_six_digit_pin_s > 24 * 3600, f"{one_check_s:.3f} s a guess is too cheap"


def test_hash_then_verify() -> None:
    record = hash_pin("482100")
    assert verify_pin(record, "482100")
    assert not verify_pin(record, "482101")
    assert not verify_pin(record, "48210")
    assert not verify_pin(record, "4821000000000")  # longer than any PIN: never hashed
    assert len(record.salt) == 16


def test_same_pin_gets_a_new_salt_and_hash_each_time() -> None:
    first, second = hash_pin("482100"), hash_pin("482100")
    assert first.salt != second.salt
    assert first.digest != second.digest


def test_verify_uses_constant_time_compare(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return bool(real(a, b))

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert verify_pin(hash_pin("123456"), "123456")
    assert len(calls) == 1


@pytest.mark.parametrize(("bad", "problem"), [
    ("", PinProblem.NOT_DIGITS),
    ("2468", PinProblem.TOO_SHORT),
    ("12345", PinProblem.TOO_SHORT),
    ("1234567890123", PinProblem.TOO_LONG),
    ("12a456", PinProblem.NOT_DIGITS),
    (" 123456", PinProblem.NOT_DIGITS),
    ("123456\n", PinProblem.NOT_DIGITS),
    ("١٢٣٤٥٦", PinProblem.NOT_DIGITS),  # Arabic-Indic digits are digits to str.isdigit, not to the pad
    ("១២៣៤៥៦", PinProblem.NOT_DIGITS),  # so are Khmer ones
])
def test_a_new_pin_is_six_to_twelve_ascii_digits(bad: str, problem: PinProblem) -> None:
    assert pin_problem(bad) is problem
    with pytest.raises(PinFormatError) as raised:
        check_pin_format(bad)
    assert raised.value.problem is problem


@pytest.mark.parametrize("good", ["000000", "123456", "123456789012"])
def test_good_pin_formats(good: str) -> None:
    assert pin_problem(good) is None


def test_problems_are_keys_for_the_staff_ui() -> None:
    assert {p.value for p in PinProblem} == {
        "pin_too_short", "pin_too_long", "pin_not_digits", "pin_mismatch", "pin_file_damaged",
        "pin_not_saved"}


def test_no_factory_pin_anywhere() -> None:
    assert not hasattr(pin_module, "DEFAULT_PIN")
    assert not hasattr(PinGate, "uses_default_pin")
    source = Path(pin_module.__file__).read_text(encoding="utf-8")
    assert "2468" not in source


# -- the file ----------------------------------------------------------------------------------
def test_file_stores_only_the_salted_hash_with_mode_0600(tmp_path: Path) -> None:
    pin_file = PinFile(tmp_path / "data" / PIN_FILE)  # the data folder is created: it is its own
    pin_file.save("975310")
    text = pin_file.path.read_text(encoding="utf-8")
    assert "975310" not in text
    data = json.loads(text)
    assert data["kdf"] == "scrypt"
    assert len(bytes.fromhex(data["salt"])) == 16
    assert stat.S_IMODE(pin_file.path.stat().st_mode) == 0o600
    status = pin_file.status()
    assert status.state is PinState.SET
    assert status.record is not None
    assert verify_pin(status.record, "975310")
    assert PinRecord.from_json(status.record.to_json()) == status.record
    assert sorted(p.name for p in pin_file.path.parent.iterdir()) == [PIN_FILE]  # no temp file left


def test_an_old_world_readable_file_becomes_0600(tmp_path: Path) -> None:
    path = tmp_path / PIN_FILE
    path.write_text("{}", encoding="utf-8")
    path.chmod(0o644)
    PinFile(path).save("975310")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_pin_set_before_six_digits_were_required_still_opens(tmp_path: Path) -> None:
    old = hash_pin("482100", cost=CHEAP)
    legacy = PinRecord(salt=old.salt, digest=pin_module._scrypt("4821", old.salt, CHEAP), cost=CHEAP)
    data = json.loads(legacy.to_json())
    data["version"] = 1
    (tmp_path / PIN_FILE).write_text(json.dumps(data), encoding="utf-8")
    gate = PinGate(PinFile(tmp_path / PIN_FILE), clock=FakeClock())
    assert gate.state() is PinState.SET
    assert gate.try_pin("4821") is PinResult.ACCEPTED


def _gate(tmp_path: Path, pin: str | None = PIN) -> tuple[PinGate, FakeClock]:
    pin_file = PinFile(tmp_path / PIN_FILE)
    if pin is not None:
        pin_file.save(pin)
    clock = FakeClock()
    return PinGate(pin_file, clock=clock), clock


def test_without_a_pin_nothing_opens_and_the_set_up_pad_is_due(tmp_path: Path) -> None:
    gate, _clock = _gate(tmp_path, pin=None)
    assert gate.state() is PinState.NOT_SET
    for guess in ("2468", "246800", "000000", ""):
        assert gate.try_pin(guess) is PinResult.NO_PIN
    assert gate.failures == 0  # nothing to guess, nothing to count
    assert gate.set_pin("135790") is None
    assert gate.state() is PinState.SET
    assert gate.try_pin("135790") is PinResult.ACCEPTED


def test_set_pin_refuses_a_short_pin_and_writes_nothing(tmp_path: Path) -> None:
    gate, _clock = _gate(tmp_path, pin=None)
    assert gate.set_pin("2468") is PinProblem.TOO_SHORT
    assert gate.set_pin("24680a") is PinProblem.NOT_DIGITS
    assert not (tmp_path / PIN_FILE).exists()


def test_change_pin_replaces_the_old_one(tmp_path: Path) -> None:
    gate, _clock = _gate(tmp_path)
    assert gate.set_pin("864200") is None
    assert gate.try_pin(PIN) is PinResult.WRONG
    assert gate.try_pin("864200") is PinResult.ACCEPTED


def test_a_pin_that_cannot_be_saved_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            caplog: pytest.LogCaptureFixture) -> None:
    gate, _clock = _gate(tmp_path, pin=None)

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pin_module, "atomic_write", full_disk)
    assert gate.set_pin("135790") is PinProblem.NOT_SAVED
    assert "cannot save the staff PIN" in caplog.text
    assert gate.state() is PinState.NOT_SET


def _write(text: str) -> Callable[[Path], object]:
    return lambda path: path.write_text(text, encoding="utf-8")


DAMAGE: dict[str, Callable[[Path], object]] = {
    "empty": _write(""),
    "not json": _write("{not json"),
    "cut short": lambda path: path.write_text(hash_pin(PIN).to_json()[:60], encoding="utf-8"),
    "another kdf": _write('{"version": 2, "kdf": "md5", "hash": "00"}'),
    "short hash": lambda path: path.write_text(
        hash_pin(PIN).to_json().replace('"hash": "', '"hash": "00'), encoding="utf-8"),
    "huge cost": lambda path: path.write_text(
        hash_pin(PIN).to_json().replace('"n": 16384', '"n": 1073741824'), encoding="utf-8"),
    "boolean cost": lambda path: path.write_text(
        hash_pin(PIN).to_json().replace('"p": 1', '"p": true'), encoding="utf-8"),
    "not UTF-8": lambda path: path.write_bytes(b"\xff\xfe{}"),
    "a folder": lambda path: path.mkdir(),
    "a named pipe": lambda path: os.mkfifo(path),
    "a dangling link": lambda path: path.symlink_to(path.with_name("gone")),
    "a link loop": lambda path: path.symlink_to(path),
}


def _unreadable(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """``path`` refuses to open as a file of another user would (chmod means nothing to root)."""
    real_open = os.open

    def refusing(name: object, *args: object, **kwargs: object) -> int:
        if Path(str(name)) == path:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("kiosk.core.storage.safefile.os.open", refusing)


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_pin_file_fails_closed_and_is_logged(tmp_path: Path, damage: Callable[[Path], object],
                                                       caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / PIN_FILE
    damage(path)
    gate = PinGate(PinFile(path), clock=FakeClock())
    with caplog.at_level(logging.ERROR):
        assert gate.state() is PinState.DAMAGED
    assert "staff PIN file is damaged or unreadable" in caplog.text
    assert str(path) in caplog.text
    for guess in (PIN, "2468", "246800"):
        assert gate.try_pin(guess) is PinResult.NO_PIN
    assert gate.set_pin("135790") is PinProblem.FILE_DAMAGED  # the pad is no way round it
    assert gate.state() is PinState.DAMAGED


def test_an_unreadable_pin_file_fails_closed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / PIN_FILE
    PinFile(path).save(PIN)
    _unreadable(monkeypatch, path)
    gate = PinGate(PinFile(path), clock=FakeClock())
    assert gate.state() is PinState.DAMAGED
    assert gate.try_pin(PIN) is PinResult.NO_PIN
    assert "permission denied" in caplog.text


def test_damage_is_logged_once_not_at_every_look(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / PIN_FILE).write_text("", encoding="utf-8")
    gate = PinGate(PinFile(tmp_path / PIN_FILE), clock=FakeClock())
    for _ in range(5):
        assert gate.state() is PinState.DAMAGED
    assert caplog.text.count("staff PIN file is damaged") == 1


def test_deleting_a_damaged_file_brings_back_the_set_up_pad(tmp_path: Path) -> None:
    path = tmp_path / PIN_FILE
    path.write_text("{not json", encoding="utf-8")
    gate = PinGate(PinFile(path), clock=FakeClock())
    assert gate.state() is PinState.DAMAGED
    path.unlink()
    assert gate.state() is PinState.NOT_SET


# -- the lockout ---------------------------------------------------------------------------------
def _fail(gate: PinGate, times: int) -> list[PinResult]:
    return [gate.try_pin("111111") for _ in range(times)]


def test_five_wrong_pins_lock_for_sixty_seconds(tmp_path: Path) -> None:
    gate, clock = _gate(tmp_path)
    assert _fail(gate, 4) == [PinResult.WRONG] * 4
    assert gate.attempts_left == 1
    assert gate.try_pin("111111") is PinResult.LOCKED
    assert gate.locked_remaining_s() == 60.0
    clock.now += 30
    assert gate.try_pin(PIN) is PinResult.LOCKED  # even the right PIN while locked
    assert gate.locked_remaining_s() == 30.0
    clock.now += 30
    assert gate.locked_remaining_s() == 0.0
    assert gate.try_pin(PIN) is PinResult.ACCEPTED


def test_the_lock_survives_a_restart(tmp_path: Path) -> None:
    gate, clock = _gate(tmp_path)
    _fail(gate, 5)
    clock.now += 20
    restarted = PinGate(PinFile(tmp_path / PIN_FILE), clock=clock)
    assert restarted.locked_remaining_s() == 40.0
    assert restarted.try_pin(PIN) is PinResult.LOCKED
    lockout = tmp_path / LOCKOUT_FILE
    assert stat.S_IMODE(lockout.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([PIN_FILE, LOCKOUT_FILE])


def test_wrong_pins_count_across_a_restart(tmp_path: Path) -> None:
    gate, clock = _gate(tmp_path)
    _fail(gate, 4)
    restarted = PinGate(PinFile(tmp_path / PIN_FILE), clock=clock)
    assert restarted.attempts_left == 1
    assert restarted.try_pin("111111") is PinResult.LOCKED


def test_repeated_locks_grow_to_a_cap_and_the_right_pin_resets_them(tmp_path: Path) -> None:
    gate, clock = _gate(tmp_path)
    lengths = []
    for _ in range(4):
        assert _fail(gate, 5)[-1] is PinResult.LOCKED
        lengths.append(gate.locked_remaining_s())
        clock.now += lengths[-1]
        gate = PinGate(PinFile(tmp_path / PIN_FILE), clock=clock)  # a restart between keeps the level
    assert lengths == [60.0, 300.0, 900.0, 900.0]
    assert gate.try_pin(PIN) is PinResult.ACCEPTED
    _fail(gate, 5)
    assert gate.locked_remaining_s() == 60.0


def test_the_right_pin_resets_the_count(tmp_path: Path) -> None:
    gate, _clock = _gate(tmp_path)
    _fail(gate, 4)
    assert gate.try_pin(PIN) is PinResult.ACCEPTED
    assert gate.try_pin("111111") is PinResult.WRONG
    assert gate.attempts_left == 4


def test_a_clock_set_back_does_not_lengthen_the_lock(tmp_path: Path) -> None:
    gate, clock = _gate(tmp_path)
    _fail(gate, 5)
    clock.now -= 365 * 24 * 3600.0
    assert gate.locked_remaining_s() == 60.0
    clock.now += 60
    assert gate.try_pin(PIN) is PinResult.ACCEPTED


LOCKOUT_DAMAGE: dict[str, Callable[[Path], object]] = {
    "empty": _write(""),
    "not json": _write("{locked"),
    "missing fields": _write('{"version": 1}'),
    "negative count": _write('{"version": 1, "failures": -5, "lockouts": 0, "locked_until": 0, "lock_s": 0}'),
    "a folder": lambda path: path.mkdir(),
    "a named pipe": lambda path: os.mkfifo(path),
}


def test_an_unreadable_lockout_file_counts_as_locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _gate_before, clock = _gate(tmp_path)
    _unreadable(monkeypatch, tmp_path / LOCKOUT_FILE)
    restarted = PinGate(PinFile(tmp_path / PIN_FILE), clock=clock)
    assert restarted.try_pin(PIN) is PinResult.LOCKED


@pytest.mark.parametrize("damage", LOCKOUT_DAMAGE.values(), ids=LOCKOUT_DAMAGE.keys())
def test_a_damaged_lockout_file_counts_as_locked(tmp_path: Path, damage: Callable[[Path], object],
                                                 caplog: pytest.LogCaptureFixture) -> None:
    pin_file = PinFile(tmp_path / PIN_FILE)
    pin_file.save(PIN)
    damage(tmp_path / LOCKOUT_FILE)
    clock = FakeClock()
    gate = PinGate(pin_file, clock=clock)
    assert "PIN lockout file" in caplog.text
    assert gate.try_pin(PIN) is PinResult.LOCKED
    assert gate.locked_remaining_s() == 60.0
    clock.now += 60
    assert gate.try_pin(PIN) is PinResult.ACCEPTED


def test_the_lock_holds_in_memory_when_the_disk_refuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    gate, _clock = _gate(tmp_path)

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pin_module, "atomic_write", full_disk)
    assert _fail(gate, 5)[-1] is PinResult.LOCKED
    assert gate.try_pin(PIN) is PinResult.LOCKED
    assert "cannot store the PIN lockout" in caplog.text


# -- kiosk set-pin -----------------------------------------------------------------------------
@pytest.fixture
def kiosk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def set_pin_command(*argv: str) -> int:
    args = parse_args(["set-pin", *argv])  # the real command line
    assert isinstance(args, argparse.Namespace)
    return pin_cli.run(args)


def test_set_pin_from_stdin(kiosk_home: Path, monkeypatch: pytest.MonkeyPatch,
                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("864200\n"))
    assert set_pin_command("--pin-stdin") == 0
    path = kiosk_home / "data" / PIN_FILE
    assert capsys.readouterr().out == f"Staff PIN saved (as a salted hash) in {path}\n"
    record = PinFile(path).load()
    assert record is not None
    assert verify_pin(record, "864200")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_set_pin_refuses_a_short_pin(kiosk_home: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert set_pin_command("--pin-stdin") == 2
    assert capsys.readouterr().err == (
        "kiosk: the PIN must have at least 6 digits; nothing was changed.\n")
    assert not (kiosk_home / "data" / PIN_FILE).exists()


def test_set_pin_asks_twice(kiosk_home: Path, monkeypatch: pytest.MonkeyPatch,
                            capsys: pytest.CaptureFixture[str]) -> None:
    answers = iter(["555555", "555556"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert set_pin_command() == 2
    assert capsys.readouterr().err == "kiosk: the two PINs differ; nothing was changed.\n"
    assert not (kiosk_home / "data" / PIN_FILE).exists()
    answers = iter(["555555", "555555"])
    assert set_pin_command() == 0
    record = PinFile(kiosk_home / "data" / PIN_FILE).load()
    assert record is not None
    assert verify_pin(record, "555555")


def test_set_pin_is_the_way_to_recover_a_damaged_file(kiosk_home: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = kiosk_home / "data" / PIN_FILE
    path.parent.mkdir(parents=True)
    path.write_text("{damaged", encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("864200\n"))
    assert set_pin_command("--pin-stdin") == 0
    assert f"Replaced the damaged PIN file {path}" in capsys.readouterr().out
    assert PinFile(path).status().state is PinState.SET
