#!/usr/bin/env bash
# Fuzz the parsers with cargo fuzz (libFuzzer): the UDI parser, the stored-file loader, import
# planning and card links (share_card), each from its committed seed corpus in
# fuzz/corpus/<target>/.
#   scripts/fuzz.sh quick   a short smoke (20 000 runs each)
#   scripts/fuzz.sh full    1 000 000 runs or 10 minutes each, whichever comes first
# cargo fuzz needs nightly-only flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain accept
# them (this machine has no other toolchain). Installs cargo-fuzz if it is missing.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ITB_ROOT/fuzz"
MODE="${1:-quick}"
case "$MODE" in
  quick) RUNS=20000; SECONDS_MAX=120 ;;
  full) RUNS=1000000; SECONDS_MAX=600 ;;
  *) echo "usage: scripts/fuzz.sh quick|full" >&2; exit 2 ;;
esac
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz"
  cargo install cargo-fuzz --version 0.13.2 --locked
fi
export RUSTC_BOOTSTRAP=1
for target in udi family_file import_plan share_card; do
  work="$ITB_ROOT/target/fuzz-corpus/$target"
  mkdir -p "$work"
  log="$ITB_ROOT/target/test-logs/fuzz-$target.log"
  mkdir -p "$(dirname "$log")"
  t0=$(date +%s)
  if ! cargo fuzz run --release "$target" "$work" "corpus/$target" -- \
      -runs="$RUNS" -max_total_time="$SECONDS_MAX" -max_len=8192 >"$log" 2>&1; then
    echo "fuzz: $target FAILED (see $log; the crashing input is in fuzz/artifacts/$target/)" >&2
    grep -m3 -E "panicked|ERROR" "$log" >&2 || true
    exit 1
  fi
  done_line="$(grep -E '^Done [0-9]+ runs' "$log" | tail -n 1)"
  echo "fuzz: $target ok: ${done_line:-finished} ($(itb_elapsed "$t0")s)"
done
