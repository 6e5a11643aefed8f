#!/usr/bin/env bash
# Desktop persistence test: "the same card saved by the desktop build survives a restart".
#
# In a private D-Bus session with the accessibility (AT-SPI) bus running, under Xvfb:
#   1. launch target/debug/itb-companion with a throw-away HOME and data folder
#      (ITB_COMPANION_DATA_DIR), find "Add your first child" in the accessibility tree,
#      type Maya's card into the labelled fields (real key presses), Save both forms;
#   2. close the window as a person would (window manager close), require exit code 0;
#   3. check family.json in the data folder holds the card;
#   4. launch again and read the card back from the accessibility tree; close again.
# Prints "desktop-persist: PASS ..." or "desktop-persist: FAIL: ...", exits non-zero on failure.
#
# Env: SKIP_DESKTOP_BUILD=1   reuse the existing binary (default: cargo build, desktop feature)
#      ITB_DESKTOP_BIN=path   run this binary instead of target/debug/itb-companion
# Needs (Debian): xvfb x11-utils xdotool wmctrl matchbox-window-manager dbus at-spi2-core
#                 python3-gi gir1.2-atspi-2.0
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/../../scripts/env.sh"
. "$ITB_ROOT/scripts/desktop-lib.sh"
# The session bus daemon and the desktop portal it starts are chatty: their lines go to a log.
DESKTOP_DBUS_LOG=persist-dbus.log desktop_in_dbus_session "$@"
cd "$ITB_ROOT"
DESKTOP_TEST=desktop-persist
DESKTOP_BIN="${ITB_DESKTOP_BIN:-$DESKTOP_BIN}"
DRIVER=(/usr/bin/python3 "$HERE/a11y_driver.py")
T0=$(date +%s)

trap desktop_cleanup EXIT
trap 'exit 130' INT TERM

for tool in Xvfb xdpyinfo xdotool wmctrl matchbox-window-manager dbus-send; do
  command -v "$tool" >/dev/null 2>&1 || desktop_fail "$tool not found (apt-get install the packages listed at the top of $0)"
done
if [ "${SKIP_DESKTOP_BUILD:-0}" != "1" ]; then
  t=$(date +%s)
  cargo build --no-default-features --features desktop
  echo "desktop-persist: build took $(itb_elapsed "$t")s"
fi
[ -x "$DESKTOP_BIN" ] || desktop_fail "$DESKTOP_BIN not built (cargo build --no-default-features --features desktop)"

desktop_start_x
echo "desktop-persist: Xvfb on $DISPLAY"

desktop_start_a11y_bus persist-a11y-bus.log

desktop_temp_home
DATA="$TMP_HOME/data"
mkdir -p "$DATA"
APP_ENV=(ITB_COMPANION_DATA_DIR="$DATA" ITB_COMPANION_EXPORT_DIR="$TMP_HOME/exports" NO_AT_BRIDGE=0)

# ---- 1. first run: enter the card through the UI
t=$(date +%s)
desktop_launch "$DESKTOP_LOGS/persist-app-1.log" "${APP_ENV[@]}"
desktop_wait_window 60
PID1=$APP_PID
echo "desktop-persist: first run (pid $PID1), window $WID after $(itb_elapsed "$t")s"
"${DRIVER[@]}" enter || {
  DISPLAY="$DISPLAY" import -window root "$DESKTOP_LOGS/persist-enter-failed.png" 2>/dev/null || true
  desktop_fail "entering the card failed (screenshot: $DESKTOP_LOGS/persist-enter-failed.png)"
}
echo "desktop-persist: card entered in $(itb_elapsed "$t")s"

# ---- 2. close the app as a person would
desktop_close
echo "desktop-persist: first run closed cleanly (exit 0)"

# ---- 3. the card is on disk
[ -s "$DATA/family.json" ] || desktop_fail "no family.json in the data folder after closing ($(ls -A "$DATA"))"
"${DRIVER[@]}" check-file "$DATA/family.json" || desktop_fail "family.json does not hold the card"

# ---- 4. second run: the card is shown
t=$(date +%s)
desktop_launch "$DESKTOP_LOGS/persist-app-2.log" "${APP_ENV[@]}"
desktop_wait_window 60
[ "$APP_PID" != "$PID1" ] || desktop_fail "the second run has the first run's pid"
echo "desktop-persist: second run (pid $APP_PID), window $WID after $(itb_elapsed "$t")s"
"${DRIVER[@]}" verify || {
  DISPLAY="$DISPLAY" import -window root "$DESKTOP_LOGS/persist-verify-failed.png" 2>/dev/null || true
  desktop_fail "the card is not shown after the restart (screenshot: $DESKTOP_LOGS/persist-verify-failed.png)"
}
mkdir -p "$ITB_ROOT/target/screenshots"
import -window root "$ITB_ROOT/target/screenshots/desktop-after-restart.png" 2>/dev/null || true
desktop_close
"${DRIVER[@]}" check-file "$DATA/family.json" >/dev/null || desktop_fail "family.json changed after the second run"

echo "desktop-persist: PASS (card typed in through the accessibility tree, saved to family.json, shown again after a restart; $(itb_elapsed "$T0")s)"
