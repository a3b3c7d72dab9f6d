#!/usr/bin/env bash
# Smoke test of the frozen kiosk (dist/kiosk from `pyinstaller kiosk.spec`), run by .ci/run and
# scripts/build_release.sh. Every run of the app has a clean environment: no Python on PATH, an
# empty HOME, and the app folder made read-only; afterwards nothing in it may have changed.
#
#   scripts/smoke_frozen.sh [APP_DIR]        (default: dist/kiosk)
set -euo pipefail
cd "$(dirname "$0")/.."

APP=$(cd "${1:-dist/kiosk}" && pwd)
EXE="$APP/kiosk"
TMP=$(mktemp -d)
trap 'chmod -R u+w "$APP" "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
fail() { echo "smoke test FAILED: $*" >&2; exit 1; }

# A clean environment: nothing from the build machine, no Python reachable through PATH.
# (each run at most 2 minutes, so a hang fails the test instead of stalling CI)
run() { timeout 120 env -i HOME="$TMP/home" PATH=/nonexistent QT_QPA_PLATFORM=offscreen "$@"; }
mkdir -p "$TMP/home"

chmod -R a-w "$APP"
touch "$TMP/stamp"

# 1. The bundle finds its content, assets, fonts and Qt's ICU (Khmer line breaking).
run KIOSK_SELFTEST=1 "$EXE" | tee "$TMP/selftest.txt"
grep -q '^selftest: OK' "$TMP/selftest.txt" || fail "selftest"
grep -q '^linebreak: ICU dictionary' "$TMP/selftest.txt" || fail "Khmer line breaking does not use ICU"
grep -q "^content: $APP/_internal/kiosk/content\$" "$TMP/selftest.txt" || fail "not the bundled content"

# 2. `kiosk check` on the bundled content.
run "$EXE" check | tee "$TMP/check.txt"
slides=$(sed -n 's/^OK: \([0-9][0-9]*\) slides.*/\1/p' "$TMP/check.txt")
[ -n "$slides" ] || fail "kiosk check gave no summary"

# The staff PIN (hashlib.scrypt needs the bundled OpenSSL libcrypto); saved under HOME.
echo 482600 | run "$EXE" set-pin --pin-stdin || fail "kiosk set-pin"

# 3. Every slide and the home screen drawn in Khmer.
run "$EXE" render --out "$TMP/km" --lang km
pngs=$(find "$TMP/km" -name '*.km.png' | wc -l)
[ "$pngs" -eq $((slides + 1)) ] || fail "rendered $pngs PNGs, expected $((slides + 1))"

# 4. Nothing was written into the app folder.
changed=$(find "$APP" -newer "$TMP/stamp" | head -5)
[ -z "$changed" ] || fail "the app wrote into its own folder: $changed"

# 5. A content/ folder beside the executable replaces the bundled content.
chmod -R u+w "$APP"
cp -a "$APP" "$TMP/app"
cp -r "$APP/_internal/kiosk/content" "$TMP/app/content"
# The first English text in deck.yaml is the organisation's name (shown on the home screen).
sed -i '0,/^  en: .*/s//  en: Smoke Test Organisation/' "$TMP/app/content/deck.yaml"
grep -q 'Smoke Test Organisation' "$TMP/app/content/deck.yaml" || fail "could not edit deck.yaml"
run KIOSK_SELFTEST=1 "$TMP/app/kiosk" | grep -qx "content: $TMP/app/content" \
  || fail "content/ beside the executable is not used"
run "$TMP/app/kiosk" check >/dev/null || fail "check of the content beside the app"
run "$EXE" render --out "$TMP/before" --lang en --slide home >/dev/null
run "$TMP/app/kiosk" render --out "$TMP/after" --lang en --slide home >/dev/null
! cmp -s "$TMP/before/home.en.png" "$TMP/after/home.en.png" || fail "edited content had no effect"
# ... and an error in it is reported as FILE:LINE.
printf 'idle_timeout: [\n' >> "$TMP/app/content/deck.yaml"
if run "$TMP/app/kiosk" check 2> "$TMP/broken.txt"; then fail "broken content passed check"; fi
grep -q 'deck.yaml:[0-9]' "$TMP/broken.txt" || fail "no FILE:LINE in: $(cat "$TMP/broken.txt")"

# 6. A real window on an X server (the xcb plugin and the X libraries in the bundle), if Xvfb is here.
xcb="xcb skipped (no xvfb-run or xdotool)"
if command -v xvfb-run >/dev/null 2>&1 && command -v xdotool >/dev/null 2>&1; then
  cat > "$TMP/x.sh" <<SCRIPT
#!/bin/sh
env -i HOME="$TMP/home" PATH=/nonexistent DISPLAY="\$DISPLAY" XAUTHORITY="\$XAUTHORITY" \\
  QT_QPA_PLATFORM=xcb "$EXE" --windowed --no-restart &
pid=\$!
for i in \$(seq 1 80); do
  if xdotool search --pid \$pid >/dev/null 2>&1 && kill -0 \$pid 2>/dev/null; then
    kill \$pid; wait \$pid; exit 0
  fi
  sleep 0.25
done
kill \$pid 2>/dev/null; wait \$pid; exit 1
SCRIPT
  chmod +x "$TMP/x.sh"
  timeout 60 xvfb-run -a -s "-screen 0 1280x800x24" "$TMP/x.sh" || fail "no kiosk window on Xvfb (xcb)"
  xcb="window shown on Xvfb (xcb)"
fi

echo "smoke test OK: $slides slides, $pngs Khmer PNGs, content beside the app used, app folder unchanged, $xcb"
