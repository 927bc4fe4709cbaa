// After a form post is refused, the error summary takes the focus so a
// screen reader or keyboard user starts from the list of what to fix
// (issue 11, WCAG 2.2: 3.3.1, 2.4.3). Loaded on every page.
const summary = [...document.querySelectorAll('.error-summary')]
  .find((s) => !s.hidden && s.getClientRects().length && s.closest('[hidden]') === null);
if (summary && !summary.dataset.seen) {
  summary.dataset.seen = 'true';
  if (!summary.hasAttribute('tabindex')) summary.tabIndex = -1;
  summary.focus();
}
