"""Safe mode's reason, passed by the supervisor, and the content it shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.content.ui_words import DEFAULTS, UiText
from kiosk.core.diagnostics import DiagnosticFacts, diagnostic_rows
from kiosk.runtime.safemode import SAFE_MODE_ENV, SafeModeReason, safe_mode_content, safe_mode_reason


@pytest.mark.parametrize(
    ("environ", "asked", "expected"),
    [
        ({}, False, None),
        ({}, True, SafeModeReason.ASKED),
        ({SAFE_MODE_ENV: "crashes"}, False, SafeModeReason.CRASHES),
        ({SAFE_MODE_ENV: "hang"}, True, SafeModeReason.HANG),  # the supervisor's reason wins
        ({SAFE_MODE_ENV: "still-crashing"}, False, SafeModeReason.STILL_CRASHING),
        ({SAFE_MODE_ENV: "nonsense"}, False, SafeModeReason.CRASHES),  # fail closed: still safe mode
    ],
)
def test_the_reason_comes_from_the_supervisor_or_the_flag(environ: dict[str, str], asked: bool,
                                                          expected: SafeModeReason | None) -> None:
    assert safe_mode_reason(asked, environ) is expected


def test_safe_mode_shows_the_last_good_copy_and_the_bundled_content_only_when_crashes_go_on(tmp_path: Path) -> None:
    last_good, bundled = tmp_path / "last-good" / "v-1", tmp_path / "bundled"
    assert safe_mode_content(SafeModeReason.CRASHES, last_good, bundled) == last_good
    assert safe_mode_content(SafeModeReason.HANG, last_good, bundled) == last_good
    assert safe_mode_content(SafeModeReason.CRASHES, None, bundled) == bundled
    assert safe_mode_content(SafeModeReason.STILL_CRASHING, last_good, bundled) == bundled


@pytest.mark.parametrize("reason", list(SafeModeReason))
def test_every_reason_is_worded_in_khmer_and_english_for_review(reason: SafeModeReason) -> None:
    words = DEFAULTS[reason.words]
    assert words["km"]
    assert words["en"]
    assert words["review"] == "km"


def test_the_diagnostics_page_says_safe_mode_and_why(tmp_path: Path) -> None:
    facts = DiagnosticFacts(version="1", content_dir=tmp_path, slides=1, topics=0, languages=["en"], texts=1,
                            awaiting_review=0, missing_translations=0,
                            safe_mode_reason=SafeModeReason.HANG.words)
    rows = diagnostic_rows(facts, lambda key: DEFAULTS[key]["en"]).rows
    row = next(r for r in rows if r.label == "Safe mode")
    assert row.problem
    assert row.value == DEFAULTS[UiText.SAFE_MODE_HANG]["en"]
