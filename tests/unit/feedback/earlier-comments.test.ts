import { describe, expect, it } from 'vitest';
import { historySummary, type ParagraphHistory } from '../../../src/lib/feedback/earlier-comments.ts';
import { t, translator } from '../../../src/lib/i18n/translate.ts';

const paragraph = { section: 'governance', n: 3, anchor: 'governance-p3' };
const comment = (reference: string, response?: string) => ({
  reference,
  url: `/feedback/v0.1/#comment-${reference.slice(1)}`,
  comment: 'Text.',
  disposition: 'accepted' as const,
  ...(response ? { response } : {}),
});

describe('the line a paragraph ends with', () => {
  it('counts the comments of each earlier version and how many were answered', () => {
    const history: ParagraphHistory = {
      certain: [{ version: 'v0.2', paragraph, kinds: ['edited'], comments: [comment('#40')] }],
      uncertain: [],
      byVersion: [
        { version: 'v0.2', comments: 1, answered: 0 },
        { version: 'v0.1', comments: 4, answered: 3 },
      ],
    };
    expect(historySummary(history, t)).toBe('1 comment on this paragraph in v0.2, 0 answered; 4 in v0.1, 3 answered');
    expect(historySummary(history, translator('es'))).toBe('1 comentario sobre este párrafo en la v0.2, 0 con respuesta; 4 en la v0.1, 3 con respuesta');
  });

  it('says when the only earlier comments are on text this may not come from', () => {
    const uncertain = { version: 'v0.1', paragraph, comments: 2, url: '/feedback/v0.1/#matrix-governance' };
    expect(historySummary({ certain: [], uncertain: [uncertain], byVersion: [] }, t)).toBe('Comments on text this may come from (uncertain)');
    expect(
      historySummary({ certain: [{ version: 'v0.2', paragraph, kinds: [], comments: [comment('#40', 'Yes.')] }], uncertain: [uncertain], byVersion: [{ version: 'v0.2', comments: 1, answered: 1 }] }, t),
    ).toBe('1 comment on this paragraph in v0.2, 1 answered; comments on text this may come from (uncertain)');
  });
});
