/** What the receipt page (`/comment/receipt/?id=`) shows for a submission id: the stored comment, or null. */
import { services } from './services.ts';

export interface Receipt {
  reference: string;
  status: string;
  issueNumber?: number | undefined;
  issueUrl?: string | undefined;
  unverified: boolean;
  submission: { version: string; section: string };
}

export async function findReceipt(id: string): Promise<Receipt | null> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const { outbox } = services();
  const stored = await outbox.get(id);
  if (stored) return stored;
  // A honeypot's pretend comment gets the receipt of a comment still queued: a bot learns nothing.
  const decoy = await outbox.getDecoy(id);
  return decoy && { reference: decoy.reference, status: 'pending', unverified: decoy.unverified, submission: { version: decoy.version, section: decoy.section } };
}
