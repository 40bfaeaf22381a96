/**
 * Every sentence a reader sees comes from the translations (t('key')), so a
 * Spanish page never shows a stray English one. This test reads the modules
 * that answer readers directly and fails on a string literal that reads like
 * a sentence. Messages for maintainers (console output, thrown errors, which
 * the scripts print as one line) are not for readers and are left alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const READER_FACING = [
  'src/lib/comments/schema.ts',
  'src/lib/comments/intake.ts',
  'src/lib/comments/answer.ts',
  'src/lib/comments/guard.ts',
  'src/lib/comments/links.ts',
  'src/lib/cms/oauth.ts',
  'src/server/comment-request.ts',
  'src/server/comment-catalog.ts',
  'src/middleware.ts',
  ...readdirSync('src/pages/api').map((name) => join('src/pages/api', name)),
];

/** Two words or more, the first capitalised, with a lower-case word after it: "Enter your comment". */
const SENTENCE = /^\s*[A-Z][a-z']*(?:[ ,:;]+[a-z][\w'’-]*){1,}/;

/** Sentence-like string literals of a file, except where they are meant for maintainers. */
function sentenceLiterals(path: string, source = readFileSync(path, 'utf8')): string[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const forMaintainers = (node: ts.Node): boolean => {
    for (let parent = node.parent; parent; parent = parent.parent) {
      if (ts.isNewExpression(parent) && /Error$/.test(parent.expression.getText(file))) return true;
      if (ts.isCallExpression(parent) && /^console\./.test(parent.expression.getText(file))) return true;
    }
    return false;
  };
  const visit = (node: ts.Node) => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) && SENTENCE.test(node.text) && !forMaintainers(node)) {
      found.push(`${path}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}: ${JSON.stringify(node.text)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('reader-facing strings', () => {
  it('come from the translations in every module that answers readers', () => {
    expect(READER_FACING.flatMap((path) => sentenceLiterals(path))).toEqual([]);
  });

  it('are found when written out in a module (the check can fail)', () => {
    const planted = "export const x = () => ({ error: 'Enter your comment' });\nthrow new RangeError('Not for readers at all');\nconsole.warn('Nor this one here');";
    expect(sentenceLiterals('planted.ts', planted)).toEqual(['planted.ts:1: "Enter your comment"']);
  });
});
