// Firstperson's service worker, served as /assessments/offline.js so that
// it controls the assessment pages. It keeps the newest copy of each
// assessment page (whatever section was open: the page holds them all)
// and of the CSS and JS it needs, so a tablet that reloads while the
// ward's Wi-Fi is down still shows the form; the changes waiting in
// localStorage are put back on it and sent when the network returns.
// Network first: a copy is only used when the network fails.
const CACHE = 'fp-assessment-v1';
const ASSETS = ['/static/app.css', '/static/assessment.css', '/static/assessment.js',
  '/static/assessment-sync.js', '/static/assessment-values.js', '/static/assessment-table.js',
  '/static/assessment-sign.js'];
const PAGE = /^\/assessments\/(\d+)(?:\/sections\/[^/]+)?\/?$/;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) =>
    Promise.all(ASSETS.map((a) => cache.add(a).catch(() => undefined)))).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  const page = url.pathname.match(PAGE);
  if (page) event.respondWith(networkFirst(req, `/assessments/${page[1]}`, true));
  // Pages name static files with a content hash (app.3f2a1c9e.css); keep
  // one copy per file whatever its hash, so an offline reload finds it.
  else if (url.pathname.startsWith('/static/')) {
    event.respondWith(networkFirst(req, url.pathname.replace(/\.[0-9a-f]{8}(\.[A-Za-z0-9]+)$/, '$1'), false));
  }
});

async function networkFirst(req, key, isPage) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(req);
    if (res.ok && !res.redirected && (!isPage || (res.headers.get('Content-Type') || '').startsWith('text/html'))) {
      await cache.put(key, res.clone());
    } else if (res.type === 'opaqueredirect' || (res.redirected && new URL(res.url).pathname === '/login')) {
      await caches.delete(CACHE); // signed out: keep nobody's record on the tablet
    }
    return res;
  } catch (err) {
    const copy = await cache.match(key);
    if (copy) return copy;
    throw err;
  }
}
