import type { z } from 'zod';

// Also bundled into the editor (Decap previews) in the browser: no Node imports here.

/**
 * A content file is wrong. The message names the file and the field, because
 * the person who reads it is an editor fixing a file, not a developer reading
 * a stack trace.
 */
export class ContentError extends Error {
  override name = 'ContentError';
  /** Path of the offending file, relative to the repository root. */
  readonly file: string;
  /** What is wrong, one line per problem. */
  readonly problems: string[];

  constructor(file: string, problems: string[]) {
    super(`${file}: ${problems.join('; ')}`);
    this.file = file;
    this.problems = problems;
  }
}

/** Turns a failed zod parse into one line per problem: `field "title": must not be empty`. */
function describeZodError(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.join('.') : '(whole file)';
    return `field "${field}": ${issue.message}`;
  });
}

/** Parses `value` with `schema`, or throws a ContentError naming `file` and each bad field. */
export function parseContent<T extends z.ZodType>(schema: T, value: unknown, file: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ContentError(file, describeZodError(result.error));
  return result.data;
}

