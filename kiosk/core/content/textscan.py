"""Forbidden characters in the texts of a parsed content file, located for the person fixing it."""

from __future__ import annotations

from collections.abc import Iterator

from kiosk.core.content.textcheck import describe, is_forbidden, location_of
from kiosk.core.content.yamlsource import YamlDocument
from kiosk.core.errors import ContentProblem, Location


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
            message, hint = describe(char)
            problems.append(ContentProblem(location_of(doc.display, doc.text, offset), f"{message} in this text",
                                           hint))
        escaped = list(bad)
        for _offset, char in raw:
            if char in escaped:
                escaped.remove(char)
        for char in dict.fromkeys(escaped):
            message, hint = describe(char)
            problems.append(ContentProblem(Location(doc.display, span.line, span.column),
                                           f"{message} in this text (written as an escape)", hint))
    return problems
