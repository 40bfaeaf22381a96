/** Where the comment form for a section or paragraph lives: one server-rendered page that works without JavaScript. */
export function commentLink(version: string, section: string, paragraph?: number): string {
  const query = new URLSearchParams({ version, section });
  if (paragraph !== undefined) query.set('paragraph', `p${paragraph}`);
  return `/comment/?${query.toString()}`;
}
