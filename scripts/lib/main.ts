/**
 * The shape every script shares: `--help` prints usage and exits 0; a known
 * failure (bad input, bad content, a refusal) prints one line `name: reason`
 * and exits 1; anything else is a bug and keeps its stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../../src/lib/cli/usage-error.ts';

export { UsageError } from '../../src/lib/cli/usage-error.ts';

/** Errors whose message is for the person at the terminal, not a bug report. */
const EXPECTED = new Set(['UsageError', 'PublishError', 'ContentError', 'ImportError', 'ConfigError', 'MailConfigError', 'InboxError']);

export async function main(name: string, usage: string, run: (argv: string[]) => Promise<number | void> | number | void): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage.trim()}\n`);
    return;
  }
  try {
    const code = await run(argv);
    if (typeof code === 'number') process.exitCode = code;
  } catch (error) {
    if (error instanceof Error && EXPECTED.has(error.name)) {
      process.stderr.write(`${name}: ${error.message.split('\n')[0]}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

/** node:util parseArgs, with its errors turned into one-line usage errors. */
export function parseOptions<T extends ParseArgsConfig>(argv: string[], config: T) {
  try {
    return parseArgs({ ...config, args: argv, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify.*$/, '')} (see --help)`);
  }
}
