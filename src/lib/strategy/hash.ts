import { createHash } from 'node:crypto';

/** sha256 of a file's exact bytes, hex: what `version.json` records per section file. */
export function sha256(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
