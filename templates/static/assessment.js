// The assessment page on the tablet: one section at a time with the
// section list's progress, live show-if, autosave through the offline
// queue (assessment-sync.js), the choice between two devices' answers,
// and a service worker that keeps the page for a reload offline. Without
// JavaScript the page still works: each section saves with its button.
import { Sync, loadStored } from './assessment-sync.js';
import { Vault, fetchKey, forgetKey } from './tablet-crypto.js';
import { showSignIn } from './tablet-signin.js';
import { initLock } from './tablet-lock.js';
import { showWaiting, showDone } from './tablet-waiting.js';
import { readValue, writeValue, isEmpty, same, visible, formatValue } from './assessment-values.js';
import { initTable } from './assessment-table.js';
import { initSignature } from './assessment-sign.js';

const root = document.getElementById('assessment');
if (root) start(root);

async function start(root) {
  document.documentElement.classList.add('js');
  // The tablet key opens what this tablet kept for this user (tablet-crypto.js).
  let rec = await fetchKey().catch(() => null);
  if (rec && rec.user !== root.dataset.user) rec = null;
  const vault = new Vault(rec);
  const stored = await loadStored(vault, root.dataset.id, root.dataset.user);
  // Ask the browser not to clear what waits on the tablet under pressure.
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => undefined);
  const waitingPanel = document.createElement('section');
  waitingPanel.id = 'waiting';
  waitingPanel.className = 'card waiting-panel';
  waitingPanel.setAttribute('aria-labelledby', 'waiting-title');
  waitingPanel.hidden = true;
  document.getElementById('conflicts').after(waitingPanel);
  const describe = (e) => {
    const q = byId.get(e.q);
    return q ? { label: labelOf(q), value: formatValue(q, e.v) } : { label: e.q, value: String(e.v) };
  };
  const base = root.dataset.base;
  const questions = [...root.querySelectorAll('.q[data-qid]')];
  const byId = new Map(questions.map((q) => [q.dataset.qid, q]));
  const sections = [...root.querySelectorAll('form[data-section]')];
  const status = document.getElementById('save-state');
  const initialStatus = status.textContent;
  // Screen readers: the visible save state is not live (it changes with
  // every keystroke's count); a polite region speaks only when the state
  // changes, and an assertive one speaks each refused answer once.
  status.removeAttribute('role');
  status.setAttribute('aria-live', 'off');
  const spoken = el('p', '', 'sr-only');
  spoken.setAttribute('role', 'status');
  spoken.id = 'save-announce';
  const alarm = el('p', '', 'sr-only');
  alarm.setAttribute('role', 'alert');
  alarm.id = 'error-announce';
  root.append(spoken, alarm);
  let lastState = status.dataset.state;
  const announced = new Set();
  const baseTitle = document.title.replace(/^.* · (?=[^·]+ · Firstperson$)/, '');

  for (const el of root.querySelectorAll('[data-js]')) el.hidden = false;
  const changed = (q) => {
    const v = readValue(q);
    if (v === undefined) return; // not an answer yet, e.g. a half-typed date
    q.classList.remove('invalid');
    const msg = q.querySelector('.field-error');
    if (msg) {
      for (const input of q.querySelectorAll('[aria-invalid]')) {
        input.removeAttribute('aria-invalid');
        const ids = (input.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== msg.id);
        if (ids.length) input.setAttribute('aria-describedby', ids.join(' '));
        else input.removeAttribute('aria-describedby');
      }
      msg.remove();
    }
    sync.put(q.dataset.qid, v);
    refresh();
  };
  for (const q of questions) {
    if (q.dataset.type === 'table') initTable(q, changed);
    if (q.dataset.type === 'signature') initSignature(q, changed);
  }

  const sync = new Sync({
    id: root.dataset.id, user: root.dataset.user, revision: Number(root.dataset.revision), api: root.dataset.api,
    vault, stored,
    // A 401 mid-sync: the key goes (crypto-shred), a sign-in panel opens
    // in place, and the queue resumes once the same user is back.
    async onSignedOut() {
      await forgetKey();
      showSignIn({ user: root.dataset.user, name: root.dataset.userName, waiting: () => sync.waiting,
        onSignedIn: (again) => sync.resume(new Vault(again)) });
    },
    onState(state, text) {
      status.dataset.state = state;
      if (state === 'conflict') {
        const link = el('a', text);
        link.href = '#conflicts';
        status.replaceChildren(link);
      } else {
        status.textContent = text || initialStatus;
      }
      if (state !== lastState) {
        lastState = state;
        spoken.textContent = status.textContent;
      }
    },
    onRemote(qid, value) {
      const q = byId.get(qid);
      if (q) writeValue(q, value);
      refresh();
    },
    onClashes: (entries) => showClashes(entries),
    onCompleted(entries) {
      showWaiting(waitingPanel, { title: 'Completed on another device', entries, describe, reason: true,
        text: 'This assessment was completed on another device while these changes waited on this tablet. ' +
          'Record them as an amendment to the completed record, with a reason, or discard them.',
        actions: [
          { name: 'amend', label: 'Record as an amendment', primary: true, async run(reason) {
            if (!reason) return { message: 'Say why these changes are recorded as an amendment' };
            const r = await sync.amend(reason);
            if (r.ok) showDone(waitingPanel, 'Recorded as an amendment to the completed record.');
            return r;
          } },
          { name: 'discard', label: 'Discard my changes', run() {
            sync.discard();
            showDone(waitingPanel, 'Your changes were discarded. The completed record is as it was.');
          } },
        ] });
    },
    onOld(entries) {
      showWaiting(waitingPanel, { title: 'Changes from more than a week ago', entries, describe,
        text: 'These changes were made on this tablet more than seven days ago and have not been saved. ' +
          'Check them before they are sent.',
        actions: [
          { name: 'send', label: 'Send them', primary: true, run() { waitingPanel.hidden = true; sync.settleOld(true); } },
          { name: 'discard', label: 'Discard them', run() { waitingPanel.hidden = true; sync.settleOld(false); } },
        ] });
    },
    onInvalid(fields) {
      for (const [qid, message] of Object.entries(fields)) {
        const q = byId.get(qid);
        if (!q) continue;
        q.classList.add('invalid');
        let msg = q.querySelector('.field-error');
        if (!msg) {
          msg = document.createElement('p');
          msg.className = 'field-error';
          q.querySelector('.q-label').after(msg);
        }
        msg.id = `q-${qid}-error`;
        msg.textContent = message;
        for (const input of q.querySelectorAll('input:not([type=hidden]), textarea, select, fieldset')) {
          input.setAttribute('aria-invalid', 'true');
          const ids = (input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
          if (!ids.includes(msg.id)) input.setAttribute('aria-describedby', [...ids, msg.id].join(' '));
        }
        if (!announced.has(qid + '\n' + message)) {
          announced.add(qid + '\n' + message);
          alarm.textContent = `Not saved: ${labelOf(q)} — ${message}`;
        }
      }
    },
  });

  // The page can be typed into before this script is ready (while it
  // loads, and while the tablet key is fetched above). What was typed is
  // not the server's answer: it is taken out now and put back, as an edit,
  // once edits are recorded below, so it is saved like any other. (The
  // section forms are autocomplete="off", so the browser never puts old
  // input back on a reload or Back, which this would then save.)
  const early = typedEarly(questions);
  // Answers saved from this tablet since the page was made, then the
  // changes still waiting: on screen again before anything else happens.
  for (const [qid, v] of Object.entries(sync.restoreSaved())) {
    if (byId.has(qid)) writeValue(byId.get(qid), v);
  }
  const known = new Map();
  for (const q of questions) if (q.dataset.type !== 'info') known.set(q.dataset.qid, readValue(q) ?? null);
  for (const e of sync.entries) if (byId.has(e.q)) writeValue(byId.get(e.q), e.v);
  sync.start(known);
  refresh();

  root.addEventListener('input', onEdit);
  root.addEventListener('change', onEdit);
  for (const [q, v] of early) {
    writeValue(q, v);
    changed(q);
  }
  // Edits are recorded from here on (browser tests wait for this).
  root.dataset.ready = 'true';
  function onEdit(e) {
    const q = e.target.closest('.q[data-qid]');
    if (!q || q.dataset.type === 'info') return;
    if (q.dataset.type === 'signature' && !e.target.closest('[data-sig-typed]')) return;
    changed(q);
  }
  root.addEventListener('click', (e) => {
    const clear = e.target.closest('[data-clear]');
    if (clear) {
      const q = clear.closest('.q');
      for (const r of q.querySelectorAll('input')) r.checked = false;
      changed(q);
    }
    const link = e.target.closest('[data-section-link]');
    if (link) {
      e.preventDefault();
      show(link.dataset.sectionLink, true);
    }
    if (e.target.closest('[data-complete-link]')) {
      e.preventDefault();
      complete();
    }
  });
  for (const form of sections) {
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      sync.flush();
      const next = sections[sections.indexOf(form) + 1];
      if (next) show(next.dataset.section, true);
      else complete();
    });
  }

  window.addEventListener('popstate', () => show(sectionFromPath(), false));
  // Sign-out (tablet-signout.js): wait for the queue, or stop for good.
  window.addEventListener('fp:flush', () => sync.flush());
  window.addEventListener('fp:signed-out', () => {
    sync.stopped = true;
    clearTimeout(sync.timer);
    vault.rec = null;
  });
  window.addEventListener('online', () => sync.online());
  window.addEventListener('offline', () => { sync.offline = true; sync.report(); });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') sync.flush({ keepalive: true });
    else sync.flush();
  });
  window.addEventListener('pagehide', () => sync.flush({ keepalive: true }));

  // The section list is a sidebar on a wide screen and folds away on a
  // narrow one (a tablet in portrait).
  const nav = root.querySelector('[data-sec-nav]');
  const wide = window.matchMedia('(min-width: 900px)');
  nav.open = wide.matches;
  wide.addEventListener('change', () => { nav.open = wide.matches; });

  initLock(root, { minutes: root.dataset.idleLock, onSignedOut: () => sync.onSignedOut() });
  show(sectionFromPath(), false, location.hash === '');
  sync.flush();
  keepOffline(root);

  function sectionFromPath() {
    const m = location.pathname.match(/\/sections\/([^/]+)$/);
    return m ? decodeURIComponent(m[1]) : sections[0].dataset.section;
  }

  function show(sid, push, focus = true) {
    const form = sections.find((f) => f.dataset.section === sid) || sections[0];
    for (const f of sections) f.hidden = f !== form;
    // The save state travels with the section on screen, in its action bar.
    const actions = form.querySelector('.sec-actions');
    if (status.parentNode !== actions) actions.prepend(status);
    for (const a of root.querySelectorAll('.sec-list [data-section-link]')) {
      if (a.dataset.sectionLink === form.dataset.section) a.setAttribute('aria-current', 'step');
      else a.removeAttribute('aria-current');
    }
    root.querySelector('.sec-nav-now').textContent = `Section ${sections.indexOf(form) + 1} of ${sections.length}`;
    const heading = form.querySelector('.sec-heading').cloneNode(true);
    for (const m of heading.querySelectorAll('.muted')) m.remove();
    document.title = `${heading.textContent.trim()} · ${baseTitle}`;
    if (push) history.pushState({}, '', `${base}/sections/${form.dataset.section}`);
    if (!wide.matches) nav.open = false;
    if (focus) {
      window.scrollTo(0, 0);
      form.querySelector('.sec-heading').focus({ preventScroll: true });
    }
    // After a refused form post, the error summary takes the focus.
    const summary = form.querySelector('.error-summary');
    if (summary && !summary.dataset.seen) {
      summary.dataset.seen = 'true';
      summary.tabIndex = -1;
      summary.focus();
    }
  }

  // complete goes to the summary once every change has reached the server.
  async function complete() {
    if (await sync.drain(8000)) {
      location.href = `${base}/complete`;
      return;
    }
    sync.report();
    status.textContent += ' — completing needs every change saved first';
  }

  // refresh shows and hides show-if questions and counts progress.
  function refresh() {
    for (const q of questions) if (q.dataset.showIf) q.hidden = !visible(q, byId);
    let all = [0, 0, 0];
    for (const form of sections) {
      const n = [0, 0, 0]; // answered, answerable, required left
      for (const q of form.querySelectorAll('.q[data-qid]')) {
        if (q.hidden || q.dataset.type === 'info') continue;
        n[1]++;
        if (!isEmpty(readValue(q))) n[0]++;
        else if ('required' in q.dataset) n[2]++;
      }
      all = all.map((x, i) => x + n[i]);
      const sid = form.dataset.section;
      root.querySelector(`[data-progress-for="${sid}"]`).textContent = progress(n);
      root.querySelector(`.sec-list [data-section-link="${sid}"]`).classList.toggle('done', n[2] === 0 && n[0] > 0);
    }
    for (const el of root.querySelectorAll('[data-progress-all]')) el.textContent = progress(all);
    const bar = root.querySelector('[data-progress-bar]');
    bar.max = all[1];
    bar.value = all[0];
  }

  // showClashes lists each question both devices changed, with both answers.
  function showClashes(entries) {
    const panel = document.getElementById('conflicts');
    const shown = [...panel.querySelectorAll('.conflict')];
    if (entries.length && shown.length === entries.length && entries.every((e, i) => shown[i].dataset.q === e.q)) {
      // The same questions: only the answers changed (the assessor typed on).
      entries.forEach((e, i) => {
        const q = byId.get(e.q);
        shown[i].querySelector('.conflict-mine .conflict-value').textContent = formatValue(q, e.v);
        shown[i].querySelector('.conflict-theirs .conflict-value').textContent = formatValue(q, e.theirs);
      });
      return;
    }
    for (const q of questions) q.classList.remove('clash');
    panel.replaceChildren();
    panel.hidden = !entries.length;
    if (!entries.length) return;
    panel.append(el('h2', 'Someone else changed this on another device'),
      el('p', 'Both answers are below. Choose which to keep for each question: nothing is saved over until you do.'));
    for (const e of entries) {
      const q = byId.get(e.q);
      if (!q) continue;
      q.classList.add('clash');
      const form = q.closest('form[data-section]');
      const link = el('a', labelOf(q));
      link.href = `${base}/sections/${form.dataset.section}#qw-${e.q}`;
      link.dataset.sectionLink = form.dataset.section;
      const item = el('div', '', 'conflict');
      item.dataset.q = e.q;
      item.append(el('h3', '', '', link), el('div', '', 'conflict-choices',
        choice('Yours, on this tablet', formatValue(q, e.v), 'Keep mine', true, 'mine'),
        choice('Saved on another device', formatValue(q, e.theirs), 'Keep theirs', false, 'theirs')));
      item.addEventListener('click', (ev) => {
        const b = ev.target.closest('[data-keep]');
        if (b) sync.resolve(e.q, b.dataset.keep === 'mine');
      });
      panel.append(item);
    }
  }
}

function choice(who, value, action, primary, keep) {
  const button = el('button', action, primary ? 'btn btn-primary' : 'btn');
  button.type = 'button';
  button.dataset.keep = keep;
  return el('div', '', `conflict-${keep}`, el('p', who, 'conflict-who'), el('p', value, 'conflict-value'), button);
}

function el(tag, text, className, ...children) {
  const e = document.createElement(tag);
  if (text) e.textContent = text;
  if (className) e.className = className;
  e.append(...children);
  return e;
}

function labelOf(q) {
  const label = q.querySelector('.q-label').cloneNode(true);
  for (const r of label.querySelectorAll('.req')) r.remove();
  return label.textContent.trim();
}

function progress([answered, answerable, left]) {
  let s = `${answered} of ${answerable} answered`;
  if (left === 1) s += ' · 1 required left';
  else if (left > 1) s += ` · ${left} required left`;
  return s;
}

// keepOffline registers the service worker that keeps this page, its CSS
// and JS for a reload without network, and stores this page (sealed)
// once the tablet key is known.
async function keepOffline(root) {
  if (!('serviceWorker' in navigator)) return;
  try {
    const sw = navigator.serviceWorker;
    // Scope "/": after an offline sign-out the worker ends the server
    // session before any page of the site is shown (assessment-sw.js).
    await sw.register('/assessments/offline.js', { scope: '/', type: 'module' });
    const reg = await sw.ready;
    if (!sw.controller) {
      // The worker claims the pages open when it activates; a page it
      // missed (loaded while it was installing, or with a hard reload)
      // would wait for ever, so ask the active worker to claim it now.
      const claimed = new Promise((r) => sw.addEventListener('controllerchange', r, { once: true }));
      reg.active.postMessage('claim');
      await claimed;
    }
    // Fetched again through the worker now that the tablet key is known:
    // the copy kept as the page loaded may predate it (first page after
    // signing in), and a page is only kept sealed under its user's key.
    await fetch(location.pathname, { credentials: 'same-origin' });
    root.dataset.offlineReady = 'true';
  } catch (err) {
    // Without a service worker the queue still keeps every change.
  }
}

// typedEarly finds the questions whose inputs no longer hold what the
// server wrote into the page (their default values), puts the server's
// answer back into each and returns what had been typed, by question.
// Signatures are left out: the pad and the typed name need this script.
function typedEarly(questions) {
  const typed = new Map();
  for (const q of questions) {
    if (q.dataset.type === 'info' || q.dataset.type === 'signature') continue;
    const now = readValue(q);
    if (now === undefined) continue;
    const served = readValue(asServed(q));
    if (same(now, served)) continue;
    typed.set(q, now);
    writeValue(q, served);
  }
  return typed;
}

// asServed is a copy of a question with its inputs as the page came.
function asServed(q) {
  const copy = q.cloneNode(true);
  for (const input of copy.querySelectorAll('input, textarea')) {
    if (input.type === 'checkbox' || input.type === 'radio') input.checked = input.defaultChecked;
    else input.value = input.defaultValue;
  }
  for (const option of copy.querySelectorAll('option')) option.selected = option.defaultSelected;
  return copy;
}
