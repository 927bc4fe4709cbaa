// Firstperson's service worker, served as /assessments/offline.js with
// scope "/". It keeps the newest copy of each assessment page (whatever
// section was open: the page holds them all) and of the CSS and JS it
// needs, so a tablet that reloads while the ward's Wi-Fi is down still
// shows the form; the changes waiting on the tablet are put back on it
// and sent when the network returns. Network first: a copy is only used
// when the network fails.
//
// Pages are kept sealed under the signed-in user's tablet key
// (tablet-crypto.js): once the key is deleted at sign-out, the kept pages
// cannot be read, and another user's key opens none of them. After a
// sign-out made offline, the first request for any page of the site ends
// the server session before anything is shown.
import { storedKey, seal, unseal, signoutPending, markSignoutPending } from '/static/tablet-crypto.js';

const CACHE = 'fp-assessment-v2';
const ASSETS = ['/static/app.css', '/static/assessment.css', '/static/assessment.js',
  '/static/assessment-sync.js', '/static/assessment-values.js', '/static/assessment-table.js',
  '/static/assessment-sign.js', '/static/tablet-crypto.js', '/static/tablet-signin.js',
  '/static/tablet-signout.js', '/static/tablet-lock.js', '/static/tablet-waiting.js', '/static/tablet.css'];
const PAGE = /^\/assessments\/(\d+)(?:\/sections\/[^/]+)?\/?$/;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) =>
    Promise.all(ASSETS.map((a) => cache.add(a).catch(() => undefined)))).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => event.waitUntil((async () => {
  for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name); // v1 kept pages in clear
  await self.clients.claim();
})()));

// A page that loaded without the worker (keepOffline in assessment.js)
// asks to be claimed; claiming only ever takes pages of this origin.
self.addEventListener('message', (event) => {
  if (event.data === 'claim') event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    event.respondWith(navigate(req, url));
    return;
  }
  if (req.method !== 'GET') return;
  const page = url.pathname.match(PAGE);
  if (page) event.respondWith(keptPage(req, `/assessments/${page[1]}`));
  // Pages name static files with a content hash (app.3f2a1c9e.css); keep
  // one copy per file whatever its hash, so an offline reload finds it.
  else if (url.pathname.startsWith('/static/')) {
    event.respondWith(keptAsset(req, url.pathname.replace(/\.[0-9a-f]{8}(\.[A-Za-z0-9]+)$/, '$1')));
  }
});

// navigate serves a page the user opens: first any sign-out left over
// from offline, then the page (assessment pages with a sealed copy).
async function navigate(req, url) {
  if (await signoutPending()) {
    try {
      await fetch('/logout', { method: 'POST', credentials: 'same-origin', redirect: 'manual' });
      await markSignoutPending(false);
    } catch (err) {
      return signedOutPage();
    }
    if (req.method === 'GET' && url.pathname !== '/login') return Response.redirect('/login', 303);
  }
  if (req.method !== 'GET') return fetch(req);
  const page = url.pathname.match(PAGE);
  return page ? keptPage(req, `/assessments/${page[1]}`) : fetch(req);
}

async function keptPage(req, key) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(req);
    const html = (res.headers.get('Content-Type') || '').startsWith('text/html');
    if (res.ok && !res.redirected && html) {
      const rec = await storedKey();
      const text = await res.clone().text();
      // Only under the key of the user the page was made for: right after
      // another user signs in, the key kept may still be the last user's.
      const owner = (text.match(/id="assessment"[^>]*data-user="(\d+)"/) || [])[1];
      if (!rec || owner !== rec.user) await cache.delete(key);
      if (rec && owner === rec.user) {
        const sealed = await seal(rec.key, text);
        await cache.put(key, new Response(JSON.stringify({ user: rec.user, ...sealed }),
          { headers: { 'Content-Type': 'application/json' } }));
      }
    } else if (res.type === 'opaqueredirect' || (res.redirected && new URL(res.url).pathname === '/login')) {
      await cache.delete(key); // signed out: keep nobody's record on the tablet
    }
    return res;
  } catch (err) {
    const copy = await cache.match(key);
    const rec = await storedKey();
    if (copy && rec) {
      try {
        const box = await copy.json();
        const html = await unseal(rec.key, box);
        return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
      } catch (e) { /* another user's copy, or a key since deleted */ }
    }
    throw err;
  }
}

async function keptAsset(req, key) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(req);
    if (res.ok) await cache.put(key, res.clone());
    return res;
  } catch (err) {
    const copy = await cache.match(key);
    if (copy) return copy;
    throw err;
  }
}

function signedOutPage() {
  const html = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Signed out · Firstperson</title>
<link rel="stylesheet" href="/static/app.css"></head><body><main id="main"><section class="card narrow">
<h1>Signed out</h1><p>This tablet is offline. The last person signed out here; sign in again when the network is back.</p>
<p><a class="btn btn-primary" href="/login">Sign in</a></p></section></main></body></html>`;
  return new Response(html, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
