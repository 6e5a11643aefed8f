#!/usr/bin/env bash
# End-to-end reminder test on the desktop: a real D-Bus session bus, a real notification
# daemon (dunst) under Xvfb, dbus-monitor capturing the Notify call. The app is launched with
# a saved card whose refill-by date is 3 days away, so at launch it must deliver
# "<child>: pump refill due in 3 days" (the missed 14- and 7-day reminders fold into it).
# A second launch must not repeat it (delivered reminders are remembered).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../../scripts/env.sh"
. "$ITB_ROOT/scripts/desktop-lib.sh"
desktop_in_dbus_session "$@"
cd "$ITB_ROOT"
DESKTOP_TEST=desktop-notify
trap desktop_cleanup EXIT

today=$(date +%F)
desktop_reminder_setup notify-monitor.log

expect_summary="Maya: pump refill due in 3 days"
# In the app's one date format, day first under desktop-lib's C locale ("Sun 3 Jan 2027",
# words::date).
refill_by_words=$(LC_ALL=C date -d "+3 days" "+%a %-d %b %Y")
expect_body="Refill by $refill_by_words. Book or confirm the refill with the pump clinic."
desktop_launch "$DESKTOP_LOGS/notify-app-1.log" ITB_COMPANION_DATA_DIR="$DATA" NO_AT_BRIDGE=1
desktop_wait_window 60
for _ in $(seq 1 60); do
  grep -qF "$expect_summary" "$MON_LOG" && break
  sleep 0.5
done
grep -qF "\"ITB Companion\"" "$MON_LOG" || desktop_fail "no Notify call from app 'ITB Companion' (see $MON_LOG)"
grep -qF "\"$expect_summary\"" "$MON_LOG" || desktop_fail "summary '$expect_summary' not seen (see $MON_LOG)"
grep -qF "\"$expect_body\"" "$MON_LOG" || desktop_fail "body '$expect_body' not seen (see $MON_LOG)"
sleep 1
desktop_close
grep -q "refill-by:$REFILL_BY:3" "$DATA/family.json" || desktop_fail "the delivered reminder was not remembered in family.json"
count1=$(grep -cF "\"$expect_summary\"" "$MON_LOG")

# Second launch: the same reminder must not arrive again.
desktop_launch "$DESKTOP_LOGS/notify-app-2.log" ITB_COMPANION_DATA_DIR="$DATA" NO_AT_BRIDGE=1
desktop_wait_window 60
sleep 5
desktop_close
count2=$(grep -cF "\"$expect_summary\"" "$MON_LOG")
[ "$count2" -eq "$count1" ] || desktop_fail "the reminder was delivered again on the second launch"
echo "desktop-notify: PASS (Notify '$expect_summary' seen through dunst; not repeated on relaunch; today $today)"
