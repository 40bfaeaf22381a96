import { describe, expect, it } from 'vitest';
import { progressReporter } from '../../../src/lib/feedback/progress.ts';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (text: string) => written.push(text) > 0 }, written };
}

describe('progressReporter', () => {
  it('writes a plain line every ten pages, and the last, when the output is a log', () => {
    const { stream, written } = fakeStream(false);
    const progress = progressReporter(stream);
    for (let page = 1; page <= 23; page++) progress.update({ type: 'page', stream: 'issues', page, lastPage: 23, items: 100 });
    progress.update({ type: 'not-modified', stream: 'pulls' });
    progress.update({ type: 'waiting', seconds: 60, reason: 'secondary rate limit' });
    expect(written).toEqual([
      'issues: page 10/23\n',
      'issues: page 20/23\n',
      'issues: page 23/23\n',
      'pulls: nothing new\n',
      "waiting 60 s for GitHub's rate limit\n",
    ]);
  });

  it('updates one line in place on a terminal, with a bar, and clears it when done', () => {
    const { stream, written } = fakeStream(true);
    const progress = progressReporter(stream);
    progress.update({ type: 'page', stream: 'comments', page: 1, lastPage: 4, items: 100 });
    progress.done();
    expect(written).toEqual(['\r\x1b[2Kcomments: page 1/4 [#####...............]', '\r\x1b[2K']);
  });
});
