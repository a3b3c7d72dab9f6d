"""``KIOSK_SELFTEST=1 dist/kiosk/kiosk`` reports what the frozen app's bundle finds, and exits.

The first of the two entry scripts in kiosk.spec: PyInstaller runs it after its runtime hooks (so
Qt and pkgutil are set up) and before kiosk/__main__.py. Without the variable it does nothing.
Used by scripts/smoke_frozen.sh, tests/test_frozen.py and the Windows workflow: the content and
assets folders, the fonts, that every kiosk module imports (none needs an excluded module), and
that Khmer line breaking found ICU. Prints ``key: value`` lines and exits 0 (1 if something is
missing). Writes nothing.
"""

import os
import sys


def _import_all_kiosk_modules() -> tuple[int, list[str]]:
    """Import every bundled kiosk module; return the failures (e.g. needing an excluded module)."""
    import importlib
    import pkgutil

    import kiosk

    failed, count = [], 0
    for module in pkgutil.walk_packages(kiosk.__path__, "kiosk."):
        if module.name == "kiosk.__main__":  # importing it starts the kiosk
            continue
        count += 1
        try:
            importlib.import_module(module.name)
        except Exception as error:  # report every failure, not only the first
            failed.append(f"{module.name} ({type(error).__name__}: {error})")
    if count < 10:  # the walk itself did not work: say so rather than pass silently
        failed.append(f"only {count} kiosk modules found")
    return count, failed


def _selftest() -> int:
    from kiosk import __version__
    from kiosk.core.storage import paths
    from kiosk.core.text.linebreak import default_breaker
    from kiosk.views.fonts import KHMER_PACKAGE, LATIN_PACKAGE, locate_font_file

    method = default_breaker().method
    fonts = {package: locate_font_file(package) for package in (KHMER_PACKAGE, LATIN_PACKAGE)}
    lines = {
        "version": __version__,
        "frozen": str(paths.is_frozen()),
        "bundle": str(getattr(sys, "_MEIPASS", "")),
        "bundled_content": str(paths.bundled_content_dir()),
        "content": str(paths.default_content_dir()),
        "assets": str(paths.assets_dir()),
        "linebreak": method,
    }
    lines.update({f"font {package}": str(found) for package, found in fonts.items()})
    count, failed = _import_all_kiosk_modules()
    lines["modules"] = "FAILED " + "; ".join(failed) if failed else f"{count} kiosk modules import"
    for key, value in lines.items():
        print(f"{key}: {value}")
    ok = (
        (paths.bundled_content_dir() / "deck.yaml").is_file()
        and (paths.assets_dir() / "theme" / "kiosk.qss").is_file()
        and all(fonts.values())
        and not failed
    )
    print("selftest:", "OK" if ok else "FAILED")
    return 0 if ok else 1


if os.environ.get("KIOSK_SELFTEST"):
    sys.stdout.flush()
    sys.exit(_selftest())
