// The answer voice check on the tablet: when a free-text answer speaks
// about the person rather than as them ("Pt mobilises with frame"), a
// quiet note under the field offers a first-person rewrite ("I walk with a
// frame"). One tap applies it (the field then saves as if typed); the note
// can be ignored, and the assessor can turn the check off for this
// assessment. It never blocks saving: it only reads the answer, after the
// assessor pauses, and stays silent when offline or on any error.
const root = document.getElementById('assessment');
if (root) start(root);

function start(root) {
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = '/static/voice-answer.css';
  document.head.append(style);
  const offKey = `fp-voice-off-${root.dataset.id}`;
  const isOff = () => { try { return localStorage.getItem(offKey) === '1'; } catch { return false; } };
  const timers = new WeakMap();
  const asked = new WeakMap(); // field → text last checked

  const fieldOf = (el) => {
    const q = el.closest && el.closest('.q[data-qid]');
    if (!q || !['text', 'longtext'].includes(q.dataset.type)) return null;
    if (el.tagName !== 'INPUT' && el.tagName !== 'TEXTAREA') return null;
    return { q, el };
  };

  const noteOf = (q) => q.querySelector(':scope > .voice-note');

  const clear = (q) => { const n = noteOf(q); if (n) n.remove(); };

  const show = (f, result) => {
    clear(f.q);
    const note = document.createElement('div');
    note.className = 'voice-note';
    note.setAttribute('role', 'status');
    const p = document.createElement('p');
    p.textContent = 'In the person\u2019s own words? ';
    const suggestion = document.createElement('q');
    suggestion.className = 'voice-suggestion';
    suggestion.textContent = result.suggestion;
    p.append(suggestion);
    const use = document.createElement('button');
    use.type = 'button';
    use.className = 'btn btn-small voice-use';
    use.textContent = 'Use this';
    const off = document.createElement('button');
    off.type = 'button';
    off.className = 'btn btn-small btn-quiet voice-off';
    off.textContent = 'Turn off suggestions';
    use.addEventListener('click', () => {
      f.el.value = result.suggestion;
      asked.set(f.el, result.suggestion);
      clear(f.q);
      // The page saves on input and change, as for typing.
      f.el.dispatchEvent(new Event('input', { bubbles: true }));
      f.el.dispatchEvent(new Event('change', { bubbles: true }));
    });
    off.addEventListener('click', () => {
      try { localStorage.setItem(offKey, '1'); } catch { /* private mode: off for this page only */ }
      root.dataset.voiceOff = '1';
      for (const n of root.querySelectorAll('.voice-note')) n.remove();
    });
    const actions = document.createElement('div');
    actions.className = 'voice-actions';
    actions.append(use, off);
    note.append(p, actions);
    f.el.insertAdjacentElement('afterend', note);
  };

  const check = async (f) => {
    if (isOff() || root.dataset.voiceOff === '1') return;
    const text = f.el.value;
    if (asked.get(f.el) === text) return;
    asked.set(f.el, text);
    if (text.trim().length < 4) { clear(f.q); return; }
    try {
      const res = await fetch('/api/v1/voice/answer', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text }),
      });
      if (!res.ok) return;
      const result = await res.json();
      if (f.el.value !== text) return; // typed on since: a newer check follows
      if (result.flagged && result.suggestion && result.suggestion !== text) show(f, result);
      else clear(f.q);
    } catch { /* offline: no note */ }
  };

  root.addEventListener('input', (e) => {
    const f = fieldOf(e.target);
    if (!f) return;
    clearTimeout(timers.get(f.el));
    timers.set(f.el, setTimeout(() => check(f), 700));
  });
  root.addEventListener('change', (e) => { const f = fieldOf(e.target); if (f) check(f); });
}
