# shellcheck shell=bash
# Shared helpers for the desktop tests: a virtual X server, a tiny window manager, the app in
# a throw-away home, waiting for its window, closing it as a person would. Source it after
# scripts/env.sh; call desktop_cleanup from an EXIT trap.

DESKTOP_TITLE="ITB Companion"
# The app writes dates in the device locale's order (words::date): the tests expect day first
# ("Sun 3 Jan 2027"), whatever the locale of the machine running them. C.UTF-8 always exists.
export LC_ALL=C.UTF-8
# ITB_DESKTOP_BIN: a binary that no other build can replace mid-test (scripts/test-all.sh passes
# target/desktop-smoke/itb-companion; target/debug/itb-companion is whatever cargo built last,
# and `cargo test` builds the web feature set there).
DESKTOP_BIN="${ITB_DESKTOP_BIN:-$ITB_ROOT/target/debug/itb-companion}"
DESKTOP_LOGS="$ITB_ROOT/target/test-logs"
mkdir -p "$DESKTOP_LOGS"
XVFB_PID="" WM_PID="" APP_PID="" TMP_HOME="" MON_PID="" DUNST_PID="" A11Y_BUS_PID=""

# Runs the calling test script again inside a private D-Bus session bus (once: the second run
# finds ITB_IN_DBUS_SESSION set and goes on). With DESKTOP_DBUS_LOG=name, the bus daemon's and
# the portal's chatter (stderr) goes to $DESKTOP_LOGS/name, and inside the session the script's
# own messages go to stdout.
desktop_in_dbus_session() {
  if [ -z "${ITB_IN_DBUS_SESSION:-}" ]; then
    if [ -n "${DESKTOP_DBUS_LOG:-}" ]; then
      exec env ITB_IN_DBUS_SESSION=1 dbus-run-session -- bash "$0" "$@" 2>>"$DESKTOP_LOGS/$DESKTOP_DBUS_LOG"
    fi
    exec env ITB_IN_DBUS_SESSION=1 dbus-run-session -- bash "$0" "$@"
  fi
  if [ -n "${DESKTOP_DBUS_LOG:-}" ]; then
    exec 2>&1
  fi
}

desktop_fail() {
  echo "${DESKTOP_TEST:-desktop}: FAIL: $*" >&2
  [ -f "${APP_LOG:-}" ] && { echo "---- last lines of $APP_LOG" >&2; tail -n 30 "$APP_LOG" >&2; }
  exit 1
}

desktop_cleanup() {
  local p
  for p in "$APP_PID" "$MON_PID" "$DUNST_PID" "$A11Y_BUS_PID" "$WM_PID" "$XVFB_PID"; do
    if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
      kill "$p" 2>/dev/null || true
      wait "$p" 2>/dev/null || true
    fi
  done
  itb_remove_temp_home "$TMP_HOME"
  return 0
}

# Starts Xvfb on a free display and a window manager (so closing sends WM_DELETE_WINDOW).
desktop_start_x() {
  # -displayfd: Xvfb picks a free display itself, so parallel runs cannot race for one.
  local dfile n=""
  dfile="$(mktemp /tmp/itb-desktop-display.XXXXXX)"
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$dfile" >"$DESKTOP_LOGS/xvfb-$$.log" 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 1 100); do
    n="$(tr -dc '0-9' <"$dfile")"
    [ -n "$n" ] && break
    kill -0 "$XVFB_PID" 2>/dev/null || desktop_fail "Xvfb did not start (see $DESKTOP_LOGS/xvfb-$$.log)"
    sleep 0.1
  done
  rm -f "$dfile"
  [ -n "$n" ] || desktop_fail "Xvfb did not report its display"
  DISPLAY=":$n"
  export DISPLAY
  for _ in $(seq 1 100); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
  xdpyinfo >/dev/null 2>&1 || desktop_fail "Xvfb on $DISPLAY not answering"
  # Up to 3 starts of 15 s each: on a loaded 2-core machine it was once too slow.
  local attempt
  for attempt in 1 2 3; do
    matchbox-window-manager -use_titlebar no -use_cursor no >>"$DESKTOP_LOGS/wm-$$.log" 2>&1 &
    WM_PID=$!
    for _ in $(seq 1 150); do
      wmctrl -m >/dev/null 2>&1 && return 0
      kill -0 "$WM_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill "$WM_PID" 2>/dev/null || true
    sleep 1
  done
  desktop_fail "window manager did not start"
}

# Makes a throw-away HOME (and XDG folders) in $TMP_HOME.
desktop_temp_home() {
  TMP_HOME="$(mktemp -d /tmp/itb-desktop-home.XXXXXX)"
  mkdir -p "$TMP_HOME/.local/share" "$TMP_HOME/.config" "$TMP_HOME/.cache" "$TMP_HOME/runtime" "$TMP_HOME/tmp"
  chmod 700 "$TMP_HOME/runtime"
}

# The accessibility (AT-SPI) bus, which WebKitGTK publishes the page's DOM on (roles, names,
# text), started and enabled inside the D-Bus session, for tests/desktop/a11y_driver.py. $1: its
# log's name. Sets A11Y_BUS_PID (desktop_cleanup stops it).
desktop_start_a11y_bus() {
  local launcher=/usr/libexec/at-spi-bus-launcher
  [ -x "$launcher" ] || desktop_fail "$launcher not found (apt-get install at-spi2-core)"
  /usr/bin/python3 -c 'import gi; gi.require_version("Atspi", "2.0"); from gi.repository import Atspi' 2>/dev/null \
    || desktop_fail "python3 AT-SPI bindings missing (apt-get install python3-gi gir1.2-atspi-2.0)"
  "$launcher" --launch-immediately >"$DESKTOP_LOGS/$1" 2>&1 &
  A11Y_BUS_PID=$!
  for _ in $(seq 1 50); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.a11y.Bus 2>/dev/null | grep -q true && break
    sleep 0.1
  done
  dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus \
    org.freedesktop.DBus.Properties.Set string:org.a11y.Status string:IsEnabled variant:boolean:true >/dev/null \
    || desktop_fail "the AT-SPI bus did not start (see $DESKTOP_LOGS/$1)"
}

# desktop_launch LOGFILE [VAR=value ...]: starts the app in $TMP_HOME with extra env.
desktop_launch() {
  APP_LOG="$1"; shift
  # CARGO_MANIFEST_DIR as `cargo run` sets it: a plain cargo build then loads asset!() files
  # (main.css) from the source tree instead of looking for dx-bundled copies beside the binary.
  env HOME="$TMP_HOME" XDG_DATA_HOME="$TMP_HOME/.local/share" XDG_CONFIG_HOME="$TMP_HOME/.config" \
    XDG_CACHE_HOME="$TMP_HOME/.cache" XDG_RUNTIME_DIR="$TMP_HOME/runtime" TMPDIR="$TMP_HOME/tmp" \
    CARGO_MANIFEST_DIR="$ITB_ROOT" \
    "$@" "$DESKTOP_BIN" >"$APP_LOG" 2>&1 &
  APP_PID=$!
}

# Waits (up to $1 seconds) for the app's visible window; sets WID.
desktop_wait_window() {
  WID=""
  for _ in $(seq 1 $(( ${1:-60} * 2 ))); do
    kill -0 "$APP_PID" 2>/dev/null || desktop_fail "the app exited before showing a window"
    WID="$(xdotool search --onlyvisible --name "^${DESKTOP_TITLE}\$" 2>/dev/null | head -n 1 || true)"
    [ -n "$WID" ] && return 0
    sleep 0.5
  done
  desktop_fail "no window titled '$DESKTOP_TITLE'"
}

# Closes the window through the window manager and requires exit code 0 within 10 s.
desktop_close() {
  local rc=0
  wmctrl -i -c "$WID"
  for _ in $(seq 1 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$APP_PID" 2>/dev/null && desktop_fail "still running 10 s after its window was closed"
  wait "$APP_PID" || rc=$?
  APP_PID=""
  [ "$rc" -eq 0 ] || desktop_fail "exited with code $rc after its window was closed"
}

# Writes $1/family.json: Maya's card with the refill-by date 3 days from today, so the
# reminder "Maya: pump refill due in 3 days" is due (the missed 14- and 7-day ones fold into
# it). Prints the refill-by date (YYYY-MM-DD).
desktop_write_due_family() {
  local data="$1" refill alarm
  refill=$(date -d "-30 days" +%F)
  alarm=$(date -d "+6 days" +%F)
  cat >"$data/family.json" <<JSON
{"format":"itb-companion","schema_version":2,"kind":"family","family":{"children":[
 {"id":1,"colour":0,"name":"Maya","date_of_birth":"2016-04-02",
  "pump":{"model":{"kind":"synchromed_ii_8637_20"},"implant_date":"2021-09-14",
   "reservoir_ml":"20","alarm_volume_ml":"2",
   "drug":{"name":"Baclofen","concentration_mcg_per_ml":"500","daily_dose_mcg_per_day":"250"},
   "last_refill":{"date":"$refill","volume_ml":"20"},"printout_alarm_date":"$alarm"}}]}}
JSON
  date -d "+3 days" +%F
}

# Inside dbus-run-session with X started: dbus-monitor capturing Notify calls into $1, and
# dunst as the notification server, waited for until it owns its bus name. Sets MON_PID and
# DUNST_PID (desktop_cleanup stops them).
desktop_start_notifications() {
  local mon_log="$1"
  dbus-monitor --session "interface='org.freedesktop.Notifications',member='Notify'" >"$mon_log" 2>&1 &
  MON_PID=$!
  dunst >"$DESKTOP_LOGS/${DESKTOP_TEST:-desktop}-dunst.log" 2>&1 &
  DUNST_PID=$!
  for _ in $(seq 1 50); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null | grep -q true && return 0
    sleep 0.1
  done
}

# The reminder tests' start: X, a throw-away home whose data folder ($DATA) holds Maya's card
# with a reminder due (REFILL_BY: its refill-by date), and the notification daemon watched by
# dbus-monitor into $MON_LOG ($1: the log's name). Call inside dbus-run-session.
desktop_reminder_setup() {
  [ -x "$DESKTOP_BIN" ] || desktop_fail "$DESKTOP_BIN not built (cargo build --no-default-features --features desktop)"
  desktop_start_x
  desktop_temp_home
  DATA="$TMP_HOME/data"
  mkdir -p "$DATA"
  REFILL_BY=$(desktop_write_due_family "$DATA")
  MON_LOG="$DESKTOP_LOGS/$1"
  desktop_start_notifications "$MON_LOG"
}
