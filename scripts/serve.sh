#!/usr/bin/env bash
# Serve the release web build: scripts/serve.sh [port] [host]
# Defaults: 127.0.0.1:8080. Use host 0.0.0.0 to reach it from the LAN.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
PORT="${1:-8080}"
HOST="${2:-127.0.0.1}"
ROOT="${ITB_WEB_ROOT:-$ITB_ROOT/target/web-release}"
if [ ! -f "$ROOT/index.html" ]; then
  echo "serve: $ROOT/index.html not found; run scripts/build-web.sh first" >&2
  exit 1
fi
exec python3 "$ITB_ROOT/scripts/serve.py" "$ROOT" --port "$PORT" --host "$HOST"
