// Honest sign-out on a shared tablet (issue 11, docs/TABLET.md). Signing
// out deletes the tablet key (crypto-shred: the waiting changes stay,
// sealed, for their owner) and the kept pages. With changes still waiting
// it says how many and offers to wait for the network. Offline, the page
// shows "signed out" at once and the server session is ended as soon as
// the network returns — the service worker does it before any page loads.
// The key is also deleted at the session's absolute limit.
import { storedKey, forgetKey, markSignoutPending, waitingChanges } from './tablet-crypto.js';

const form = document.querySelector('form.signout');
if (form) setUp(form);

async function setUp(form) {
  const user = form.dataset.user;
  const rec = await storedKey();
  // A key left by somebody else is no business of this session.
  if (rec && rec.user !== user) await forgetKey();
  if (rec && rec.user === user && rec.expires) {
    const ms = Date.parse(rec.expires) - Date.now();
    if (ms > 0 && ms < 2 ** 31) setTimeout(() => { forgetKey(); }, ms);
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const n = waitingChanges(user);
    if (n) warn(form, user, n);
    else signOut(user);
  });
}

// warn is the sign-out warning: how many changes wait, wait or sign out.
function warn(form, user, n) {
  if (document.getElementById('signout-warning')) return;
  const box = document.createElement('div');
  box.className = 'tablet-overlay';
  box.id = 'signout-warning';
  box.setAttribute('role', 'alertdialog');
  box.setAttribute('aria-modal', 'true');
  box.setAttribute('aria-labelledby', 'signout-warning-title');
  box.setAttribute('aria-describedby', 'signout-warning-text');
  box.innerHTML = `<div class="tablet-panel">
  <h2 id="signout-warning-title"></h2>
  <p id="signout-warning-text"></p>
  <p class="tablet-panel-status" role="status"></p>
  <p class="tablet-panel-buttons"><button type="button" class="btn btn-primary" data-wait>Wait for the network</button>
  <button type="button" class="btn" data-now>Sign out now</button></p>
</div>`;
  const changes = (k) => `${k} change${k === 1 ? '' : 's'}`;
  box.querySelector('h2').textContent = `${changes(n)} not saved yet`;
  box.querySelector('#signout-warning-text').textContent = `${changes(n)} made on this tablet ${n === 1 ? 'has' : 'have'} not reached ` +
    'the server. If you sign out now they stay on this tablet, locked so nobody else can read them, and are saved ' +
    'when you next sign in here. Or wait: you are signed out as soon as they are saved.';
  const status = box.querySelector('[role=status]');
  let timer = 0;
  box.querySelector('[data-wait]').addEventListener('click', () => {
    window.dispatchEvent(new Event('fp:flush')); // the assessment page sends now
    const tick = () => {
      const left = waitingChanges(user);
      if (!left) { clearInterval(timer); signOut(user); return; }
      status.textContent = navigator.onLine ? `Saving… ${changes(left)} to go` :
        `Waiting for the network… ${changes(left)} to go`;
    };
    clearInterval(timer);
    timer = setInterval(tick, 500);
    tick();
  });
  box.querySelector('[data-now]').addEventListener('click', () => { clearInterval(timer); signOut(user); });
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { clearInterval(timer); box.remove(); form.querySelector('button').focus(); }
  });
  document.body.append(box);
  box.querySelector('[data-wait]').focus();
}

// signOut shreds the key and the kept pages, then ends the session.
async function signOut(user) {
  window.dispatchEvent(new Event('fp:signed-out'));
  await forgetKey();
  if (self.caches) {
    for (const name of await caches.keys()) if (name.startsWith('fp-')) await caches.delete(name);
  }
  try {
    await fetch('/logout', { method: 'POST', credentials: 'same-origin', redirect: 'manual' });
  } catch (err) {
    await markSignoutPending(true);
    signedOutOffline(user);
    return;
  }
  await markSignoutPending(false);
  location.replace('/login');
}

// signedOutOffline hides the record at once and ends the server session
// when the network comes back.
function signedOutOffline(user) {
  const n = waitingChanges(user);
  const main = document.createElement('main');
  main.id = 'main';
  main.className = 'signed-out';
  main.innerHTML = '<section class="card narrow"><h1>Signed out</h1><p></p><p></p></section>';
  const [p1, p2] = main.querySelectorAll('p');
  p1.textContent = 'This tablet is offline. You are signed out here, and the server will be told as soon as the network returns.';
  p2.textContent = n ? `${n} change${n === 1 ? ' is' : 's are'} kept on this tablet, locked, until you sign in here again.` : '';
  document.title = 'Signed out · Firstperson';
  document.body.replaceChildren(main);
  main.setAttribute('tabindex', '-1');
  main.focus();
  window.addEventListener('online', async () => {
    try {
      await fetch('/logout', { method: 'POST', credentials: 'same-origin', redirect: 'manual' });
      await markSignoutPending(false);
    } catch (err) { return; }
    location.replace('/login');
  });
}
