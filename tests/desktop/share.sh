#!/usr/bin/env bash
# Desktop sharing test (issue 17.5): "the desktop app makes the same link, to the web app's
# public address set at build time, and opens one pasted into it".
#
# In a private D-Bus session with the accessibility (AT-SPI) bus running, under Xvfb:
#   1. launch the desktop build (made with ITB_PUBLIC_URL, see scripts/desktop-smoke.sh) on a
#      data folder holding Maya's card; Device card -> Share with a caregiver, type the name,
#      Make the link; read the link and the code from the window;
#   2. the link points to the public address, and the web app's own sealing code
#      (src/platform/share.js, in Node) opens it with the code to Maya's card: the same link;
#   3. paste the link into the app (Home -> Open a card link), type the code, keep the copy;
#      close the window; family.json holds the copy, apart from the family's children.
# Prints "desktop-share: PASS ..." or "desktop-share: FAIL: ...", exits non-zero on failure.
#
# Env: SKIP_DESKTOP_BUILD=1   reuse the existing binary
#      ITB_DESKTOP_BIN=path   run this binary instead of target/debug/itb-companion
# Needs (Debian): xvfb x11-utils xdotool wmctrl matchbox-window-manager dbus at-spi2-core
#                 python3-gi gir1.2-atspi-2.0; Node.js
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/../../scripts/env.sh"
. "$ITB_ROOT/scripts/desktop-lib.sh"
# The session bus daemon and the desktop portal it starts are chatty: their lines go to a log.
DESKTOP_DBUS_LOG=share-dbus.log desktop_in_dbus_session "$@"
cd "$ITB_ROOT"
DESKTOP_TEST=desktop-share
DESKTOP_BIN="${ITB_DESKTOP_BIN:-$DESKTOP_BIN}"
DRIVER=(/usr/bin/python3 "$HERE/a11y_driver.py")
PUBLIC="${ITB_PUBLIC_URL:-https://itb-companion.example}"
T0=$(date +%s)

trap desktop_cleanup EXIT
trap 'exit 130' INT TERM

if [ "${SKIP_DESKTOP_BUILD:-0}" != "1" ]; then
  ITB_PUBLIC_URL="$PUBLIC" cargo build --no-default-features --features desktop
fi
[ -x "$DESKTOP_BIN" ] || desktop_fail "$DESKTOP_BIN not built"

desktop_start_x
desktop_start_a11y_bus share-a11y-bus.log

desktop_temp_home
DATA="$TMP_HOME/data"
mkdir -p "$DATA"
desktop_write_due_family "$DATA" >/dev/null
APP_ENV=(ITB_COMPANION_DATA_DIR="$DATA" ITB_COMPANION_EXPORT_DIR="$TMP_HOME/exports" NO_AT_BRIDGE=0)

desktop_launch "$DESKTOP_LOGS/share-app.log" "${APP_ENV[@]}"
desktop_wait_window 60

# ---- 1. make the link in the window
OUT="$DESKTOP_LOGS/share-made.json"
"${DRIVER[@]}" share | tee "$DESKTOP_LOGS/share-driver.log" | tail -n 1 >"$OUT" || true
LINK=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["link"])' "$OUT" 2>/dev/null) \
  || { import -window root "$DESKTOP_LOGS/share-failed.png" 2>/dev/null || true
       desktop_fail "no link made (driver log: $DESKTOP_LOGS/share-driver.log, screenshot share-failed.png)"; }
CODE=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["code"])' "$OUT")
mkdir -p "$ITB_ROOT/target/screenshots"
import -window root "$ITB_ROOT/target/screenshots/desktop-share.png" 2>/dev/null || true

# ---- 2. the same link as the web app's: to the public address, opened by share.js
case "$LINK" in
  "$PUBLIC/#share=1.c."*) ;;
  *) desktop_fail "the link does not point to $PUBLIC/#share=1.c. (got ${LINK:0:60}…)" ;;
esac
JSON=$(node -e "$(cat "$ITB_ROOT/src/platform/share.js")
const [link, code] = process.argv.slice(1);
const data = link.split('#share=1.c.')[1];
itbShare.open(true, data, code.replace('-', '')).then((r) => {
  if (r.error) { console.error('share.js: ' + r.error); process.exit(1); }
  process.stdout.write(r.json);
});" "$LINK" "$CODE") || desktop_fail "the web app's share.js could not open the desktop's link with its code"
echo "$JSON" | python3 -c '
import json, sys
card = json.load(sys.stdin)
assert card["child"]["name"] == "Maya", card["child"]["name"]
assert card["sharer"] == "Ana", card["sharer"]
assert "emergency_number" not in json.dumps(card), "settings in a share"
' || desktop_fail "the opened link does not hold Maya's card shared by Ana"
echo "desktop-share: the desktop's link opens in the web app's share.js to Maya's card"

# ---- 3. paste it back into the app as a caregiver would
"${DRIVER[@]}" open-link "$LINK" "$CODE" || {
  import -window root "$DESKTOP_LOGS/share-open-failed.png" 2>/dev/null || true
  desktop_fail "opening the pasted link failed (screenshot: $DESKTOP_LOGS/share-open-failed.png)"
}
import -window root "$ITB_ROOT/target/screenshots/desktop-shared-copy.png" 2>/dev/null || true
desktop_close
python3 - "$DATA/family.json" <<'PY' || desktop_fail "family.json does not hold the kept copy apart from the children"
import json, sys
family = json.load(open(sys.argv[1]))["family"]
assert [c["name"] for c in family["children"]] == ["Maya"], family["children"]
copies = family.get("shared_copies", [])
assert len(copies) == 1 and copies[0]["card"]["child"]["name"] == "Maya", copies
assert copies[0]["card"]["sharer"] == "Ana"
PY
echo "desktop-share: PASS (link made in the window to $PUBLIC, opened by share.js and pasted back in; $(itb_elapsed "$T0")s)"
