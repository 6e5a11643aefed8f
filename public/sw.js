// ITB Companion service worker.
// - Precaches the whole web build (the list and the version are written into this file by
//   scripts/build-web.sh after `dx bundle`), so every screen, reload included, works offline.
// - A new version installs in the background and waits: the page offers "Reload to update"
//   and posts 'skip-waiting' when the user taps it (after keeping any unsaved form input).
// - Shows reminder notifications (showNotification works on Android Chrome, where the
//   Notification constructor does not) and focuses the app when one is tapped.
// - With the app closed: on a periodic background sync, shows the reminders that are due from
//   the list the app keeps in the 'itb-reminders' cache (computed by core), and records them
//   for the app (src/platform/worker.rs). tests/countdown.rs checks the same rule in Rust.
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

const KEPT = 'itb-reminders';
// A refill reminder offers "I booked it" (`book`, from core; both choices open Home, where
// the day is entered).
const BOOKED = [{ action: 'booked', title: 'I booked it' }];
const read = async (cache, path) => {
  const r = await cache.match(path);
  return r ? r.json() : [];
};

// Due: its day has come and it is still worth showing; of each group only the latest.
async function deliverDue() {
  const cache = await caches.open(KEPT);
  const plan = await read(cache, '/__itb/reminders.json');
  const done = await read(cache, '/__itb/delivered.json');
  const d = new Date();
  const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const due = plan.filter((r) => r.date <= today && today <= r.until && !done.includes(r.key));
  const latest = new Map();
  for (const r of due) if (!latest.has(r.group) || latest.get(r.group).date < r.date) latest.set(r.group, r);
  for (const r of latest.values()) {
    await self.registration.showNotification(r.title, { body: r.body, tag: r.key, icon: '/icon-192.png', actions: r.book ? BOOKED : [] });
  }
  if (due.length) await cache.put('/__itb/delivered.json', new Response(JSON.stringify(done.concat(due.map((r) => r.key)))));
}

self.addEventListener('periodicsync', (event) => {
  if (event.tag === 'itb-reminders') event.waitUntil(deliverDue());
});
