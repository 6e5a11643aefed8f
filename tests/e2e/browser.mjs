// What every browser script shares, tests and the benchmark alike: the Chromium flags, the
// phone profile, and serving a copy of the release web build on a free 127.0.0.1 port.
// (helpers.mjs adds the test-only helpers and needs ITB_BASE_URL; this file needs nothing.)

import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Chromium flags that avoid network calls this machine cannot make. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The phone profile used for every test and the benchmark. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 3,
  // The app writes dates in the order of the device's locale (day first here: "Sun 3 Jan 2027";
  // en-US writes "Sun, Jan 3, 2027", tested in countdown.test.mjs).
  locale: 'en-GB',
};

/**
 * Serves a copy of target/web-release (which the caller may change, e.g. to "deploy" a new
 * build) with scripts/serve.py on a free port. Returns { base, root, stop }.
 */
export async function serveCopy() {
  const root = await mkdtemp(path.join(tmpdir(), 'itb-web-copy-'));
  await cp(path.join(REPO_ROOT, 'target', 'web-release'), root, { recursive: true, dereference: true });
  const server = spawn('python3', [path.join(REPO_ROOT, 'scripts', 'serve.py'), root, '--port', '0', '--quiet'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/at (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`serve.py exited (${code}) before listening: ${out}`)));
  });
  return {
    base,
    root,
    stop: async () => {
      server.kill();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Waits until the app's service worker is active and controls the page. */
export function waitForServiceWorker(page, timeout = 30_000) {
  return page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return !!reg.active && !!navigator.serviceWorker.controller;
  }, null, { timeout });
}
