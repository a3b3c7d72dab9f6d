"""Tests for kiosk.core.content.sheet: the translators' sheet changes the edited texts, or nothing."""

from __future__ import annotations

import codecs
import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.content.model import TitleSlide
from kiosk.core.content.sheet import (
    column_name,
    export_sheet,
    field_to_path,
    guard_cell,
    import_sheet,
    unguard_cell,
)
from kiosk.core.errors import ContentError
from kiosk.core.storage.paths import bundled_content_dir
from tests.core.samples import TOPIC_YAML, Load, MakeContent

Rows = list[list[str]]


def read_sheet(path: Path) -> Rows:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def write_sheet(path: Path, rows: Rows, encoding: str = "utf-8-sig") -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)


def set_cell(rows: Rows, key: tuple[str, str, str], language: str, value: str) -> None:
    column = rows[0].index(language)
    matches = [row for row in rows[1:] if tuple(row[:3]) == key]
    assert len(matches) == 1, key
    matches[0][column] = value


def cell(rows: Rows, key: tuple[str, str, str], language: str) -> str:
    column = rows[0].index(language)
    return next(row[column] for row in rows[1:] if tuple(row[:3]) == key)


def snapshot(root: Path) -> dict[str, bytes]:
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    """(old, new) for each changed line; the files must keep their line count."""
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new)
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled content that the test may change."""
    monkeypatch.chdir(tmp_path)
    return Path(shutil.copytree(bundled_content_dir(), tmp_path / "content"))


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    return tmp_path / "sheet.csv"


WELCOME = ("about.yaml", "welcome", "heading")
STORY = ("about.yaml", "story", "heading")
PARAGRAPH = ("about.yaml", "story", "paragraphs[0]")


def test_export_is_excel_friendly(make_content: MakeContent, sheet: Path) -> None:
    assert export_sheet(make_content(), sheet) == 6
    raw = sheet.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8 + b"file,slide,field,km,en\r\n")
    assert read_sheet(sheet) == [
        ["file", "slide", "field", "km", "en"],
        ["deck.yaml", "", "name", "អង្គការសាកល្បង", "Test Organisation"],
        ["deck.yaml", "", "short_name", "សាកល្បង", "Test"],
        ["about.yaml", "", "title", "អំពីយើង", "About us"],
        ["about.yaml", "welcome", "heading", "សូមស្វាគមន៍", "Welcome"],
        ["about.yaml", "story", "heading", "រឿងរបស់យើង", "Our story"],
        ["about.yaml", "story", "paragraphs[0]", "យើងធ្វើការជាមួយសហគមន៍។",
         "We work with communities."],
    ]


def test_round_trip_without_edits_changes_no_byte(shipped: Path, sheet: Path) -> None:
    before = snapshot(shipped)
    assert export_sheet(shipped, sheet) > 0
    assert import_sheet(sheet, shipped) == 0
    assert snapshot(shipped) == before


def test_edited_cell_changes_only_that_line(shipped: Path, sheet: Path) -> None:
    before = snapshot(shipped)
    export_sheet(shipped, sheet)
    rows = read_sheet(sheet)
    row = next(r for r in rows[1:] if r[0] == "mission.yaml" and r[2] == "heading")
    key = (row[0], row[1], row[2])
    old = cell(rows, key, "en")
    set_cell(rows, key, "en", "Our new mission")
    write_sheet(sheet, rows)

    assert import_sheet(sheet, shipped) == 1

    after = snapshot(shipped)
    assert {name for name in after if after[name] != before[name]} == {"mission.yaml"}
    old_text = before["mission.yaml"].decode("utf-8")
    assert changed_lines(old_text, after["mission.yaml"].decode("utf-8")) == [
        (f"      en: {old}", "      en: Our new mission")
    ]
    assert old_text.startswith("# yaml-language-server")  # there were comments to lose


@pytest.mark.parametrize(
    "value",
    [
        "Note: this is an example",
        "# not a comment",
        'She said "hello" and \'goodbye\'',
        "line one\nline two",
        "line one\n\nline three\n",
        "  leading and trailing spaces  ",
        "yes",
        "2013-01-28",
        "- not a list",
        "{not: a mapping}",
        "ឆ្នាំ២០១៣: ការងារ",
    ],
)
def test_awkward_values_round_trip(make_content: MakeContent, load: Load, sheet: Path,
                                   tmp_path: Path, value: str) -> None:
    root = make_content()
    export_sheet(root, sheet)
    rows = read_sheet(sheet)
    set_cell(rows, WELCOME, "en", value)
    write_sheet(sheet, rows)

    assert import_sheet(sheet, root) == 1

    again = tmp_path / "again.csv"
    export_sheet(root, again)
    assert unguard_cell(cell(read_sheet(again), WELCOME, "en")) == value
    slide = load(root).deck.slides[0]
    assert isinstance(slide, TitleSlide)
    assert slide.heading.root == {"km": "សូមស្វាគមន៍", "en": value}
    # Only the edited text moved: everything outside the welcome heading reads as before.
    text = (root / "about.yaml").read_text(encoding="utf-8")
    head, tail = TOPIC_YAML.split("      en: Welcome\n")
    assert text.startswith(head)
    assert text.endswith(tail)


def test_edit_keeps_the_authors_quotes_and_block_style(make_content: MakeContent,
                                                      sheet: Path) -> None:
    topic = TOPIC_YAML.replace("en: Welcome", "en: 'Welcome'").replace(
        "        en: We work with communities.",
        "        en: |\n          We work\n          with communities.",
    )
    root = make_content({"about.yaml": topic})
    export_sheet(root, sheet)
    rows = read_sheet(sheet)
    set_cell(rows, WELCOME, "en", "It's a welcome")
    set_cell(rows, PARAGRAPH, "en", "We work\nwith villages.\n")
    write_sheet(sheet, rows)

    assert import_sheet(sheet, root) == 2

    assert (root / "about.yaml").read_text(encoding="utf-8") == topic.replace(
        "en: 'Welcome'", "en: 'It''s a welcome'").replace("with communities.", "with villages.")


def test_empty_cell_means_no_change(make_content: MakeContent, sheet: Path) -> None:
    root = make_content()
    before = snapshot(root)
    export_sheet(root, sheet)
    rows = read_sheet(sheet)
    for row in rows[1:]:
        row[3:] = ["", ""]
    write_sheet(sheet, rows)
    assert import_sheet(sheet, root) == 0
    assert snapshot(root) == before


def test_translation_of_a_missing_language_is_added(make_content: MakeContent, sheet: Path,
                                                    load: Load) -> None:
    topic = TOPIC_YAML.replace("      en: Welcome\n", "      review: km\n")
    root = make_content({"about.yaml": topic})
    assert len(load(root).report.missing) == 1
    export_sheet(root, sheet)
    rows = read_sheet(sheet)
    assert cell(rows, WELCOME, "en") == ""
    set_cell(rows, WELCOME, "en", "Welcome!")
    write_sheet(sheet, rows)

    assert import_sheet(sheet, root) == 1

    assert (root / "about.yaml").read_text(encoding="utf-8") == TOPIC_YAML.replace(
        "      en: Welcome\n", "      review: km\n      en: Welcome!\n")
    assert load(root).report.missing == []


@pytest.mark.parametrize(
    ("placeholder", "value", "written"),
    [
        ("      en:\n", "Welcome!", "      en: Welcome!\n"),
        ("      en:   \n", "Welcome!", "      en: Welcome!\n"),
        ('      en: ""\n', "Welcome!", '      en: "Welcome!"\n'),
        ("      en:  # to do\n", "Welcome!", "      en: Welcome!  # to do\n"),
        ("      en:\n", "Two\nlines", "      en: |-\n        Two\n        lines\n"),
        ("      en:  # to do\n", "Two\nlines", '      en: "Two\\nlines"  # to do\n'),
    ],
)
def test_empty_placeholder_is_filled_in(make_content: MakeContent, sheet: Path, placeholder: str,
                                        value: str, written: str) -> None:
    """Staff leave 'en:' empty for the translator; the translation lands after the colon."""
    root = make_content({"about.yaml": TOPIC_YAML.replace("      en: Welcome\n", placeholder)})
    export_sheet(root, sheet)
    rows = read_sheet(sheet)
    assert cell(rows, WELCOME, "en") == ""
    set_cell(rows, WELCOME, "en", value)
    write_sheet(sheet, rows)

    assert import_sheet(sheet, root) == 1

    assert (root / "about.yaml").read_text(encoding="utf-8") == TOPIC_YAML.replace(
        "      en: Welcome\n", written)


def test_sheet_saved_by_excel_imports(make_content: MakeContent, sheet: Path) -> None:
    """Excel's "CSV UTF-8": a byte-order mark, CRLF line ends, and LF inside a multi-line cell."""
    root = make_content()
    sheet.write_bytes(codecs.BOM_UTF8 + (
        "file,slide,field,km,en\r\n"
        "about.yaml,welcome,heading,សូមស្វាគមន៍,Welcome home\r\n"
        'about.yaml,story,heading,,"Our story,\nso far"\r\n'
    ).encode())

    assert import_sheet(sheet, root) == 2

    text = (root / "about.yaml").read_text(encoding="utf-8")
    assert "      en: Welcome home\n" in text
    assert "      en: |-\n        Our story,\n        so far\n" in text
    assert "\r" not in text


def test_crlf_yaml_file_keeps_its_line_ends(make_content: MakeContent, sheet: Path) -> None:
    root = make_content({"about.yaml": TOPIC_YAML.replace("\n", "\r\n")})
    export_sheet(root, sheet)
    rows = read_sheet(sheet)
    set_cell(rows, WELCOME, "en", "Hello")
    write_sheet(sheet, rows)
    import_sheet(sheet, root)
    expected = TOPIC_YAML.replace("en: Welcome", "en: Hello").replace("\n", "\r\n")
    assert (root / "about.yaml").read_bytes() == expected.encode("utf-8")


def _with_valid_edit(rows: Rows) -> Rows:
    set_cell(rows, STORY, "en", "A valid edit that must not be written")
    return rows


FROM_ELSEWHERE = ("(this row may be from another deck or an older export; "
                  "do not edit the file, slide and field columns)")
SAVE_AS = "(save it as 'CSV UTF-8 (comma delimited)')"


def _replace_welcome_km(rows: Rows, value: str) -> Rows:
    return [[*row[:3], value, row[4]] if tuple(row[:3]) == WELCOME else row for row in rows]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            lambda rows: [*rows, ["about.yaml", "nope", "heading", "ក", "x"]],
            [f"sheet.csv:8:1: no text 'heading' in slide 'nope' of 'about.yaml' {FROM_ELSEWHERE}"],
            id="unknown-row",
        ),
        pytest.param(
            lambda rows: [row[:4] for row in rows],
            ["sheet.csv:1:1: missing column(s): en "
             "(export a fresh sheet with 'kiosk strings export' and copy your work into it)"],
            id="missing-language-column",
        ),
        pytest.param(
            lambda rows: [[*row, "vi" if i == 0 else "x"] for i, row in enumerate(rows)],
            ["sheet.csv:1:1: unknown column(s): vi "
             "(this sheet may be from another deck; languages are: km, en)"],
            id="unknown-language-column",
        ),
        pytest.param(
            lambda rows: [rows[0], ["mission.yaml", "mission", "heading", "ក", "Our mission"],
                          ["values.yaml", "values", "items[0].text", "ក", "With honesty"]],
            ["sheet.csv:2:1: no text 'heading' in slide 'mission' of 'mission.yaml' "
             f"{FROM_ELSEWHERE}",
             "sheet.csv:3:1: no text 'items[0].text' in slide 'values' of 'values.yaml' "
             f"{FROM_ELSEWHERE}"],
            id="other-deck",
        ),
        pytest.param(
            lambda rows: [*rows, rows[5]],
            ["sheet.csv:8:1: text 'heading' of slide 'story' appears twice in the sheet"],
            id="duplicate-row",
        ),
        pytest.param(
            lambda rows: _replace_welcome_km(rows, "   "),
            ["content/about.yaml:10:7: this text has no 'km' version ('km' is the deck's default "
             "language) (every text needs the default language; other languages may follow "
             "later)"],
            id="edit-breaks-content",
        ),
    ],
)
def test_bad_sheet_changes_no_file(make_content: MakeContent, sheet: Path,
                                   change: Callable[[Rows], Rows], expected: list[str]) -> None:
    root = make_content()
    before = snapshot(root)
    export_sheet(root, sheet)
    write_sheet(sheet, change(_with_valid_edit(read_sheet(sheet))))

    with pytest.raises(ContentError) as info:
        import_sheet(sheet, root)

    assert [str(p) for p in info.value.problems] == expected
    assert snapshot(root) == before


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-16", f"sheet.csv:1:1: this sheet is saved as UTF-16 {SAVE_AS}"),
        ("cp1252", f"sheet.csv:5:1: this sheet is not UTF-8 text {SAVE_AS}"),
    ],
)
def test_sheet_in_another_encoding_changes_no_file(make_content: MakeContent, sheet: Path,
                                                   encoding: str, expected: str) -> None:
    root = make_content()
    before = snapshot(root)
    export_sheet(root, sheet)
    rows = _with_valid_edit(read_sheet(sheet))
    set_cell(rows, WELCOME, "en", "Welcome to the café")
    if encoding == "cp1252":  # Excel's plain "CSV" on a Western Windows cannot hold Khmer at all
        rows = [[c if c.isascii() or c.startswith("Welcome") else "?" for c in row] for row in rows]
    write_sheet(sheet, rows, encoding=encoding)

    with pytest.raises(ContentError) as info:
        import_sheet(sheet, root)

    assert [str(p) for p in info.value.problems] == [expected]
    assert snapshot(root) == before


def test_flow_style_text_cannot_gain_a_language(make_content: MakeContent, sheet: Path) -> None:
    root = make_content({"about.yaml": TOPIC_YAML.replace(
        "    heading:\n      km: សូមស្វាគមន៍\n      en: Welcome\n", "    heading: {km: សូមស្វាគមន៍}\n")})
    before = snapshot(root)
    export_sheet(root, sheet)
    rows = read_sheet(sheet)
    set_cell(rows, WELCOME, "en", "Welcome")
    write_sheet(sheet, rows)

    with pytest.raises(ContentError) as info:
        import_sheet(sheet, root)

    assert [str(p) for p in info.value.problems] == [
        "sheet.csv:5:1: cannot add 'en' to this text automatically; add it in the YAML file"
    ]
    assert snapshot(root) == before


def test_broken_content_cannot_be_exported(make_content: MakeContent, sheet: Path) -> None:
    root = make_content({"about.yaml": TOPIC_YAML.replace("type: title", "type: peopel")})
    with pytest.raises(ContentError):
        export_sheet(root, sheet)


@pytest.mark.parametrize(
    ("field", "path"),
    [
        ("heading", ("heading",)),
        ("paragraphs[2]", ("paragraphs", 2)),
        ("people[0].bio", ("people", 0, "bio")),
    ],
)
def test_field_names_to_yaml_paths(field: str, path: tuple[str | int, ...]) -> None:
    assert field_to_path(field) == path


def test_interface_words_in_the_deck_are_in_the_sheet_and_counted(tmp_path: Path) -> None:
    import shutil

    from kiosk.core.content.loader import load_content
    from kiosk.core.content.sheet import export_sheet
    from kiosk.core.storage.paths import bundled_content_dir

    content = tmp_path / "content"
    shutil.copytree(bundled_content_dir(), content)
    deck = content / "deck.yaml"
    deck.write_text(deck.read_text(encoding="utf-8") + "interface:\n  home:\n    km: ផ្ទះ\n    en: Start\n",
                    encoding="utf-8")
    before = load_content(content).report.texts
    sheet = tmp_path / "texts.csv"
    export_sheet(content, sheet)
    rows = sheet.read_text(encoding="utf-8-sig").splitlines()
    assert "deck.yaml,,interface.home,ផ្ទះ,Start" in rows
    shutil.copytree(bundled_content_dir(), tmp_path / "plain")
    assert before == load_content(tmp_path / "plain").report.texts + 1


# -- a sheet that is refused, with row and column ---------------------------------------------------
HEADER = "file,slide,field,km,en"
WELCOME_ROW = "about.yaml,welcome,heading,សូមស្វាគមន៍,Hello"


@pytest.mark.parametrize(
    ("csv_text", "expected"),
    [
        pytest.param(
            f"{HEADER},en\n{WELCOME_ROW},Hi\n",
            ["sheet.csv:1:6: row 1, column F: column 'en' appears twice (also column E) "
             "(keep one column for each language and delete the other)"],
            id="repeated-language-column",
        ),
        pytest.param(
            f'{HEADER}\nabout.yaml,welcome,heading,"សូមស្វាគមន៍,Hello\nabout.yaml,story,heading,ក,Story\n',
            ["sheet.csv:2:4: row 2, column D: a quote (\") opens this cell and is never closed "
             "(close the quote, or save the sheet again from the spreadsheet (the file may be cut short))"],
            id="unclosed-quote",
        ),
        pytest.param(
            f'{HEADER}\nabout.yaml,welcome,heading,"សូម"ស្វាគមន៍,Hello\n',
            ["sheet.csv:2:4: row 2, column D: text follows the closing quote of this cell "
             '(put the whole cell in quotes and write each quote inside it twice (""))'],
            id="text-after-a-closing-quote",
        ),
        pytest.param(
            f"{HEADER}\n{WELCOME_ROW}\nabout.yaml,story,heading,ក,Story,,oops\n",
            ["sheet.csv:3:7: row 3, column G: a cell past the last column ('en') "
             "(move the text into its language's column, or delete the cell)"],
            id="stray-cell",
        ),
        pytest.param(
            f"{HEADER},km\n{WELCOME_ROW},,stray\nabout.yaml,story,heading,ក,Story,,more\n",
            ["sheet.csv:1:6: row 1, column F: column 'km' appears twice (also column D) "
             "(keep one column for each language and delete the other)",
             "sheet.csv:2:7: row 2, column G: a cell past the last column ('km') "
             "(move the text into its language's column, or delete the cell)",
             "sheet.csv:3:7: row 3, column G: a cell past the last column ('km') "
             "(move the text into its language's column, or delete the cell)"],
            id="every-problem-at-once",
        ),
    ],
)
def test_a_broken_sheet_is_refused_with_row_and_column(make_content: MakeContent, sheet: Path,
                                                       csv_text: str, expected: list[str]) -> None:
    root = make_content()
    before = snapshot(root)
    sheet.write_text(csv_text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        import_sheet(sheet, root)
    assert [str(p) for p in info.value.problems] == expected
    assert snapshot(root) == before


def test_empty_cells_past_the_header_are_no_problem(make_content: MakeContent, sheet: Path) -> None:
    root = make_content()
    sheet.write_text(f"{HEADER}\n{WELCOME_ROW},,\n", encoding="utf-8")  # as some spreadsheets save
    assert import_sheet(sheet, root) == 1


def test_multi_line_cells_count_as_one_row(make_content: MakeContent, sheet: Path) -> None:
    root = make_content()
    sheet.write_text(f'{HEADER}\nabout.yaml,story,heading,ក,"Two\nlines"\n{WELCOME_ROW},x\n', encoding="utf-8")
    with pytest.raises(ContentError) as info:
        import_sheet(sheet, root)
    assert [p.location.line for p in info.value.problems] == [3]


@pytest.mark.parametrize("column", [1, 5, 26, 27, 52, 703])
def test_column_names_are_the_spreadsheets(column: int) -> None:
    assert column_name(column) == {1: "A", 5: "E", 26: "Z", 27: "AA", 52: "AZ", 703: "AAA"}[column]


# -- formulas ---------------------------------------------------------------------------------------
FORMULA_LIKE = ["=HYPERLINK(\"http://x\")", "+855 12 345 678", "-5 degrees", "@home", "\tindented",
                "'quoted", "'=already guarded"]


@pytest.mark.parametrize("value", FORMULA_LIKE)
def test_export_guards_formulas_and_the_round_trip_changes_no_byte(make_content: MakeContent, sheet: Path,
                                                                   value: str) -> None:
    quoted = value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    root = make_content({"about.yaml": TOPIC_YAML.replace("en: Welcome", f'en: "{quoted}"')})
    before = snapshot(root)
    export_sheet(root, sheet)
    assert cell(read_sheet(sheet), WELCOME, "en") == "'" + value
    assert import_sheet(sheet, root) == 0
    assert snapshot(root) == before


def test_plain_texts_are_not_guarded(make_content: MakeContent, sheet: Path) -> None:
    export_sheet(make_content(), sheet)
    assert cell(read_sheet(sheet), WELCOME, "en") == "Welcome"


@pytest.mark.parametrize(("typed", "imported"), [("'=1+2", "=1+2"), ("'hello", "'hello"), ("''x", "'x"),
                                                 ("=1+2", "=1+2")])
def test_import_takes_one_guard_off(make_content: MakeContent, sheet: Path, load: Load,
                                    typed: str, imported: str) -> None:
    root = make_content()
    export_sheet(root, sheet)
    rows = read_sheet(sheet)
    set_cell(rows, WELCOME, "en", typed)
    write_sheet(sheet, rows)
    import_sheet(sheet, root)
    slide = load(root).deck.slides[0]
    assert isinstance(slide, TitleSlide)
    assert slide.heading.root["en"] == imported


@given(st.text())
def test_unguard_undoes_guard(value: str) -> None:
    assert unguard_cell(guard_cell(value)) == value
    assert not guard_cell(value).startswith(("=", "+", "-", "@", "\t", "\r"))

