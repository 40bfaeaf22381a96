/** Stakeholder sectors, as commenters and task-force members are grouped (docs/architecture.md "Records"). */
export const SECTORS = [
  'government',
  'private-sector',
  'civil-society',
  'academia',
  'technical-community',
  'international-partner',
  'individual',
] as const;

export type Sector = (typeof SECTORS)[number];

export function isSector(value: string): value is Sector {
  return (SECTORS as readonly string[]).includes(value);
}
