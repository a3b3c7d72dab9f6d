"""Reads one YAML file into plain text, lists and mappings, remembering where every node stands.

The loader resolves nothing: every scalar stays exactly the text that was typed (YAML 1.1's
``No``, ``on`` and ``2013-01-28`` never become booleans or dates), explicit tags such as
``!!python/object`` are rejected unread, and anchors/aliases are refused, which also defuses
"billion laughs" bombs. Composition is iterative, so deep nesting cannot overflow the stack.
"""

from __future__ import annotations

import codecs
import errno
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kiosk.core.content.textcheck import raw_control_problems
from kiosk.core.errors import ContentError, ContentProblem, Location
from kiosk.core.storage.safefile import FileCheckError, FileProblem, read_regular_file

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 64

# libyaml's parser is about ten times faster; the pure-Python one gives the same events.
_Loader: type = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

_PLAIN_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Span:
    """A node's position: 1-based line/column for messages, 0-based character offsets for edits."""

    line: int
    column: int
    start: int
    end: int
    style: str | None = None


@dataclass
class YamlDocument:
    """A parsed file: its data as plain Python values, and the span of every value and key."""

    path: Path
    display: str
    text: str
    data: Any
    values: dict[Path_, Span] = field(default_factory=dict)
    keys: dict[Path_, Span] = field(default_factory=dict)

    def location(self, path: Path_, *, key: bool = False) -> Location:
        """The location of the node at ``path``, or of its nearest ancestor that exists."""
        probe = tuple(path)
        while True:
            span = (self.keys.get(probe) if key else None) or self.values.get(probe)
            if span is not None:
                return Location(self.display, span.line, span.column)
            if not probe:
                return Location(self.display, 1, 1)
            probe = probe[:-1]
            key = False


def _problem(display: str, message: str, hint: str = "", line: int = 0, col: int = 0) -> ContentError:
    return ContentError([ContentProblem(Location(display, line, col), message, hint)])


def decode_content_bytes(raw: bytes, display: str) -> str:
    """Bytes to text, with a message a content editor can act on for every way it can fail."""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise _problem(display, "this file is UTF-32, not UTF-8", "save it as UTF-8", 1, 1)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _problem(display, "this file is UTF-16, not UTF-8", "save it as UTF-8", 1, 1)
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    if b"\x00" in raw[:4096]:
        nul = raw.index(b"\x00")
        line = raw.count(b"\n", 0, nul) + 1
        if len(raw) > 1 and (raw[1:2] == b"\x00" or raw[0:1] == b"\x00"):
            raise _problem(display, "this file looks like UTF-16 without a byte-order mark",
                           "save it as UTF-8", 1, 1)
        raise _problem(display, "this is not a text file (it contains binary data)",
                       "content files must be YAML text saved as UTF-8", line, 1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _problem(display, "this file is not valid UTF-8 text",
                       "save it as UTF-8 (in Notepad: Save as > Encoding > UTF-8)", line, col) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise _problem(display, "this is not a text file (it contains binary data)",
                       "content files must be YAML text saved as UTF-8", line, 1)
    return text


def read_yaml_file(path: Path, display: str) -> YamlDocument:
    """Read and parse ``path``; raises ContentError with file, line and hint on any problem.

    Only a regular file is opened, and no more than ``MAX_FILE_BYTES + 1`` bytes are read: a
    pipe, a device or a symlink loop in the content folder is a problem to report, not a hang.
    """
    try:
        raw = read_regular_file(path, MAX_FILE_BYTES)
    except FileCheckError as exc:
        message, hint = file_problem_text(exc)
        raise _problem(display, message, hint) from None
    return parse_yaml_text(decode_content_bytes(raw, display), path, display)


_LINK_HINT = "point the link at the real file, or copy the file here"
_PERMISSION_HINT = "let the user the kiosk runs as read it"


def file_problem_text(exc: FileCheckError) -> tuple[str, str]:
    """A content file that cannot be read, as (message, hint) for the person fixing the folder."""
    problem = exc.problem
    if problem is FileProblem.NOT_FOUND:
        return "file not found", "check the spelling of the file name"
    if problem is FileProblem.FOLDER:
        return "this is a folder, but a YAML file is expected here", "name a .yaml file, not a folder"
    if problem is FileProblem.LINK_LOOP:
        return f"this is {problem.description}", _LINK_HINT
    if problem is FileProblem.NO_PERMISSION:
        return "cannot read this file (permission denied)", _PERMISSION_HINT
    if problem is FileProblem.TOO_LARGE:
        size = exc.size or MAX_FILE_BYTES + 1
        return (f"file is too large ({-(-size // 1024)} KiB; the limit is {MAX_FILE_BYTES // 1024} KiB)",
                "split it into smaller topic files")
    if problem is FileProblem.UNREADABLE:
        return f"cannot read this file ({exc.detail})", ""
    return (f"this is {problem.description}",
            "content files must be ordinary files: put the YAML file itself here")


def referenced_file_problem(exc: FileCheckError) -> tuple[str, str]:
    """A file the content names (a photo) that cannot be used, as (what it is, hint)."""
    problem = exc.problem
    if problem is FileProblem.LINK_LOOP:
        return problem.description, _LINK_HINT
    if problem is FileProblem.NO_PERMISSION:
        return problem.description, _PERMISSION_HINT
    if problem in (FileProblem.PIPE, FileProblem.DEVICE, FileProblem.SOCKET, FileProblem.OTHER_KIND):
        return problem.description, "put the picture file itself here"
    if problem is FileProblem.UNREADABLE and exc.os_errno == errno.ENAMETOOLONG:
        return FileProblem.NOT_FOUND.description, ""  # no file can have that name
    if problem is FileProblem.UNREADABLE and exc.detail:
        return f"{problem.description} ({exc.detail})", ""
    return problem.description, ""


def _span(node_start: Any, node_end: Any, style: str | None = None) -> Span:
    return Span(node_start.line + 1, node_start.column + 1, node_start.index, node_end.index, style)


def parse_yaml_text(text: str, path: Path, display: str) -> YamlDocument:
    """Parse YAML text into plain values; every scalar is a ``str``."""
    _check_text(text, display)
    composer = _Composer(YamlDocument(path=path, display=display, text=text, data=None))
    try:
        for event in yaml.parse(text, Loader=_loader_class()):
            composer.feed(event)
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, display, text) from None
    except yaml.YAMLError as exc:
        raise _problem(display, f"not valid YAML: {exc}") from None
    except RecursionError:
        raise _problem(display, "the content is nested too deeply", "check the indentation") from None
    composer.doc.data = composer.root
    return composer.doc


def _check_text(text: str, display: str) -> None:
    """Problems the YAML reader would report badly or not at all: empty, too large, control characters."""
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise _problem(display, "this file is empty", "it needs at least one 'key: value' line", 1, 1)
    if len(text) > MAX_FILE_BYTES:
        raise _problem(display, "file is too large", "split it into smaller topic files")
    controls = raw_control_problems(text, display)
    if controls:  # the YAML reader would stop at the first, without saying where
        raise ContentError(controls)


_NODE_EVENTS = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)


class _Composer:
    """Builds plain values from parser events with an explicit stack (no recursion), recording spans.

    Stack entries: ``[container, path, pending_key (str | None), is_mapping]``. Both parsers report
    offsets in characters (checked in tests).
    """

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.stack: list[list[Any]] = []
        self.documents = 0
        self.root: Any = None

    def _fail(self, event: yaml.Event, message: str, hint: str) -> ContentError:
        mark = _start(event)
        return _problem(self.doc.display, message, hint, mark.line + 1, mark.column + 1)

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self._fail(event, "only one YAML document is allowed per file", "remove the '---' line")
        elif isinstance(event, yaml.AliasEvent):
            raise self._fail(event, "aliases ('*name') are not allowed in content files", "write the text out in full")
        elif isinstance(event, _NODE_EVENTS):
            self._check_node(event)
            if self.stack and self.stack[-1][3] and self.stack[-1][2] is None:
                self._key(event)  # a key of the enclosing mapping
            else:
                self._node(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()

    def _check_node(self, event: yaml.NodeEvent) -> None:
        if event.anchor is not None:
            raise self._fail(event, "anchors ('&name') are not allowed in content files", "write the text out in full")
        tag = getattr(event, "tag", None)
        if tag not in _PLAIN_TAGS:
            raise self._fail(event, f"tags like '{tag}' are not allowed", "remove the '!' tag; content is plain text")
        if len(self.stack) >= MAX_DEPTH:
            raise self._fail(event, "the content is nested too deeply", "check the indentation")

    def _key(self, event: yaml.NodeEvent) -> None:
        if not isinstance(event, yaml.ScalarEvent):
            raise self._fail(event, "a key must be a plain word", "write 'key: value'")
        key = event.value
        parent = self.stack[-1]
        if key in parent[0]:
            raise self._fail(event, f"'{key}' appears twice here", "remove one of them")
        parent[2] = key
        mark = _start(event)
        self.doc.keys[(*parent[1], key)] = Span(mark.line + 1, mark.column + 1, mark.index, _end(event).index)

    def _node_path(self) -> Path_:
        if not self.stack:
            return ()
        top = self.stack[-1]
        return (*top[1], top[2]) if top[3] else (*top[1], len(top[0]))

    def _node(self, event: yaml.NodeEvent) -> None:
        mark = _start(event)
        node_path = self._node_path()
        if isinstance(event, yaml.ScalarEvent):
            value: Any = event.value
            self.doc.values[node_path] = Span(mark.line + 1, mark.column + 1, mark.index, _end(event).index,
                                              event.style)
        else:
            value = {} if isinstance(event, yaml.MappingStartEvent) else []
            flow = "flow" if getattr(event, "flow_style", None) else None
            self.doc.values[node_path] = Span(mark.line + 1, mark.column + 1, mark.index, mark.index, flow)
        _attach(self.stack, value)
        if not self.stack:
            self.root = value
        if not isinstance(event, yaml.ScalarEvent):
            self.stack.append([value, node_path, None, isinstance(value, dict)])


def _start(event: yaml.Event) -> Any:
    """The event's start mark (typed Optional by the stubs; always set by both parsers)."""
    return event.start_mark


def _end(event: yaml.Event) -> Any:
    return event.end_mark


def _attach(stack: list[list[Any]], value: Any) -> None:
    if not stack:
        return
    top = stack[-1]
    if top[3]:
        top[0][top[2]] = value
        top[2] = None
    else:
        top[0].append(value)


def _loader_class() -> type:
    return _Loader


_HINTS = (
    ("found character '\\t'", "use spaces, not tabs, to indent"),
    ("found a tab character", "use spaces, not tabs, to indent"),
    ("mapping values are not allowed", "put the text in quotes if it contains ': '"),
    ("found unexpected end of stream", "a quote is not closed; the file may be cut short"),
    ("could not find expected ':'", "each line needs 'key: value'; put the text in quotes if it contains ':'"),
    ("found undefined alias", "remove the '*'; aliases are not allowed"),
    ("did not find expected key", "check the indentation of this line and the one above"),
    ("found character that cannot start any token", "put the text in quotes"),
    ("did not find expected '-' indicator", "check the indentation of this list"),
)


def _yaml_error(exc: yaml.MarkedYAMLError, display: str, text: str) -> ContentError:
    mark = exc.problem_mark or exc.context_mark
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        mark = exc.context_mark  # the quote that is never closed, not the end of the file
    problem = exc.problem or "not valid YAML"
    hint = ""
    for needle, candidate in _HINTS:
        if needle in problem:
            hint = candidate
            break
    line = mark.line + 1 if mark else 0
    col = mark.column + 1 if mark else 0
    if mark is not None and 0 <= mark.line < len(text.splitlines()):
        src = text.splitlines()[mark.line]
        if "\t" in src[: max(mark.column, 1) + 1] or (not hint and "\t" in src):
            hint = "use spaces, not tabs, to indent"
    if "end of stream" in problem or (mark and mark.line + 1 >= text.count("\n") and "expected" in problem):
        hint = hint or "the file may be cut short"
    return ContentError([ContentProblem(Location(display, line, col), f"not valid YAML: {problem}", hint)])
