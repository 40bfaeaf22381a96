/**
 * Progress of a long collation: one line that updates in place on a terminal,
 * and a plain line every ten pages in a log (CI), where an updating line
 * would be noise.
 */
import type { FetchProgress } from './sources/github.ts';

/** One updating line on a terminal; a line every ten pages in a log (CI). */
export function progressReporter(stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY'>) {
  const tty = stream.isTTY === true;
  let shown = false;
  return {
    update(progress: FetchProgress) {
      let line: string;
      if (progress.type === 'waiting') line = `waiting ${progress.seconds} s for GitHub's rate limit`;
      else if (progress.type === 'not-modified') line = `${progress.stream}: nothing new`;
      else {
        if (!tty && progress.page % 10 !== 0 && progress.page !== progress.lastPage) return;
        const total = progress.lastPage ? `/${progress.lastPage}` : '';
        const bar = progress.lastPage && tty ? ` [${'#'.repeat(Math.round((progress.page / progress.lastPage) * 20)).padEnd(20, '.')}]` : '';
        line = `${progress.stream}: page ${progress.page}${total}${bar}`;
      }
      if (tty) {
        stream.write(`\r\x1b[2K${line}`);
        shown = true;
      } else stream.write(`${line}\n`);
    },
    done() {
      if (tty && shown) stream.write('\r\x1b[2K');
    },
  };
}

/** Progress of counted work (texts grouped, comments generated): one updating line on a terminal, a line per update in a log. */
export function countReporter(label: string, stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY'>) {
  const tty = stream.isTTY === true;
  let shown = false;
  return {
    update(done: number, total: number) {
      const line = `${label}: ${done.toLocaleString('en-GB')}/${total.toLocaleString('en-GB')}`;
      if (tty) {
        stream.write(`\r\x1b[2K${line}`);
        shown = true;
      } else stream.write(`${line}\n`);
    },
    done() {
      if (tty && shown) stream.write('\r\x1b[2K');
    },
  };
}
