// The idle lock (issue 11, docs/TABLET.md): after the team's number of
// minutes without a touch (2–60, 10 by default) — or at once with "Lock
// screen" — the assessment page hides the record behind a lock screen that
// asks for the password (POST /tablet/unlock). Underneath, nothing stops:
// autosave and the queue go on, and unlocking neither reloads the page
// nor loses what was typed. A reload while locked stays locked.
const LOCKED = 'fp:locked';
const ACTIVITY = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'];

export function initLock(root, { minutes, onSignedOut }) {
  const limit = Math.min(60, Math.max(2, Number(minutes) || 10)) * 60000;
  let last = Date.now();
  let overlay = null;
  let before = null;
  for (const type of ACTIVITY) document.addEventListener(type, () => { if (!overlay) last = Date.now(); }, true);
  setInterval(() => { if (!overlay && Date.now() - last >= limit) lock(); }, 5000);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && !overlay && Date.now() - last >= limit) lock();
  });

  const links = root.querySelector('.a-links');
  if (links) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'btn btn-quiet';
    button.textContent = 'Lock screen';
    button.dataset.lockNow = '';
    button.addEventListener('click', () => lock());
    links.append(button);
  }
  if (sessionStorage.getItem(LOCKED)) lock();

  function hidden(on) {
    for (const el of [document.querySelector('.topbar'), document.getElementById('main')]) {
      if (!el) continue;
      el.inert = on;
      if (on) el.setAttribute('aria-hidden', 'true');
      else el.removeAttribute('aria-hidden');
    }
  }

  function lock() {
    if (overlay) return;
    before = document.activeElement;
    sessionStorage.setItem(LOCKED, '1');
    overlay = document.createElement('div');
    overlay.className = 'tablet-overlay tablet-lock';
    overlay.id = 'lock-screen';
    overlay.setAttribute('role', 'dialog');
    overlay.setAttribute('aria-modal', 'true');
    overlay.setAttribute('aria-labelledby', 'lock-title');
    overlay.innerHTML = `<form class="tablet-panel" novalidate>
  <h2 id="lock-title">This tablet is locked</h2>
  <p>The assessment is hidden because the tablet was not used for a while. Saving goes on; nothing typed is lost.</p>
  <div class="field"><label for="lock-password">Your password</label>
  <input id="lock-password" type="password" autocomplete="current-password"></div>
  <p class="field-error" id="lock-error" hidden></p>
  <p class="sr-only" id="lock-alert" role="alert"></p>
  <p><button type="submit" class="btn btn-primary">Unlock</button></p>
</form>`;
    hidden(true);
    document.body.append(overlay);
    const input = overlay.querySelector('#lock-password');
    overlay.querySelector('form').addEventListener('submit', async (e) => {
      e.preventDefault();
      let res;
      try {
        res = await fetch('/tablet/unlock', { method: 'POST', credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ password: input.value }) });
      } catch (err) {
        return problem('The tablet is offline: unlocking needs the network. Try again in a moment.');
      }
      if (res.status === 204) return unlock();
      if (res.status === 401) {
        unlock();
        onSignedOut();
        return undefined;
      }
      const data = await res.json().catch(() => ({}));
      const f = (data.error && data.error.fields) || {};
      return problem(f.password || 'That did not work; try again.');
    });
    input.focus();

    function problem(text) {
      const msg = overlay.querySelector('#lock-error');
      msg.textContent = text;
      msg.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'lock-error');
      overlay.querySelector('#lock-alert').textContent = text;
      input.select();
    }
  }

  function unlock() {
    sessionStorage.removeItem(LOCKED);
    overlay.remove();
    overlay = null;
    hidden(false);
    last = Date.now();
    if (before && before.focus) before.focus();
  }
}
