"""The long fuzz: hypothesis over the content loader and the translators' sheet import.

Asserts that only ContentError ever escapes, and that an import that is refused changes no file
(an accepted one leaves content that still loads). The unit suite fuzzes lightly (tests/core);
this runs ``--examples`` per target (10,000 in the full benchmark run).
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core.content.loader import load_content
from kiosk.core.content.sheet import export_sheet, import_sheet
from kiosk.core.errors import ContentError
from kiosk.core.storage.assets import available_icons
from kiosk.core.storage.paths import assets_dir

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
# comment kept by import
title:
  km: អំពី
  en: About
icon: heart
slides:
  - id: welcome
    type: title
    heading:
      km: សូមស្វាគមន៍
      en: Welcome
    subtitle: {km: "រង", en: 'Sub'}
  - id: body
    type: text
    heading:
      km: ក្បាល
      en: Heading
    paragraphs:
      - km: |
          បន្ទាត់មួយ
          បន្ទាត់ពីរ
        en: >
          folded
          text
      - km: ទីពីរ
"""
FILES = {"deck.yaml": DECK, "about.yaml": TOPIC}
ICONS = available_icons(assets_dir())

_scalars = st.one_of(st.text(max_size=20), st.sampled_from(["No", "yes", "2013-01-28", "~", "null", "1e3",
                                                            "km", "en", "review", "title", "text"]))
_keys = st.sampled_from(["name", "short_name", "languages", "topics", "code", "title", "icon", "slides",
                         "id", "type", "heading", "paragraphs", "km", "en", "review", "people", "image",
                         "items", "events", "date", "text", "x"]) | st.text(max_size=8)
_trees = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(_keys, inner, max_size=5), max_leaves=25)


def _fresh(root: Path) -> Path:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for name, text in FILES.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(root.iterdir()) if p.is_file()}


class Failures:
    def __init__(self) -> None:
        self.items: list[str] = []
        self.accepted_imports = 0

    def add(self, target: str, detail: str) -> None:
        if len(self.items) < 20:
            self.items.append(f"{target}: {detail}")


def _load_only_content_error(root: Path, failures: Failures, target: str, data: Any) -> None:
    try:
        load_content(root, icons=ICONS)
    except ContentError:
        pass
    except Exception:  # anything else is the bug this fuzz looks for
        failures.add(target, f"{data!r:.200} -> {traceback.format_exc(limit=3)}")


def fuzz_loader(work: Path, examples: int, failures: Failures) -> int:
    root = work / "content"
    count = 0
    conf = settings(max_examples=examples, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))

    @conf
    @given(name=st.sampled_from(sorted(FILES)), data=st.one_of(
        st.text(max_size=400).map(lambda t: ("text", t)),
        st.binary(max_size=400).map(lambda b: ("bytes", b)),
        _trees.map(lambda t: ("tree", t)),
        st.tuples(st.integers(0, len(TOPIC)), st.integers(0, 40), st.text(max_size=12))
        .map(lambda m: ("mutate", m)),
    ))
    def one(name: str, data: tuple[str, Any]) -> None:
        nonlocal count
        count += 1
        _fresh(root)
        kind, value = data
        path = root / name
        if kind == "text":
            path.write_text(value, encoding="utf-8", errors="surrogatepass")
        elif kind == "bytes":
            path.write_bytes(value)
        elif kind == "tree":
            path.write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
        else:
            start, length, insert = value
            text = FILES[name]
            start = min(start, len(text))
            path.write_text(text[:start] + insert + text[start + length:], encoding="utf-8",
                            errors="surrogatepass")
        _load_only_content_error(root, failures, f"loader/{kind}", value)

    one()
    return count


def fuzz_import(work: Path, examples: int, failures: Failures) -> int:
    root = work / "sheet-content"
    sheet = work / "texts.csv"
    _fresh(root)
    export_sheet(root, sheet)
    exported = sheet.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(exported)))
    count = 0
    accepted = [0]
    cells = st.one_of(st.text(max_size=30), st.sampled_from(["", "No", "a: b", "#x", "- y", "|", "'q'",
                                                             '"', "\n", "line\nline", " lead", "trail "]))
    conf = settings(max_examples=examples, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))

    @conf
    @given(edits=st.lists(st.tuples(st.integers(0, len(rows)), st.integers(0, 5), cells), max_size=6),
           extra_rows=st.lists(st.lists(cells, max_size=6), max_size=2),
           raw=st.one_of(st.none(), st.binary(max_size=200)))
    def one(edits: list[tuple[int, int, str]], extra_rows: list[list[str]], raw: bytes | None) -> None:
        nonlocal count
        count += 1
        _fresh(root)
        before = _snapshot(root)
        table = [list(r) for r in rows]
        for row, column, value in edits:
            if row < len(table):
                while len(table[row]) <= column:
                    table[row].append("")
                table[row][column] = value
        table.extend(extra_rows)
        if raw is not None:
            sheet.write_bytes(raw)
        else:
            out = io.StringIO()
            csv.writer(out).writerows(table)
            sheet.write_text(out.getvalue(), encoding="utf-8-sig", errors="surrogatepass")
        try:
            import_sheet(sheet, root)
        except ContentError:
            if _snapshot(root) != before:
                failures.add("import", f"refused import changed files: {edits!r:.200}")
            return
        except Exception:
            failures.add("import", f"{edits!r:.200} {raw!r:.80} -> {traceback.format_exc(limit=3)}")
            return
        accepted[0] += 1
        try:
            load_content(root, icons=ICONS)
        except ContentError as exc:
            failures.add("import", f"accepted import left invalid content: {exc}"[:300])

    one()
    failures.accepted_imports = accepted[0]
    return count


def main() -> None:
    from benchmarks.probe_support import report

    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=10_000)
    args = parser.parse_args()
    failures = Failures()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kiosk-fuzz-") as tmp:
        loader = fuzz_loader(Path(tmp), args.examples, failures)
        loaded_at = time.perf_counter()
        imported = fuzz_import(Path(tmp), args.examples, failures)
    report({"loader_examples": loader, "import_examples": imported, "failures": failures.items,
            "accepted_imports": failures.accepted_imports,
            "loader_s": loaded_at - started, "import_s": time.perf_counter() - loaded_at})


if __name__ == "__main__":
    main()
