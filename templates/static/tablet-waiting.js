// Waiting changes the assessor must decide about (issue 11): changes
// held back because the assessment was completed on another device
// (record them as an amendment with a reason, or discard them) and
// changes more than a week old (send them, or discard them). Nothing is
// dropped without an explicit choice. Oldest first.
export function showWaiting(panel, { title, text, entries, describe, reason, actions }) {
  panel.replaceChildren();
  panel.hidden = false;
  panel.classList.add('waiting-panel');
  const h = document.createElement('h2');
  h.id = 'waiting-title';
  h.textContent = title;
  const p = document.createElement('p');
  p.textContent = text;
  const list = document.createElement('ul');
  list.className = 'waiting-list';
  for (const e of [...entries].sort((a, b) => (a.at || 0) - (b.at || 0))) {
    const li = document.createElement('li');
    const { label, value } = describe(e);
    const strong = document.createElement('strong');
    strong.textContent = label;
    li.append(strong, `: ${value}`);
    if (e.at) li.append(` (changed ${new Date(e.at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })})`);
    list.append(li);
  }
  panel.append(h, p, list);
  let field = null;
  if (reason) {
    const wrap = document.createElement('div');
    wrap.className = 'field';
    wrap.innerHTML = '<label for="amend-reason">Reason for the amendment</label>' +
      '<p class="field-error" id="amend-reason-error" hidden></p><textarea id="amend-reason" rows="2"></textarea>';
    field = wrap.querySelector('textarea');
    panel.append(wrap);
  }
  const buttons = document.createElement('p');
  buttons.className = 'tablet-panel-buttons';
  for (const a of actions) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = a.primary ? 'btn btn-primary' : 'btn';
    b.textContent = a.label;
    b.dataset.action = a.name;
    b.addEventListener('click', async () => {
      const result = await a.run(field ? field.value.trim() : '');
      if (result && result.message && field) {
        const err = panel.querySelector('#amend-reason-error');
        err.textContent = result.message;
        err.hidden = false;
        field.setAttribute('aria-invalid', 'true');
        field.setAttribute('aria-describedby', 'amend-reason-error');
        field.focus();
      }
    });
    buttons.append(b);
  }
  panel.append(buttons);
  h.tabIndex = -1;
  h.focus();
}

export function showDone(panel, text) {
  panel.replaceChildren();
  const p = document.createElement('p');
  p.textContent = text;
  p.tabIndex = -1;
  panel.append(p);
  p.focus();
}
