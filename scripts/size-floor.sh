#!/usr/bin/env bash
# `make size-floor`: how small the web first load could get (issue #7's 250 KB goal).
# Builds scripts/size-floor/main.rs (load the saved family, render the EMS card, nothing else)
# against this commit's library in a throw-away worktree, with the same dx, profile and
# wasm-opt as the app, and prints its gzip sizes:
#   floor_wasm_gzip_kb=<n>  floor_js_gzip_kb=<n>
# Uncommitted changes are not included (the worktree is made from HEAD). About 2 minutes.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ITB_ROOT"
[ "${SKIP_SETUP:-0}" = "1" ] || scripts/setup.sh >/dev/null

WORK="$(mktemp -d)"
cleanup() {
  git -C "$ITB_ROOT" worktree remove --force "$WORK/repo" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
git worktree add --detach "$WORK/repo" HEAD >/dev/null 2>&1
cp scripts/size-floor/main.rs "$WORK/repo/src/main.rs"

# Its own target folder, so the app's build is not replaced.
export CARGO_TARGET_DIR="$ITB_ROOT/target/size-floor"
(cd "$WORK/repo" && dx bundle --platform web --release --debug-symbols false </dev/null >"$WORK/dx.log" 2>&1) || {
  tail -n 40 "$WORK/dx.log" >&2
  echo "size-floor: dx bundle failed" >&2
  exit 1
}
python3 - "$CARGO_TARGET_DIR/dx/itb-companion/release/web/public/assets" <<'PY'
import gzip, pathlib, sys
assets = pathlib.Path(sys.argv[1])
def kb(pattern):
    files = sorted(assets.glob(pattern))
    if not files:
        sys.exit(f"size-floor: no {pattern} in {assets}")
    return sum(len(gzip.compress(f.read_bytes(), 9, mtime=0)) for f in files) / 1024
print(f"floor_wasm_gzip_kb={kb('*.wasm'):.0f}")
print(f"floor_js_gzip_kb={kb('*.js'):.0f}")
PY
