# shellcheck shell=bash
# Common environment for ITB Companion scripts. Source it: `. scripts/env.sh`.
# Safe to source more than once.

ITB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ITB_ROOT

_itb_path_prepend() {
  case ":$PATH:" in
    *":$1:"*) ;;
    *) PATH="$1:$PATH" ;;
  esac
}
# npm-provided build tools (esbuild, wasm-opt) and cargo-installed tools (dx, wasm-bindgen).
_itb_path_prepend "$ITB_ROOT/tests/e2e/node_modules/.bin"
_itb_path_prepend "${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH
unset -f _itb_path_prepend

# dx must never try to download tools (no GitHub here) and must not phone home.
export NO_DOWNLOADS=1
export DX_TELEMETRY_ENABLED=false

# Android compile check (no NDK here): ring needs a C compiler for the target.
export CC_aarch64_linux_android=clang
export CFLAGS_aarch64_linux_android="--target=aarch64-linux-android24 -isystem /usr/aarch64-linux-gnu/include"
export AR_aarch64_linux_android=llvm-ar-14

# Browser used by the Playwright tests.
export ITB_CHROMIUM="${ITB_CHROMIUM:-/usr/bin/chromium}"

# Print elapsed seconds since $1 (a `date +%s` value).
itb_elapsed() { echo $(( $(date +%s) - $1 )); }
