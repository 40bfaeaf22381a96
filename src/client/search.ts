/**
 * Pagefind's component UI (loaded from /pagefind/, built with the site; no
 * third-party request) does the searching. This only carries a `?q=` from
 * the address into the box, so a search can be linked to and bookmarked.
 */
export function prefillSearch(inputSelector: string): void {
  const query = new URLSearchParams(window.location.search).get('q');
  if (!query) return;
  const tryFill = (attempts: number) => {
    const input = document.querySelector<HTMLInputElement>(inputSelector);
    if (!input) {
      if (attempts > 0) requestAnimationFrame(() => tryFill(attempts - 1));
      return;
    }
    input.value = query;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  tryFill(60);
}
