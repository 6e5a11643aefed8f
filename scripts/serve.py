#!/usr/bin/env python3
"""Serve a Dioxus web build (a single-page app) with the standard library only.

- Files under ROOT are served as they are, with correct MIME types for
  .wasm, .js, .mjs, .css, .webmanifest, .json and .svg.
- A path that does not name an existing file and whose last segment has no
  extension (a router path such as /card or /symptoms) gets index.html, so a
  deep link or a reload works. Unknown paths with an extension get 404.
- index.html (and sw.js) are sent with `Cache-Control: no-cache`.

Usage: serve.py ROOT [--port 8080] [--host 127.0.0.1]
--port 0 picks a free port. Once listening, prints one line
"serving ROOT at http://HOST:PORT/" on stdout.
"""

import argparse
import http.server
import os
import posixpath
import sys
import urllib.parse

NO_CACHE = {"index.html", "sw.js", "service-worker.js", "manifest.webmanifest"}


class SpaHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".html": "text/html; charset=utf-8",
        ".json": "application/json",
        ".webmanifest": "application/manifest+json",
        ".svg": "image/svg+xml",
        ".png": "image/png",
        ".ico": "image/x-icon",
        ".txt": "text/plain; charset=utf-8",
    }
    quiet = False

    def _spa_fallback(self):
        """Rewrite self.path to /index.html for router paths with no file."""
        parsed = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(parsed.path)
        fs_path = self.translate_path(parsed.path)
        if os.path.isfile(fs_path):
            return
        if os.path.isdir(fs_path) and os.path.isfile(os.path.join(fs_path, "index.html")):
            return
        last = posixpath.basename(path.rstrip("/"))
        if "." not in last:
            self.path = "/index.html" + (("?" + parsed.query) if parsed.query else "")

    def send_head(self):
        self._spa_fallback()
        return super().send_head()

    def end_headers(self):
        path = urllib.parse.urlsplit(self.path).path
        name = posixpath.basename(path) or "index.html"
        if name in NO_CACHE:
            self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, fmt, *args):
        if not self.quiet:
            super().log_message(fmt, *args)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", help="web root (folder with index.html)")
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--quiet", action="store_true", help="no request log")
    args = ap.parse_args()

    root = os.path.abspath(args.root)
    if not os.path.isfile(os.path.join(root, "index.html")):
        sys.exit(f"serve.py: {root}/index.html not found (run scripts/build-web.sh first)")

    SpaHandler.quiet = args.quiet

    def handler(*a, **kw):
        return SpaHandler(*a, directory=root, **kw)

    http.server.ThreadingHTTPServer.allow_reuse_address = True
    with http.server.ThreadingHTTPServer((args.host, args.port), handler) as httpd:
        host, port = httpd.server_address[:2]
        print(f"serving {root} at http://{host}:{port}/", flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
