// The completion summary: if changes made on this tablet have not reached
// the server yet, say so and hold back completing, so the summary and the
// locked record never leave out something typed offline. The queue is
// sealed (tablet-crypto.js); how many changes wait is kept beside it.
const review = document.getElementById('review');
if (review) {
  const key = `fp:queue:${review.dataset.id}:${review.dataset.user}`;
  let n = 0;
  try { n = Number(JSON.parse(localStorage.getItem(key) || '{}').n) || 0; } catch (err) { n = 0; }
  if (n) {
    const warning = document.getElementById('pending-warning');
    warning.textContent = `${n} change${n === 1 ? '' : 's'} made on this tablet ${n === 1 ? 'has' : 'have'} not been saved yet. ` +
      'Go back to the assessment and wait for “Saved” before completing.';
    warning.hidden = false;
    const button = document.querySelector('#complete-form button[type=submit]');
    if (button) button.disabled = true;
  }
}
