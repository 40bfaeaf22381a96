/**
 * With JavaScript, the address field of "E-mail me when my comment is
 * answered" is shown only while its box is ticked. Without JavaScript it is
 * always shown (and ignored by the server unless the box is ticked).
 */
export function enhanceNotifyConsent(root: ParentNode = document): void {
  for (const box of root.querySelectorAll<HTMLInputElement>('input[data-notify-box]')) {
    if (box.dataset.enhanced) continue;
    box.dataset.enhanced = 'true';
    const field = document.getElementById(box.getAttribute('aria-controls') ?? '');
    if (!field) continue;
    const sync = () => {
      field.hidden = !box.checked;
    };
    box.addEventListener('change', sync);
    sync();
  }
}
