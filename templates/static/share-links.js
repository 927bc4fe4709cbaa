// The shares page: a copy button for a fresh link. The button is hidden
// until this module runs, so without JavaScript the link is still there to
// select and copy by hand.
const status = document.getElementById('copy-status');

function say(text) {
  if (status) status.textContent = text;
}

for (const button of document.querySelectorAll('button[data-copy]')) {
  const input = document.getElementById(button.dataset.copy);
  if (!input) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(input.value);
      say('Link copied. Paste it into a secure email to the care home.');
    } catch {
      input.focus();
      input.select();
      say('Your browser did not allow copying: the link is selected, press Ctrl+C (or Cmd+C).');
    }
  });
}
