/**
 * GitHub's page-based pagination: `per_page` (default 30, at most 100) and
 * `page`, with a `Link` header whose URLs use the repository's numeric id
 * (`/repositories/<id>/issues?per_page=100&page=2`), rels in the order
 * prev, next, last, first, and no header at all when one page holds everything.
 * https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api
 */

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

export interface Page<T> {
  items: T[];
  /** Value of the `Link` header, or undefined when there is nothing to link. */
  link: string | undefined;
}

function readPerPage(query: URLSearchParams): number {
  const value = Number.parseInt(query.get('per_page') ?? '', 10);
  if (!Number.isFinite(value) || value < 1) return DEFAULT_PER_PAGE;
  return Math.min(value, MAX_PER_PAGE);
}

function readPage(query: URLSearchParams): number {
  const value = Number.parseInt(query.get('page') ?? '', 10);
  return Number.isFinite(value) && value >= 1 ? value : 1;
}

/**
 * Cuts one page out of `items`. `linkPath` is the absolute URL without query
 * that the links point to; the other query parameters are kept in their order
 * and `page` goes last, as GitHub does.
 */
export function paginate<T>(items: T[], query: URLSearchParams, linkPath: string): Page<T> {
  const perPage = readPerPage(query);
  const page = readPage(query);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  if (last === 1 && page === 1) return { items: slice, link: undefined };

  const href = (n: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of query) if (key !== 'page') params.append(key, value);
    params.append('page', String(n));
    return `${linkPath}?${params.toString()}`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`<${href(Math.min(page - 1, last))}>; rel="prev"`);
  if (page < last) rels.push(`<${href(page + 1)}>; rel="next"`, `<${href(last)}>; rel="last"`);
  if (page > 1) rels.push(`<${href(1)}>; rel="first"`);
  return { items: slice, link: rels.join(', ') };
}
