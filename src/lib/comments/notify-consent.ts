/**
 * The comment form's separate, unticked box "E-mail me when my comment is
 * answered", and the address that goes with it. The address is read only
 * when the box is ticked: a form sent without JavaScript always carries the
 * field, and an address typed and then left with the box unticked is
 * ignored, never kept. When it is kept, it goes beside the comment in the
 * outbox (`AcceptFlags.contact`), never into the comment itself, so it
 * reaches no issue, report or log.
 */
import { z } from 'zod';
import { cleanText, type FieldProblem } from './schema.ts';

/** The form's names for the box and the address. */
export const NOTIFY_FIELDS = { consent: 'notify', address: 'notifyEmail' } as const;

/** RFC 5321's longest path is 256 octets with its angle brackets. */
const MAX_ADDRESS = 254;
const Address = z.email();

type NotifyConsent = { ok: true; address: string | null } | { ok: false; errors: Record<string, FieldProblem> };

const TICKED = new Set(['on', 'yes', 'true', '1']);

/** Whether the box is ticked (as a form, a query string or JSON says it), and the address when it is. */
export function readNotifyConsent(fields: Record<string, unknown>): NotifyConsent {
  const box = fields[NOTIFY_FIELDS.consent];
  const ticked = box === true || (typeof box === 'string' && TICKED.has(box.trim().toLowerCase()));
  if (!ticked) return { ok: true, address: null };
  const raw = fields[NOTIFY_FIELDS.address];
  const fail = (key: 'notify.error.missing' | 'notify.error.invalid') => ({ ok: false as const, errors: { [NOTIFY_FIELDS.address]: { key } } });
  if (typeof raw !== 'string' || cleanText(raw) === '') return fail('notify.error.missing');
  const address = cleanText(raw);
  if (address.length > MAX_ADDRESS || /\s/.test(address) || !Address.safeParse(address).success) return fail('notify.error.invalid');
  return { ok: true, address };
}
