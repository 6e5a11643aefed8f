#!/usr/bin/env bash
# Release web build with dx. dx's own output goes to stderr; the last (and
# only) line on stdout is the web root (folder with index.html). The web root
# is also linked at target/web-release for serve.sh and the browser tests.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ITB_ROOT"

CRATE=itb-companion
WEB_ROOT="$ITB_ROOT/target/dx/$CRATE/release/web/public"
LINK="$ITB_ROOT/target/web-release"

command -v dx >/dev/null 2>&1 || { echo "build-web: dx not found; run scripts/setup.sh" >&2; exit 1; }

# dx adds new hashed files to the web root but never removes old ones: start it empty so the
# served (and deployed) folder holds only this build.
rm -rf "$WEB_ROOT"
# --debug-symbols false: without it the wasm is about 5x larger.
# </dev/null: dx must not wait for keyboard input (CI has no stdin).
dx bundle --platform web --release --debug-symbols false </dev/null >&2

if [ ! -f "$WEB_ROOT/index.html" ]; then
  echo "build-web: $WEB_ROOT/index.html missing after dx bundle; dx wrote:" >&2
  find "$ITB_ROOT/target/dx" -maxdepth 5 -name index.html >&2 || true
  exit 1
fi
if ! find "$WEB_ROOT" -name '*.wasm' | grep -q .; then
  echo "build-web: no .wasm file under $WEB_ROOT" >&2
  exit 1
fi

# Link the hashed stylesheet from index.html itself, so the card that index.html shows before
# the app starts (and the app's first frame) is styled without waiting for the wasm.
python3 - "$WEB_ROOT" <<'PY'
import glob, os, sys
root = sys.argv[1]
css = sorted(glob.glob(os.path.join(root, "assets", "main-*.css")))
if len(css) != 1:
    sys.exit(f"build-web: expected one assets/main-*.css, found {css}")
href = "/assets/" + os.path.basename(css[0])
index = os.path.join(root, "index.html")
with open(index) as f:
    html = f.read()
marker = "<!-- itb:stylesheet (scripts/build-web.sh links the hashed main.css here) -->"
if marker not in html:
    sys.exit("build-web: the stylesheet marker is missing from index.html")
with open(index, "w") as f:
    f.write(html.replace(marker, f'<link rel="stylesheet" href="{href}">'))
print(f"build-web: index.html links {href}", file=sys.stderr)
PY

# The service worker precaches the whole build: write its file list and a version that
# changes with any byte of the build (so a new deploy replaces the old cache).
python3 - "$WEB_ROOT" <<'PY'
import hashlib, json, os, sys
root = sys.argv[1]
files = []
for dirpath, _, names in os.walk(root):
    for name in names:
        rel = os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/")
        if rel != "sw.js" and not rel.endswith((".gz", ".br")):
            files.append(rel)
files.sort()
digest = hashlib.sha256()
for rel in files:
    digest.update(rel.encode())
    with open(os.path.join(root, rel), "rb") as f:
        digest.update(f.read())
version = digest.hexdigest()[:16]
urls = ["/"] + ["/" + rel for rel in files]
sw_path = os.path.join(root, "sw.js")
with open(sw_path) as f:
    sw = f.read()
# dx minifies public/*.js (quotes may change), so match the placeholder with either quote.
for quote in ("'", '"'):
    sw = sw.replace(f"{quote}__ITB_BUILD_VERSION__{quote}", json.dumps(version))
sw = sw.replace("__ITB_PRECACHE_LIST__", json.dumps(urls))
if "__ITB_" in sw:
    sys.exit("build-web: a placeholder is left in sw.js")
with open(sw_path, "w") as f:
    f.write(sw)
print(f"build-web: service worker precaches {len(urls)} files, version {version}", file=sys.stderr)
PY

mkdir -p "$ITB_ROOT/target"
ln -sfn "$WEB_ROOT" "$LINK"
echo "$WEB_ROOT"
