// How each question's inputs become an answer (as the JSON API takes it)
// and back, and the show-if rule, mirroring forms.ConditionMet and
// forms.Schema.Visible on the server.
import { setRows } from './assessment-table.js';
import { setSignature, readTyped } from './assessment-sign.js';

// readValue returns the answer a question's inputs hold: null when empty,
// undefined when the input is not an answer yet (a half-typed number).
export function readValue(q) {
  switch (q.dataset.type) {
    case 'text': case 'longtext': case 'date': {
      const el = q.querySelector('input, textarea');
      if (el.value.trim() === '') return el.validity && el.validity.badInput ? undefined : null;
      return el.value;
    }
    case 'number': {
      const el = q.querySelector('input');
      if (el.value.trim() === '') return el.validity.badInput ? undefined : null;
      const n = Number(el.value);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'yesno': {
      const c = q.querySelector('input:checked');
      return c ? c.value === 'yes' : null;
    }
    case 'choice': {
      const c = q.querySelector('input:checked');
      return c ? c.value : null;
    }
    case 'multichoice': {
      const v = [...q.querySelectorAll('input[type=checkbox]:checked')].map((i) => i.value);
      return v.length ? v : null;
    }
    case 'table': {
      const rows = [];
      for (const row of q.querySelectorAll('[data-row]')) {
        const o = {};
        for (const cell of row.querySelectorAll('[data-col]')) {
          if (cell.value.trim() !== '') o[cell.dataset.col] = cell.value;
        }
        if (Object.keys(o).length) rows.push(o);
      }
      return rows.length ? rows : null;
    }
    case 'signature': {
      // A typed name wins over a drawing (drawing clears the name).
      const typed = readTyped(q);
      return typed === null ? q.fpSignature || null : typed;
    }
  }
  return undefined;
}

// writeValue puts an answer into a question's inputs.
export function writeValue(q, v) {
  if (v === undefined) v = null;
  switch (q.dataset.type) {
    case 'text': case 'longtext': case 'date': case 'number':
      q.querySelector('input, textarea').value = v === null ? '' : String(v);
      break;
    case 'yesno':
      for (const r of q.querySelectorAll('input[type=radio]')) r.checked = v !== null && (r.value === 'yes') === v;
      break;
    case 'choice':
      for (const r of q.querySelectorAll('input[type=radio]')) r.checked = r.value === v;
      break;
    case 'multichoice':
      for (const c of q.querySelectorAll('input[type=checkbox]')) c.checked = Array.isArray(v) && v.includes(c.value);
      break;
    case 'table':
      setRows(q, Array.isArray(v) ? v : []);
      break;
    case 'signature':
      setSignature(q, v);
      break;
  }
}

// isEmpty mirrors forms.IsEmpty.
export function isEmpty(v) {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.every(isEmpty);
  if (typeof v === 'object') return Object.values(v).every(isEmpty);
  return false;
}

// same compares two answers as JSON with sorted keys. A typed signature
// is the same whoever the server recorded as entering it.
export function same(a, b) {
  return canonical(plain(a)) === canonical(plain(b));
}

function plain(v) {
  if (v === undefined) return null;
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.typed === 'string') {
    return { typed: v.typed.trim(), confirmed: v.confirmed === true };
  }
  return v;
}

function canonical(v) {
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  if (v && typeof v === 'object') {
    return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + canonical(v[k])).join(',') + '}';
  }
  return JSON.stringify(v);
}

// conditionMet mirrors forms.ConditionMet: a boolean for yes/no, a number
// for numbers, a string for text and choice, or a ticked option of a
// multiple choice.
export function conditionMet(cond, answer) {
  const want = cond.equals;
  switch (typeof want) {
    case 'boolean': return answer === want;
    case 'number': return typeof answer === 'number' && answer === want;
    case 'string':
      if (typeof answer === 'string') return answer === want;
      if (Array.isArray(answer)) return answer.includes(want);
  }
  return false;
}

// visible mirrors forms.Schema.Visible: a question is shown when its
// show-if is met and the question it depends on is shown too.
export function visible(q, byId) {
  const seen = new Set();
  for (let cur = q; cur; ) {
    const raw = cur.dataset.showIf;
    if (!raw) return true;
    if (seen.has(cur)) return false;
    seen.add(cur);
    const cond = JSON.parse(raw);
    const dep = byId.get(cond.question);
    if (!dep || !conditionMet(cond, readValue(dep))) return false;
    cur = dep;
  }
  return false;
}

// formatValue writes an answer for people, as forms.FormatAnswer does.
export function formatValue(q, v) {
  if (isEmpty(v)) return 'No answer';
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (q.dataset.type === 'signature') return v && v.typed ? `Signed by typing: ${v.typed}` : 'A signature';
  if (Array.isArray(v)) {
    if (q.dataset.type !== 'table') return v.join(', ');
    const labels = {};
    const tpl = q.querySelector('template[data-row-template]');
    for (const cell of tpl.content.querySelectorAll('[data-col]')) {
      labels[cell.dataset.col] = cell.closest('.field').querySelector('label').textContent;
    }
    return v.map((row) => Object.keys(row).map((k) => (labels[k] || k) + ': ' + row[k]).join('; ')).join('\n');
  }
  return String(v);
}
