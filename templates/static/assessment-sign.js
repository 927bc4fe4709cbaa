// Signature pad: drawn with a finger, a pen or a mouse (pointer events)
// or the arrow keys, saved as a PNG data URL on a white background,
// clearable. The current drawing lives on the question element as
// q.fpSignature. Beside it, "Sign by typing my name instead": a name and
// an "I confirm" tick, read as {typed, confirmed} (assessment-values.js).

const HEIGHT = 200; // CSS pixels, as assessment.css sets

// initSignature turns a signature question's canvas into a pad; changed(q)
// is called after each stroke and after clearing.
export function initSignature(q, changed) {
  const canvas = q.querySelector('canvas');
  const saved = q.querySelector('img.sig-saved');
  q.fpSignature = saved ? saved.getAttribute('src') : null;
  if (saved) saved.remove();
  canvas.hidden = false;
  for (const el of q.querySelectorAll('[data-js]')) el.hidden = false;
  const ctx = canvas.getContext('2d');
  let drawing = false;
  let last = null;

  q.fpRedraw = () => {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || 600;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(HEIGHT * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, HEIGHT);
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#1c2730';
    if (q.fpSignature) {
      const img = new Image();
      img.onload = () => ctx.drawImage(img, 0, 0, width, HEIGHT);
      img.src = q.fpSignature;
    }
  };

  const point = (e) => {
    const r = canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  canvas.addEventListener('pointerdown', (e) => {
    e.preventDefault();
    canvas.setPointerCapture(e.pointerId);
    drawing = true;
    last = point(e);
    ctx.beginPath();
    ctx.arc(last.x, last.y, 1.2, 0, Math.PI * 2);
    ctx.fillStyle = '#1c2730';
    ctx.fill();
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drawing) return;
    const p = point(e);
    ctx.beginPath();
    ctx.moveTo(last.x, last.y);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    last = p;
  });
  const end = () => {
    if (!drawing) return;
    drawing = false;
    clearTyped(q);
    q.fpSignature = canvas.toDataURL('image/png');
    changed(q);
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);

  // The keyboard draws too: the arrow keys move a pen (with Shift, further)
  // from the middle of the left edge; Enter keeps the drawing.
  let pen = null;
  canvas.addEventListener('keydown', (e) => {
    const step = e.shiftKey ? 40 : 12;
    const d = { ArrowRight: [step, 0], ArrowLeft: [-step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
    if (d) {
      e.preventDefault();
      if (!pen) pen = { x: 24, y: HEIGHT / 2 };
      const next = { x: Math.max(4, Math.min(canvas.clientWidth - 4, pen.x + d[0])),
        y: Math.max(4, Math.min(HEIGHT - 4, pen.y + d[1])) };
      ctx.beginPath();
      ctx.moveTo(pen.x, pen.y);
      ctx.lineTo(next.x, next.y);
      ctx.stroke();
      pen = next;
    } else if (e.key === 'Enter' && pen) {
      e.preventDefault();
      pen = null;
      clearTyped(q);
      q.fpSignature = canvas.toDataURL('image/png');
      changed(q);
    }
  });

  q.querySelector('[data-sig-clear]').addEventListener('click', () => {
    q.fpSignature = null;
    clearTyped(q);
    q.fpRedraw();
    changed(q);
  });

  // The canvas follows the page's width (portrait, landscape); resizing
  // clears it, so draw the saved picture again.
  let width = canvas.clientWidth;
  new ResizeObserver(() => {
    if (canvas.clientWidth !== width && !drawing) {
      width = canvas.clientWidth;
      q.fpRedraw();
    }
  }).observe(canvas);
  q.fpRedraw();
}

// setSignature shows a signature: a PNG data URL, a typed one, or none.
export function setSignature(q, value) {
  const typed = value && typeof value === 'object' && typeof value.typed === 'string';
  q.fpSignature = typeof value === 'string' ? value : null;
  if (typed) {
    const box = q.querySelector('[data-sig-typed]');
    box.open = true;
    box.querySelector('[data-sig-name]').value = value.typed;
    box.querySelector('[data-sig-confirm]').checked = value.confirmed === true;
  } else {
    clearTyped(q);
  }
  if (q.fpRedraw) q.fpRedraw();
}

// readTyped returns the typed signature: null when no name is typed,
// undefined while the name waits for its "I confirm" tick.
export function readTyped(q) {
  const box = q.querySelector('[data-sig-typed]');
  if (!box) return null;
  const name = box.querySelector('[data-sig-name]').value.trim();
  if (!name) return null;
  if (!box.querySelector('[data-sig-confirm]').checked) return undefined;
  return { typed: name, confirmed: true };
}

// clearTyped empties the typed signature (a drawing replaces it).
function clearTyped(q) {
  const box = q.querySelector('[data-sig-typed]');
  if (!box) return;
  box.querySelector('[data-sig-name]').value = '';
  box.querySelector('[data-sig-confirm]').checked = false;
  const st = box.querySelector('[data-sig-statement]');
  if (st) st.remove();
}
