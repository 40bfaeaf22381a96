/**
 * Checks response bodies against GitHub's own OpenAPI description
 * (@octokit/openapi, api.github.com.json), so the double cannot drift from the
 * real contract.
 *
 * The description is OpenAPI 3.0, whose `nullable: true` plain JSON Schema
 * (and Ajv) do not read the same way, so the schemas are converted first.
 * Two validators are built: the schema as published, and a strict variant in
 * which objects may not carry keys the schema does not name. The double is
 * held to the strict one for successful answers (no invented or misspelt
 * fields); real GitHub recordings are held only to the published one.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { Ajv, type ValidateFunction } from 'ajv';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Operation {
  operationId: string;
  responses: Record<string, JsonObject>;
}

const LOOSE_ROOT = 'https://api.github.com/openapi/loose.json';
const STRICT_ROOT = 'https://api.github.com/openapi/strict.json';

/**
 * Statuses GitHub can send from any operation though few operations list them:
 * authentication, rate limits and server faults. Their bodies are `basic-error`.
 */
const GENERIC_STATUSES = new Set([401, 403, 500, 502]);

export interface ContractCheck {
  method: string;
  url: string;
  status: number;
  operationId: string;
}

export class OpenApiContract {
  private readonly spec: { paths: Record<string, Record<string, Operation>>; components: JsonObject };
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly matchers: Array<{ template: string; regex: RegExp; literals: number }>;

  constructor() {
    const require = createRequire(import.meta.url);
    const file = join(dirname(require.resolve('@octokit/openapi/package.json')), 'generated', 'api.github.com.json');
    this.spec = JSON.parse(readFileSync(file, 'utf8'));
    const loose = fromOpenApi(this.spec.components) as JsonObject;
    const strictSchemas = Object.fromEntries(
      Object.entries(loose['schemas'] as JsonObject).map(([name, schema]) => [name, closeObjects(schema)]),
    );
    this.ajv = new Ajv({
      strict: false,
      allErrors: true,
      validateSchema: false,
      formats: {
        'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
        date: /^\d{4}-\d{2}-\d{2}$/,
        uri: (value: string) => URL.canParse(value),
        // Number formats and GitHub's own ('repo.nwo', ...) say nothing a type check misses.
        int32: true,
        int64: true,
        double: true,
        timestamp: true,
        binary: true,
        email: true,
        'uri-template': true,
        'repo.nwo': true,
      },
    });
    this.ajv.addSchema({ $id: LOOSE_ROOT, components: loose });
    this.ajv.addSchema({ $id: STRICT_ROOT, components: { ...loose, schemas: strictSchemas } });
    this.matchers = Object.keys(this.spec.paths).map((template) => ({
      template,
      regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      literals: template.split('/').filter((part) => part && !part.startsWith('{')).length,
    }));
  }

  /**
   * The operation GitHub documents for this request. Paths by repository id
   * (`/repositories/1/issues`, what `Link` headers point to) are documented
   * under their `/repos/{owner}/{repo}` form.
   */
  operationFor(method: string, path: string): { template: string; operation: Operation } | undefined {
    const normalised = path.replace(/^\/repositories\/\d+(?=\/|$)/, '/repos/{owner}/{repo}');
    const candidates = this.matchers
      .filter((matcher) => matcher.regex.test(normalised))
      .sort((a, b) => b.literals - a.literals);
    for (const { template } of candidates) {
      const operation = this.spec.paths[template]?.[method.toLowerCase()];
      if (operation) return { template, operation };
    }
    return undefined;
  }

  /**
   * Problems with one response, as readable lines; empty when it conforms.
   * `strict` also rejects keys the schema does not name.
   */
  check(method: string, path: string, status: number, body: unknown, options: { strict: boolean }): { operationId: string; problems: string[] } {
    const found = this.operationFor(method, path);
    const operationId = found?.operation.operationId ?? '(undocumented route)';
    const documented = found?.operation.responses[String(status)];
    let pointer: string | undefined;
    if (documented) {
      const response = this.resolveResponse(documented);
      const content = response['content'] as JsonObject | undefined;
      if (!content) {
        const empty = body === undefined || body === '' || body === null;
        return { operationId, problems: empty ? [] : [`${status} is documented without a body, got ${JSON.stringify(body).slice(0, 80)}`] };
      }
      pointer = this.schemaPointer(found.template, method, status, documented);
    } else if (status === 304 && method === 'GET') {
      // Any GET may answer a conditional request with 304, documented or not; it never has a body.
      const empty = body === undefined || body === '' || body === null;
      return { operationId, problems: empty ? [] : [`304 with a body: ${JSON.stringify(body).slice(0, 80)}`] };
    } else if (GENERIC_STATUSES.has(status) || (status === 404 && !found)) {
      pointer = '#/components/schemas/basic-error';
    } else {
      return { operationId, problems: [`${method} ${found?.template ?? path} does not document status ${status}`] };
    }
    const validate = this.validator(pointer, options.strict && status < 300);
    if (validate(body)) return { operationId, problems: [] };
    return {
      operationId,
      problems: (validate.errors ?? []).map(
        (error) => `${operationId} ${status} ${error.instancePath || '(root)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
      ),
    };
  }

  private resolveResponse(response: JsonObject): JsonObject {
    const ref = response['$ref'];
    if (typeof ref !== 'string') return response;
    const name = ref.replace('#/components/responses/', '');
    return (this.spec.components['responses'] as JsonObject)[name] as JsonObject;
  }

  /** A JSON pointer (within the component roots) to the response schema, registering inline ones. */
  private schemaPointer(template: string, method: string, status: number, documented: JsonObject): string {
    const ref = documented['$ref'];
    if (typeof ref === 'string') return `${ref}/content/application~1json/schema`;
    const key = `inline:${method}:${template}:${status}`;
    const schema = ((documented['content'] as JsonObject)['application/json'] as JsonObject)['schema'] as Json;
    for (const [root, transform] of [
      [LOOSE_ROOT, (s: Json) => s],
      [STRICT_ROOT, closeObjects],
    ] as const) {
      const id = `${root.replace('.json', '')}/${encodeURIComponent(key)}`;
      if (!this.ajv.getSchema(id)) this.ajv.addSchema({ $id: id, ...(rebase(transform(fromOpenApi(schema)), root) as JsonObject) });
    }
    return key;
  }

  private validator(pointer: string, strict: boolean): ValidateFunction {
    const root = strict ? STRICT_ROOT : LOOSE_ROOT;
    const ref = pointer.startsWith('#') ? `${root}${pointer}` : `${root.replace('.json', '')}/${encodeURIComponent(pointer)}`;
    let validate = this.compiled.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.compiled.set(ref, validate);
    }
    return validate;
  }
}

/**
 * OpenAPI 3.0 to JSON Schema: `nullable: true` becomes a `null` type (and a
 * `null` enum member), or `anyOf [schema, null]` where there is no `type`.
 */
function fromOpenApi(node: Json): Json {
  if (Array.isArray(node)) return node.map(fromOpenApi);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) out[key] = fromOpenApi(value);
  if (out['nullable'] === true) {
    delete out['nullable'];
    if ('type' in out) {
      out['type'] = [...[out['type']].flat(), 'null'] as Json;
      if (Array.isArray(out['enum'])) out['enum'] = [...out['enum'], null];
      return out;
    }
    return { anyOf: [out, { type: 'null' }] };
  }
  if (out['nullable'] === false) delete out['nullable'];
  return out;
}

/**
 * The strict variant: every object schema that lists properties gets
 * `additionalProperties: false`. Names listed as required but missing from
 * `properties` (GitHub's `label` schema requires `description` without
 * describing it) are allowed as any value.
 */
function closeObjects(node: Json): Json {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
  const out: JsonObject = { ...node };
  const properties = out['properties'];
  if (properties && typeof properties === 'object' && !Array.isArray(properties)) {
    const closed: JsonObject = {};
    for (const [name, schema] of Object.entries(properties)) closed[name] = closeObjects(schema);
    for (const name of (out['required'] as string[] | undefined) ?? []) if (!(name in closed)) closed[name] = {};
    out['properties'] = closed;
    if (out['additionalProperties'] === undefined) out['additionalProperties'] = false;
  } else if (out['additionalProperties'] && typeof out['additionalProperties'] === 'object') {
    out['additionalProperties'] = closeObjects(out['additionalProperties']);
  }
  if (out['items']) out['items'] = closeObjects(out['items']);
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = out[key];
    if (Array.isArray(list)) out[key] = list.map(closeObjects);
  }
  return out;
}

/** Points `#/components/...` references of an inline schema at a component root. */
function rebase(node: Json, root: string): Json {
  if (Array.isArray(node)) return node.map((item) => rebase(item, root));
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${root}${value}` : rebase(value, root);
  }
  return out;
}
