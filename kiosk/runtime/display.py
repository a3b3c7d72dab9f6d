"""A kiosk that cannot open the screen: what is missing, the command that installs it, and where the log is.

Qt ends the process (SIGABRT) when no platform plugin loads, after logging why. The supervisor
reads the log lines of that start; :func:`display_failure` tells whether this was it, and
:func:`explain` words it for the person at the keyboard: the missing system libraries (found with
``ldd`` on the plugin) and the ``apt-get install`` line, or the display that cannot be reached.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

#: Qt's last words when no platform plugin could be loaded.
QT_NO_PLATFORM = "no Qt platform plugin could be initialized"
_PLUGIN = re.compile(r'Could not load the Qt platform plugin "([\w-]+)"')
_NO_DISPLAY = "could not connect to display"
#: What Qt's xcb plugin needs on Debian/Ubuntu, all of it (the README's list).
XCB_PACKAGES = ("libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 "
                "libdbus-1-3 libglib2.0-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 "
                "libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1")


@dataclass(frozen=True)
class DisplayFailure:
    """The platform plugin Qt could not load, and what stood in its way."""

    plugin: str
    missing: tuple[str, ...]  # shared libraries (sonames) the plugin needs and the system lacks
    no_display: bool  # the plugin loaded but found no display to talk to


def display_failure(log_text: str, *, missing: Callable[[str], tuple[str, ...]] | None = None
                    ) -> DisplayFailure | None:
    """The display failure these log lines tell of, or None when they tell of something else."""
    if QT_NO_PLATFORM not in log_text:
        return None
    found = _PLUGIN.search(log_text)
    plugin = found.group(1) if found else "xcb"
    libraries = (missing or missing_libraries)(plugin)
    return DisplayFailure(plugin, libraries, not libraries and _NO_DISPLAY in log_text)


def plugin_file(plugin: str) -> Path | None:
    """Qt's platform plugin library for ``plugin`` (``xcb`` -> ``.../platforms/libqxcb.so``)."""
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    candidates = sorted(folder.glob(f"libq{plugin}.so*")) if folder.is_dir() else []
    return candidates[0] if candidates else None


def missing_libraries(plugin: str, *, run: Callable[[list[str]], str] | None = None) -> tuple[str, ...]:
    """The shared libraries ``ldd`` says the plugin needs and cannot find (empty when it cannot tell)."""
    library = plugin_file(plugin)
    ldd = shutil.which("ldd")
    if library is None or (ldd is None and run is None):
        return ()
    try:
        output = (run or _run)([ldd or "ldd", str(library)])
    except (OSError, subprocess.SubprocessError):
        return ()
    return tuple(dict.fromkeys(line.split("=>")[0].strip() for line in output.splitlines()
                               if "=> not found" in line))


def _run(cmd: list[str]) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=10, check=False).stdout


def debian_package(soname: str) -> str:
    """Debian's package for a library: ``libxcb-icccm.so.4`` -> ``libxcb-icccm4``, ``libxkbcommon-x11.so.0``
    -> ``libxkbcommon-x11-0`` (a hyphen before the version when the name ends in a digit)."""
    name, _, version = soname.partition(".so.")
    major = version.split(".")[0]
    if not major:
        return name
    return f"{name}-{major}" if name[-1:].isdigit() else f"{name}{major}"


def explain(failure: DisplayFailure, log_file: Path | None, environ: Mapping[str, str]) -> str:
    """The message for the terminal: what is wrong, how to fix it, where the log is."""
    lines = [f'kiosk: cannot open the screen: Qt\'s "{failure.plugin}" platform plugin did not start.']
    if failure.missing:
        packages = " ".join(dict.fromkeys(debian_package(name) for name in failure.missing))
        lines += [f"  Missing system libraries: {', '.join(failure.missing)}",
                  f"  Install them (Debian/Ubuntu): sudo apt-get install {packages}"]
    elif failure.no_display:
        where = f'DISPLAY="{environ["DISPLAY"]}"' if environ.get("DISPLAY") else "DISPLAY is not set"
        lines += [f"  No display to show it on ({where}).",
                  "  Start it in the desktop session (or set DISPLAY to a running X server)."]
    else:
        lines += ["  Qt needs these system libraries (Debian/Ubuntu):",
                  f"  sudo apt-get install {XCB_PACKAGES}"]
    lines.append(f"  The log file says more: {log_file}" if log_file else "  No log file could be written.")
    return "\n".join(lines)
