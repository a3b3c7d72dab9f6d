"""The log file: repeated lines are counted, not repeated, and a failure message always names a file that exists."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.runtime import logfile
from kiosk.runtime.logfile import (
    RepeatCollapsingHandler,
    current_log_file,
    ensure_log_file,
    log_internal_error,
    setup_logging,
    start_rotation,
)


class ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname} {record.getMessage()}")


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def collapsed() -> Iterator[tuple[logging.Logger, ListHandler, FakeClock]]:
    target, clock = ListHandler(), FakeClock()
    logger = logging.getLogger("test.repeats")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    handler = RepeatCollapsingHandler(target, clock=clock)
    logger.addHandler(handler)
    yield logger, target, clock
    logger.removeHandler(handler)
    logger.propagate = True


@pytest.fixture
def clean_root(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[logging.Logger]:
    """The root logger without the test run's handlers, and a log folder in tmp_path."""
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    root = logging.getLogger()
    saved, level = root.handlers[:], root.level
    root.handlers = []
    yield root
    for handler in root.handlers:
        handler.close()
    root.handlers = saved
    root.setLevel(level)


def test_identical_lines_are_counted(collapsed: tuple[logging.Logger, ListHandler, FakeClock]) -> None:
    logger, target, _clock = collapsed
    for _ in range(20):
        logger.warning("Alt+F4 ignored in kiosk mode")
    logger.info("staff menu opened")
    assert target.lines == ["WARNING Alt+F4 ignored in kiosk mode",
                            "WARNING last message repeated 19 times",
                            "INFO staff menu opened"]


def test_lines_that_differ_are_all_written(collapsed: tuple[logging.Logger, ListHandler, FakeClock]) -> None:
    logger, target, _clock = collapsed
    logger.warning("wrong staff PIN (%d of %d)", 1, 5)
    logger.warning("wrong staff PIN (%d of %d)", 2, 5)
    logger.error("wrong staff PIN (%d of %d)", 2, 5)
    assert target.lines == ["WARNING wrong staff PIN (1 of 5)", "WARNING wrong staff PIN (2 of 5)",
                            "ERROR wrong staff PIN (2 of 5)"]


def test_endless_repeats_are_reported_once_a_minute(collapsed: tuple[logging.Logger, ListHandler, FakeClock]) -> None:
    logger, target, clock = collapsed
    for _ in range(4 * 150):  # 4 a second (exact in binary) for 150 s
        logger.warning("held key")
        clock.now += 0.25
    assert target.lines == ["WARNING held key", "WARNING last message repeated 240 times",
                            "WARNING last message repeated 240 times"]


def test_repeats_are_reported_when_logging_shuts_down(
        collapsed: tuple[logging.Logger, ListHandler, FakeClock]) -> None:
    logger, target, _clock = collapsed
    for _ in range(3):
        logger.warning("held key")
    logger.handlers[0].flush()
    assert target.lines == ["WARNING held key", "WARNING last message repeated 2 times"]


def test_the_log_file_counts_repeats(clean_root: logging.Logger) -> None:
    path = setup_logging()
    assert path is not None
    for _ in range(50):
        logging.getLogger("kiosk.features.lockdown").warning("blocked Alt+F4")
    logging.getLogger("kiosk").info("done")
    for handler in clean_root.handlers:
        handler.flush()
    lines = [line.split(" ", 2)[2] for line in path.read_text(encoding="utf-8").splitlines()]
    assert lines == ["WARNING kiosk.features.lockdown: blocked Alt+F4",
                     "WARNING kiosk.features.lockdown: last message repeated 49 times",
                     "INFO kiosk: done"]


def test_ensure_log_file_gives_a_file_that_exists(clean_root: logging.Logger, tmp_path: Path) -> None:
    path = ensure_log_file()
    assert path == tmp_path / "home" / "log" / "kiosk.log"
    assert path.is_file()
    assert ensure_log_file() == path  # set up once


def test_ensure_log_file_without_any_log_folder(clean_root: logging.Logger,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def no_folder() -> Path:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr("kiosk.core.storage.paths.log_dir", no_folder)
    path = ensure_log_file()
    assert path.is_file()
    assert path.name == logfile.LOG_FILE


def test_an_internal_error_is_in_the_file_it_names(clean_root: logging.Logger) -> None:
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        path = log_internal_error(logging.getLogger("kiosk.cli"))
    text = path.read_text(encoding="utf-8")
    assert "ERROR kiosk.cli: internal error" in text
    assert "RuntimeError: boom" in text
    assert "Traceback" in text


def test_a_log_set_up_without_rotation_rotates_once_asked(clean_root: logging.Logger,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The kiosk's start appends without logging.handlers; from its first frame on the file rotates."""
    monkeypatch.setattr("kiosk.runtime.logfile.LOG_BYTES", 200)
    path = setup_logging(rotate=False)
    assert path is not None
    for number in range(20):
        logging.getLogger("kiosk").info("before the first frame %d", number)
    assert not path.with_name(path.name + ".1").exists()  # no rotation yet: nothing lost either
    assert path.read_text(encoding="utf-8").count("before the first frame") == 20
    start_rotation()
    assert current_log_file() == path
    for number in range(20):
        logging.getLogger("kiosk").info("after it %d", number)
    for handler in clean_root.handlers:
        handler.flush()
    rotated = sorted(path.parent.glob(path.name + ".*"))
    assert [p.name for p in rotated] == [f"{path.name}.{n}" for n in range(1, logfile.LOG_BACKUPS + 1)]
    assert path.stat().st_size <= 200
    assert "after it 19" in path.read_text(encoding="utf-8")
