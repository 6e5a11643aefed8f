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

TITLE="ITB Companion"
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

fail() {
  echo "desktop-smoke: FAIL: $*" >&2
  if [ -f "$APP_LOG" ]; then
    echo "---- last lines of $APP_LOG" >&2
    tail -n 40 "$APP_LOG" >&2
  fi
  exit 1
}

for tool in Xvfb xdotool wmctrl matchbox-window-manager import identify convert xdpyinfo dbus-run-session; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool not found; run scripts/setup.sh"
done

if [ "${SKIP_DESKTOP_BUILD:-0}" != "1" ]; then
  t0=$(date +%s)
  # JSON on stdout names the exact executable of this feature set (diagnostics still go to stderr).
  built="$(cargo build --no-default-features --features desktop --bin itb-companion \
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

XVFB_PID="" WM_PID="" APP_PID="" TMP_HOME=""
cleanup() {
  local p
  for p in "$APP_PID" "$WM_PID" "$XVFB_PID"; do
    if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
      kill "$p" 2>/dev/null || true
      wait "$p" 2>/dev/null || true
    fi
  done
  itb_remove_temp_home "$TMP_HOME"
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- a virtual X server on a free display: -displayfd lets Xvfb pick the number itself, so
# two test runs at once cannot race for the same display.
DISPLAY_FILE="$(mktemp /tmp/itb-smoke-display.XXXXXX)"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$DISPLAY_FILE" >"$LOG_DIR/xvfb.log" 2>&1 &
XVFB_PID=$!
DISPLAY_NUM=""
for _ in $(seq 1 100); do
  DISPLAY_NUM="$(tr -dc '0-9' <"$DISPLAY_FILE")"
  [ -n "$DISPLAY_NUM" ] && break
  kill -0 "$XVFB_PID" 2>/dev/null || { cat "$LOG_DIR/xvfb.log" >&2; fail "Xvfb did not start"; }
  sleep 0.1
done
rm -f "$DISPLAY_FILE"
[ -n "$DISPLAY_NUM" ] || fail "Xvfb did not report its display"
export DISPLAY=":$DISPLAY_NUM"
for _ in $(seq 1 100); do
  xdpyinfo >/dev/null 2>&1 && break
  sleep 0.1
done
xdpyinfo >/dev/null 2>&1 || fail "Xvfb on $DISPLAY not answering"
echo "desktop-smoke: Xvfb on $DISPLAY"

# ---- a tiny window manager, so that closing goes through WM_DELETE_WINDOW like a click on [x]
# (Started up to 3 times and given 15 s: on a loaded 2-core machine it was once too slow.)
for attempt in 1 2 3; do
  matchbox-window-manager -use_titlebar no -use_cursor no >>"$LOG_DIR/wm.log" 2>&1 &
  WM_PID=$!
  for _ in $(seq 1 150); do
    wmctrl -m >/dev/null 2>&1 && break 2
    kill -0 "$WM_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "desktop-smoke: window manager not up (attempt $attempt); retrying" >&2
  kill "$WM_PID" 2>/dev/null || true
  sleep 1
done
wmctrl -m >/dev/null 2>&1 || { cat "$LOG_DIR/wm.log" >&2; fail "window manager did not start"; }

# ---- the app, with a throw-away home so it cannot touch real user data.
# CARGO_MANIFEST_DIR is what `cargo run` sets: with it, a binary built by plain cargo (not dx)
# loads asset!() files (main.css) from the source tree; without it, Dioxus thinks it is a
# bundled app and looks for hashed files next to the binary, which only dx creates, and the
# window shows unstyled HTML. dbus-run-session gives the app a private session bus that ends
# with it (otherwise GTK autolaunches a bus, plus a document portal, that outlive the test).
TMP_HOME="$(mktemp -d /tmp/itb-smoke-home.XXXXXX)"
mkdir -p "$TMP_HOME/.local/share" "$TMP_HOME/.config" "$TMP_HOME/.cache" "$TMP_HOME/runtime" "$TMP_HOME/tmp"
chmod 700 "$TMP_HOME/runtime"
t_launch=$(date +%s)
env HOME="$TMP_HOME" \
  XDG_DATA_HOME="$TMP_HOME/.local/share" \
  XDG_CONFIG_HOME="$TMP_HOME/.config" \
  XDG_CACHE_HOME="$TMP_HOME/.cache" \
  XDG_RUNTIME_DIR="$TMP_HOME/runtime" \
  TMPDIR="$TMP_HOME/tmp" \
  CARGO_MANIFEST_DIR="$ITB_ROOT" \
  NO_AT_BRIDGE=1 \
  dbus-run-session -- "$BIN" >"$APP_LOG" 2>&1 &
APP_PID=$! # dbus-run-session exits with the app's exit code

# ---- wait for the window
WID=""
for _ in $(seq 1 $((WAIT_WINDOW * 2))); do
  kill -0 "$APP_PID" 2>/dev/null || { wait "$APP_PID" || true; fail "the app exited before showing a window"; }
  WID="$(xdotool search --onlyvisible --name "^${TITLE}\$" 2>/dev/null | head -n 1 || true)"
  [ -n "$WID" ] && break
  sleep 0.5
done
[ -n "$WID" ] || fail "no visible window titled '$TITLE' after ${WAIT_WINDOW}s"
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

# ---- close it as a person would, and require a clean exit
wmctrl -i -c "$WID"
t_close=$(date +%s)
for _ in $(seq 1 100); do
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$APP_PID" 2>/dev/null; then
  fail "the app is still running 10s after its window was closed"
fi
rc=0
wait "$APP_PID" || rc=$?
APP_PID=""
[ "$rc" -eq 0 ] || fail "the app exited with code $rc after its window was closed"
echo "desktop-smoke: closed cleanly in $(itb_elapsed "$t_close")s (exit 0)"
echo "desktop-smoke: ok"
