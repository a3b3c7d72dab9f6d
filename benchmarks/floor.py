"""The floor: the least a PySide6 program can do — a full-screen window with one label — timed to its first paint.

Every kiosk figure is compared with this program, run alternately in the same session, so the
machine's speed and load cancel out of the ratio.
"""

from __future__ import annotations

import sys


def main() -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLabel

    from benchmarks.probe_support import SCREEN_H, SCREEN_W, exit_after_first_paint

    app = QApplication(sys.argv[:1])
    label = QLabel("Hello")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setGeometry(0, 0, SCREEN_W, SCREEN_H)
    watcher = exit_after_first_paint(label)
    label.showFullScreen()
    app.exec()
    del watcher


if __name__ == "__main__":
    main()
