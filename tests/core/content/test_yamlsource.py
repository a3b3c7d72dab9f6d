"""Tests for kiosk.core.content.yamlsource: text stays text, positions are right, bad input is refused."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core.content import yamlsource
from kiosk.core.content.yamlsource import (
    MAX_FILE_BYTES,
    decode_content_bytes,
    parse_yaml_text,
    read_yaml_file,
)
from kiosk.core.errors import ContentError, ContentProblem, Location

FUZZ = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def parse(text: str) -> Any:
    return parse_yaml_text(text, Path("t.yaml"), "t.yaml").data


def problems(text: str) -> list[tuple[str, str, str]]:
    with pytest.raises(ContentError) as info:
        parse_yaml_text(text, Path("t.yaml"), "t.yaml")
    return [(str(p.location), p.message, p.hint) for p in info.value.problems]


# YAML 1.1 turns these into booleans, numbers, dates and nulls; a content author means the text.
@pytest.mark.parametrize(
    "typed",
    ["No", "no", "yes", "Yes", "on", "off", "true", "False", "2013-01-28", "2013", "007", "0x1F",
     "1e3", "1_000", "12:30", "~", "null", "Null", ".inf", ".nan", "<b>bold</b> & <i>it</i>",
     "<script>alert('x')</script>", "Tom &amp; Jerry", "ខ្មែរ ២០១៣"],
)
def test_scalars_stay_exactly_as_typed(typed: str) -> None:
    assert parse(f"title:\n  en: {typed}\n") == {"title": {"en": typed}}


def test_explicit_str_tag_is_plain_text() -> None:
    assert parse("year: !!str 2013\n") == {"year": "2013"}


def test_empty_value_is_empty_text() -> None:
    assert parse("title:\n") == {"title": ""}


def test_spans_point_at_keys_and_values() -> None:
    text = "# comment\ntitle:\n  km: ខ្មែរ\n  en: 'Khmer'\nitems:\n  - one\n  - two\n"
    doc = parse_yaml_text(text, Path("t.yaml"), "t.yaml")
    assert doc.location(("title", "en")) == Location("t.yaml", 4, 7)
    assert doc.location(("title", "en"), key=True) == Location("t.yaml", 4, 3)
    assert doc.location(("items", 1)) == Location("t.yaml", 7, 5)
    # A path that does not exist points at its nearest existing ancestor.
    assert doc.location(("title", "vi")) == Location("t.yaml", 3, 3)
    assert doc.location(("nothing", "here")) == Location("t.yaml", 2, 1)  # the top mapping
    en = doc.values[("title", "en")]
    assert (text[en.start:en.end], en.style) == ("'Khmer'", "'")
    km = doc.values[("title", "km")]
    assert text[km.start:km.end] == "ខ្មែរ"


def test_both_parsers_report_the_same_character_offsets(monkeypatch: pytest.MonkeyPatch) -> None:
    """strings.py edits the file by these offsets, so they must be characters, not bytes."""
    text = "title:\n  km: អំពីយើង\n  en: \"About\"\nbody: |\n  ជួរទីមួយ\n  line two\nlast: ១\n"
    fast = parse_yaml_text(text, Path("t.yaml"), "t.yaml")
    monkeypatch.setattr(yamlsource, "_Loader", yaml.BaseLoader)
    slow = parse_yaml_text(text, Path("t.yaml"), "t.yaml")
    def positions(spans: dict[Any, yamlsource.Span]) -> dict[Any, tuple[int, int, int, int]]:
        return {path: (s.line, s.column, s.start, s.end) for path, s in spans.items()}

    assert positions(fast.values) == positions(slow.values)
    assert positions(fast.keys) == positions(slow.keys)
    last = slow.values[("last",)]
    assert text[last.start:last.end] == "១"


BAD_YAML = [
    pytest.param(
        "title:\n  en: Note: this\n",
        ("t.yaml:2:11", "not valid YAML: mapping values are not allowed in this context",
         "put the text in quotes if it contains ': '"),
        id="colon-space",
    ),
    pytest.param(
        "title:\n\ten: About\n",
        ("t.yaml:2:1", "not valid YAML: found character that cannot start any token",
         "use spaces, not tabs, to indent"),
        id="tab",
    ),
    pytest.param(
        "title:\n  en: \"About\n",
        ("t.yaml:2:7", "not valid YAML: found unexpected end of stream",
         "a quote is not closed; the file may be cut short"),
        id="cut-in-double-quotes",
    ),
    pytest.param(
        "title:\n  en: 'About\n  km: x\n",
        ("t.yaml:2:7", "not valid YAML: found unexpected end of stream",
         "a quote is not closed; the file may be cut short"),
        id="cut-in-single-quotes",
    ),
    pytest.param(
        "title: [About\n",
        ("t.yaml:2:1", "not valid YAML: did not find expected ',' or ']'",
         "the file may be cut short"),
        id="cut-in-list",
    ),
    pytest.param(
        "title:\n  km: a\n en: b\n",
        ("t.yaml:3:2", "not valid YAML: did not find expected key",
         "check the indentation of this line and the one above"),
        id="indentation",
    ),
    pytest.param(
        "title: @home\n",
        ("t.yaml:1:8", "not valid YAML: found character that cannot start any token",
         "put the text in quotes"),
        id="reserved-character",
    ),
    pytest.param(
        "title: *name\n",
        ("t.yaml:1:8", "aliases ('*name') are not allowed in content files",
         "write the text out in full"),
        id="alias",
    ),
    pytest.param(
        "title: &name About\n",
        ("t.yaml:1:8", "anchors ('&name') are not allowed in content files",
         "write the text out in full"),
        id="anchor",
    ),
    pytest.param(
        "title: !!python/object/apply:os.system ['ls']\n",
        ("t.yaml:1:8",
         "tags like 'tag:yaml.org,2002:python/object/apply:os.system' are not allowed",
         "remove the '!' tag; content is plain text"),
        id="python-tag",
    ),
    pytest.param(
        "title: !!int 2013\n",
        ("t.yaml:1:8", "tags like 'tag:yaml.org,2002:int' are not allowed",
         "remove the '!' tag; content is plain text"),
        id="int-tag",
    ),
    pytest.param(
        "a: b\n---\nc: d\n",
        ("t.yaml:2:1", "only one YAML document is allowed per file", "remove the '---' line"),
        id="two-documents",
    ),
    pytest.param(
        "title:\n  en: a\n  en: b\n",
        ("t.yaml:3:3", "'en' appears twice here", "remove one of them"),
        id="duplicate-key",
    ),
    pytest.param(
        "? [a, b]\n: c\n",
        ("t.yaml:1:3", "a key must be a plain word", "write 'key: value'"),
        id="list-as-key",
    ),
    pytest.param(
        "",
        ("t.yaml:1:1", "this file is empty", "it needs at least one 'key: value' line"),
        id="empty",
    ),
    pytest.param(
        "# only a comment\n   # and another\n\n",
        ("t.yaml:1:1", "this file is empty", "it needs at least one 'key: value' line"),
        id="only-comments",
    ),
    pytest.param(
        "a: " + "[" * 70 + "]" * 70 + "\n",
        ("t.yaml:1:67", "the content is nested too deeply", "check the indentation"),
        id="too-deep",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BAD_YAML)
def test_bad_yaml_is_reported_with_place_and_hint(text: str,
                                                  expected: tuple[str, str, str]) -> None:
    assert problems(text) == [expected]


def test_document_start_marker_alone_is_fine() -> None:
    assert parse("---\na: b\n") == {"a": "b"}


def test_billion_laughs_is_refused_at_the_first_anchor() -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    assert problems("\n".join(lines) + "\n") == [
        ("t.yaml:1:4", "anchors ('&name') are not allowed in content files",
         "write the text out in full")
    ]


def test_python_tag_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "created-by-yaml"
    payload = f"title: !!python/object/apply:os.mkdir ['{marker}']\n"
    with pytest.raises(ContentError):
        parse(payload)
    assert not marker.exists()
    # The payload is live: an unsafe loader does run it, so the assertion above can fail.
    yaml.unsafe_load(payload)
    assert marker.is_dir()


UTF16 = ("t.yaml:1:1", "this file is UTF-16, not UTF-8", "save it as UTF-8")
BAD_BYTES = [
    pytest.param(codecs.BOM_UTF16_LE + "a: b\n".encode("utf-16-le"), UTF16, id="utf-16-le"),
    pytest.param(codecs.BOM_UTF16_BE + "a: b\n".encode("utf-16-be"), UTF16, id="utf-16-be"),
    pytest.param(
        "a: b\n".encode("utf-16-le"),
        ("t.yaml:1:1", "this file looks like UTF-16 without a byte-order mark", "save it as UTF-8"),
        id="utf-16-no-bom",
    ),
    pytest.param(
        "a: b\n".encode("utf-32"),
        ("t.yaml:1:1", "this file is UTF-32, not UTF-8", "save it as UTF-8"),
        id="utf-32",
    ),
    pytest.param(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        ("t.yaml:3:1", "this is not a text file (it contains binary data)",
         "content files must be YAML text saved as UTF-8"),
        id="png",
    ),
    pytest.param(
        "title:\n  en: Café\n".encode("cp1252"),
        ("t.yaml:2:10", "this file is not valid UTF-8 text",
         "save it as UTF-8 (in Notepad: Save as > Encoding > UTF-8)"),
        id="windows-1252",
    ),
]


@pytest.mark.parametrize(("raw", "expected"), BAD_BYTES)
def test_undecodable_bytes_are_refused(raw: bytes, expected: tuple[str, str, str]) -> None:
    with pytest.raises(ContentError) as info:
        decode_content_bytes(raw, "t.yaml")
    assert [(str(p.location), p.message, p.hint) for p in info.value.problems] == [expected]


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (codecs.BOM_UTF8 + "a: ខ្មែរ\n".encode(), "a: ខ្មែរ\n"),
        ("a: ខ្មែរ\r\n".encode(), "a: ខ្មែរ\r\n"),
    ],
)
def test_utf8_with_or_without_bom_decodes(raw: bytes, text: str) -> None:
    assert decode_content_bytes(raw, "t.yaml") == text


def test_read_yaml_file_of_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as info:
        read_yaml_file(tmp_path, "t.yaml")
    assert info.value.problems == [
        ContentProblem(Location("t.yaml"), "this is a folder, but a YAML file is expected here",
                       "name a .yaml file, not a folder")
    ]


def test_read_yaml_file_that_is_missing(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as info:
        read_yaml_file(tmp_path / "nope.yaml", "nope.yaml")
    assert info.value.problems == [
        ContentProblem(Location("nope.yaml"), "file not found",
                       "check the spelling of the file name")
    ]


def test_read_yaml_file_with_a_name_too_long_for_the_file_system(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as info:
        read_yaml_file(tmp_path / ("x" * 300 + ".yaml"), "long.yaml")
    assert [str(p) for p in info.value.problems] == [
        "long.yaml: cannot read this file (File name too long)"
    ]


def test_read_yaml_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: b\n" + b"# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    with pytest.raises(ContentError) as info:
        read_yaml_file(path, "big.yaml")
    assert [str(p) for p in info.value.problems] == [
        "big.yaml: file is too large (1025 KiB; the limit is 1024 KiB) "
        "(split it into smaller topic files)"
    ]


def test_read_yaml_file_just_under_the_limit_loads(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    body = b"a: b\n" + b"# padding\n" * ((MAX_FILE_BYTES - 5) // 10)
    assert len(body) <= MAX_FILE_BYTES
    path.write_bytes(body)
    assert read_yaml_file(path, "big.yaml").data == {"a": "b"}


@FUZZ
@given(text=st.text())
def test_any_text_parses_or_raises_content_error(text: str) -> None:
    try:
        parse_yaml_text(text, Path("t.yaml"), "t.yaml")
    except ContentError as exc:
        problems: list[object] = list(exc.problems)
    else:
        problems = ["(parsed)"]
    assert problems  # a ContentError always says what is wrong


@FUZZ
@given(raw=st.binary(max_size=300))
def test_any_bytes_read_or_raise_content_error(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(raw)
    try:
        read_yaml_file(path, "fuzz.yaml")
    except ContentError as exc:
        problems: list[object] = list(exc.problems)
    else:
        problems = ["(read)"]
    assert problems


class _NoAliasDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


SURROGATES: list[Literal["Cs"]] = ["Cs"]
# PyYAML's writer mangles the YAML 1.1 line breaks NEL, LS and PS: its bug, not the reader's.
_plain_text = st.text(
    st.characters(blacklist_categories=SURROGATES, blacklist_characters="\x85\u2028\u2029"),
    max_size=12,
)
_trees = st.recursive(
    _plain_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_plain_text, inner, max_size=4),
    max_leaves=20,
)


@FUZZ
@given(tree=_trees)
def test_structured_yaml_gives_back_the_same_text(tree: Any) -> None:
    """Whatever lists, mappings and texts a YAML writer produces, we read back unchanged as text."""
    text = yaml.dump(tree, Dumper=_NoAliasDumper, allow_unicode=True)
    assert parse(text) == yaml.load(text, Loader=yaml.BaseLoader) == tree
