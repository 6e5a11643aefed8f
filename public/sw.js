// ITB Companion service worker.
// - Precaches the whole web build (the list and the version are written into this file by
//   scripts/build-web.sh after `dx bundle`), so every screen, reload included, works offline.
// - A new version installs in the background and waits: the page offers "Reload to update"
//   and posts 'skip-waiting' when the user taps it (after keeping any unsaved form input).
// - Shows reminder notifications (showNotification works on Android Chrome, where the
//   Notification constructor does not) and focuses the app when one is tapped.
const VERSION = '__ITB_BUILD_VERSION__';
const PRECACHE = __ITB_PRECACHE_LIST__;
const CACHE = `itb-companion-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
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
    // Every route is the same app shell, this version's own copy (so the page always matches
    // the cached bundle); the network only if it is missing.
    event.respondWith(
      caches
        .open(CACHE)
        .then((cache) => cache.match('/index.html'))
        .then((cached) => cached || fetch(request)),
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
