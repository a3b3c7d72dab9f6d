#!/usr/bin/env bash
# Refresh docs/screenshots/staff/: the real kiosk on a virtual X server (Xvfb), driven with
# xdotool as staff drive it (five taps in the top-left corner, the PIN on the pad), in Khmer and
# English. Needs the Debian packages xvfb, xdotool and imagemagick (for `import`).
# Usage: scripts/staff_screenshots.sh [OUT_DIR]   (default: docs/screenshots/staff)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots/staff}
mkdir -p "$out"
work=$(mktemp -d)
trap 'kill "${kiosk_pid:-0}" "${xvfb_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
display=:57
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$display QT_QPA_PLATFORM=xcb KIOSK_HOME="$work/home"
sleep 1
pin=135790
echo "$pin" | kiosk set-pin --pin-stdin >/dev/null
# A copy of the bundled content that goes idle after 10 s, for the idle prompt and attract loop.
cp -r content "$work/content"
sed -i 's/^idle_timeout: .*/idle_timeout: 10/' "$work/content/deck.yaml"

shot() { sleep "${2:-1.5}"; import -window root "$out/$1.png"; echo "wrote $out/$1.png"; }
tap() { xdotool mousemove "$1" "$2" click 1; sleep 0.15; }
corner() { for _ in 1 2 3 4 5; do tap 6 6; done; }
pad() { for digit in $(echo "$1" | grep -o .); do xdotool type "$digit"; sleep 0.1; done; xdotool key Return; }

start() {
  kiosk --no-restart --lang "$1" --content "$work/content" >/dev/null 2>&1 &
  kiosk_pid=$!
  sleep 4
}
stop() { kill "$kiosk_pid"; wait "$kiosk_pid" 2>/dev/null || true; }

for lang in km en; do
  start "$lang"
  corner; shot "pin-pad.$lang"
  pad "$pin"; shot "staff-menu.$lang"
  stop
done
# Nobody touches it: after idle_timeout the countdown prompt, after the countdown the attract loop.
start km
tap 960 700  # a visit: a topic tile opens a slide
shot idle-prompt 10.5
shot attract 12
stop
