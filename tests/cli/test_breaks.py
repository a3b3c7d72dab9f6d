"""Tests for `kiosk breaks`: a | before every place a line may start, exactly as Qt will break the slides."""

from __future__ import annotations

import argparse
import io
import re
from pathlib import Path

import pytest

from kiosk.cli import breaks, parse_args
from kiosk.cli.common import EXIT_CONTENT, EXIT_OK

ROOT_CONTENT = Path(__file__).resolve().parents[2] / "content"


def parse(argv: list[str]) -> argparse.Namespace:
    args = parse_args(["breaks", *argv])  # the real command line
    assert isinstance(args, argparse.Namespace)
    return args


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = breaks.run(parse(argv))
    return code, capsys.readouterr().out.splitlines()


def test_texts_from_the_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = run(["មីរ៉ូ ត្រូវបានបង្កើតឡើង នៅថ្ងៃទី ៧ មិថុនា ២០១២។",
                       "MIRO was founded on 7 June 2012 with ACTED-PSF and JRS-Cambodia."], capsys)
    assert code == EXIT_OK
    assert lines == [
        "មីរ៉ូ |ត្រូវ|បាន|បង្កើត|ឡើង |នៅ|ថ្ងៃទី ៧ មិថុនា ២០១២។",
        "MIRO |was |founded |on |7 June 2012 |with |ACTED-PSF |and |JRS-Cambodia.",
    ]


def test_texts_from_standard_input(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("ផ្សេង ៗ ទេ ?\n{seconds} វិនាទី\n"))
    code, lines = run([], capsys)
    assert code == EXIT_OK
    assert lines == ["ផ្សេង ៗ |ទេ ?", "{seconds} វិនាទី"]


def test_the_deck_names_apply(capsys: pytest.CaptureFixture[str]) -> None:
    _code, lines = run(["ការងាររបស់លោក នួន សុវណ្ណរិទ្ធ"], capsys)
    assert lines == ["ការងារ|របស់|លោក នួន សុវណ្ណរិទ្ធ"]


def test_every_khmer_text_of_a_deck_with_file_and_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = run(["--content", "content"], capsys)
    assert code == EXIT_OK
    assert len(lines) > 70
    date_line = next(n for n, line in enumerate(
        (ROOT_CONTENT / "background.yaml").read_text(encoding="utf-8").splitlines(), start=1)
        if line.strip() == "km: ៧ មិថុនា ២០១២")
    assert f"content/background.yaml:{date_line}: ៧ មិថុនា ២០១២" in lines
    name_line = next(n for n, line in enumerate(
        (ROOT_CONTENT / "leadership.yaml").read_text(encoding="utf-8").splitlines(), start=1)
        if line.strip() == "km: លោក ស៊ួន ប៊ុតម៉ៅ")
    assert f"content/leadership.yaml:{name_line}: លោក ស៊ួន ប៊ុតម៉ៅ" in lines
    for line in lines:
        assert re.match(r"content/[a-z]+\.yaml:\d+: ", line), line
        text = line.split(": ", 1)[1]
        assert not re.search(r"\|[។៖ៗ?!)»]", text), line
        for whole in ("មីរ៉ូ", "ប៊ុតម៉ៅ", "សុវណ្ណរិទ្ធ", "មន្ត្រី", "សំខាន់ៗ", "ផលប្រយោជន៍", "២៨ មករា ២០១៣"):
            assert text.count(whole) == text.replace("|", "").count(whole), f"{whole} broken in {line}"


def test_a_broken_folder_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    code = breaks.run(parse(["--content", "/nonexistent/content"]))
    assert code == EXIT_CONTENT
    assert "content folder not found" in capsys.readouterr().err
