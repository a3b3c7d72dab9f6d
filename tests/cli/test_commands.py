"""Tests for the command line: `kiosk check` answers a broken folder with FILE:LINE:COL lines."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.app import main
from kiosk.cli.common import EXIT_CONTENT, EXIT_OK, EXIT_USAGE
from kiosk.core.content.schema import render_schemas
from kiosk.core.storage.assets import available_icons
from kiosk.core.storage.paths import assets_dir, bundled_content_dir

CHECK_LIMIT_S = 2.0  # the promise for any broken folder

DECK = """\
name:
  km: អង្គការ
  en: Organisation
short_name:
  km: អង្គ
  en: Org
languages:
  - code: km
    name: ខ្មែរ
  - code: en
    name: English
topics:
  - about.yaml
"""

TOPIC = """\
title:
  km: អំពីយើង
  en: About us
slides:
  - id: welcome
    type: title
    heading:
      km: សូមស្វាគមន៍
      en: Welcome
"""

A = "content/about.yaml"
SUMMARY = re.compile(
    r"OK: \d+ slides in \d+ topics, languages km, en; (\d+) texts, \1 awaiting review, "
    r"0 missing a language"
)
Content = Callable[..., Path]


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Content:
    """Write a small content folder to tmp_path/content and work from tmp_path.

    Keyword arguments replace files; a name ending in ``__`` makes a folder, ``__`` stands for '/'.
    """
    monkeypatch.chdir(tmp_path)

    def write(**files: str | bytes | None) -> Path:
        root = tmp_path / "content"
        root.mkdir()
        for name, data in {"deck.yaml": DECK, "about.yaml": TOPIC, **files}.items():
            path = root / name.replace("__", "/")
            if name.endswith("__"):
                path.mkdir(parents=True)
            elif isinstance(data, bytes):
                path.write_bytes(data)
            elif data is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(data, encoding="utf-8")
        return root

    return write


def edit(old: str, new: str, text: str = TOPIC) -> str:
    assert old in text
    return text.replace(old, new, 1)


def run_check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str, float]:
    start = time.perf_counter()
    code = main(["check", *args])
    elapsed = time.perf_counter() - start
    out, err = capsys.readouterr()
    return code, out, err, elapsed


def test_check_shipped_content(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err, _ = run_check(capsys, str(bundled_content_dir()))
    assert (code, err) == (EXIT_OK, "")
    assert out.endswith("\n")
    assert SUMMARY.fullmatch(out.rstrip("\n")), out


def test_check_without_a_folder_checks_the_bundled_content(
        capsys: pytest.CaptureFixture[str]) -> None:
    bundled = run_check(capsys, str(bundled_content_dir()))
    default = run_check(capsys)
    assert default[:3] == bundled[:3]


def test_check_verbose_lists_missing_translations(capsys: pytest.CaptureFixture[str],
                                                   content: Content) -> None:
    root = content(**{"about.yaml": edit("      en: Welcome\n", "")})
    code, out, err, _ = run_check(capsys, "--verbose", str(root))
    assert (code, err) == (EXIT_OK, "")
    assert out.splitlines() == [
        "missing 'en': about.yaml welcome heading",
        "OK: 1 slides in 1 topics, languages km, en; 4 texts, 0 awaiting review, "
        "1 missing a language",
    ]


ALIAS_BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n"
    for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)
LARGE = TOPIC + "# a long comment line to make the file large\n" * 25_000
WITH_MORE = DECK + "  - more.yaml\n"
NO_HEADING = "    heading:\n      km: សូមស្វាគមន៍\n      en: Welcome\n"


@pytest.mark.parametrize(
    ("files", "lines"),
    [
        pytest.param(
            {"about.yaml": edit("en: Welcome", "en: Welcome: home")},
            [f"{A}:9:18: not valid YAML: mapping values are not allowed in this context "
             "(put the text in quotes if it contains ': ')"],
            id="yaml-syntax",
        ),
        pytest.param(
            {"about.yaml": edit("    heading:", "\theading:")},
            [f"{A}:7:1: not valid YAML: found a tab character that violates indentation "
             "(use spaces, not tabs, to indent)"],
            id="tab",
        ),
        pytest.param(
            {"about.yaml": TOPIC[:TOPIC.index("en: Welcome")] + 'en: "Welc'},
            [f"{A}:9:11: not valid YAML: found unexpected end of stream "
             "(a quote is not closed; the file may be cut short)"],
            id="truncated",
        ),
        pytest.param(
            {"about.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"},
            [f"{A}:3:1: this is not a text file (it contains binary data) "
             "(content files must be YAML text saved as UTF-8)"],
            id="binary",
        ),
        pytest.param(
            {"about.yaml": edit("en: About us", "en: Café").encode("cp1252", "replace")},
            [f"{A}:3:10: this file is not valid UTF-8 text "
             "(save it as UTF-8 (in Notepad: Save as > Encoding > UTF-8))"],
            id="not-utf8",
        ),
        pytest.param(
            {"about.yaml": TOPIC.encode("utf-16")},
            [f"{A}:1:1: this file is UTF-16, not UTF-8 (save it as UTF-8)"],
            id="utf16",
        ),
        pytest.param(
            {"about.yaml": ""},
            [f"{A}:1:1: this file is empty (it needs at least one 'key: value' line)"],
            id="empty",
        ),
        pytest.param(
            {"about.yaml": LARGE},
            [f"{A}: file is too large (1099 KiB; the limit is 1024 KiB) "
             "(split it into smaller topic files)"],
            id="too-large",
        ),
        pytest.param(
            {"about.yaml": ALIAS_BOMB},
            [f"{A}:1:4: anchors ('&name') are not allowed in content files "
             "(write the text out in full)"],
            id="alias-bomb",
        ),
        pytest.param(
            {"about.yaml": edit("en: Welcome", "en:\n        - Welcome")},
            [f"{A}:10:9: 'en' should be a text, not a list "
             "(put the text on the same line after the colon)"],
            id="list-for-text",
        ),
        pytest.param(
            {"about.yaml": edit(NO_HEADING, "    heading: Welcome\n")},
            [f"{A}:7:14: 'heading' needs a text in every language, not a single text "
             "(write it as a line for each language, e.g.  km: ...  and  en: ...)"],
            id="string-for-text",
        ),
        pytest.param(
            {"about.yaml": edit("    heading:", "    haeding:")},
            [f"{A}:5:5: 'heading' is missing (add 'heading:' with a line for each language)",
             f"{A}:7:5: unknown field 'haeding' (did you mean 'heading'?)"],
            id="unknown-key",
        ),
        pytest.param(
            {"about.yaml": edit("type: title", "type: peopel")},
            [f"{A}:6:11: unknown slide type 'peopel' (did you mean 'people'?)"],
            id="unknown-slide-type",
        ),
        pytest.param(
            {"about.yaml": edit("      km: សូមស្វាគមន៍\n", "")},
            [f"{A}:8:7: this text has no 'km' version ('km' is the deck's default language) "
             "(every text needs the default language; other languages may follow later)"],
            id="no-default-language",
        ),
        pytest.param(
            {"about.yaml": edit("en: Welcome", "en: Welcome\n      fr: Bienvenue")},
            [f"{A}:10:7: 'fr' is not a language of this deck "
             "(languages are declared in deck.yaml)"],
            id="unknown-language",
        ),
        pytest.param(
            {"about.yaml": TOPIC + "    image: ../secret.png\n"},
            [f"{A}:10:12: 'image': '../secret.png' points outside the content folder "
             "(copy the file into the content folder and name it from there)"],
            id="image-outside",
        ),
        pytest.param(
            {"about.yaml": TOPIC + "    image: /etc/passwd\n"},
            [f"{A}:10:12: 'image': '/etc/passwd' is an absolute path "
             "(give the path inside the content folder, e.g. images/photo.jpg)"],
            id="image-absolute",
        ),
        pytest.param(
            {"deck.yaml": WITH_MORE, "more.yaml": TOPIC},
            ["content/more.yaml:5:9: slide id 'welcome' is used twice "
             f"(first at {A}:5:9) (give every slide its own id)"],
            id="duplicate-slide-id",
        ),
        pytest.param(
            {"deck.yaml": WITH_MORE, "more.yaml__": None},
            ["content/deck.yaml:14:5: 'more.yaml' is a folder, but a topic file is expected "
             "(name a .yaml file)"],
            id="topic-is-folder",
        ),
        pytest.param(
            {"deck.yaml": WITH_MORE},
            ["content/deck.yaml:14:5: topic file 'more.yaml' not found "
             "(create content/more.yaml)"],
            id="missing-topic",
        ),
        pytest.param(
            {"about.yaml": edit("      en: Welcome", "      en: Welcome\n      en: Hello")},
            [f"{A}:10:7: 'en' appears twice here (remove one of them)"],
            id="duplicate-key",
        ),
    ],
)
def test_check_broken_content(capsys: pytest.CaptureFixture[str], content: Content,
                              files: dict[str, str | bytes | None], lines: list[str]) -> None:
    root = content(**files)
    code, out, err, elapsed = run_check(capsys, str(root))
    assert (code, out) == (EXIT_CONTENT, "")
    assert err.splitlines() == [*lines, f"{len(lines)} problem(s) found."]
    assert "Traceback" not in err
    assert elapsed < CHECK_LIMIT_S


@pytest.mark.parametrize(("image", "what"), [("images/photo.jpg", "not found"),
                                             ("images", "a folder, not a file")])
def test_check_image_that_is_not_a_file(capsys: pytest.CaptureFixture[str], content: Content,
                                        image: str, what: str) -> None:
    root = content(**{"about.yaml": TOPIC + f"    image: {image}\n", "images__": None})
    code, _, err, _ = run_check(capsys, str(root))
    assert code == EXIT_CONTENT
    assert err.splitlines() == [
        f"{A}:10:12: 'image': file '{image}' is {what} (put the file at {root / image})",
        "1 problem(s) found.",
    ]


def test_check_never_runs_a_python_tag(capsys: pytest.CaptureFixture[str], content: Content,
                                       tmp_path: Path) -> None:
    marker = tmp_path / "created-by-yaml"
    payload = f"en: !!python/object/apply:os.mkdir ['{marker}']"
    root = content(**{"about.yaml": edit("en: Welcome", payload)})
    code, _, err, _ = run_check(capsys, str(root))
    assert code == EXIT_CONTENT
    assert err.splitlines()[0] == (
        f"{A}:9:11: tags like 'tag:yaml.org,2002:python/object/apply:os.mkdir' are not allowed "
        "(remove the '!' tag; content is plain text)"
    )
    assert not marker.exists()


def test_check_reports_all_problems_at_once(capsys: pytest.CaptureFixture[str],
                                            content: Content) -> None:
    peopel = edit("type: title", "type: peopel")
    topic = edit("en: About us", "en: About us\n  fr: À propos", peopel)
    root = content(**{"deck.yaml": DECK + "idle_timeout: ninety\n", "about.yaml": topic})
    code, _, err, _ = run_check(capsys, str(root))
    assert code == EXIT_CONTENT
    assert err.splitlines() == [
        f"{A}:4:3: 'fr' is not a language of this deck (languages are declared in deck.yaml)",
        f"{A}:7:11: unknown slide type 'peopel' (did you mean 'people'?)",
        "content/deck.yaml:14:15: 'idle_timeout' should be a whole number, not 'ninety'",
        "3 problem(s) found.",
    ]


def test_check_missing_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err, _ = run_check(capsys, "nowhere")
    assert (code, out) == (EXIT_CONTENT, "")
    assert err.splitlines() == [
        "nowhere: content folder not found (give the folder that holds deck.yaml)",
        "1 problem(s) found.",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "--bogus"], "kiosk: error: unrecognized arguments: --bogus"),
        (["frobnicate"], "kiosk: error: argument COMMAND: invalid choice: 'frobnicate'"),
        (["strings"], "kiosk strings: error: the following arguments are required: ACTION"),
        (["strings", "export", "content"],
         "kiosk strings export: error: the following arguments are required: FILE.csv"),
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str],
                             message: str) -> None:
    assert main(argv) == EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines()[-1].startswith(message)


def test_version_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == EXIT_OK
    assert capsys.readouterr().out.startswith("kiosk ")


def test_strings_round_trip_from_the_command_line(capsys: pytest.CaptureFixture[str],
                                                  content: Content) -> None:
    root = content()
    before = (root / "about.yaml").read_bytes()
    assert main(["strings", "export", str(root), "sheet.csv"]) == EXIT_OK
    assert main(["strings", "import", "sheet.csv", str(root)]) == EXIT_OK
    assert capsys.readouterr().out.splitlines() == [
        "Wrote 4 texts to sheet.csv",
        f"Updated 0 texts in {root}",
    ]
    assert (root / "about.yaml").read_bytes() == before


def test_strings_import_of_a_bad_sheet_exits_1(capsys: pytest.CaptureFixture[str],
                                              content: Content, tmp_path: Path) -> None:
    root = content()
    (tmp_path / "sheet.csv").write_bytes("file,slide,field,km,en\n".encode("utf-16"))
    assert main(["strings", "import", "sheet.csv", str(root)]) == EXIT_CONTENT
    assert capsys.readouterr().err.splitlines() == [
        "sheet.csv:1:1: this sheet is saved as UTF-16 "
        "(save it as 'CSV UTF-8 (comma delimited)')",
        "1 problem(s) found.",
    ]


def test_schema_command_writes_the_schema(capsys: pytest.CaptureFixture[str], content: Content,
                                          tmp_path: Path) -> None:
    root = content()
    assert main(["schema", str(root), "--out", str(tmp_path / "out")]) == EXIT_OK
    expected = render_schemas(root, available_icons(assets_dir()))
    for name, text in expected.items():
        assert (tmp_path / "out" / name).read_text(encoding="utf-8") == text
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_python_m_kiosk_check_prints_no_traceback(content: Content, tmp_path: Path) -> None:
    root = content(**{"about.yaml": edit("type: title", "type: peopel")})
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "kiosk", "check", str(root)], cwd=tmp_path,
                            capture_output=True, text=True, encoding="utf-8", timeout=60,
                            check=False)
    elapsed = time.perf_counter() - start
    assert result.returncode == EXIT_CONTENT
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{A}:6:11: unknown slide type 'peopel' (did you mean 'people'?)",
        "1 problem(s) found.",
    ]
    assert elapsed < 10  # includes starting Python; `kiosk check` itself imports no Qt


# -- odd files: pipes, devices, link loops, unreadable files ---------------------------------------
def check_in_a_subprocess(root: Path, cwd: Path) -> tuple[int, str]:
    """``kiosk check`` as staff run it; a hang fails the test instead of freezing it."""
    try:
        result = subprocess.run([sys.executable, "-m", "kiosk", "check", str(root)], cwd=cwd,
                                capture_output=True, text=True, encoding="utf-8", timeout=30,
                                check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("kiosk check hung")
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    return result.returncode, result.stderr


ODD_TOPIC_FILES: dict[str, tuple[Callable[[Path], object], str]] = {
    "named pipe": (os.mkfifo, "this is a named pipe, not a file"),
    "link to /dev/zero": (lambda path: path.symlink_to("/dev/zero"), "this is a device, not a file"),
    "link loop": (lambda path: path.symlink_to(path),
                  "this is a symbolic link that loops (or links too deep)"),
}


@pytest.mark.parametrize(("make", "what"), ODD_TOPIC_FILES.values(), ids=ODD_TOPIC_FILES.keys())
def test_check_an_odd_topic_file_answers_at_once(content: Content, tmp_path: Path,
                                                 make: Callable[[Path], object], what: str) -> None:
    root = content(**{"about.yaml": None})
    make(root / "about.yaml")
    code, err = check_in_a_subprocess(root, tmp_path)
    assert code == EXIT_CONTENT
    hint = ("point the link at the real file, or copy the file here" if "link" in what
            else "content files must be ordinary files: put the YAML file itself here")
    assert err.splitlines() == [f"{A}: {what} ({hint})", "1 problem(s) found."]


def test_check_a_deck_file_that_is_a_pipe(content: Content, tmp_path: Path) -> None:
    root = content(**{"deck.yaml": None})
    os.mkfifo(root / "deck.yaml")
    code, err = check_in_a_subprocess(root, tmp_path)
    assert code == EXIT_CONTENT
    assert err.splitlines()[0] == (
        "content/deck.yaml: this is a named pipe, not a file "
        "(content files must be ordinary files: put the YAML file itself here)")


def _two_link_loop(path: Path) -> None:
    path.with_name("b.jpg").symlink_to(path)
    path.symlink_to("b.jpg")


ODD_PHOTOS: dict[str, tuple[Callable[[Path], object], str, str]] = {
    "link loop": (lambda path: path.symlink_to(path), "a symbolic link that loops (or links too deep)",
                  "point the link at the real file, or copy the file here"),
    "two links in a loop": (lambda path: _two_link_loop(path),
                            "a symbolic link that loops (or links too deep)",
                            "point the link at the real file, or copy the file here"),
    "named pipe": (os.mkfifo, "a named pipe, not a file", "put the picture file itself here"),
}


@pytest.mark.parametrize(("make", "what", "hint"), ODD_PHOTOS.values(), ids=ODD_PHOTOS.keys())
def test_check_an_odd_photo_is_a_located_problem(content: Content, tmp_path: Path,
                                                 make: Callable[[Path], object], what: str, hint: str) -> None:
    root = content(**{"about.yaml": TOPIC + "    image: images/photo.jpg\n", "images__": None})
    make(root / "images" / "photo.jpg")
    code, err = check_in_a_subprocess(root, tmp_path)
    assert code == EXIT_CONTENT
    assert err.splitlines() == [f"{A}:10:12: 'image': file 'images/photo.jpg' is {what} ({hint})",
                                "1 problem(s) found."]


def _refuse_to_open(monkeypatch: pytest.MonkeyPatch, refused: Path) -> None:
    """``refused`` cannot be opened, as a file of another user (chmod means nothing to root)."""
    real_open = os.open

    def opener(name: object, *args: object, **kwargs: object) -> int:
        if Path(str(name)).absolute() == refused.absolute():
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("kiosk.core.storage.safefile.os.open", opener)


def test_check_an_unreadable_topic_file(capsys: pytest.CaptureFixture[str], content: Content,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    root = content()
    _refuse_to_open(monkeypatch, root / "about.yaml")
    code, _out, err, _ = run_check(capsys, str(root))
    assert code == EXIT_CONTENT
    assert err.splitlines() == [
        f"{A}: cannot read this file (permission denied) (let the user the kiosk runs as read it)",
        "1 problem(s) found."]


def test_check_an_unreadable_photo(capsys: pytest.CaptureFixture[str], content: Content,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = content(**{"about.yaml": TOPIC + "    image: images/photo.jpg\n", "images__photo.jpg": "jpeg"})
    _refuse_to_open(monkeypatch, root / "images" / "photo.jpg")
    code, _out, err, _ = run_check(capsys, str(root))
    assert code == EXIT_CONTENT
    assert err.splitlines() == [
        f"{A}:10:12: 'image': file 'images/photo.jpg' is not readable (permission denied) "
        "(let the user the kiosk runs as read it)",
        "1 problem(s) found."]


def test_check_flags_a_bidi_override_with_its_place(capsys: pytest.CaptureFixture[str], content: Content) -> None:
    root = content(**{"about.yaml": edit("en: Welcome", "en: Wel\u202ecome")})
    code, _out, err, _ = run_check(capsys, str(root))
    assert code == EXIT_CONTENT
    assert err.splitlines() == [
        f"{A}:9:14: invisible direction control U+202E (RIGHT-TO-LEFT OVERRIDE) in this text "
        "(delete it: it silently reorders the letters visitors read; Khmer and English need no direction marks)",
        "1 problem(s) found."]
