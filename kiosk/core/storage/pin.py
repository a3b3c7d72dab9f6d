"""The staff PIN: no factory default, a salted scrypt hash in a 0600 file, and a lockout that survives restarts.

Until staff set a PIN (:attr:`PinState.NOT_SET`) no PIN opens the staff menu: the kiosk shows its
set-up pad instead. A PIN file that is empty, damaged or unreadable is :attr:`PinState.DAMAGED`:
again no PIN opens the menu (it fails closed) and the pad tells staff to delete the file or run
``kiosk set-pin``; the touch pad cannot overwrite it, or a damaged file would be a way in.

Cost of a guess. One scrypt hash with ``N=2**17, r=8, p=1`` (128 MiB of memory) took 0.42 s on
the development machine (Python 3.11, 2 cores; ``N=2**16`` took 0.20 s, ``2**18`` 0.88 s). With
someone holding a copy of the file, every one of the 10**6 six-digit PINs costs
10**6 x 0.42 s = 4.9 days on one core, about 1.2 days on a 4-core laptop running four guesses
at once (each needs its own 128 MiB), and ten times that for every further digit. One check at
the pad stays at about 0.4 s. At the pad itself, five wrong PINs lock it for 60 s, then 5 min,
then 15 min per further five, until the right PIN is entered.

The lockout is stored beside the PIN file and read again at start-up, with the wall clock
(``time.time``), since a monotonic clock restarts with the machine. A clock set back cannot
lengthen a lock beyond its own duration; a damaged lockout file counts as a fresh lock of the
first duration, never as no lock.

It is long (about 400 lines) because the hash, the record format, the lockout and the gate are the
PIN's security rules and are reviewed together.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path

from kiosk.core.storage.atomic import atomic_write
from kiosk.core.storage.safefile import FileCheckError, FileProblem, read_regular_file

log = logging.getLogger(__name__)

PIN_FILE = "staff-pin.json"
LOCKOUT_FILE = "staff-pin-lockout.json"
PIN_MIN_DIGITS = 6
PIN_MAX_DIGITS = 12
SALT_BYTES = 16
HASH_BYTES = 32
MAX_ATTEMPTS = 5
#: One lock after each ``MAX_ATTEMPTS`` wrong PINs; the last duration repeats.
LOCKOUT_STEPS_S: tuple[float, ...] = (60.0, 300.0, 900.0)
FILE_MODE = 0o600
_MAX_FILE_BYTES = 4096
_MAX_SCRYPT_MEMORY = 256 * 1024 * 1024  # refuse records that would make one check take seconds
# What a PIN pad can send: any digits up to the maximum (a PIN set before 6 digits were required
# still verifies); the format of a new PIN is checked by pin_problem().
_ENTRY = re.compile(f"[0-9]{{1,{PIN_MAX_DIGITS}}}")


@dataclass(frozen=True)
class ScryptCost:
    """scrypt's parameters: ``n`` (a power of two) and ``r`` set time and memory, ``p`` parallel lanes."""

    n: int
    r: int
    p: int

    @property
    def memory_bytes(self) -> int:
        return 128 * self.n * self.r


#: See the module docstring for the measurement behind it.
DEFAULT_COST = ScryptCost(n=2**17, r=8, p=1)


class PinState(Enum):
    """What the staff UI shows: the set-up pad, the PIN pad, or how to recover."""

    NOT_SET = "not_set"
    SET = "set"
    DAMAGED = "damaged"


class PinProblem(Enum):
    """Why a new PIN was not taken; the value is the key of the text the staff UI shows."""

    TOO_SHORT = "pin_too_short"
    TOO_LONG = "pin_too_long"
    NOT_DIGITS = "pin_not_digits"
    #: For the UI, which compares the two entries itself.
    MISMATCH = "pin_mismatch"
    FILE_DAMAGED = "pin_file_damaged"
    NOT_SAVED = "pin_not_saved"


_ENGLISH = {
    PinProblem.TOO_SHORT: f"the PIN must have at least {PIN_MIN_DIGITS} digits",
    PinProblem.TOO_LONG: f"the PIN must have at most {PIN_MAX_DIGITS} digits",
    PinProblem.NOT_DIGITS: "the PIN must be digits only (0-9)",
    PinProblem.MISMATCH: "the two PINs differ",
    PinProblem.FILE_DAMAGED: "the PIN file is damaged; delete it or run 'kiosk set-pin'",
    PinProblem.NOT_SAVED: "the PIN could not be saved",
}


def english(problem: PinProblem) -> str:
    """The problem in English, for the command line and the log (the staff UI uses the key)."""
    return _ENGLISH[problem]


def pin_problem(pin: str) -> PinProblem | None:
    """What is wrong with ``pin`` as a new PIN, or None: 6 to 12 ASCII digits."""
    if not pin or not all("0" <= c <= "9" for c in pin):
        return PinProblem.NOT_DIGITS
    if len(pin) < PIN_MIN_DIGITS:
        return PinProblem.TOO_SHORT
    if len(pin) > PIN_MAX_DIGITS:
        return PinProblem.TOO_LONG
    return None


class PinFormatError(ValueError):
    """A new PIN that :func:`pin_problem` refuses; ``problem`` is the key, ``str()`` the English."""

    def __init__(self, problem: PinProblem) -> None:
        super().__init__(english(problem))
        self.problem = problem


def check_pin_format(pin: str) -> None:
    problem = pin_problem(pin)
    if problem is not None:
        raise PinFormatError(problem)


@dataclass(frozen=True)
class PinRecord:
    """What is stored: never the PIN, only its salted hash and the scrypt parameters."""

    salt: bytes
    digest: bytes
    cost: ScryptCost = DEFAULT_COST

    def to_json(self) -> str:
        return json.dumps({"version": 2, "kdf": "scrypt", "n": self.cost.n, "r": self.cost.r,
                           "p": self.cost.p, "salt": self.salt.hex(), "hash": self.digest.hex()},
                          indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> PinRecord:
        """Parse a record; ValueError for anything but a sound one (bounds stop a costly or fake file)."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("kdf") != "scrypt" or data.get("version") not in (1, 2):
            raise ValueError("not a scrypt PIN record")
        fields = {name: data.get(name) for name in ("n", "r", "p")}
        if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in fields.values()):
            raise ValueError("bad scrypt parameters")
        cost = ScryptCost(n=int(data["n"]), r=int(data["r"]), p=int(data["p"]))
        if (cost.n < 2**14 or cost.n & (cost.n - 1) or cost.r > 32 or cost.p > 4
                or cost.memory_bytes > _MAX_SCRYPT_MEMORY):
            raise ValueError("scrypt parameters out of range")
        salt, digest = data.get("salt"), data.get("hash")
        if not isinstance(salt, str) or not isinstance(digest, str):
            raise ValueError("salt or hash missing")
        record = cls(salt=bytes.fromhex(salt), digest=bytes.fromhex(digest), cost=cost)
        if len(record.salt) < SALT_BYTES or len(record.digest) != HASH_BYTES:
            raise ValueError("salt or hash of the wrong length")
        return record


def _scrypt(pin: str, salt: bytes, cost: ScryptCost) -> bytes:
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=cost.n, r=cost.r, p=cost.p,
                          maxmem=cost.memory_bytes + 16 * 1024 * 1024, dklen=HASH_BYTES)


def hash_pin(pin: str, salt: bytes | None = None, cost: ScryptCost | None = None) -> PinRecord:
    """A new record for ``pin`` (raises PinFormatError) with a fresh 16-byte random salt."""
    check_pin_format(pin)
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    cost = cost if cost is not None else DEFAULT_COST
    return PinRecord(salt=salt, digest=_scrypt(pin, salt, cost), cost=cost)


def verify_pin(record: PinRecord, pin: str) -> bool:
    """True if ``pin`` matches ``record``; the comparison takes the same time whatever differs."""
    if not _ENTRY.fullmatch(pin):
        return False
    return hmac.compare_digest(_scrypt(pin, record.salt, record.cost), record.digest)


@dataclass(frozen=True)
class PinFileStatus:
    """The PIN file as read: its state, the record when SET, and why when DAMAGED (for the log)."""

    state: PinState
    record: PinRecord | None = None
    reason: str = ""


class PinFile:
    """The JSON file holding the PIN record (in the app's data folder)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._logged: str | None = None

    @classmethod
    def in_data_dir(cls) -> PinFile:
        from kiosk.core.storage.paths import data_dir

        return cls(data_dir() / PIN_FILE)

    def status(self) -> PinFileStatus:
        """NOT_SET only when there is no file at all; anything else that is not a sound record is DAMAGED."""
        try:
            raw = read_regular_file(self.path, _MAX_FILE_BYTES)
        except FileCheckError as exc:
            if exc.problem is FileProblem.NOT_FOUND and not _exists_as_link(self.path):
                self._logged = None
                return PinFileStatus(PinState.NOT_SET)
            return self._damaged(str(exc))
        try:
            record = PinRecord.from_json(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            return self._damaged(f"{self.path}: {exc or 'empty'}")
        self._logged = None
        return PinFileStatus(PinState.SET, record)

    def _damaged(self, reason: str) -> PinFileStatus:
        if self._logged != reason:  # once per distinct damage, not at every look at the state
            log.error("the staff PIN file is damaged or unreadable, so no PIN opens the staff menu "
                      "until it is deleted or 'kiosk set-pin' is run: %s", reason)
            self._logged = reason
        return PinFileStatus(PinState.DAMAGED, reason=reason)

    def load(self) -> PinRecord | None:
        """The stored record, or None when there is none or it is damaged (see :meth:`status`)."""
        return self.status().record

    def save(self, pin: str) -> PinRecord:
        """Hash and store ``pin`` (mode 0600, atomically, fsynced); creates the data folder, its own.

        Raises PinFormatError for a PIN that :func:`pin_problem` refuses, OSError when it cannot
        be written. Replaces a damaged file: whoever runs this has the machine, not just the pad.
        """
        record = hash_pin(pin)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, record.to_json(), mode=FILE_MODE)  # 0600 even over an older 0644 file
        log.info("a new staff PIN was saved in %s", self.path)
        self._logged = None
        return record


def _exists_as_link(path: Path) -> bool:
    """True for a dangling symbolic link: something is there, so it is not "no PIN set"."""
    try:
        return path.is_symlink()
    except OSError:
        return True


class PinResult(Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    LOCKED = "locked"
    #: No PIN can open the menu: state NOT_SET (show the set-up pad) or DAMAGED (show the recovery hint).
    NO_PIN = "no_pin"


@dataclass(frozen=True)
class LockoutRecord:
    """The pad's memory of wrong PINs: ``locked_until`` is wall-clock time, ``lock_s`` that lock's length."""

    failures: int = 0
    lockouts: int = 0
    locked_until: float = 0.0
    lock_s: float = 0.0

    def to_json(self) -> str:
        return json.dumps({"version": 1, "failures": self.failures, "lockouts": self.lockouts,
                           "locked_until": self.locked_until, "lock_s": self.lock_s}) + "\n"

    @classmethod
    def from_json(cls, text: str) -> LockoutRecord:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("version") != 1:
            raise ValueError("not a lockout record")
        failures, lockouts = data.get("failures"), data.get("lockouts")
        until, length = data.get("locked_until"), data.get("lock_s")
        if not (isinstance(failures, int) and isinstance(lockouts, int) and failures >= 0 and lockouts >= 0
                and isinstance(until, (int, float)) and isinstance(length, (int, float)) and length >= 0):
            raise ValueError("bad lockout fields")
        return cls(failures, lockouts, float(until), float(length))


class LockoutFile:
    """Where the lockout is kept between runs; written atomically after every change."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> LockoutRecord | None:
        """The stored record, an empty one when there is no file, None when the file is damaged."""
        try:
            raw = read_regular_file(self.path, _MAX_FILE_BYTES)
        except FileCheckError as exc:
            if exc.problem is FileProblem.NOT_FOUND and not _exists_as_link(self.path):
                return LockoutRecord()
            log.error("cannot read the PIN lockout file (%s); the pad stays locked for now", exc)
            return None
        try:
            return LockoutRecord.from_json(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            log.error("the PIN lockout file %s is damaged (%s); the pad stays locked for now",
                      self.path, exc or "empty")
            return None

    def write(self, record: LockoutRecord) -> None:
        """Store ``record``; a disk that refuses only logs (the lock still holds in memory)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, record.to_json(), mode=FILE_MODE)
        except OSError as exc:
            log.warning("cannot store the PIN lockout in %s (%s); it holds until the kiosk stops",
                        self.path, exc)


class PinGate:
    """The Qt-free logic of the staff PIN pad, the set-up pad and change-PIN.

    After ``max_attempts`` wrong PINs every PIN is refused for ``lockout_steps_s[0]`` seconds,
    the next time for the next step, and so on (the last step repeats) until the right PIN is
    entered. ``clock`` is wall-clock seconds (``time.time``), since the lock is stored.
    """

    def __init__(self, pin_file: PinFile, lockout_file: LockoutFile | None = None, *,
                 clock: Callable[[], float] = time.time, max_attempts: int = MAX_ATTEMPTS,
                 lockout_steps_s: Sequence[float] = LOCKOUT_STEPS_S) -> None:
        self.pin_file = pin_file
        self.lockout_file = lockout_file or LockoutFile(pin_file.path.with_name(LOCKOUT_FILE))
        self.clock = clock
        self.max_attempts = max_attempts
        self.lockout_steps_s = tuple(lockout_steps_s)
        stored = self.lockout_file.read()
        if stored is None:  # damaged: fail closed with a fresh lock of the first length
            stored = self._lock(LockoutRecord())
            self.lockout_file.write(stored)
        self._lockout = stored

    # -- what the UI shows ------------------------------------------------------------------
    def state(self) -> PinState:
        """Read afresh each time: deleting a damaged file or ``kiosk set-pin`` shows at once."""
        return self.pin_file.status().state

    @property
    def failures(self) -> int:
        """Wrong PINs since the last lock or the last right PIN."""
        return self._lockout.failures

    @property
    def attempts_left(self) -> int:
        return self.max_attempts - self._lockout.failures

    def locked_remaining_s(self) -> float:
        """Seconds until the pad takes PINs again (0.0 when it is not locked)."""
        record = self._lockout
        remaining = record.locked_until - self.clock()
        if remaining <= 0:
            return 0.0
        if remaining > record.lock_s:  # the clock was set back: never longer than the lock itself
            self._store(replace(record, locked_until=self.clock() + record.lock_s))
            return record.lock_s
        return remaining

    # -- what the UI does -------------------------------------------------------------------
    def try_pin(self, pin: str) -> PinResult:
        if self.locked_remaining_s() > 0:
            return PinResult.LOCKED
        status = self.pin_file.status()
        if status.record is None:
            return PinResult.NO_PIN
        if verify_pin(status.record, pin):
            if self._lockout != LockoutRecord():
                self._store(LockoutRecord())
            return PinResult.ACCEPTED
        failures = self._lockout.failures + 1
        log.warning("wrong staff PIN (%d of %d)", failures, self.max_attempts)
        if failures >= self.max_attempts:
            locked = self._lock(self._lockout)
            log.warning("staff PIN pad locked for %.0f s (lock %d in a row)", locked.lock_s, locked.lockouts)
            self._store(locked)
            return PinResult.LOCKED
        self._store(replace(self._lockout, failures=failures))
        return PinResult.WRONG

    def set_pin(self, new: str) -> PinProblem | None:
        """Store ``new`` as the PIN: the set-up pad (state NOT_SET) and change-PIN (the caller has
        checked the current PIN). None when saved; a damaged PIN file is never replaced from the pad.
        """
        problem = pin_problem(new)
        if problem is not None:
            return problem
        if self.pin_file.status().state is PinState.DAMAGED:
            return PinProblem.FILE_DAMAGED
        try:
            self.pin_file.save(new)
        except OSError as exc:
            log.error("cannot save the staff PIN in %s: %s", self.pin_file.path, exc)
            return PinProblem.NOT_SAVED
        return None

    # -- inside -----------------------------------------------------------------------------
    def _lock(self, record: LockoutRecord) -> LockoutRecord:
        step = self.lockout_steps_s[min(record.lockouts, len(self.lockout_steps_s) - 1)]
        return LockoutRecord(failures=0, lockouts=record.lockouts + 1,
                             locked_until=self.clock() + step, lock_s=step)

    def _store(self, record: LockoutRecord) -> None:
        self._lockout = record
        self.lockout_file.write(record)
