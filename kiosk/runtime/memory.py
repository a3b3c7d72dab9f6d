"""Give freed memory back to the system when the kiosk comes to rest (no Qt here).

A kiosk that runs for days rebuilds its pages thousands of times. Python and Qt free what they
no longer use, but glibc keeps freed heap pages mapped, so the process looks larger and larger on
a laptop with little memory. At each idle reset nothing is on screen but the home page, which is
the moment to hand those pages back (``malloc_trim``). Elsewhere this only runs the collector.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import logging
import sys

log = logging.getLogger(__name__)


@functools.cache
def _malloc_trim() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (e.g. musl)
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def release_free_memory() -> None:
    """Collect garbage and return free heap pages to the system where the C library allows."""
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
