#!/usr/bin/env bash
# Everything `make test` (and CI) runs, in order, failing fast:
#   setup, fmt, clippy (host/web, desktop, wasm32), cargo test, Android check,
#   web build + first-load size budget + browser tests, desktop smoke test, desktop tests (tests/desktop/*.sh).
# Ends with "rust_tests=N browser_tests=M desktop_smoke=1 desktop_tests=K" and,
# alone on the last line, "<total> passed, 0 failed".
#
# Skip stages while iterating locally (the default runs everything):
#   SKIP_SETUP=1 SKIP_FMT=1 SKIP_CLIPPY=1 SKIP_TEST=1 SKIP_ANDROID=1
#   SKIP_WEB=1 (build + browser tests) SKIP_WEB_BUILD=1 (reuse target/web-release)
#   SKIP_DESKTOP=1 (smoke test and desktop tests) SKIP_DESKTOP_TESTS=1 SKIP_FUZZ=1 (cargo fuzz smoke)
# A skipped stage counts 0 and the summary says which stages were skipped.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ITB_ROOT"

LOG_DIR="$ITB_ROOT/target/test-logs"
mkdir -p "$LOG_DIR"

RUST_TESTS=0
BROWSER_TESTS=0
DESKTOP_SMOKE=0
DESKTOP_TESTS=0
TIMINGS=()
SKIPPED=()
CURRENT_STAGE=""
SERVER_PID=""

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
}
on_exit() {
  local rc=$?
  cleanup
  if [ "$rc" -ne 0 ]; then
    echo
    echo "FAILED: stage '${CURRENT_STAGE:-?}' (exit $rc). Logs: $LOG_DIR" >&2
    [ "${#TIMINGS[@]}" -gt 0 ] && echo "stages passed before it: ${TIMINGS[*]}" >&2
  fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# run_stage NAME SKIPVAR FUNCTION: runs FUNCTION unless $SKIPVAR=1, timing it.
run_stage() {
  local name="$1" skipvar="$2" fn="$3"
  if [ "${!skipvar:-0}" = "1" ]; then
    echo "== skip: $name ($skipvar=1)"
    SKIPPED+=("$name")
    return 0
  fi
  CURRENT_STAGE="$name"
  echo
  echo "== stage: $name"
  local t0
  t0=$(date +%s)
  "$fn"
  local dt
  dt=$(itb_elapsed "$t0")
  TIMINGS+=("$name=${dt}s")
  echo "== ok: $name (${dt}s)"
  CURRENT_STAGE=""
}

stage_setup() { "$ITB_ROOT/scripts/setup.sh"; }

stage_fmt() {
  cargo fmt --all --check || { echo "cargo fmt --check failed: run 'make fmt'" >&2; return 1; }
}

stage_clippy() {
  echo "-- clippy: host, default features (web)"
  cargo clippy --all-targets -- -D warnings
  echo "-- clippy: host, desktop"
  cargo clippy --all-targets --no-default-features --features desktop -- -D warnings
  echo "-- clippy: wasm32-unknown-unknown, web"
  cargo clippy --target wasm32-unknown-unknown -- -D warnings
}

stage_test() {
  local log="$LOG_DIR/cargo-test.log"
  cargo test 2>&1 | tee "$log"
  # Sum "test result: ok. N passed" over every test binary and the doc tests.
  RUST_TESTS=$(sed -n 's/.*test result: ok\. \([0-9][0-9]*\) passed.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
  if grep -q 'test result: FAILED' "$log"; then
    echo "cargo test reported failures" >&2
    return 1
  fi
  if [ "$RUST_TESTS" -eq 0 ]; then
    echo "cargo test ran no test" >&2
    return 1
  fi
  echo "rust tests passed: $RUST_TESTS"
}

stage_android() {
  cargo check --target aarch64-linux-android --no-default-features --features mobile
}

# The desktop app for Windows (its scheduled task for reminders with the app closed is
# Windows-only code): clippy for x86_64-pc-windows-gnu. Nothing is run on Windows here.
stage_windows() {
  cargo clippy --target x86_64-pc-windows-gnu --no-default-features --features desktop -- -D warnings
}

# macOS: the whole app needs Apple's SDK to build, so scripts/mac-check compiles the scheduler
# code (the LaunchAgent behind "Remind me even when the app is closed") for the target.
stage_mac() {
  cargo clippy --manifest-path "$ITB_ROOT/scripts/mac-check/Cargo.toml" --target x86_64-apple-darwin \
    --target-dir "$ITB_ROOT/target/mac-check" -- -D warnings
}

stage_web() {
  local web_root
  if [ "${SKIP_WEB_BUILD:-0}" = "1" ] && [ -f "$ITB_ROOT/target/web-release/index.html" ]; then
    web_root="$(readlink -f "$ITB_ROOT/target/web-release")"
    echo "-- reusing web build $web_root (SKIP_WEB_BUILD=1)"
  else
    local t0
    t0=$(date +%s)
    web_root="$("$ITB_ROOT/scripts/build-web.sh" | tail -n 1)"
    TIMINGS+=("web-build=$(itb_elapsed "$t0")s")
  fi
  echo "-- web root: $web_root"
  du -sh "$web_root" | sed 's/^/-- size: /'
  # The first load must not grow unnoticed (issue #7): fails over the budget in the script.
  python3 "$ITB_ROOT/scripts/size-budget.py" "$web_root"

  # Serve on a free port (port 0: the server picks one and prints its URL).
  local serve_log="$LOG_DIR/serve.log"
  python3 "$ITB_ROOT/scripts/serve.py" "$web_root" --host 127.0.0.1 --port 0 >"$serve_log" 2>&1 &
  SERVER_PID=$!
  local base="" i
  for i in $(seq 1 100); do
    base="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$serve_log" | head -n 1 || true)"
    [ -n "$base" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$serve_log" >&2; echo "web server died" >&2; return 1; }
    sleep 0.1
  done
  [ -n "$base" ] || { cat "$serve_log" >&2; echo "web server did not start" >&2; return 1; }
  echo "-- serving at $base"

  local tap="$LOG_DIR/e2e.tap"
  rm -f "$tap"
  local files=("$ITB_ROOT"/tests/e2e/*.test.mjs)
  ITB_BASE_URL="$base" node --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" \
    "${files[@]}"
  BROWSER_TESTS=$(sed -n 's/^# pass \([0-9][0-9]*\)$/\1/p' "$tap" | tail -n 1)
  BROWSER_TESTS=${BROWSER_TESTS:-0}
  local failed
  failed=$(sed -n 's/^# fail \([0-9][0-9]*\)$/\1/p' "$tap" | tail -n 1)
  if [ "${failed:-0}" != "0" ] || [ "$BROWSER_TESTS" -eq 0 ]; then
    echo "browser tests: ${BROWSER_TESTS} passed, ${failed:-?} failed" >&2
    return 1
  fi
  echo "browser tests passed: $BROWSER_TESTS (screenshots in target/screenshots/)"
  cleanup
  SERVER_PID=""
}

stage_desktop() {
  "$ITB_ROOT/scripts/desktop-smoke.sh"
  DESKTOP_SMOKE=1
}

# Each tests/desktop/*.sh is one test (exit 0 = pass). They run the binary desktop-smoke.sh
# just built and copied, which no other build can replace while they run.
stage_desktop_tests() {
  local t name t0
  for t in "$ITB_ROOT"/tests/desktop/*.sh; do
    [ -e "$t" ] || continue
    name="$(basename "$t" .sh)"
    echo "-- desktop test: $name"
    t0=$(date +%s)
    SKIP_DESKTOP_BUILD=1 ITB_DESKTOP_BIN="$ITB_ROOT/target/desktop-smoke/itb-companion" \
      bash "$t" </dev/null || { echo "desktop test $name failed (logs in $LOG_DIR)" >&2; return 1; }
    DESKTOP_TESTS=$((DESKTOP_TESTS + 1))
    echo "-- ok: $name ($(itb_elapsed "$t0")s)"
  done
}

# cargo fuzz smoke: the UDI parser, stored-file loader and import planning, from their seeds.
stage_fuzz() {
  "$ITB_ROOT/scripts/fuzz.sh" quick
}

T_START=$(date +%s)
run_stage setup SKIP_SETUP stage_setup
run_stage fmt SKIP_FMT stage_fmt
run_stage clippy SKIP_CLIPPY stage_clippy
run_stage cargo-test SKIP_TEST stage_test
run_stage android-check SKIP_ANDROID stage_android
run_stage windows-check SKIP_WINDOWS stage_windows
run_stage mac-check SKIP_MAC stage_mac
run_stage web SKIP_WEB stage_web
run_stage desktop-smoke SKIP_DESKTOP stage_desktop
if [ "${SKIP_DESKTOP:-0}" = "1" ]; then SKIP_DESKTOP_TESTS=1; fi
run_stage desktop-tests SKIP_DESKTOP_TESTS stage_desktop_tests
run_stage fuzz-smoke SKIP_FUZZ stage_fuzz

echo
echo "timings: ${TIMINGS[*]} total=$(itb_elapsed "$T_START")s"
[ "${#SKIPPED[@]}" -gt 0 ] && echo "skipped stages: ${SKIPPED[*]}"
echo "rust_tests=$RUST_TESTS browser_tests=$BROWSER_TESTS desktop_smoke=$DESKTOP_SMOKE desktop_tests=$DESKTOP_TESTS"
echo "$((RUST_TESTS + BROWSER_TESTS + DESKTOP_SMOKE + DESKTOP_TESTS)) passed, 0 failed"
