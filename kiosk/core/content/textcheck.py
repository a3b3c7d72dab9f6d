"""Invisible characters a text must not carry: control characters and bidi overrides or isolates.

A control character (a bell, a stray carriage return) shows as a box or nothing at all; a bidi
override (U+202A-U+202E) or isolate (U+2066-U+2069) silently reorders the letters visitors read
(the "Trojan Source" trick). Both are reported with the place they stand and a hint. The zero-width
space, joiner and non-joiner (U+200B-U+200D) are ordinary in Khmer and stay allowed, as do line
feeds and tabs.
"""

from __future__ import annotations

import unicodedata

from kiosk.core.errors import ContentProblem, Location

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ALLOWED_CONTROLS = frozenset("\n\t")
# YAML itself reads these as the end of a line, so they never reach a text raw.
_LINE_ENDS = frozenset("\r\n")

_CONTROL_HINT = "delete it: it is invisible on screen (to start a new line, use a new line)"
_BIDI_HINT = ("delete it: it silently reorders the letters visitors read; "
              "Khmer and English need no direction marks")


def is_forbidden(char: str) -> bool:
    """True for a control character other than line feed and tab, and for a bidi override or isolate."""
    if char in BIDI_CONTROLS:
        return True
    return unicodedata.category(char) == "Cc" and char not in ALLOWED_CONTROLS


def describe(char: str) -> tuple[str, str]:
    code = f"U+{ord(char):04X}"
    if char in BIDI_CONTROLS:
        return f"invisible direction control {code} ({unicodedata.name(char)})", _BIDI_HINT
    return f"control character {code}", _CONTROL_HINT


def location_of(display: str, text: str, offset: int) -> Location:
    line_start = text.rfind("\n", 0, offset) + 1
    return Location(display, text.count("\n", 0, offset) + 1, offset - line_start + 1)


def raw_control_problems(text: str, display: str) -> list[ContentProblem]:
    """Control characters typed into the file (the YAML reader refuses them, without a place).

    Bidi controls are left to :func:`text_problems`, which sees them in the texts they belong to.
    """
    problems = []
    for offset, char in enumerate(text):
        if char not in _LINE_ENDS and char not in BIDI_CONTROLS and is_forbidden(char):
            message, hint = describe(char)
            problems.append(ContentProblem(location_of(display, text, offset), f"{message} in this file", hint))
    return problems
