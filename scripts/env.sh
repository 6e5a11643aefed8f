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
# Windows compile check (scripts/test-all.sh stage_windows): ring's C code via MinGW.
export CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc

# Browser used by the Playwright tests.
export ITB_CHROMIUM="${ITB_CHROMIUM:-/usr/bin/chromium}"

# Print elapsed seconds since $1 (a `date +%s` value).
itb_elapsed() { echo $(( $(date +%s) - $1 )); }

# Remove a throw-away HOME made for a test app. GTK may have started the document portal,
# which mounts a FUSE file system at $XDG_RUNTIME_DIR/doc inside it; unmount anything
# mounted below DIR first, retry while the portal shuts down, and never fail the caller.
itb_remove_temp_home() {
  local dir="$1" m i
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  for i in 1 2 3 4 5 6 7 8 9 10; do
    while read -r m; do
      fusermount -u -z "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
    done < <(awk -v d="$dir" 'index($2, d) == 1 { print $2 }' /proc/mounts 2>/dev/null)
    rm -rf "$dir" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "warning: could not remove $dir" >&2
  return 0
}
