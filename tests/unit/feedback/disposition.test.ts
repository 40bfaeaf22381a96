import { describe, expect, it } from 'vitest';
import { dispositionFromLabels } from '../../../src/lib/feedback/disposition.ts';
import { DISPOSITIONS } from '../../../src/lib/feedback/schema.ts';

describe('dispositionFromLabels', () => {
  it.each(DISPOSITIONS)('reads the %s label as that disposition', (label) => {
    expect(dispositionFromLabels(['comment', 'v:v0.1', label])).toEqual({ kind: 'public', disposition: label, ignored: [] });
  });

  it('reports an issue without a disposition label as pending', () => {
    expect(dispositionFromLabels(['comment', 'section:governance', 'type:technical'])).toEqual({ kind: 'public', disposition: 'pending', ignored: [] });
  });

  it('removes a spam issue from the public report, whatever else it is labelled', () => {
    expect(dispositionFromLabels(['comment', 'accepted', 'spam'])).toEqual({ kind: 'spam' });
  });

  it('matches labels without regard to case, as GitHub does', () => {
    expect(dispositionFromLabels(['Comment', 'Not-Accepted'])).toMatchObject({ disposition: 'not-accepted' });
    expect(dispositionFromLabels(['SPAM'])).toEqual({ kind: 'spam' });
  });

  it('picks the most cautious of two disposition labels and names the one it ignored', () => {
    expect(dispositionFromLabels(['accepted', 'noted'])).toEqual({ kind: 'public', disposition: 'noted', ignored: ['accepted'] });
    expect(dispositionFromLabels(['partially-accepted', 'duplicate', 'accepted'])).toEqual({
      kind: 'public',
      disposition: 'duplicate',
      ignored: ['accepted', 'partially-accepted'],
    });
  });

  it('does not mistake a label that merely contains a disposition word for one', () => {
    expect(dispositionFromLabels(['not-accepted-yet', 'accepted?'])).toMatchObject({ disposition: 'pending' });
  });
});
