// The sign-in panel that opens in place when the server answers 401 in
// the middle of a sync (issue 11): the page, what was typed and the
// waiting changes stay; after signing in as the same user the tablet key
// comes back and the queue resumes. Signing in as someone else does not
// open this user's changes: they stay sealed for their owner.
import { fetchKey } from './tablet-crypto.js';

let open = null;

export function showSignIn({ user, waiting, onSignedIn }) {
  if (open) return;
  const panel = document.createElement('div');
  panel.className = 'tablet-overlay';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-modal', 'true');
  panel.setAttribute('aria-labelledby', 'signin-panel-title');
  const n = waiting();
  panel.innerHTML = `<form class="tablet-panel" novalidate>
  <h2 id="signin-panel-title">Sign in again to keep saving</h2>
  <p class="tablet-panel-note"></p>
  <div class="field"><label for="signin-panel-email">Email</label>
  <input id="signin-panel-email" type="email" autocomplete="username" required></div>
  <div class="field"><label for="signin-panel-password">Password</label>
  <input id="signin-panel-password" type="password" autocomplete="current-password" required></div>
  <p class="field-error" id="signin-panel-error" role="alert" hidden></p>
  <p><button type="submit" class="btn btn-primary">Sign in and carry on</button></p>
</form>`;
  panel.querySelector('.tablet-panel-note').textContent = 'Your session on this tablet has ended. ' +
    (n ? `${n} change${n === 1 ? ' is' : 's are'} kept on this tablet, locked, and will be saved once you sign in.` :
      'Nothing typed has been lost.');
  const form = panel.querySelector('form');
  const error = panel.querySelector('#signin-panel-error');
  const email = panel.querySelector('#signin-panel-email');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    const body = new URLSearchParams({ email: email.value, password: panel.querySelector('#signin-panel-password').value });
    let res;
    try {
      res = await fetch('/login', { method: 'POST', body, credentials: 'same-origin', redirect: 'manual' });
    } catch (err) {
      return fail('The tablet is offline. Try again when the network is back.');
    }
    // A 303 to where the user was heading is a success; the form's 422 is not.
    if (res.type !== 'opaqueredirect' && !res.redirected) return fail('That email and password do not match an account.');
    const rec = await fetchKey().catch(() => null);
    if (!rec || rec.user !== String(user)) {
      return fail('You signed in as someone else. These changes belong to the assessor who made them: ' +
        'they stay locked on this tablet until that person signs in.');
    }
    panel.remove();
    open = null;
    onSignedIn(rec);
  });
  function fail(text) {
    error.textContent = text;
    error.hidden = false;
    email.setAttribute('aria-invalid', 'true');
    email.setAttribute('aria-describedby', 'signin-panel-error');
  }
  document.body.append(panel);
  open = panel;
  email.focus();
}
