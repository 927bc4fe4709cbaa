// Autosave with an offline queue. Every change is an entry
// {q: question id, v: value, b: the saved value it replaces} appended to a
// queue kept in localStorage under fp:queue:<assessment>:<user>, sealed
// with the user's tablet key (tablet-crypto.js Vault), one entry per
// question (a newer change replaces the older, keeping its place at the
// end). The queue is sent in order through
// PATCH /api/v1/assessments/:id/answers with the last known revision; an
// entry leaves the queue only when the server has acknowledged it, so a
// reload, a sleeping tablet or a dropped network loses nothing.
//
// A 409 means another device saved first: its answers come back, and any
// question where both changed becomes a clash the assessor must settle
// ("Keep mine" / "Keep theirs"); clashing entries are held back until then.
import { same } from './assessment-values.js';

const DEBOUNCE_MS = 700;
const WEEK_MS = 7 * 24 * 3600 * 1000;
const MAX_BACKOFF_MS = 30000;

export class Sync {
  constructor({ id, user, revision, api, vault, stored, onState, onRemote, onClashes, onInvalid, onSignedOut, onCompleted, onOld }) {
    this.api = api;
    this.key = `fp:queue:${id}:${user}`;
    this.savedKey = `fp:saved:${id}:${user}`;
    this.revision = revision;
    this.known = new Map(); // question id → value as of this.revision
    this.onState = onState;
    this.onRemote = onRemote;
    this.onClashes = onClashes;
    this.onInvalid = onInvalid;
    this.onSignedOut = onSignedOut || (() => {});
    this.onCompleted = onCompleted || (() => {});
    this.onOld = onOld || (() => {});
    this.vault = vault;
    this.entries = (stored && stored.entries) || [];
    this.savedCopy = stored && stored.saved;
    // Changes older than a week are shown before anything is done with
    // them: held back until the assessor sends or discards them.
    const weekAgo = Date.now() - WEEK_MS;
    for (const e of this.entries) if (e.at && e.at < weekAgo) e.old = true;
    this.seq = this.entries.reduce((m, e) => Math.max(m, e.n || 0), 0);
    this.inFlight = false;
    this.offline = !navigator.onLine;
    this.backoff = 0;
    this.timer = 0;
    this.savedAt = null;
    this.problem = '';
  }

  // restoreSaved returns answers this tablet saved after the page was made
  // (a page kept for offline use can be older than what was saved since).
  restoreSaved() {
    const s = this.savedCopy;
    if (s && s.revision > this.revision) {
      this.revision = s.revision;
      return s.answers || {};
    }
    this.savedCopy = null;
    this.vault.write(this.savedKey, null);
    return {};
  }

  // start checks the entries left from before a reload against the page.
  start(known) {
    this.known = known;
    this.reconcile(this.revision, Object.fromEntries(known), false);
    if (this.oldEntries().length) this.onOld(this.oldEntries());
  }

  // put records a change and sends it soon.
  put(q, v) {
    const i = this.entries.findIndex((e) => e.q === q);
    // A change event that repeats the saved answer (a field losing focus)
    // is not a change.
    if (i < 0 && same(v, nullish(this.known.get(q)))) return;
    if (i >= 0 && same(v, this.entries[i].v)) return; // the same change again
    const old = i >= 0 ? this.entries.splice(i, 1)[0] : null;
    const e = { q, v, b: old ? old.b : nullish(this.known.get(q)), n: ++this.seq, at: Date.now() };
    if (old && old.clash) Object.assign(e, { clash: true, theirs: old.theirs });
    this.entries.push(e);
    this.persist();
    if (e.clash) this.onClashes(this.clashes());
    this.schedule(DEBOUNCE_MS);
    this.report();
  }

  get waiting() { return this.entries.filter((e) => !e.clash).length; }
  oldEntries() { return this.entries.filter((e) => e.old); }
  clashes() { return this.entries.filter((e) => e.clash); }

  schedule(ms) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), ms);
  }

  // flush sends every entry that is not held back, in order.
  async flush({ keepalive = false } = {}) {
    // A last send as the page goes away is only worth it while the network
    // works; offline, the queue waits in localStorage for the next load.
    if (keepalive && this.offline) return;
    clearTimeout(this.timer);
    if (this.inFlight || this.stopped) return;
    const batch = this.entries.filter((e) => !e.clash && !e.bad && !e.old && !this.completed);
    if (!batch.length) { this.report(); return; }
    const answers = {};
    for (const e of batch) answers[e.q] = e.v;
    const body = JSON.stringify({ revision: this.revision, answers });
    this.inFlight = true;
    this.report();
    let res, data;
    try {
      res = await fetch(this.api, { method: 'PATCH', body, credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        keepalive: keepalive && body.length < 60000 });
      data = await res.json().catch(() => ({}));
    } catch (err) {
      this.inFlight = false;
      this.retryLater();
      return;
    }
    this.inFlight = false;
    this.answered(res.status, data, batch, answers);
  }

  answered(status, data, batch, answers) {
    this.problem = '';
    if (status === 200) {
      this.saved(data.revision, batch, answers);
    } else if (status === 409 && typeof data.revision === 'number') {
      this.offline = false;
      this.reconcile(data.revision, data.answers || {}, true);
    } else if (status === 422) {
      const fields = (data.error && data.error.fields) || {};
      for (const e of batch) if (fields[e.q]) e.bad = fields[e.q];
      if (!batch.some((e) => e.bad)) this.problem = 'Not saved — ' + ((data.error && data.error.message) || 'please check the answers');
      this.persist();
      this.onInvalid(fields);
    } else if (status === 409) {
      // Completed elsewhere: the waiting changes are shown with two
      // choices (an amendment with a reason, or discard), never dropped.
      this.stopped = true;
      this.completed = true;
      this.problem = 'Not saved — this assessment was completed on another device. Choose what to do with your changes.';
      this.onCompleted(this.entries.slice());
    } else if (status === 403 || status === 404) {
      this.stopped = true;
      this.problem = 'Not saved — this assessment was completed or removed elsewhere. Your changes stay on this tablet.';
    } else if (status === 401) {
      this.problem = 'Signed out — sign in again to save';
      this.stopped = true;
      this.onSignedOut();
    } else {
      this.retryLater(); // 5xx or a proxy page: try again
      return;
    }
    this.report();
    if (!this.stopped && this.entries.some((e) => !e.clash && !e.bad)) this.schedule(0);
  }

  saved(revision, batch, answers) {
    this.revision = revision;
    this.offline = false;
    this.backoff = 0;
    this.savedAt = new Date();
    const sent = new Set(batch);
    this.entries = this.entries.filter((e) => !sent.has(e));
    for (const e of batch) this.known.set(e.q, e.v);
    // A change made while this batch was on its way now replaces what was sent.
    for (const e of this.entries) if (e.q in answers) e.b = answers[e.q];
    this.remember(answers, false);
    this.persist();
  }

  // reconcile takes the server's answers at revision: entries it already
  // holds are done, entries where it changed what they replace clash, and
  // answers changed elsewhere for questions untouched here are shown.
  reconcile(revision, server, fromServer) {
    this.revision = revision;
    this.entries = this.entries.filter((e) => {
      const theirs = nullish(server[e.q]);
      if (same(theirs, e.v)) return false;
      if (e.clash || !same(theirs, e.b)) Object.assign(e, { clash: true, theirs });
      return true;
    });
    const pending = new Set(this.entries.map((e) => e.q));
    if (fromServer) {
      for (const q of new Set([...this.known.keys(), ...Object.keys(server)])) {
        const theirs = nullish(server[q]);
        if (!pending.has(q) && !same(this.known.get(q), theirs)) this.onRemote(q, theirs);
        this.known.set(q, theirs);
      }
      this.remember(server, true);
    }
    this.persist();
    this.onClashes(this.clashes());
    this.report();
    if (this.entries.some((e) => !e.clash && !e.bad)) this.schedule(0);
  }

  // resolve settles a clash: keep this tablet's answer, or the other one.
  resolve(q, keepMine) {
    const i = this.entries.findIndex((e) => e.q === q && e.clash);
    if (i < 0) return;
    const e = this.entries[i];
    if (keepMine) {
      Object.assign(e, { clash: false, b: e.theirs });
      delete e.theirs;
    } else {
      this.entries.splice(i, 1);
      this.onRemote(q, e.theirs);
    }
    this.persist();
    this.onClashes(this.clashes());
    this.schedule(0);
    this.report();
  }

  // sendOld releases the week-old changes (after the assessor saw them),
  // or discards them.
  settleOld(send) {
    if (send) for (const e of this.entries) delete e.old;
    else this.entries = this.entries.filter((e) => !e.old);
    this.persist();
    this.schedule(0);
    this.report();
  }

  // amend records the waiting changes of an assessment completed
  // elsewhere as an amendment with the reason given; discard drops them.
  async amend(reason) {
    const base = this.api.replace(/\/answers$/, '');
    const cur = await fetch(base, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!cur.ok) return { ok: false, message: 'The assessment could not be read; try again.' };
    const { revision } = await cur.json();
    const answers = {};
    for (const e of this.entries) answers[e.q] = e.v;
    const res = await fetch(`${base}/amendments`, { method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ revision, answers, reason }) });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) {
      const f = (data.error && data.error.fields) || {};
      return { ok: false, message: f.reason || Object.values(f)[0] || (data.error && data.error.message) || 'Not recorded; try again.' };
    }
    this.entries = [];
    this.persist();
    this.problem = '';
    this.report();
    return { ok: true };
  }

  discard() {
    this.entries = [];
    this.persist();
    this.problem = '';
    this.report();
  }

  // drain resolves true once everything is saved, false when it cannot be now.
  async drain(timeoutMs) {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (!this.entries.length) return true;
      if (this.stopped || this.clashes().length || this.entries.some((e) => e.bad)) return false;
      if (!this.inFlight) await this.flush();
      if (this.offline) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
    return !this.entries.length;
  }

  retryLater() {
    this.offline = true;
    const ms = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.backoff++);
    this.schedule(ms);
    this.report();
  }

  // online is called when the network comes back.
  online() {
    this.backoff = 0;
    this.offline = false;
    this.flush();
  }

  persist() {
    this.vault.write(this.key, this.entries.length ? this.entries : null, this.entries.length).catch(() => {
      this.problem = 'This tablet cannot keep the changes (storage full, or signed out): keep the page open until they are saved';
      this.report();
    });
  }

  // resume starts sending again after signing in (the 401 panel).
  resume(vault) {
    this.vault = vault;
    this.stopped = false;
    this.problem = '';
    this.persist();
    this.schedule(0);
    this.report();
  }

  // remember keeps what the server acknowledged, for a page reloaded offline.
  remember(answers, whole) {
    const s = (!whole && this.savedCopy) || { answers: {} };
    s.revision = this.revision;
    s.answers = whole ? answers : Object.assign(s.answers || {}, answers);
    this.savedCopy = s;
    this.vault.write(this.savedKey, s).catch(() => undefined); // only a convenience
  }

  report() {
    const n = this.waiting;
    const changes = `${n} change${n === 1 ? '' : 's'}`;
    if (this.clashes().length) return this.onState('conflict', 'Someone else changed this — choose which to keep');
    if (this.problem) return this.onState('error', this.problem + (n ? ` (${changes} waiting)` : ''));
    if (this.oldEntries().length) return this.onState('error', 'Changes from more than a week ago are waiting for you to look at them');
    if (this.entries.some((e) => e.bad)) return this.onState('error', 'Not saved — check the highlighted answer');
    if (this.offline && n) return this.onState('offline', `Offline — ${changes} waiting`);
    if (this.inFlight || n) return this.onState('saving', 'Saving…');
    if (this.savedAt) {
      const pad = (n) => String(n).padStart(2, '0');
      return this.onState('saved', `Saved ${pad(this.savedAt.getHours())}:${pad(this.savedAt.getMinutes())}`);
    }
    return this.onState('saved', null);
  }
}

function nullish(v) { return v === undefined ? null : v; }

// loadStored opens what the tablet keeps for this assessment and user.
export async function loadStored(vault, id, user) {
  const [entries, saved] = await Promise.all([vault.read(`fp:queue:${id}:${user}`), vault.read(`fp:saved:${id}:${user}`)]);
  return { entries: Array.isArray(entries) ? entries : [], saved };
}
