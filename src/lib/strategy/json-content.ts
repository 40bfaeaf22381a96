import { readFileSync } from 'node:fs';
import { ContentError } from './content-error.ts';

/** Reads a JSON content file, or throws a ContentError naming `shown` (its path for people). */
export function readJsonContent(path: string, shown: string, problem = 'is not valid JSON'): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ContentError(shown, [`${problem}: ${(error as Error).message}`]);
  }
}
