"""Invisible characters a text must not carry: control characters and bidi overrides or isolates.

A control character (a bell, a stray carriage return) shows as a box or nothing at all; a bidi
override (U+202A-U+202E) or isolate (U+2066-U+2069) silently reorders the letters visitors read
(the "Trojan Source" trick). Both are reported with the place they stand and a hint. The zero-width
space, joiner and non-joiner (U+200B-U+200D) are ordinary in Khmer and stay allowed, as do line
feeds and tabs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from kiosk.core.content.errors import ContentProblem, Location

if TYPE_CHECKING:  # yamlsource calls raw_control_problems before it parses
    from kiosk.core.content.yamlsource import YamlDocument

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


def _describe(char: str) -> tuple[str, str]:
    code = f"U+{ord(char):04X}"
    if char in BIDI_CONTROLS:
        return f"invisible direction control {code} ({unicodedata.name(char)})", _BIDI_HINT
    return f"control character {code}", _CONTROL_HINT


def _location(display: str, text: str, offset: int) -> Location:
    line_start = text.rfind("\n", 0, offset) + 1
    return Location(display, text.count("\n", 0, offset) + 1, offset - line_start + 1)


def raw_control_problems(text: str, display: str) -> list[ContentProblem]:
    """Control characters typed into the file (the YAML reader refuses them, without a place).

    Bidi controls are left to :func:`text_problems`, which sees them in the texts they belong to.
    """
    problems = []
    for offset, char in enumerate(text):
        if char not in _LINE_ENDS and char not in BIDI_CONTROLS and is_forbidden(char):
            message, hint = _describe(char)
            problems.append(ContentProblem(_location(display, text, offset), f"{message} in this file", hint))
    return problems


def _strings(doc: YamlDocument) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for path in doc.values:
        value: object = doc.data
        for part in path:
            if isinstance(value, dict) and isinstance(part, str):
                value = value.get(part)
            elif isinstance(value, list) and isinstance(part, int) and part < len(value):
                value = value[part]
            else:
                value = None
                break
        if isinstance(value, str):
            yield path, value


def text_problems(doc: YamlDocument) -> list[ContentProblem]:
    """Every forbidden character in every text of ``doc``: at the character when it is typed in the
    file, at the start of the text when it comes from an escape such as ``"\\u202E"``.
    """
    problems = []
    for path, value in _strings(doc):
        bad = [c for c in value if is_forbidden(c)]
        if not bad:
            continue
        span = doc.values[path]
        raw = [(i, c) for i, c in enumerate(doc.text[span.start:span.end], span.start) if is_forbidden(c)]
        for offset, char in raw:
            message, hint = _describe(char)
            problems.append(ContentProblem(_location(doc.display, doc.text, offset), f"{message} in this text",
                                           hint))
        escaped = list(bad)
        for _offset, char in raw:
            if char in escaped:
                escaped.remove(char)
        for char in dict.fromkeys(escaped):
            message, hint = _describe(char)
            problems.append(ContentProblem(Location(doc.display, span.line, span.column),
                                           f"{message} in this text (written as an escape)", hint))
    return problems
