// Signature pad: drawn with a finger, a pen or a mouse (pointer events),
// saved as a PNG data URL on a white background, clearable. The current
// value lives on the question element as q.fpSignature.

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
    q.fpSignature = canvas.toDataURL('image/png');
    changed(q);
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);

  q.querySelector('[data-sig-clear]').addEventListener('click', () => {
    q.fpSignature = null;
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

// setSignature shows a signature given as a PNG data URL (or none).
export function setSignature(q, value) {
  q.fpSignature = value;
  if (q.fpRedraw) q.fpRedraw();
}
