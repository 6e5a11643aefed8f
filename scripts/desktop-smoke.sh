#!/usr/bin/env bash
# Desktop smoke test: build the desktop app, run it in a virtual X server with a
# throw-away HOME, wait for the "ITB Companion" window, screenshot it, check the
# screenshot is not blank, close the window the way a person would (the window
# manager's close -> WM_DELETE_WINDOW), and require exit code 0.
#
# Env: SKIP_DESKTOP_BUILD=1 reuses the last binary this script built.
#      ITB_SMOKE_TIMEOUT (seconds to wait for the window, default 60).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ITB_ROOT"

# target/debug/itb-companion is replaced by whichever feature set cargo built last (cargo test
# builds the web one), so the desktop binary is copied here right after it is built.
BIN="$ITB_ROOT/target/desktop-smoke/itb-companion"
SHOT_DIR="$ITB_ROOT/target/screenshots"
LOG_DIR="$ITB_ROOT/target/test-logs"
SHOT="$SHOT_DIR/desktop.png"
APP_LOG="$LOG_DIR/desktop-app.log"
WAIT_WINDOW="${ITB_SMOKE_TIMEOUT:-60}"
MIN_COLOURS=10
mkdir -p "$SHOT_DIR" "$LOG_DIR"

# Shared desktop-test helpers (virtual X, window manager, throw-away home, launch, close),
# pointed at the binary this script builds.
export ITB_DESKTOP_BIN="$BIN"
. "$ITB_ROOT/scripts/desktop-lib.sh"
DESKTOP_TEST=desktop-smoke
fail() { desktop_fail "$@"; }

for tool in Xvfb xdotool wmctrl matchbox-window-manager import identify convert xdpyinfo dbus-run-session; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool not found; run scripts/setup.sh"
done

if [ "${SKIP_DESKTOP_BUILD:-0}" != "1" ]; then
  t0=$(date +%s)
  # JSON on stdout names the exact executable of this feature set (diagnostics still go to stderr).
  # Links made by this build point to this address (issue 17.5; tests/desktop/share.sh).
  built="$(ITB_PUBLIC_URL="${ITB_PUBLIC_URL:-https://itb-companion.example}" \
    cargo build --no-default-features --features desktop --bin itb-companion \
    --message-format=json-render-diagnostics \
    | python3 -c '
import json, sys
exe = ""
for line in sys.stdin:
    try:
        m = json.loads(line)
    except ValueError:
        continue
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "itb-companion":
        exe = m["executable"]
print(exe)
')"
  [ -n "$built" ] && [ -x "$built" ] || fail "cargo build did not report the itb-companion executable"
  mkdir -p "$(dirname "$BIN")"
  cp -f "$built" "$BIN.tmp" && mv -f "$BIN.tmp" "$BIN"
  echo "desktop-smoke: build took $(itb_elapsed "$t0")s"
fi
[ -x "$BIN" ] || fail "$BIN not built (run without SKIP_DESKTOP_BUILD=1)"

trap desktop_cleanup EXIT
trap 'exit 130' INT TERM

desktop_start_x
echo "desktop-smoke: Xvfb on $DISPLAY"

# ---- the app, with a throw-away home so it cannot touch real user data. desktop_launch sets
# CARGO_MANIFEST_DIR as `cargo run` does, so a plain cargo build loads main.css from the source
# tree. dbus-run-session gives the app a private session bus that ends with it (otherwise GTK
# autolaunches a bus, plus a document portal, that outlive the test); it exits with the app's code.
desktop_temp_home
t_launch=$(date +%s)
desktop_launch "$APP_LOG" NO_AT_BRIDGE=1 dbus-run-session --
desktop_wait_window "$WAIT_WINDOW"
echo "desktop-smoke: window $WID '$(xdotool getwindowname "$WID")' after $(itb_elapsed "$t_launch")s"

# ---- let the webview paint, then screenshot until it shows something (up to ~30s)
eval "$(xdotool getwindowgeometry --shell "$WID")" # sets X Y WIDTH HEIGHT
colours=0
for _ in $(seq 1 15); do
  sleep 2
  kill -0 "$APP_PID" 2>/dev/null || fail "the app died while painting"
  import -window root "$SHOT"
  colours="$(convert "$SHOT" -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" +repage -format '%k' info:)"
  [ "$colours" -gt "$MIN_COLOURS" ] && break
done
[ "$colours" -gt "$MIN_COLOURS" ] || fail "window looks blank: $colours colours in ${WIDTH}x${HEIGHT} (screenshot: $SHOT)"
echo "desktop-smoke: screenshot $SHOT (${WIDTH}x${HEIGHT} window, $colours colours)"

# ---- close it as a person would, and require a clean exit (code 0 within 10 s)
t_close=$(date +%s)
desktop_close
echo "desktop-smoke: closed cleanly in $(itb_elapsed "$t_close")s (exit 0)"
echo "desktop-smoke: ok"
