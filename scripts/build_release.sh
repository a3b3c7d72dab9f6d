#!/usr/bin/env bash
# Build the Linux release archive from a checkout with the dev extra installed:
#
#   scripts/build_release.sh      ->  dist/kiosk-<version>-linux-x86_64.tar.gz (+ .sha256)
#
# Builds dist/kiosk/ afresh with PyInstaller (kiosk.spec), checks the size budget, runs the smoke
# test (scripts/smoke_frozen.sh) and packs the folder as kiosk/ inside the archive.
# The version comes from kiosk/__init__.py. See docs/building.md.
set -euo pipefail
cd "$(dirname "$0")/.."

BUDGET_BYTES=120000000  # 120 MB unpacked

version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' kiosk/__init__.py)
[ -n "$version" ] || { echo "no __version__ in kiosk/__init__.py" >&2; exit 1; }
arch=$(uname -m)
archive="dist/kiosk-$version-linux-$arch.tar.gz"

[ -d dist/kiosk ] && chmod -R u+w dist/kiosk  # the smoke test leaves it read-only
pyinstaller --noconfirm --clean --log-level WARN kiosk.spec

size=$(du -sb dist/kiosk | cut -f1)
echo "dist/kiosk: $(du -sh dist/kiosk | cut -f1) ($size bytes, budget $BUDGET_BYTES)"
[ "$size" -le "$BUDGET_BYTES" ] || { echo "dist/kiosk is over the size budget" >&2; exit 1; }

bash scripts/smoke_frozen.sh dist/kiosk
chmod -R u+w dist/kiosk

rm -f "$archive" "$archive.sha256"
tar -C dist --owner=0 --group=0 --numeric-owner -czf "$archive" kiosk
(cd dist && sha256sum "$(basename "$archive")" > "$(basename "$archive").sha256")
echo "Wrote $archive ($(du -h "$archive" | cut -f1)); sha256 in $archive.sha256"
