"""Khmer line breaking: insert zero-width spaces at word boundaries so Qt can wrap Khmer text.

Khmer is written without spaces between words and Qt's own line breaker finds no break
opportunities in it: a long sentence draws as one clipped line. ICU's dictionary-based line
breaker (what browsers use) knows Khmer words. PySide6 already ships ICU on Linux (Qt Core links
it), Windows 10+ has ``icu.dll`` and macOS ``libicucore``: we call that ICU through ctypes instead
of shipping a second 50 MB copy with PyICU. Without any ICU we fall back to breaking between
orthographic syllables, which never splits a cluster (so the shaping stays right) but may split
a word; this is logged.
"""

from __future__ import annotations

import ctypes
import functools
import glob
import importlib.util
import logging
import os
import re
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass

log = logging.getLogger(__name__)

ZWSP = "\u200b"
COENG = "\u17d2"
_KHMER_RUN = re.compile(r"[\u1780-\u17ff\u19e0-\u19ff\u200b\u200c\u200d]+")
_KHMER_BASE = re.compile(r"[\u1780-\u17b3]")  # consonants and independent vowels start a syllable
_UBRK_LINE = 2
_UBRK_DONE = -1
_U_ZERO_ERROR = 0


@dataclass
class _Icu:
    """The few ICU C functions we use, bound to one loaded library."""

    library: str
    open: ctypes._CFuncPtr  # type: ignore[name-defined]
    set_text: ctypes._CFuncPtr  # type: ignore[name-defined]
    next: ctypes._CFuncPtr  # type: ignore[name-defined]
    close: ctypes._CFuncPtr  # type: ignore[name-defined]


def _candidate_libraries() -> Iterator[str]:
    """ICU's common library: the one shipped with PySide6 first, then the frozen app's, then the system's."""
    spec = importlib.util.find_spec("PySide6")
    roots = list(spec.submodule_search_locations or []) if spec else []
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        roots.append(meipass)
    patterns = ("libicuuc.so.*", "Qt/lib/libicuuc.so.*", "PySide6/Qt/lib/libicuuc.so.*",
                "icuuc*.dll", "libicuuc*.dylib", "Qt/lib/libicuuc*.dylib")
    for root in roots:
        for pattern in patterns:
            yield from sorted(glob.glob(os.path.join(root, pattern)), reverse=True)
    if sys.platform == "win32":
        yield from ("icu.dll", "icuuc.dll")
    elif sys.platform == "darwin":
        yield "/usr/lib/libicucore.dylib"
    from ctypes.util import find_library  # with subprocess and shutil: only when no bundled ICU is there

    found = find_library("icuuc")
    if found:
        yield found


def _suffixes(library: str) -> Iterator[str]:
    yield ""
    match = re.search(r"(\d{2,3})(?:\.\d+)*(?:\.dll|\.dylib)?$", os.path.basename(library))
    if match:
        yield f"_{match.group(1)}"
    for version in range(99, 49, -1):
        yield f"_{version}"


def _bind(library: str) -> _Icu | None:
    try:
        lib = ctypes.CDLL(library)
    except OSError:
        return None
    for suffix in _suffixes(library):
        try:
            fn_open = getattr(lib, "ubrk_open" + suffix)
        except AttributeError:
            continue
        fn_set = getattr(lib, "ubrk_setText" + suffix)
        fn_next = getattr(lib, "ubrk_next" + suffix)
        fn_close = getattr(lib, "ubrk_close" + suffix)
        fn_open.restype = ctypes.c_void_p
        fn_open.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_int32,
                            ctypes.POINTER(ctypes.c_int)]
        fn_set.restype = None
        fn_set.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int32, ctypes.POINTER(ctypes.c_int)]
        fn_next.restype = ctypes.c_int32
        fn_next.argtypes = [ctypes.c_void_p]
        fn_close.restype = None
        fn_close.argtypes = [ctypes.c_void_p]
        return _Icu(library, fn_open, fn_set, fn_next, fn_close)
    return None


class KhmerLineBreaker:
    """Finds line-break opportunities in Khmer text with ICU, or by syllables without it."""

    def __init__(self, icu: _Icu | None) -> None:
        self._icu = icu
        self._lock = threading.Lock()
        self._iterator: int | None = None

    @property
    def method(self) -> str:
        """How breaks are found, for the diagnostics page and the log."""
        return f"ICU dictionary ({os.path.basename(self._icu.library)})" if self._icu else "syllables (no ICU)"

    def breaks(self, run: str) -> list[int]:
        """Offsets inside ``run`` (Khmer only) where a line may break; never 0 or len(run)."""
        if self._icu is None:
            return [m.start() for m in _KHMER_BASE.finditer(run) if m.start() > 0 and run[m.start() - 1] != COENG]
        encoded = run.encode("utf-16-le")
        units = len(encoded) // 2
        buffer = ctypes.create_string_buffer(encoded, len(encoded) + 2)
        status = ctypes.c_int(_U_ZERO_ERROR)
        positions: list[int] = []
        with self._lock:
            if self._iterator is None:
                self._iterator = self._icu.open(_UBRK_LINE, b"km", None, 0, ctypes.byref(status))
                if not self._iterator or status.value > 0:
                    log.warning("ICU line breaker could not open (error %s); using syllables", status.value)
                    self._icu = None
                    return self.breaks(run)
            status = ctypes.c_int(_U_ZERO_ERROR)
            self._icu.set_text(self._iterator, buffer, units, ctypes.byref(status))
            if status.value > 0:
                return []
            while True:
                pos = self._icu.next(self._iterator)
                if pos == _UBRK_DONE or pos >= units:
                    break
                positions.append(pos)
            # Keep the buffer alive until ICU is done with it (setText does not copy).
            self._icu.set_text(self._iterator, None, 0, ctypes.byref(ctypes.c_int(0)))
        if run.isascii() or all(ord(c) < 0x10000 for c in run):
            return positions
        return _utf16_to_index(run, positions)

    def insert_opportunities(self, text: str) -> str:
        """``text`` with a zero-width space at every break opportunity inside Khmer runs.

        Breaks the author already typed (spaces, zero-width spaces) are kept and not doubled.
        """
        if not _KHMER_RUN.search(text):
            return text
        out: list[str] = []
        last = 0
        for match in _KHMER_RUN.finditer(text):
            out.append(text[last:match.start()])
            run = match.group()
            pieces: list[str] = []
            prev = 0
            for pos in self.breaks(run):
                if run[pos - 1] in (ZWSP, " ", COENG) or run[pos] in (ZWSP, " ", COENG):
                    continue
                pieces.append(run[prev:pos])
                prev = pos
            pieces.append(run[prev:])
            out.append(ZWSP.join(pieces))
            last = match.end()
        out.append(text[last:])
        return "".join(out)


def _utf16_to_index(text: str, positions: list[int]) -> list[int]:
    mapping: dict[int, int] = {}
    unit = 0
    for index, char in enumerate(text):
        mapping[unit] = index
        unit += 2 if ord(char) > 0xFFFF else 1
    return [mapping[p] for p in positions if p in mapping]


@functools.cache
def default_breaker() -> KhmerLineBreaker:
    """The process-wide breaker, bound to the first ICU that loads."""
    for library in _candidate_libraries():
        icu = _bind(library)
        if icu is not None:
            log.info("Khmer line breaking: ICU from %s", library)
            return KhmerLineBreaker(icu)
    log.warning("Khmer line breaking: no ICU found; breaking between syllables instead")
    return KhmerLineBreaker(None)


def strip_opportunities(text: str) -> str:
    """``text`` without zero-width spaces (for tests and for comparing with the source)."""
    return text.replace(ZWSP, "")
