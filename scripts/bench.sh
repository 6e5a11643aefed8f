#!/usr/bin/env bash
# `make bench`: issue #7's benchmark (not a test). Builds the release web bundle and the
# release desktop binary, then measures
#   - the desktop app's launch to first frame under Xvfb (scripts/bench-desktop.sh), and
#   - the web app in Chromium (tests/e2e/bench.mjs): card visible vs a static page (cold and
#     warm), first-load gzip size, tap to result.
# The last four lines are card_visible_ratio_cold, card_visible_ratio_warm,
# first_load_gzip_kb and tap_to_result_ms. BENCH_RUNS (default 9) runs each;
# BENCH_SKIP_BUILD=1 reuses the builds; SKIP_SETUP=1 skips the tool check.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ITB_ROOT"
[ "${SKIP_SETUP:-0}" = "1" ] || scripts/setup.sh >/dev/null
if [ "${BENCH_SKIP_BUILD:-0}" != "1" ]; then
  echo "bench: building the release web bundle and desktop binary" >&2
  scripts/build-web.sh >/dev/null
  cargo build --release --no-default-features --features desktop >&2
fi
echo "bench: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
scripts/bench-desktop.sh
cd tests/e2e
node bench.mjs
