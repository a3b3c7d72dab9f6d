"""The staff PIN: a salted scrypt hash in a JSON file, checked in constant time, with a lockout.

No PIN configured means the documented default PIN :data:`DEFAULT_PIN` opens the staff menu, so
staff can always leave a running kiosk; the staff menu and diagnostics then warn until
``kiosk set-pin`` sets a real one.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from kiosk.core.storage.atomic import atomic_write

log = logging.getLogger(__name__)

PIN_FILE = "staff-pin.json"
#: Accepted while no PIN is set; documented in the README, replaced with ``kiosk set-pin``.
DEFAULT_PIN = "2468"
PIN_PATTERN = re.compile(r"^[0-9]{4,8}$")
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32
MAX_ATTEMPTS = 5
LOCKOUT_S = 60.0


class PinFormatError(ValueError):
    """The PIN is not 4 to 8 digits."""


def check_pin_format(pin: str) -> None:
    if not PIN_PATTERN.match(pin):
        raise PinFormatError("the PIN must be 4 to 8 digits (0-9)")


@dataclass(frozen=True)
class PinRecord:
    """What is stored: never the PIN, only its salted hash and the scrypt parameters."""

    salt: bytes
    digest: bytes
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P

    def to_json(self) -> str:
        return json.dumps({"version": 1, "kdf": "scrypt", "n": self.n, "r": self.r, "p": self.p,
                           "salt": self.salt.hex(), "hash": self.digest.hex()}, indent=2)

    @classmethod
    def from_json(cls, text: str) -> PinRecord:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("kdf") != "scrypt":
            raise ValueError("not a scrypt PIN record")
        return cls(salt=bytes.fromhex(str(data["salt"])), digest=bytes.fromhex(str(data["hash"])),
                   n=int(data["n"]), r=int(data["r"]), p=int(data["p"]))


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=HASH_BYTES)


def hash_pin(pin: str, salt: bytes | None = None) -> PinRecord:
    """A new record for ``pin`` (4-8 digits) with a fresh 16-byte random salt."""
    check_pin_format(pin)
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    return PinRecord(salt=salt, digest=_scrypt(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P))


def verify_pin(record: PinRecord, pin: str) -> bool:
    """True if ``pin`` matches ``record``; the comparison takes the same time whatever differs."""
    if not PIN_PATTERN.match(pin):
        return False
    candidate = _scrypt(pin, record.salt, record.n, record.r, record.p)
    return hmac.compare_digest(candidate, record.digest)


class PinFile:
    """The JSON file holding the PIN record (in the app's data folder)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def in_data_dir(cls) -> PinFile:
        from kiosk.core.storage.paths import data_dir

        return cls(data_dir() / PIN_FILE)

    def load(self) -> PinRecord | None:
        """The stored record, or None when no PIN is set (or the file is unreadable)."""
        try:
            return PinRecord.from_json(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.error("cannot read the staff PIN file %s (%s); the default PIN applies",
                      self.path, exc)
            return None

    def save(self, pin: str) -> PinRecord:
        """Hash and store ``pin`` atomically (a temp file, then a rename)."""
        record = hash_pin(pin)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, record.to_json(), mode=0o600)
        return record


class PinResult(Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    LOCKED = "locked"


class PinGate:
    """Checks entered PINs; after ``MAX_ATTEMPTS`` wrong ones refuses every PIN for ``LOCKOUT_S``.

    The lockout lives in memory: restarting the app clears it, which needs more than a touch.
    """

    def __init__(self, pin_file: PinFile, clock: Callable[[], float] = time.monotonic,
                 max_attempts: int = MAX_ATTEMPTS, lockout_s: float = LOCKOUT_S) -> None:
        self.pin_file = pin_file
        self.clock = clock
        self.max_attempts = max_attempts
        self.lockout_s = lockout_s
        self.failures = 0
        self._locked_until = 0.0

    @property
    def uses_default_pin(self) -> bool:
        return self.pin_file.load() is None

    def locked_remaining_s(self) -> float:
        return max(0.0, self._locked_until - self.clock())

    @property
    def attempts_left(self) -> int:
        return self.max_attempts - self.failures

    def try_pin(self, pin: str) -> PinResult:
        if self.locked_remaining_s() > 0:
            return PinResult.LOCKED
        record = self.pin_file.load()
        if record is None:
            ok = hmac.compare_digest(pin.encode("utf-8"), DEFAULT_PIN.encode("utf-8"))
        else:
            ok = verify_pin(record, pin)
        if ok:
            self.failures = 0
            return PinResult.ACCEPTED
        self.failures += 1
        log.warning("wrong staff PIN (%d of %d)", self.failures, self.max_attempts)
        if self.failures >= self.max_attempts:
            self.failures = 0
            self._locked_until = self.clock() + self.lockout_s
            log.warning("staff PIN pad locked for %.0f s", self.lockout_s)
            return PinResult.LOCKED
        return PinResult.WRONG
