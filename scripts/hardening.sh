#!/usr/bin/env bash
# `make hardening`: the long robustness checks of issue #8, then every figure together.
#   1. crash harness, full mode: a save loop through the real store, SIGKILLed 200 times
#      (tests/crash_safety.rs::crash_harness_full)        -> kills=N lost=0 corrupt=0
#   2. corrupt-data corpus (tests/corrupt_corpus.rs)       -> corrupt_cases=N handled=N
#   3. bad-input table over every form field (tests/bad_inputs.rs) -> bad_inputs=N clear_errors=N
#   4. scripts/fuzz.sh full: each fuzz target 1 000 000 runs or 10 minutes
# The quick crash harness (20 kills), the corpus and the table also run in `make test`
# (they are ordinary cargo tests). Fails on the first failing step.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ITB_ROOT"

LOG_DIR="$ITB_ROOT/target/test-logs"
mkdir -p "$LOG_DIR"
FIGURES=()
T_START=$(date +%s)

# step NAME PATTERN COMMAND...: runs the command, shows and logs its output, and keeps the
# lines matching PATTERN for the summary.
step() {
  local name="$1" pattern="$2"
  shift 2
  local log="$LOG_DIR/hardening-$name.log" t0
  t0=$(date +%s)
  echo
  echo "== hardening: $name"
  local rc=0
  "$@" 2>&1 | tee "$log" || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "hardening: $name FAILED (exit $rc, log $log)" >&2
    exit "$rc"
  fi
  while IFS= read -r line; do FIGURES+=("$line"); done < <(grep -E "$pattern" "$log" || true)
  FIGURES+=("  ($name: $(itb_elapsed "$t0")s)")
}

step crash-harness '^kills=|^crash harness:' \
  cargo test --test crash_safety -- --ignored --exact crash_harness_full
step corrupt-corpus '^corrupt_cases=' \
  cargo test --test corrupt_corpus
step bad-inputs '^bad_inputs=|^bad-input table:' \
  cargo test --test bad_inputs
step fuzz '^fuzz: ' \
  "$ITB_ROOT/scripts/fuzz.sh" full

echo
echo "== hardening figures ($(itb_elapsed "$T_START")s in all)"
printf '%s\n' "${FIGURES[@]}"
