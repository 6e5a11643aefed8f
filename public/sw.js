// ITB Companion service worker.
// - Precaches the whole web build (the list and the version are written into this file by
//   scripts/build-web.sh after `dx bundle`), so every screen, reload included, works offline.
// - Shows reminder notifications (showNotification works on Android Chrome, where the
//   Notification constructor does not) and focuses the app when one is tapped.
const VERSION = '__ITB_BUILD_VERSION__';
const PRECACHE = __ITB_PRECACHE_LIST__;
const CACHE = `itb-companion-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('itb-companion-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return; // look-ups to the FDA go to the network
  if (request.mode === 'navigate') {
    // Every route is the same app shell: serve it from the cache, refresh it in the background.
    event.respondWith(
      caches.open(CACHE).then(async (cache) => {
        const cached = await cache.match('/index.html');
        const fresh = fetch(request)
          .then((response) => {
            if (response.ok) cache.put('/index.html', response.clone());
            return response;
          })
          .catch(() => cached);
        return cached || fresh;
      }),
    );
    return;
  }
  event.respondWith(caches.match(request).then((cached) => cached || fetch(request)));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((list) => {
      for (const client of list) {
        if ('focus' in client) return client.focus();
      }
      return self.clients.openWindow('/');
    }),
  );
});
