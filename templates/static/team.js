// team.js: the copy buttons beside a link or token shown once (people
// page, account page). No inline handlers: CSP allows only 'self' scripts.
for (const btn of document.querySelectorAll('button[data-copy]')) {
  btn.addEventListener('click', async () => {
    const input = document.getElementById(btn.dataset.copy);
    if (!input) return;
    input.select();
    let ok = false;
    try {
      await navigator.clipboard.writeText(input.value);
      ok = true;
    } catch {
      ok = document.execCommand && document.execCommand('copy');
    }
    btn.textContent = ok ? 'Copied' : 'Select and copy';
  });
}
