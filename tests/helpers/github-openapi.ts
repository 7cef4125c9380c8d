import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { REPO_ROOT } from './run-tend.js';

// GitHub's official OpenAPI description of api.github.com, read as JSON (never loaded as a package):
// every request the stand-in gets is checked against its operation there.
const PACKAGE = path.join(REPO_ROOT, 'node_modules/@octokit/openapi');
const SPEC_FILE = path.join(PACKAGE, 'generated/api.github.com.json');

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Json;
}
interface Operation {
  operationId: string;
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Json }> };
}
interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  names: string[];
  literal: number;
  operation: Operation;
}

/** What a request is, by GitHub's description: its operation and path parameters, and everything wrong with it. */
export interface CheckedRequest {
  operationId: string | null;
  /** `GET /repos/{owner}/{repo}/commits/{ref}/statuses` */
  route: string | null;
  params: Record<string, string>;
  problems: string[];
}

let spec: { paths: Record<string, Record<string, Operation>>; components: Json } | null = null;
let routes: Route[] | null = null;
const validators = new Map<string, { params: ValidateFunction; body: ValidateFunction | null }>();
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, coerceTypes: false });
const paramsAjv = new Ajv({ strict: false, allErrors: true, validateFormats: false, coerceTypes: true });

/** Keys of the description that only document (prose, examples, responses): a request is checked without them. */
const PROSE = new Set(['description', 'summary', 'examples', 'example', 'externalDocs', 'tags', 'x-github', 'responses']);

/** The description without its prose, where a key names a property (`properties`) kept as it is. */
function withoutProse(node: unknown, names = false): unknown {
  if (Array.isArray(node)) return node.map((n) => withoutProse(n));
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (!names && PROSE.has(k)) continue;
    out[k] = withoutProse(v, !names && (k === 'properties' || k === 'patternProperties'));
  }
  return out;
}

/**
 * The description's paths and components, without prose: a fifth of its 13 MB. Kept in
 * node_modules/.cache per version of the package, so that each test file after the first reads that.
 */
function readSpec(): NonNullable<typeof spec> {
  const { version } = JSON.parse(readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')) as { version: string };
  const cached = path.join(REPO_ROOT, 'node_modules/.cache/tend-tests', `openapi-${version}.json`);
  try {
    return JSON.parse(readFileSync(cached, 'utf8')) as NonNullable<typeof spec>;
  } catch {
    const full = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as NonNullable<typeof spec>;
    const slim = { paths: withoutProse(full.paths), components: withoutProse(full.components) } as NonNullable<typeof spec>;
    // Written whole, then renamed: test files in other workers read it meanwhile.
    mkdirSync(path.dirname(cached), { recursive: true });
    const temp = `${cached}.${process.pid}`;
    writeFileSync(temp, JSON.stringify(slim));
    renameSync(temp, cached);
    return slim;
  }
}

function load(): Route[] {
  if (routes) return routes;
  spec = readSpec();
  routes = [];
  for (const [template, methods] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete', 'head'].includes(method)) continue;
      const multi = new Set(
        parameters(operation)
          .filter((p) => (p as { 'x-multi-segment'?: boolean })['x-multi-segment'])
          .map((p) => p.name),
      );
      const names: string[] = [];
      const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_m, name: string) => {
        names.push(name);
        return multi.has(name) ? '(.+)' : '([^/]+)';
      });
      routes.push({
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(`^${source}$`),
        names,
        literal: template.replace(/\{[^}]+\}/g, '').length,
        operation,
      });
    }
  }
  return routes;
}

function deref<T>(value: T | { $ref: string }): T {
  if (value && typeof value === 'object' && '$ref' in value && spec) {
    const parts = value.$ref.replace(/^#\//, '').split('/');
    let node: unknown = spec;
    for (const part of parts) node = (node as Json)[part];
    return deref(node as T);
  }
  return value as T;
}

function parameters(operation: Operation): Parameter[] {
  return (operation.parameters ?? []).map((p) => deref<Parameter>(p));
}

/** A schema with every component it refers to (transitively) beside it, so that its `#/components/...` refs resolve. */
function selfContained(schema: Json): Json {
  const schemas: Record<string, unknown> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') {
      const name = ref.replace('#/components/schemas/', '');
      if (!(name in schemas)) {
        schemas[name] = (spec?.components.schemas as Json)[name];
        visit(schemas[name]);
      }
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(schema);
  return withoutLoneNullable({ ...schema, components: { schemas } }) as Json;
}

/**
 * The schema with `nullable` dropped where it stands without a `type` (GitHub's description has it
 * so, in `oneOf` branches of an issue's `title` and `milestone`): Ajv refuses that combination, and
 * with no type there is nothing for it to widen.
 */
function withoutLoneNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLoneNullable);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = withoutLoneNullable(v);
  if ('nullable' in out && !('type' in out)) delete out.nullable;
  return out;
}

function compiled(route: Route): { params: ValidateFunction; body: ValidateFunction | null } {
  const key = `${route.method} ${route.template}`;
  let found = validators.get(key);
  if (found) return found;
  const params = parameters(route.operation).filter((p) => p.in === 'path' || p.in === 'query');
  const paramSchema = {
    type: 'object',
    additionalProperties: false,
    required: params.filter((p) => p.required).map((p) => p.name),
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema ?? {}])),
  };
  const bodySchema = route.operation.requestBody?.content?.['application/json']?.schema;
  found = { params: paramsAjv.compile(selfContained(paramSchema)), body: bodySchema ? ajv.compile(selfContained(bodySchema)) : null };
  validators.set(key, found);
  return found;
}

/** Checks one request (method, path, query, JSON body) against GitHub's OpenAPI description. */
export function checkRequest(method: string, url: URL, body: unknown): CheckedRequest {
  const candidates = load()
    .filter((r) => r.method === method)
    .map((r) => ({ route: r, match: r.pattern.exec(url.pathname) }))
    .filter((c): c is { route: Route; match: RegExpExecArray } => c.match !== null)
    .sort((a, b) => b.route.literal - a.route.literal);
  const best = candidates[0];
  if (!best)
    return { operationId: null, route: null, params: {}, problems: [`${method} ${url.pathname} is no operation of GitHub's REST API`] };
  const { route, match } = best;
  const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(match[i + 1] ?? '')]));
  const problems: string[] = [];
  const validate = compiled(route);
  const values: Record<string, unknown> = { ...params, ...Object.fromEntries(url.searchParams) };
  if (!validate.params(values)) problems.push(`parameters: ${paramsAjv.errorsText(validate.params.errors)}`);
  const required = route.operation.requestBody?.required === true;
  if (validate.body) {
    if (body === undefined && required) problems.push('body: required, none sent');
    else if (body !== undefined && !validate.body(body)) problems.push(`body: ${ajv.errorsText(validate.body.errors)}`);
  } else if (body !== undefined) {
    problems.push('body: this operation takes none');
  }
  return { operationId: route.operation.operationId, route: `${method} ${route.template}`, params, problems };
}
