// Installable phone app: the manifest has what Chromium needs, the icons exist at their
// declared sizes (maskable too), the service worker controls the page, and Chromium itself
// reports no installability errors.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { h1, url, withPage } from './helpers.mjs';

function pngSize(buffer) {
  // PNG: 8-byte signature, then the IHDR chunk with width and height (big-endian).
  assert.equal(buffer.toString('latin1', 1, 4), 'PNG');
  return [buffer.readUInt32BE(16), buffer.readUInt32BE(20)];
}

test('the manifest, icons and service worker meet Chromium installability', async () => {
  await withPage(async ({ page, context }) => {
    await page.goto(url('/'));
    await h1(page, 'Home').waitFor();
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    assert.equal(href, '/manifest.webmanifest');
    const response = await context.request.get(url(href));
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'], /manifest\+json|json/);
    const manifest = await response.json();
    assert.equal(manifest.name, 'ITB Companion');
    assert.ok(manifest.short_name);
    assert.equal(manifest.display, 'standalone');
    assert.equal(manifest.start_url, '/');
    assert.ok(manifest.theme_color && manifest.background_color);
    for (const size of [192, 512]) {
      for (const purpose of ['any', 'maskable']) {
        const icon = manifest.icons.find((i) => i.sizes === `${size}x${size}` && i.purpose.split(' ').includes(purpose));
        assert.ok(icon, `a ${purpose} icon at ${size}`);
        const img = await context.request.get(url(icon.src));
        assert.equal(img.status(), 200, icon.src);
        assert.deepEqual(pngSize(await img.body()), [size, size], `${icon.src} is ${size}x${size}`);
      }
    }
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 }).catch(async () => {
      await page.reload();
      await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 });
    });
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], JSON.stringify(installabilityErrors));
  });
});
