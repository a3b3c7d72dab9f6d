"""Handing freed memory back at rest."""

from __future__ import annotations

import sys

import pytest

from kiosk.runtime.memory import _malloc_trim, release_free_memory


def test_release_free_memory_runs_the_collector_and_trims(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    def collect() -> int:
        calls.append("collect")
        return 0

    monkeypatch.setattr("kiosk.runtime.memory.gc.collect", collect)
    release_free_memory()
    assert calls == ["collect"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")
def test_glibc_trim_is_found_on_linux() -> None:
    assert _malloc_trim() is not None
