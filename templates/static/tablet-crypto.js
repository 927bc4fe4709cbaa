// The tablet's lock box (issue 11, docs/TABLET.md). Whatever of a person's
// record the tablet keeps for offline use — the waiting changes in
// localStorage, the pages the service worker keeps — is encrypted with
// AES-GCM under a per-user key that only a signed-in session can fetch
// (GET /tablet/key). The key lives in IndexedDB as a non-extractable
// CryptoKey and is deleted at sign-out, at the session's absolute limit
// and when the server answers 401: after that nothing of the record can
// be read on the device. The same user signing in again gets the same key
// back; anyone else gets theirs, which opens nothing of this.
// Used by the pages and by the service worker (no DOM here).
const DB = 'fp-tablet';
const STORE = 'keys';
const CURRENT = 'current';
const PENDING = 'signout-pending';

function openDB() {
  return new Promise((resolve, reject) => {
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = () => r.result.createObjectStore(STORE);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

async function idb(mode, fn) {
  const db = await openDB();
  try {
    return await new Promise((resolve, reject) => {
      const t = db.transaction(STORE, mode);
      const req = fn(t.objectStore(STORE));
      t.oncomplete = () => resolve(req && req.result);
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error);
    });
  } finally {
    db.close();
  }
}

// storedKey returns {user, key, expires} kept on this tablet, or null; a
// key past its session's absolute limit is deleted, not returned.
export async function storedKey() {
  const rec = await idb('readonly', (s) => s.get(CURRENT)).catch(() => null);
  if (!rec) return null;
  if (rec.expires && Date.parse(rec.expires) <= Date.now()) {
    await forgetKey();
    return null;
  }
  return rec;
}

// fetchKey asks the server for the signed-in user's key and keeps it.
// Offline it falls back to the kept key; a 401 deletes it.
export async function fetchKey() {
  let res;
  try {
    res = await fetch('/tablet/key', { credentials: 'same-origin', cache: 'no-store',
      headers: { Accept: 'application/json' } });
  } catch (err) {
    return storedKey();
  }
  if (res.status === 401) {
    await forgetKey();
    return null;
  }
  if (!res.ok) return storedKey();
  const data = await res.json();
  const raw = Uint8Array.from(atob(data.key), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  raw.fill(0);
  const rec = { user: String(data.user), key, expires: data.expires_at };
  await idb('readwrite', (s) => s.put(rec, CURRENT));
  return rec;
}

// forgetKey deletes the key: what it sealed is unreadable from now on.
export async function forgetKey() {
  await idb('readwrite', (s) => s.delete(CURRENT)).catch(() => undefined);
}

// markSignoutPending remembers a sign-out made offline, so the server
// session is ended as soon as the network returns (assessment-sw.js).
export function markSignoutPending(pending) {
  return idb('readwrite', (s) => (pending ? s.put(true, PENDING) : s.delete(PENDING))).catch(() => undefined);
}

export function signoutPending() {
  return idb('readonly', (s) => s.get(PENDING)).then(Boolean, () => false);
}

const enc = new TextEncoder();
const dec = new TextDecoder();

function b64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function unb64(s) { return Uint8Array.from(atob(s), (c) => c.charCodeAt(0)); }

// seal encrypts text with a fresh 96-bit IV: {iv, ct} in base64.
export async function seal(key, text) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, enc.encode(text)));
  return { iv: b64(iv), ct: b64(ct) };
}

// unseal decrypts what seal made; it throws for another user's key.
export async function unseal(key, sealed) {
  const pt = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(sealed.iv) }, key, unb64(sealed.ct));
  return dec.decode(pt);
}

// Vault keeps values in localStorage sealed under the key, writes in order.
// Beside the sealed value, n (how many changes wait) stays readable so
// that sign-out can say how many there are without the key.
export class Vault {
  constructor(rec) {
    this.rec = rec;
    this.chain = Promise.resolve();
  }

  // read returns the value, or null when there is none or it cannot be
  // opened (another user's, or sealed under a key since deleted).
  async read(name) {
    let box;
    try { box = JSON.parse(localStorage.getItem(name) || 'null'); } catch (err) { box = null; }
    if (!box) return null;
    if (!box.ct) {
      // Written in clear by an older version: taken over (nothing typed is
      // lost) and sealed by the next write, which the queue makes at once.
      return this.rec ? box : null;
    }
    if (!this.rec) return null;
    try { return JSON.parse(await unseal(this.rec.key, box)); } catch (err) { return null; }
  }

  // write seals value under name (null removes it); n is the count shown.
  write(name, value, n) {
    this.chain = this.chain.then(async () => {
      if (value === null || value === undefined) {
        localStorage.removeItem(name);
        return;
      }
      if (!this.rec) throw new Error('no key: signed out');
      const box = await seal(this.rec.key, JSON.stringify(value));
      if (n !== undefined) box.n = n;
      localStorage.setItem(name, JSON.stringify(box));
    });
    const done = this.chain;
    this.chain = this.chain.catch(() => undefined);
    return done;
  }
}

// waitingChanges counts the changes waiting on this tablet for user.
export function waitingChanges(user) {
  let n = 0;
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (!k || !k.startsWith('fp:queue:') || !k.endsWith(`:${user}`)) continue;
    try { n += Number(JSON.parse(localStorage.getItem(k)).n) || 0; } catch (err) { /* not ours */ }
  }
  return n;
}
