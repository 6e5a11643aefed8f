#!/usr/bin/env bash
# Reminders with the app closed (issue 16.2): `itb-companion --deliver-reminders` (no window)
# on a data folder with a due reminder sends one Notify through a real notification daemon
# (dunst on a D-Bus session bus, captured by dbus-monitor), records the delivery and exits;
# a second run sends none. While an app window holds the data folder, it does nothing (the
# open app delivers the reminders itself).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../../scripts/env.sh"
. "$ITB_ROOT/scripts/desktop-lib.sh"
desktop_in_dbus_session "$@"
cd "$ITB_ROOT"
DESKTOP_TEST=desktop-deliver
LOCK_PID=""
cleanup() {
  [ -n "$LOCK_PID" ] && kill "$LOCK_PID" 2>/dev/null
  desktop_cleanup
}
trap cleanup EXIT

desktop_reminder_setup deliver-monitor.log
expect_summary="Maya: pump refill due in 3 days"
count() { grep -cF "\"$expect_summary\"" "$MON_LOG" || true; }

deliver() {
  ITB_COMPANION_DATA_DIR="$DATA" NO_AT_BRIDGE=1 timeout 60 "$DESKTOP_BIN" --deliver-reminders
}

# 1. An app window holds the data folder: nothing is delivered from here.
# -o: the lock stays with flock itself (not the sleep), so killing flock releases it.
flock -o "$DATA/.lock" sleep 60 &
LOCK_PID=$!
sleep 0.5
out=$(deliver) || desktop_fail "--deliver-reminders failed while the app held the folder: $out"
echo "desktop-deliver: with the folder held: $out"
case "$out" in *"app is open"*) ;; *) desktop_fail "expected 'the app is open', got: $out" ;; esac
kill "$LOCK_PID"; wait "$LOCK_PID" 2>/dev/null || true; LOCK_PID=""
sleep 1
[ "$(count)" -eq 0 ] || desktop_fail "a reminder was delivered while the app held the folder"

# 2. No window: the due reminder is delivered once and recorded.
out=$(deliver) || desktop_fail "--deliver-reminders failed: $out"
echo "desktop-deliver: first run: $out"
[ "$out" = "Delivered 1 reminder." ] || desktop_fail "expected 'Delivered 1 reminder.', got: $out"
for _ in $(seq 1 20); do [ "$(count)" -ge 1 ] && break; sleep 0.25; done
[ "$(count)" -eq 1 ] || desktop_fail "expected one Notify '$expect_summary' (see $MON_LOG)"
grep -qF "\"ITB Companion\"" "$MON_LOG" || desktop_fail "the Notify call is not from 'ITB Companion'"
grep -q "refill-by:$REFILL_BY:3" "$DATA/family.json" || desktop_fail "the delivery was not recorded in family.json"
[ "$(stat -c %a "$DATA/family.json")" = "600" ] || desktop_fail "family.json is not 0600 after the headless save"

# 3. A second run: nothing new.
out=$(deliver) || desktop_fail "second --deliver-reminders failed: $out"
echo "desktop-deliver: second run: $out"
[ "$out" = "No reminder is due." ] || desktop_fail "expected 'No reminder is due.', got: $out"
sleep 1
[ "$(count)" -eq 1 ] || desktop_fail "the reminder was delivered again on the second run"
echo "desktop-deliver: PASS (one Notify through dunst, recorded, none on the second run, none while the folder was held)"
