"""The translators' sheet: every visible text as a CSV row, and changed texts written back in place.

Import edits only the changed scalars inside the YAML text, so comments, order and layout stay as
the staff wrote them; an export followed by an import with no edits changes no byte.

It is long (about 400 lines) because export, the strict CSV reading and the in-place import belong
together: the import must write back exactly what the export read, byte for byte.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.content.loader import DECK_FILE, LoadedContent, load_content
from kiosk.core.content.model import iter_texts
from kiosk.core.content.yamlsource import MAX_FILE_BYTES, Path_, YamlDocument, file_problem_text, parse_yaml_text
from kiosk.core.errors import ContentError, Location, ProblemCollector, display_path
from kiosk.core.storage.assets import available_icons
from kiosk.core.storage.atomic import atomic_write
from kiosk.core.storage.filegroup import FolderBusyError, write_files_together
from kiosk.core.storage.safefile import FileCheckError, read_regular_file

FIXED_COLUMNS = ("file", "slide", "field")
_FIELD_PART = re.compile(r"([A-Za-z_]+)((?:\[\d+\])*)")


@dataclass(frozen=True)
class SheetRow:
    """One visible text: where it lives, and its YAML path inside that file."""

    file: str
    slide: str
    field: str
    yaml_path: Path_


def field_to_path(field: str) -> Path_:
    """``people[0].bio`` -> ``('people', 0, 'bio')``."""
    parts: list[str | int] = []
    for piece in field.split("."):
        match = _FIELD_PART.fullmatch(piece)
        if not match:
            raise ValueError(field)
        parts.append(match.group(1))
        parts.extend(int(i) for i in re.findall(r"\[(\d+)\]", match.group(2)))
    return tuple(parts)


def iter_rows(content: LoadedContent) -> Iterator[SheetRow]:
    """Every visible text of the deck in reading order: deck.yaml, then each topic file."""
    deck_doc = content.documents[DECK_FILE]
    for key in ("name", "short_name", "tagline"):
        if isinstance(deck_doc.data.get(key), dict):
            yield SheetRow(DECK_FILE, "", key, (key,))
    interface = deck_doc.data.get("interface")
    if isinstance(interface, dict):
        for key in interface:
            yield SheetRow(DECK_FILE, "", f"interface.{key}", ("interface", key))
    for topic in content.deck.topics:
        yield SheetRow(topic.file, "", "title", ("title",))
        for index, slide in enumerate(topic.slides):
            for field, _text in iter_texts(slide):
                yield SheetRow(topic.file, slide.id, field, ("slides", index, *field_to_path(field)))


def _icons() -> list[str]:
    return available_icons()


def export_sheet(content_dir: Path, csv_path: Path) -> int:
    """Write the sheet; returns the number of texts. UTF-8 with a BOM so Excel shows Khmer.

    A cell a spreadsheet would run as a formula gets the usual leading apostrophe (see
    :func:`guard_cell`); the sheet is written atomically, so an interrupted export leaves the
    previous sheet.
    """
    content = load_content(content_dir, icons=_icons())
    languages = content.deck.language_codes
    rows = 0
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([*FIXED_COLUMNS, *languages])
    for row in iter_rows(content):
        mapping = _lookup(content.documents[row.file].data, row.yaml_path)
        values = [mapping.get(code, "") if isinstance(mapping, dict) else "" for code in languages]
        writer.writerow([guard_cell(v) for v in (row.file, row.slide, row.field, *values)])
        rows += 1
    atomic_write(csv_path, codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8"))
    return rows


#: A cell starting with one of these is a formula (or its start) to Excel, LibreOffice and Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard_cell(value: str) -> str:
    """``=SUM(A1)`` -> ``'=SUM(A1)``: a spreadsheet shows it as text instead of running it.

    A text that itself starts with an apostrophe is guarded too, so :func:`unguard_cell` can
    always take exactly one apostrophe off and the round trip stays byte-identical.
    """
    return "'" + value if value.startswith((*FORMULA_STARTS, "'")) else value


def unguard_cell(value: str) -> str:
    """The text a guarded cell stands for; a translator's own leading apostrophe ('word) is kept."""
    if value.startswith("'") and value[1:].startswith((*FORMULA_STARTS, "'")):
        return value[1:]
    return value


def _lookup(data: object, path: Path_) -> object:
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str
    new_line: bool = False  # a whole line inserted at a line start, with its own line end


def import_sheet(csv_path: Path, content_dir: Path) -> int:
    """Write changed texts back into the YAML files; returns how many texts changed.

    Nothing is written unless the whole sheet is valid and the edited content still checks.
    An empty cell means "no change", so an unfinished translation never deletes a text.
    """
    content = load_content(content_dir, icons=_icons())
    sheet_name = display_path(csv_path)
    problems = ProblemCollector()
    languages = content.deck.language_codes
    header, records = _read_sheet(csv_path, sheet_name, problems)
    missing = [c for c in (*FIXED_COLUMNS, *languages) if c not in header]
    extra = [c for c in header if c not in (*FIXED_COLUMNS, *languages)]
    if missing:
        problems.add(Location(sheet_name, 1, 1), "missing column(s): " + ", ".join(missing),
                     "export a fresh sheet with 'kiosk strings export' and copy your work into it")
    if extra:
        problems.add(Location(sheet_name, 1, 1), "unknown column(s): " + ", ".join(c or "(empty)" for c in extra),
                     "this sheet may be from another deck; languages are: " + ", ".join(languages))
    problems.raise_if_any()

    known = {(r.file, r.slide, r.field): r for r in iter_rows(content)}
    edits: dict[str, list[_Edit]] = {}
    changed = 0
    seen: set[tuple[str, str, str]] = set()
    for line, record in records:
        key = (record.get("file", ""), record.get("slide", ""), record.get("field", ""))
        if not any(record.values()):
            continue
        where = Location(sheet_name, line, 1)
        row = known.get(key)
        if row is None:
            problems.add(where, f"no text '{key[2]}' in slide '{key[1]}' of '{key[0]}'",
                         "this row may be from another deck or an older export; do not edit the "
                         "file, slide and field columns")
            continue
        if key in seen:
            problems.add(where, f"text '{key[2]}' of slide '{key[1]}' appears twice in the sheet")
            continue
        seen.add(key)
        doc = content.documents[row.file]
        mapping = _lookup(doc.data, row.yaml_path)
        assert isinstance(mapping, dict)
        for code in languages:
            new = record.get(code, "")
            old = mapping.get(code)
            if new == "" or new == old:
                continue
            try:
                edits.setdefault(row.file, []).append(_edit_for(doc, (*row.yaml_path, code), new))
            except _CannotEdit as exc:
                problems.add(where, str(exc))
                continue
            changed += 1
    problems.raise_if_any()

    new_texts = {name: _apply(content.documents[name].text, file_edits) for name, file_edits in edits.items()}
    # Check the edited content as a whole before anything touches the disk.
    load_content(content_dir, icons=_icons(), overrides=new_texts)
    new_files = {name: _encoded(content.documents[name], text) for name, text in new_texts.items()}
    try:
        write_files_together(content_dir, new_files)
    except FolderBusyError:
        raise ContentError.single(Location(display_path(content_dir)), "another 'kiosk strings import' is "
                                  "writing to this folder", "wait for it to finish, then import again") from None
    return changed


MAX_SHEET_BYTES = 16 * 1024 * 1024


def _read_sheet(csv_path: Path, sheet_name: str,
                problems: ProblemCollector) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and the rows (numbered as the spreadsheet numbers them), guards taken off.

    A broken quote stops the reading (nothing after it can be trusted); a repeated column and
    cells past the last column are added to ``problems``, every one of them.
    """
    try:
        raw = read_regular_file(csv_path, MAX_SHEET_BYTES)
    except FileCheckError as exc:
        message, hint = file_problem_text(exc)
        raise ContentError.single(Location(sheet_name), message.replace("this file", "the sheet"), hint) from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ContentError.single(Location(sheet_name, 1, 1), "this sheet is saved as UTF-16",
                                  "save it as 'CSV UTF-8 (comma delimited)'")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ContentError.single(Location(sheet_name, line, 1), "this sheet is not UTF-8 text",
                                  "save it as 'CSV UTF-8 (comma delimited)'") from None
    quote_problem = _quote_problem(text)
    if quote_problem is not None:
        row, column, message, hint = quote_problem
        raise ContentError.single(Location(sheet_name, row, column),
                                  f"row {row}, column {column_name(column)}: {message}", hint)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:  # _quote_problem catches what a spreadsheet writes; this is the rest
        raise ContentError.single(Location(sheet_name), f"not a valid CSV file: {exc}") from None
    if not rows:
        raise ContentError.single(Location(sheet_name, 1, 1), "the sheet is empty",
                                  "export one with 'kiosk strings export'")
    header = [unguard_cell(h.strip()) for h in rows[0]]
    first_seen: dict[str, int] = {}
    for index, name in enumerate(header, 1):
        if name and name in first_seen:
            problems.add(Location(sheet_name, 1, index),
                         f"row 1, column {column_name(index)}: column '{name}' appears twice "
                         f"(also column {column_name(first_seen[name])})",
                         "keep one column for each language and delete the other")
        first_seen.setdefault(name, index)
    records: list[tuple[int, dict[str, str]]] = []
    for row_number, values in enumerate(rows[1:], 2):
        stray = next((i for i in range(len(header), len(values)) if values[i].strip()), None)
        if stray is not None:
            problems.add(Location(sheet_name, row_number, stray + 1),
                         f"row {row_number}, column {column_name(stray + 1)}: a cell past the last column "
                         f"('{header[-1] if header else ''}')",
                         "move the text into its language's column, or delete the cell")
        record: dict[str, str] = {}
        for i, name in enumerate(header):
            record.setdefault(name, unguard_cell(values[i]) if i < len(values) else "")
        records.append((row_number, record))
    return header, records


def column_name(number: int) -> str:
    """A spreadsheet's name for the 1-based column ``number``: 1 -> A, 27 -> AA."""
    name = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _quote_problem(text: str) -> tuple[int, int, str, str] | None:
    """(row, column, message, hint) of the first broken quote, or None; rows count records, as a
    spreadsheet does, so a cell with line breaks inside is one row.
    """
    row, column, i, size = 1, 1, 0, len(text)
    cell_start, opened = True, (0, 0)
    in_quotes = False
    while i < size:
        char = text[i]
        if in_quotes:
            if char == '"':
                if text.startswith('"', i + 1):
                    i += 2
                    continue
                in_quotes = False
                i += 1
                if i < size and text[i] not in ",\r\n":
                    return (row, column, "text follows the closing quote of this cell",
                            'put the whole cell in quotes and write each quote inside it twice ("")')
                continue
            i += 1
            continue
        if char == '"' and cell_start:
            in_quotes, opened, cell_start = True, (row, column), False
        elif char == ",":
            column, cell_start = column + 1, True
        elif char in "\r\n":
            if char == "\r" and text.startswith("\n", i + 1):
                i += 1
            row, column, cell_start = row + 1, 1, True
        else:
            cell_start = False
        i += 1
    if in_quotes:
        return (*opened, "a quote (\") opens this cell and is never closed",
                "close the quote, or save the sheet again from the spreadsheet (the file may be cut short)")
    return None


class _CannotEdit(Exception):
    pass


def _edit_for(doc: YamlDocument, path: Path_, value: str) -> _Edit:
    span = doc.values.get(path)
    if span is not None:
        key_span = doc.keys.get(path)
        indent = (key_span.column - 1 if key_span else span.column - 1) + 2
        end, scalar = span.end, format_scalar(value, span.style, indent)
        if span.start == span.end:  # an empty value ('en:'): write after the colon, over any blanks
            rest = doc.text[end:].split("\n", 1)[0].rstrip("\r")
            if not rest.strip():
                end += len(rest)
            elif "\n" in scalar:  # a comment follows on this line: keep the whole value on it
                scalar = json.dumps(value, ensure_ascii=False)
            scalar = " " + scalar
        return _Edit(span.start, end, scalar)
    # The language is new for this text: add a line after the last key of the mapping.
    parent = path[:-1]
    parent_span = doc.values.get(parent)
    siblings = [k for k in doc.keys if k[:-1] == parent]
    if parent_span is None or parent_span.style == "flow" or not siblings:
        raise _CannotEdit(f"cannot add '{path[-1]}' to this text automatically; add it in the YAML file")
    last = max(siblings, key=lambda k: doc.values[k].end)
    last_key = doc.keys[last]
    end = doc.values[last].end
    line_end = doc.text.find("\n", end)
    insert_at = len(doc.text) if line_end == -1 else line_end + 1
    if doc.values[last].style in ("|", ">"):
        insert_at = end
    indent = last_key.column - 1
    newline = "\r\n" if "\r\n" in doc.text else "\n"
    prefix = "" if insert_at == 0 or doc.text[insert_at - 1] == "\n" else newline
    scalar = format_scalar(value, None, indent + 2)
    text = f"{prefix}{' ' * indent}{path[-1]}: {scalar}"
    if not scalar.endswith("\n"):
        text += newline
    return _Edit(insert_at, insert_at, text, new_line=True)


def format_scalar(value: str, style: str | None, indent: int) -> str:
    """YAML for ``value`` in the style the author used where that can hold it, else double quotes."""
    if "\n" in value.rstrip("\n") or style in ("|", ">"):
        if value.endswith("\n") and not value.endswith("\n\n") and not value.startswith(" "):
            return _block(value, "|", indent)
        if not value.endswith("\n") and value and not value.startswith(" ") and "\n" in value:
            return _block(value, "|-", indent)
        return json.dumps(value, ensure_ascii=False)
    if style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    if style in (None, "") and _plain_ok(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _block(value: str, indicator: str, indent: int) -> str:
    pad = " " * indent
    lines = value[:-1].split("\n") if value.endswith("\n") else value.split("\n")
    body = "".join(f"{pad}{line}\n" if line else "\n" for line in lines)
    return f"{indicator}\n{body}"


def _plain_ok(value: str) -> bool:
    if not value or value != value.strip() or "\t" in value:
        return False
    try:
        doc = parse_yaml_text(f"k: {value}\n", Path("probe.yaml"), "probe")
    except ContentError:
        return False
    span = doc.values.get(("k",))
    return doc.data == {"k": value} and span is not None and span.style in (None, "")


def _apply(text: str, edits: list[_Edit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        trailing = text[edit.start:edit.end]
        replacement = edit.text
        if edit.new_line:
            text = text[: edit.start] + replacement + text[edit.end:]
            continue
        # A block scalar's span runs to the start of the next line: keep what the old one had.
        if replacement.endswith("\n") and trailing.endswith("\n"):
            extra = len(trailing) - len(trailing.rstrip("\n")) - 1
            replacement += "\n" * max(extra, 0)
        elif trailing.endswith("\n") and not replacement.endswith("\n"):
            replacement += "\n"
        elif replacement.endswith("\n"):
            replacement = replacement[:-1]  # the old inline text's own line end follows
        text = text[: edit.start] + replacement + text[edit.end:]
    return text


def _encoded(doc: YamlDocument, text: str) -> bytes:
    """The file's new bytes, with the byte-order mark it had (the document's text has none)."""
    try:
        had_bom = read_regular_file(doc.path, MAX_FILE_BYTES + 3).startswith(codecs.BOM_UTF8)
    except FileCheckError:
        had_bom = False  # it was read a moment ago; writing it is what fails then, and says why
    return (codecs.BOM_UTF8 if had_bom else b"") + text.encode("utf-8")


__all__ = ["SheetRow", "column_name", "export_sheet", "format_scalar", "guard_cell", "import_sheet", "iter_rows",
           "unguard_cell"]
