#!/usr/bin/env bash
# Desktop launch to first frame (issue #7), run by `make bench` (scripts/bench.sh).
# Under Xvfb with a window manager, BENCH_RUNS times (default 9): start the release desktop
# binary with a saved card (tests/fixtures/full-family.json) in a throw-away home, then poll
#   window       the app's window is mapped (xdotool), and
#   first frame  the window shows drawn content: more than 64 distinct colours in a capture
#                (an empty webview is one flat colour; text and the red header are not),
# each in ms since the launch. Polling costs a few ms per capture, so the figures are upper
# bounds. Prints a line per run, then `desktop_window_ms=<median>` and
# `desktop_first_frame_ms=<median>`.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
DESKTOP_TEST="bench-desktop"
ITB_DESKTOP_BIN="${ITB_DESKTOP_BIN:-$ITB_ROOT/target/release/itb-companion}"
. "$ITB_ROOT/scripts/desktop-lib.sh"
trap desktop_cleanup EXIT
RUNS="${BENCH_RUNS:-9}"
[ -x "$DESKTOP_BIN" ] || desktop_fail "no desktop binary at $DESKTOP_BIN (cargo build --release --no-default-features --features desktop)"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

desktop_start_x
windows=() frames=()
for i in $(seq 1 "$RUNS"); do
  desktop_temp_home
  mkdir -p "$TMP_HOME/data"
  cp "$ITB_ROOT/tests/fixtures/full-family.json" "$TMP_HOME/data/family.json"
  t0=$(now_ms)
  desktop_launch "$DESKTOP_LOGS/bench-desktop-$i.log" ITB_COMPANION_DATA_DIR="$TMP_HOME/data"
  WID="" t_window="" t_frame=""
  deadline=$(( t0 + 60000 ))
  while [ -z "$WID" ]; do
    kill -0 "$APP_PID" 2>/dev/null || desktop_fail "the app exited before showing a window"
    [ "$(now_ms)" -lt "$deadline" ] || desktop_fail "no window within 60 s"
    WID="$(xdotool search --onlyvisible --name "^${DESKTOP_TITLE}\$" 2>/dev/null | head -n 1 || true)"
  done
  t_window=$(now_ms)
  while [ -z "$t_frame" ]; do
    [ "$(now_ms)" -lt "$deadline" ] || desktop_fail "the window stayed blank for 60 s"
    colours="$(import -silent -window "$WID" png:- 2>/dev/null | identify -format '%k' - 2>/dev/null || echo 0)"
    if [ "${colours:-0}" -gt 64 ]; then t_frame=$(now_ms); fi
  done
  windows+=( $(( t_window - t0 )) )
  frames+=( $(( t_frame - t0 )) )
  echo "desktop run $i: window ${windows[-1]} ms, first frame ${frames[-1]} ms"
  desktop_close
  itb_remove_temp_home "$TMP_HOME"
  TMP_HOME=""
done
echo "desktop_window_ms=$(median "${windows[@]}")"
echo "desktop_first_frame_ms=$(median "${frames[@]}")"
