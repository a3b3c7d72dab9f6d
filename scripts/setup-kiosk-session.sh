#!/usr/bin/env bash
# Sets a Debian/Ubuntu laptop up as a dedicated MIRO kiosk: its own user, automatic login on tty1
# straight into the kiosk (under the cage kiosk compositor, or a bare X server with no desktop),
# started again whenever it exits. Safe to run again: it changes only what differs.
# See docs/kiosk-session.md.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: sudo scripts/setup-kiosk-session.sh [OPTIONS]

  --kiosk PATH      the kiosk executable (default: /opt/miro-kiosk/kiosk/kiosk, from the release archive)
  --user NAME       the kiosk's own user (default: kiosk)
  --session KIND    cage (default: the Wayland kiosk compositor) or xinit (a bare X server, no desktop)
  --content DIR     the content folder the kiosk shows (default: the one beside the kiosk executable)
  --dry-run         print what would be done, change nothing (needs no root)
  --prefix DIR      write the files under DIR instead of /, skip users, packages and services (for tests)
  -h, --help        this text
EOF
}

KIOSK=/opt/miro-kiosk/kiosk/kiosk
KIOSK_USER=kiosk
SESSION=cage
CONTENT=
DRY_RUN=0
PREFIX=

while [[ $# -gt 0 ]]; do
    case "$1" in
        --kiosk) KIOSK=${2:?--kiosk needs a path}; shift 2 ;;
        --user) KIOSK_USER=${2:?--user needs a name}; shift 2 ;;
        --session) SESSION=${2:?--session needs cage or xinit}; shift 2 ;;
        --content) CONTENT=${2:?--content needs a folder}; shift 2 ;;
        --dry-run) DRY_RUN=1; shift ;;
        --prefix) PREFIX=${2:?--prefix needs a folder}; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "setup-kiosk-session: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
done

fail() { echo "setup-kiosk-session: $*" >&2; exit 1; }

case "$SESSION" in cage|xinit) ;; *) fail "--session must be cage or xinit, not '$SESSION'" ;; esac
[[ "$KIOSK_USER" =~ ^[a-z_][a-z0-9_-]*$ ]] || fail "'$KIOSK_USER' is not a valid user name"
if [[ $DRY_RUN -eq 0 && -z "$PREFIX" && $EUID -ne 0 ]]; then
    fail "run it as root (sudo), or with --dry-run to see what it would do"
fi
if [[ $DRY_RUN -eq 0 && -z "$PREFIX" && ! -x "$KIOSK" ]]; then
    fail "no kiosk executable at $KIOSK: unpack the release archive into /opt/miro-kiosk, or pass --kiosk"
fi

SYSTEM=$([[ -z "$PREFIX" ]] && echo 1 || echo 0)  # 0: users, packages and services are left alone
HOME_DIR="/home/$KIOSK_USER"
CHANGED=0

say() { echo "$*"; }

# run CMD...: run a command that changes the system (printed, and only printed with --dry-run).
run() {
    if [[ $DRY_RUN -eq 1 ]]; then say "would run: $*"; return 0; fi
    say "run: $*"
    "$@"
}

# put_file PATH MODE OWNER CONTENT: write PATH (under --prefix) only when its content or mode differs.
put_file() {
    local path="$PREFIX$1" mode="$2" owner="$3" content="$4"
    if [[ -f "$path" ]] && [[ "$(cat "$path")" == "$content" ]] && [[ "$(stat -c %a "$path")" == "$mode" ]]; then
        say "unchanged: $1"
        return 0
    fi
    CHANGED=1
    if [[ $DRY_RUN -eq 1 ]]; then
        say "would write: $1 (mode $mode, owner $owner)"
        printf '%s\n' "$content" | sed 's/^/    | /'
        return 0
    fi
    say "write: $1"
    mkdir -p "$(dirname "$path")"
    local temp
    temp=$(mktemp "$(dirname "$path")/.setup-kiosk.XXXXXX")
    printf '%s\n' "$content" > "$temp"
    chmod "$mode" "$temp"
    if [[ $SYSTEM -eq 1 ]]; then chown "$owner" "$temp"; fi
    mv -f "$temp" "$path"
}

# ---------------------------------------------------------------------------- packages
if [[ "$SESSION" == cage ]]; then
    PACKAGES=(cage xwayland libwayland-cursor0)  # Qt's wayland plugin needs libwayland-cursor
else
    PACKAGES=(xserver-xorg-core xserver-xorg-input-libinput xinit x11-xserver-utils)
fi
# Qt's xcb platform needs these under X and under cage's Xwayland alike (README, "system packages").
PACKAGES+=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 fontconfig)
if [[ $SYSTEM -eq 1 ]]; then
    MISSING=()
    for package in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || MISSING+=("$package")
    done
    if [[ ${#MISSING[@]} -gt 0 ]]; then
        CHANGED=1
        run apt-get install -y --no-install-recommends "${MISSING[@]}"
    else
        say "unchanged: packages (${PACKAGES[*]})"
    fi
fi

# ---------------------------------------------------------------------------- the kiosk's own user
if [[ $SYSTEM -eq 1 ]]; then
    if id -u "$KIOSK_USER" >/dev/null 2>&1; then
        say "unchanged: user $KIOSK_USER exists"
    else
        CHANGED=1
        run useradd --create-home --shell /bin/bash --comment "MIRO kiosk" "$KIOSK_USER"
        run passwd --lock "$KIOSK_USER"  # automatic login needs no password; nobody can log in with one
    fi
    for group in video input render audio; do
        getent group "$group" >/dev/null || continue
        if id -nG "$KIOSK_USER" 2>/dev/null | tr ' ' '\n' | grep -qx "$group"; then continue; fi
        CHANGED=1
        run usermod --append --groups "$group" "$KIOSK_USER"
    done
fi

# ---------------------------------------------------------------------------- the session
CONTENT_ARG=${CONTENT:+ --content \"$CONTENT\"}
if [[ "$SESSION" == cage ]]; then
    START="cage -d -- \"\$KIOSK\"$CONTENT_ARG"
    PLATFORM="export QT_QPA_PLATFORM=wayland"
else
    put_file /usr/local/lib/miro-kiosk/xsession 755 root:root "#!/bin/sh
# The X session: no desktop, no window manager, only the kiosk. (setup-kiosk-session.sh)
xset s off -dpms s noblank 2>/dev/null || true
exec \"$KIOSK\"$CONTENT_ARG"
    put_file /etc/X11/xorg.conf.d/10-miro-kiosk.conf 644 root:root 'Section "ServerFlags"
    Option "DontVTSwitch" "true"
    Option "DontZap" "true"
EndSection'
    START="xinit /usr/local/lib/miro-kiosk/xsession -- :0 vt1 -nolisten tcp -keeptty"
    PLATFORM="export QT_QPA_PLATFORM=xcb"
fi

put_file /usr/local/bin/miro-kiosk-session 755 root:root "#!/bin/sh
# Runs the kiosk for the automatic login on tty1, and starts it again whenever it ends
# (a crash the kiosk's own supervisor gave up on, staff's Exit, a power-button mishap).
# Written by scripts/setup-kiosk-session.sh; docs/kiosk-session.md says how to leave kiosk mode.
KIOSK=\"$KIOSK\"
$PLATFORM
pause=2
while :; do
    started=\$(date +%s)
    $START
    # A kiosk that ends at once, again and again, waits longer each time (at most 30 s).
    if [ \$((\$(date +%s) - started)) -lt 10 ]; then pause=\$((pause * 2)); else pause=2; fi
    [ \$pause -gt 30 ] && pause=30
    sleep \$pause
done"

put_file "$HOME_DIR/.bash_profile" 644 "$KIOSK_USER:$KIOSK_USER" "# Written by scripts/setup-kiosk-session.sh: the automatic login on tty1 goes straight into the kiosk.
if [ -z \"\$WAYLAND_DISPLAY\" ] && [ -z \"\$DISPLAY\" ] && [ \"\$(tty)\" = /dev/tty1 ]; then
    exec /usr/local/bin/miro-kiosk-session
fi"

GETTY_DROPIN=/etc/systemd/system/getty@tty1.service.d/miro-kiosk-autologin.conf
BEFORE=$CHANGED
CHANGED=0
put_file "$GETTY_DROPIN" 644 root:root "[Service]
ExecStart=
ExecStart=-/sbin/agetty --autologin $KIOSK_USER --noclear %I \$TERM"
if [[ $SYSTEM -eq 1 && $CHANGED -eq 1 ]]; then
    run systemctl daemon-reload
    run systemctl set-default multi-user.target  # no desktop login screen before the kiosk
fi
CHANGED=$((CHANGED | BEFORE))

if [[ $CHANGED -eq 0 ]]; then
    say "nothing to change: this laptop is already a $SESSION kiosk for user $KIOSK_USER"
elif [[ $DRY_RUN -eq 1 ]]; then
    say "dry run: nothing was changed"
else
    say "done: restart the laptop (sudo reboot) and it starts into the kiosk"
fi
