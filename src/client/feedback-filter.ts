/**
 * Filters the comment-response matrix in place: rows whose section, sector
 * or disposition does not match the select boxes are hidden, and so is a
 * section left with no visible row. The page works without this: the
 * sections have anchors and each sector has its own page.
 */
export function enhanceFeedbackFilter(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-feedback-filter]');
  if (!form) return;
  const rows = [...document.querySelectorAll<HTMLTableRowElement>('tr[data-section]')];
  const sections = [...document.querySelectorAll<HTMLElement>('[data-matrix-section]')];
  const status = form.querySelector<HTMLElement>('[data-filter-status]');
  const value = (name: string) => (form.elements.namedItem(name) as HTMLSelectElement | null)?.value ?? '';

  const apply = () => {
    const wanted = { section: value('section'), sector: value('sector'), disposition: value('disposition') };
    let shown = 0;
    for (const row of rows) {
      const match = (Object.keys(wanted) as (keyof typeof wanted)[]).every((key) => !wanted[key] || row.dataset[key] === wanted[key]);
      row.hidden = !match;
      if (match) shown++;
    }
    for (const section of sections) {
      section.hidden = !section.querySelector('tr[data-section]:not([hidden])');
    }
    if (status) {
      const filtered = Boolean(wanted.section || wanted.sector || wanted.disposition);
      status.textContent = filtered ? (status.dataset.template ?? '').replace('{shown}', String(shown)).replace('{total}', String(rows.length)) : '';
    }
  };
  form.addEventListener('change', apply);
  // Enter in a select box must not reload the page.
  form.addEventListener('submit', (event) => event.preventDefault());
  form.hidden = false;
  apply();
}
