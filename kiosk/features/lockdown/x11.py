"""Asks an X11 window manager to keep a window on every desktop and above the others (EWMH, via libxcb)."""

from __future__ import annotations

import ctypes
import logging
from functools import cache

log = logging.getLogger(__name__)

# EWMH (https://specifications.freedesktop.org/wm-spec/): a client asks the window manager to change a
# mapped window's state with a ClientMessage sent to the root window.
_CLIENT_MESSAGE = 33
_NET_WM_STATE_ADD = 1
_SOURCE_APPLICATION = 1
_ALL_DESKTOPS = 0xFFFFFFFF
_SUBSTRUCTURE_NOTIFY = 1 << 19
_SUBSTRUCTURE_REDIRECT = 1 << 20


class _Cookie(ctypes.Structure):
    _fields_ = [("sequence", ctypes.c_uint)]


class _AtomReply(ctypes.Structure):
    _fields_ = [("response_type", ctypes.c_uint8), ("pad0", ctypes.c_uint8), ("sequence", ctypes.c_uint16),
                ("length", ctypes.c_uint32), ("atom", ctypes.c_uint32)]


class _Screen(ctypes.Structure):
    _fields_ = [("root", ctypes.c_uint32)]  # the first field of xcb_screen_t; the rest is not read


class _ScreenIterator(ctypes.Structure):
    _fields_ = [("data", ctypes.POINTER(_Screen)), ("rem", ctypes.c_int), ("index", ctypes.c_int)]


class _ClientMessage(ctypes.Structure):
    _fields_ = [("response_type", ctypes.c_uint8), ("format", ctypes.c_uint8), ("sequence", ctypes.c_uint16),
                ("window", ctypes.c_uint32), ("type", ctypes.c_uint32), ("data", ctypes.c_uint32 * 5)]


def _load(soname: str, name: str) -> ctypes.CDLL:
    """The library ``soname``, else whatever ``ctypes.util.find_library(name)`` finds; OSError when neither loads."""
    try:
        return ctypes.CDLL(soname)
    except OSError:
        from ctypes.util import find_library

        found = find_library(name)
        if found is None:
            raise
        return ctypes.CDLL(found)


@cache
def _libraries() -> tuple[ctypes.CDLL, ctypes.CDLL] | None:
    """libxcb (loaded by Qt's xcb platform already) and libc's free(), typed; None without libxcb.

    By the sonames Qt's xcb plugin and Python link first: ``ctypes.util.find_library`` runs
    ``ldconfig -p`` (a process of its own, before the first frame), so it is only the fallback.
    """
    try:
        xcb, libc = _load("libxcb.so.1", "xcb"), _load("libc.so.6", "c")
    except OSError:
        return None
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_connection_has_error.restype = ctypes.c_int
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.restype = None
    xcb.xcb_flush.argtypes = [ctypes.c_void_p]
    xcb.xcb_flush.restype = ctypes.c_int
    xcb.xcb_get_setup.argtypes = [ctypes.c_void_p]
    xcb.xcb_get_setup.restype = ctypes.c_void_p
    xcb.xcb_setup_roots_iterator.argtypes = [ctypes.c_void_p]
    xcb.xcb_setup_roots_iterator.restype = _ScreenIterator
    xcb.xcb_screen_next.argtypes = [ctypes.POINTER(_ScreenIterator)]
    xcb.xcb_screen_next.restype = None
    xcb.xcb_intern_atom.argtypes = [ctypes.c_void_p, ctypes.c_uint8, ctypes.c_uint16, ctypes.c_char_p]
    xcb.xcb_intern_atom.restype = _Cookie
    xcb.xcb_intern_atom_reply.argtypes = [ctypes.c_void_p, _Cookie, ctypes.c_void_p]
    xcb.xcb_intern_atom_reply.restype = ctypes.POINTER(_AtomReply)
    xcb.xcb_send_event.argtypes = [ctypes.c_void_p, ctypes.c_uint8, ctypes.c_uint32, ctypes.c_uint32,
                                   ctypes.c_void_p]
    xcb.xcb_send_event.restype = _Cookie
    libc.free.argtypes = [ctypes.c_void_p]
    libc.free.restype = None
    return xcb, libc


class WindowManagerLink:
    """One connection to the X server, kept for the kiosk's life, for the few EWMH requests it sends."""

    def __init__(self, xcb: ctypes.CDLL, libc: ctypes.CDLL, connection: int, root: int) -> None:
        self._xcb = xcb
        self._libc = libc
        self._connection: int | None = connection
        self._root = root
        self._atoms: dict[str, int] = {}

    @classmethod
    def open(cls, display: str | None = None) -> WindowManagerLink | None:
        """The link to ``display`` (``$DISPLAY`` when None), or None where there is no X server or libxcb."""
        libraries = _libraries()
        if libraries is None:
            return None
        xcb, libc = libraries
        screen_number = ctypes.c_int(0)
        connection = xcb.xcb_connect(display.encode() if display else None, ctypes.byref(screen_number))
        if not connection or xcb.xcb_connection_has_error(connection):
            if connection:
                xcb.xcb_disconnect(connection)
            log.info("no X server to ask for a sticky, on-top window")
            return None
        screens = xcb.xcb_setup_roots_iterator(xcb.xcb_get_setup(connection))
        for _ in range(screen_number.value):
            xcb.xcb_screen_next(ctypes.byref(screens))
        return cls(xcb, libc, connection, screens.data.contents.root)

    def close(self) -> None:
        if self._connection is not None:
            self._xcb.xcb_disconnect(self._connection)
            self._connection = None

    def _atom(self, name: str) -> int:
        if name not in self._atoms:
            cookie = self._xcb.xcb_intern_atom(self._connection, 0, len(name), name.encode())
            reply = self._xcb.xcb_intern_atom_reply(self._connection, cookie, None)
            if not reply:
                return 0
            self._atoms[name] = reply.contents.atom
            self._libc.free(reply)
        return self._atoms[name]

    def _send(self, window: int, message_type: str, *data: int) -> None:
        event = _ClientMessage(response_type=_CLIENT_MESSAGE, format=32, window=window,
                               type=self._atom(message_type))
        for index, value in enumerate(data):
            event.data[index] = value
        self._xcb.xcb_send_event(self._connection, 0, self._root, _SUBSTRUCTURE_NOTIFY | _SUBSTRUCTURE_REDIRECT,
                                 ctypes.byref(event))

    def keep_on_every_desktop_and_above(self, window: int) -> None:
        """_NET_WM_STATE += STICKY, ABOVE, and _NET_WM_DESKTOP = all, for a mapped ``window``."""
        if self._connection is None:
            return
        self._send(window, "_NET_WM_STATE", _NET_WM_STATE_ADD, self._atom("_NET_WM_STATE_STICKY"),
                   self._atom("_NET_WM_STATE_ABOVE"), _SOURCE_APPLICATION)
        self._send(window, "_NET_WM_DESKTOP", _ALL_DESKTOPS, _SOURCE_APPLICATION)
        self._xcb.xcb_flush(self._connection)
