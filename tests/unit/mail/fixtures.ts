/** The sample consultation as the mail tests see it: v0.2 open, from a fixed "now". */
import { parseMailbox } from '../../../src/lib/mail/address.ts';
import type { MailingContext } from '../../../src/lib/mail/compose.ts';
import type { Stakeholder } from '../../../src/lib/mail/stakeholders.ts';
import { loadSiteSettings } from '../../../src/lib/site/settings.ts';
import { loadCatalog } from '../../../src/lib/strategy/catalog.ts';

const root = new URL('../../../', import.meta.url).pathname;
/** Inside v0.2's published window (21 November to 19 December 2026, Belize time). */
export const NOW = new Date('2026-12-01T15:00:00Z');

export function mailingContext(kind: MailingContext['kind'] = 'invitation', overrides: Partial<MailingContext> = {}): MailingContext {
  const settings = loadSiteSettings(root);
  // The published dates, not the sample's rolling window, so the deadline in a message is known.
  const catalog = loadCatalog(root, { ...settings, sampleRollingWindow: undefined }, NOW);
  return {
    kind,
    version: catalog.byId.get('v0.2')!,
    strategyTitle: settings.strategyTitle,
    owner: settings.owner,
    purpose: settings.purpose,
    country: settings.country,
    repository: settings.repository,
    timeZoneLabel: settings.timeZoneLabel,
    siteUrl: 'https://consultation.example.gov.bz',
    from: parseMailbox('NCSS consultation <consultation@example.gov.bz>', 'CONSULTA_MAIL_FROM'),
    now: NOW,
    ...overrides,
  };
}

export function stakeholder(overrides: Partial<Stakeholder> = {}): Stakeholder {
  return { line: 2, name: 'Ana Castillo', email: 'ana.castillo@example.org', organisation: 'Women in Tech BZ', sector: 'civil-society', language: 'en', ...overrides };
}
