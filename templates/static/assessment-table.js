// Table questions (people, medicines, conversations): add and remove rows.
// Cells keep the names q.<id>[row][column] the plain form POST reads, so
// rows are renumbered after every change.

// initTable wires the "Add a row" and "Remove row" buttons; changed(q) is
// called when the table's answer may have changed.
export function initTable(q, changed) {
  q.querySelector('[data-add-row]').addEventListener('click', () => {
    const row = addRow(q);
    row.querySelector('[data-col]').focus();
  });
  q.addEventListener('click', (e) => {
    const button = e.target.closest('[data-remove-row]');
    if (!button) return;
    const rows = q.querySelector('[data-rows]');
    const row = button.closest('[data-row]');
    const next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    if (!rows.querySelector('[data-row]')) addRow(q);
    renumber(q);
    changed(q);
    const target = next && next.isConnected ? next.querySelector('[data-col]') : q.querySelector('[data-add-row]');
    target.focus();
  });
  showButtons(q);
}

// addRow appends a row, filled from values when given.
export function addRow(q, values) {
  const tpl = q.querySelector('template[data-row-template]');
  const row = tpl.content.querySelector('[data-row]').cloneNode(true);
  for (const cell of row.querySelectorAll('[data-col]')) {
    cell.value = (values && values[cell.dataset.col]) || '';
  }
  q.querySelector('[data-rows]').append(row);
  showButtons(row);
  renumber(q);
  return row;
}

// setRows replaces every row (plus the blank row to fill in).
export function setRows(q, rows) {
  for (const row of q.querySelectorAll('[data-rows] [data-row]')) row.remove();
  for (const values of rows) addRow(q, values);
  addRow(q);
}

function renumber(q) {
  const qid = q.dataset.qid;
  q.querySelectorAll('[data-rows] [data-row]').forEach((row, i) => {
    for (const n of row.querySelectorAll('[data-row-number]')) n.textContent = String(i + 1);
    for (const cell of row.querySelectorAll('[data-col]')) {
      const id = `q-${qid}-${i}-${cell.dataset.col}`;
      cell.closest('.field').querySelector('label').htmlFor = id;
      cell.id = id;
      cell.name = `q.${qid}[${i}][${cell.dataset.col}]`;
    }
  });
}

function showButtons(root) {
  for (const el of root.querySelectorAll('[data-js]')) el.hidden = false;
}
