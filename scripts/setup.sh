#!/usr/bin/env bash
# Idempotent installer for everything ITB Companion needs to build and test,
# on a fresh Debian 12 machine (as root, or with sudo). Each step is skipped
# when it is already satisfied, so running it again costs a few seconds.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ITB_ROOT"

DX_VERSION=0.7.10
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi

say() { printf '%s\n' "$*"; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- apt packages
# Every program the tests and scripts call is in scripts/programs.txt with how it is installed;
# a program from Debian names its package here (tests/programs_installed.rs checks both).
APT_PACKAGES=(
  # desktop build (wry / webkit2gtk, tray/menu, xdo)
  pkg-config libwebkit2gtk-4.1-dev libxdo-dev libgtk-3-dev
  # desktop smoke test: virtual X server, screenshots, window control, tiny WM
  xvfb imagemagick xdotool x11-utils wmctrl matchbox-window-manager
  # desktop tests: session bus + notification server (notify.sh), accessibility tree (a11y_driver.py)
  dunst dbus dbus-x11 at-spi2-core python3-gi gir1.2-atspi-2.0
  # reminders with the app closed: the timer and autostart files are checked by the tools
  # that read them (tests/background_reminders.rs)
  systemd desktop-file-utils
  # browser tests
  chromium
  # Android compile check (ring needs a C compiler + archiver for the target)
  clang libc6-dev-arm64-cross llvm-14
  # Windows compile check of the desktop app (ring's C code for the target), issue 16.2
  gcc-mingw-w64-x86-64
  # tools used by the scripts
  python3 make ca-certificates
  # printables to PDF -> PNG/text in the browser tests (pdftoppm, pdftotext)
  poppler-utils
  # fusermount: unmounts the document portal left in a test's throw-away home (scripts/env.sh)
  fuse3
)
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -eq 0 ]; then
  say "ok: apt packages present (${#APT_PACKAGES[@]})"
else
  say "installing apt packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  say "ok: apt packages installed"
fi
[ -x "$ITB_CHROMIUM" ] || die "chromium not found at $ITB_CHROMIUM"

# ---------------------------------------------------------------- rust toolchain
command -v rustup >/dev/null 2>&1 || die "rustup not found (expected in ~/.cargo/bin)"
installed_components="$(rustup component list --installed 2>/dev/null)"
for c in rustfmt clippy; do
  if grep -q "^$c" <<<"$installed_components"; then
    say "ok: rustup component $c present"
  else
    say "installing rustup component $c"
    rustup component add "$c"
  fi
done
installed_targets="$(rustup target list --installed 2>/dev/null)"
for t in wasm32-unknown-unknown aarch64-linux-android x86_64-pc-windows-gnu x86_64-apple-darwin; do
  if grep -qx "$t" <<<"$installed_targets"; then
    say "ok: rustup target $t present"
  else
    say "installing rustup target $t"
    rustup target add "$t"
  fi
done

# ---------------------------------------------------------------- dioxus-cli (dx)
if dx --version 2>/dev/null | grep -q "$DX_VERSION"; then
  say "ok: dx $DX_VERSION present"
else
  say "installing dioxus-cli $DX_VERSION (cargo install, 15-25 minutes on 2 cores)"
  cargo install dioxus-cli --version "$DX_VERSION" --locked --force \
    --features disable-telemetry,no-downloads
  dx --version | grep -q "$DX_VERSION" || die "dx --version does not report $DX_VERSION after install"
fi

# ---------------------------------------------------------------- wasm-bindgen-cli
# Must match the wasm-bindgen crate in Cargo.lock exactly.
if [ ! -f Cargo.lock ]; then
  say "generating Cargo.lock"
  cargo generate-lockfile
fi
WB_VERSION="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[ -n "$WB_VERSION" ] || die "no wasm-bindgen entry in Cargo.lock"
if wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WB_VERSION"; then
  say "ok: wasm-bindgen-cli $WB_VERSION present"
else
  say "installing wasm-bindgen-cli $WB_VERSION (from Cargo.lock; without --locked on purpose)"
  # --locked would pin webpki-roots 1.0.11, which the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
  wasm-bindgen --version | grep -qx "wasm-bindgen $WB_VERSION" || die "wasm-bindgen-cli $WB_VERSION not on PATH after install"
fi

# ---------------------------------------------------------------- npm tools
# playwright-core (browser tests), esbuild + wasm-opt (used by dx), from tests/e2e/package-lock.json.
E2E="$ITB_ROOT/tests/e2e"
STAMP="$E2E/node_modules/.itb-lock.sha256"
want="$(cat "$E2E/package.json" "$E2E/package-lock.json" | sha256sum | cut -d' ' -f1)"
if [ -d "$E2E/node_modules" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
  say "ok: npm tools present (tests/e2e/node_modules matches package-lock.json)"
else
  say "installing npm tools (npm ci in tests/e2e)"
  (cd "$E2E" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" >"$STAMP"
fi
esbuild --version 2>/dev/null | grep -qx "0.27.3" || die "esbuild 0.27.3 not on PATH"
command -v wasm-opt >/dev/null 2>&1 || die "wasm-opt not on PATH"

# ---------------------------------------------------------------- cargo-fuzz (fuzz smoke)
if cargo fuzz --version 2>/dev/null | grep -q "0.13.2"; then
  say "ok: cargo-fuzz 0.13.2 present"
else
  say "installing cargo-fuzz 0.13.2"
  cargo install cargo-fuzz --version 0.13.2 --locked
fi

# ---------------------------------------------------------------- python test tools
# The calendar export is checked by a real iCalendar parser.
ICALENDAR_VERSION=6.3.1
if python3 -c "import icalendar, sys; sys.exit(0 if icalendar.__version__ == '$ICALENDAR_VERSION' else 1)" 2>/dev/null; then
  say "ok: python icalendar $ICALENDAR_VERSION present"
else
  say "installing python icalendar $ICALENDAR_VERSION"
  python3 -m pip install --quiet --disable-pip-version-check "icalendar==$ICALENDAR_VERSION" 2>&1 | grep -v "Running pip as the 'root' user" || true
  python3 -c "import icalendar" || die "python icalendar did not install"
fi

# ---------------------------------------------------------------- every program the tests call
# scripts/programs.txt names each external program that scripts/, tests/, .ci/run and the
# Makefile call, with its package or install step; tests/programs_installed.rs keeps it complete.
# Each one must be found now, so a missing package shows here, not as an ENOENT inside a test.
not_found=()
n=0
while read -r prog how what; do
  case "$prog" in '' | '#'*) continue ;; esac
  n=$((n + 1))
  command -v "$prog" >/dev/null 2>&1 || not_found+=("$prog ($how: $what)")
done <"$ITB_ROOT/scripts/programs.txt"
if [ "${#not_found[@]}" -gt 0 ]; then
  printf 'setup: not found: %s\n' "${not_found[@]}" >&2
  die "${#not_found[@]} of the $n programs in scripts/programs.txt not found (install the package named)"
fi
say "ok: all $n programs of scripts/programs.txt found"

say "setup complete"
