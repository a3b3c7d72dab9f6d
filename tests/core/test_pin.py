"""The staff PIN: salted scrypt hash, constant-time check, lockout, and ``kiosk set-pin``."""

from __future__ import annotations

import hmac
import io
import json
from pathlib import Path

import pytest

from kiosk.app import main
from kiosk.core.storage.pin import (
    DEFAULT_PIN,
    PIN_FILE,
    PinFile,
    PinFormatError,
    PinGate,
    PinRecord,
    PinResult,
    check_pin_format,
    hash_pin,
    verify_pin,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_hash_then_verify() -> None:
    record = hash_pin("4821")
    assert verify_pin(record, "4821")
    assert not verify_pin(record, "4822")
    assert not verify_pin(record, "482")
    assert len(record.salt) == 16
    assert (record.n, record.r, record.p) == (2**14, 8, 1)


def test_same_pin_gets_a_new_salt_and_hash_each_time() -> None:
    first, second = hash_pin("4821"), hash_pin("4821")
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


@pytest.mark.parametrize("bad", ["", "123", "123456789", "12a4", " 1234", "١٢٣٤", "12.4"])
def test_pin_format_is_four_to_eight_digits(bad: str) -> None:
    with pytest.raises(PinFormatError):
        check_pin_format(bad)


@pytest.mark.parametrize("good", ["0000", "1234", "87654321"])
def test_good_pin_formats(good: str) -> None:
    check_pin_format(good)


def test_file_stores_only_the_salted_hash(tmp_path: Path) -> None:
    pin_file = PinFile(tmp_path / "data" / PIN_FILE)
    pin_file.save("97531")
    text = pin_file.path.read_text(encoding="utf-8")
    assert "97531" not in text
    data = json.loads(text)
    assert data["kdf"] == "scrypt" and len(bytes.fromhex(data["salt"])) == 16
    record = pin_file.load()
    assert record is not None and verify_pin(record, "97531")
    assert PinRecord.from_json(record.to_json()) == record


def test_missing_or_broken_file_means_no_pin(tmp_path: Path) -> None:
    pin_file = PinFile(tmp_path / PIN_FILE)
    assert pin_file.load() is None
    pin_file.path.write_text("{not json", encoding="utf-8")
    assert pin_file.load() is None


def _gate(tmp_path: Path, pin: str | None = "2580") -> tuple[PinGate, FakeClock]:
    pin_file = PinFile(tmp_path / PIN_FILE)
    if pin is not None:
        pin_file.save(pin)
    clock = FakeClock()
    return PinGate(pin_file, clock=clock), clock


def test_right_pin_is_accepted(tmp_path: Path) -> None:
    gate, _clock = _gate(tmp_path)
    assert gate.try_pin("2580") is PinResult.ACCEPTED
    assert not gate.uses_default_pin


def test_five_wrong_pins_lock_for_sixty_seconds(tmp_path: Path) -> None:
    gate, clock = _gate(tmp_path)
    results = [gate.try_pin("1111") for _ in range(4)]
    assert results == [PinResult.WRONG] * 4
    assert gate.attempts_left == 1
    assert gate.try_pin("1111") is PinResult.LOCKED
    assert gate.locked_remaining_s() == 60.0
    clock.now += 30
    assert gate.try_pin("2580") is PinResult.LOCKED  # even the right PIN while locked
    assert gate.locked_remaining_s() == 30.0
    clock.now += 30
    assert gate.locked_remaining_s() == 0.0
    assert gate.try_pin("2580") is PinResult.ACCEPTED


def test_right_pin_resets_the_count(tmp_path: Path) -> None:
    gate, _clock = _gate(tmp_path)
    for _ in range(4):
        gate.try_pin("1111")
    assert gate.try_pin("2580") is PinResult.ACCEPTED
    assert gate.try_pin("1111") is PinResult.WRONG
    assert gate.attempts_left == 4


def test_without_a_pin_only_the_default_pin_opens(tmp_path: Path) -> None:
    gate, _clock = _gate(tmp_path, pin=None)
    assert gate.uses_default_pin
    assert gate.try_pin("1234") is PinResult.WRONG
    assert gate.try_pin(DEFAULT_PIN) is PinResult.ACCEPTED


def test_default_pin_stops_working_once_a_pin_is_set(tmp_path: Path) -> None:
    gate, _clock = _gate(tmp_path, pin="97531")
    assert gate.try_pin(DEFAULT_PIN) is PinResult.WRONG


# -- kiosk set-pin -----------------------------------------------------------------------------
@pytest.fixture
def kiosk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_set_pin_from_stdin(kiosk_home: Path, monkeypatch: pytest.MonkeyPatch,
                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("86420\n"))
    assert main(["set-pin", "--pin-stdin"]) == 0
    path = kiosk_home / "data" / PIN_FILE
    assert f"Staff PIN saved (as a salted hash) in {path}" in capsys.readouterr().out
    record = PinFile(path).load()
    assert record is not None and verify_pin(record, "86420")
    assert "86420" not in path.read_text(encoding="utf-8")


def test_set_pin_refuses_a_bad_pin(kiosk_home: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("12ab\n"))
    assert main(["set-pin", "--pin-stdin"]) == 2
    assert capsys.readouterr().err == (
        "kiosk: the PIN must be 4 to 8 digits (0-9); nothing was changed.\n")
    assert not (kiosk_home / "data" / PIN_FILE).exists()


def test_set_pin_asks_twice(kiosk_home: Path, monkeypatch: pytest.MonkeyPatch,
                            capsys: pytest.CaptureFixture[str]) -> None:
    answers = iter(["5555", "5556"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["set-pin"]) == 2
    assert "the two PINs differ" in capsys.readouterr().err
    assert not (kiosk_home / "data" / PIN_FILE).exists()
    answers = iter(["5555", "5555"])
    assert main(["set-pin"]) == 0
    record = PinFile(kiosk_home / "data" / PIN_FILE).load()
    assert record is not None and verify_pin(record, "5555")
