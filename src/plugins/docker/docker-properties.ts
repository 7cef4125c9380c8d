import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { PropertyProblem } from '../../errors.js';
import { dockerPropertiesSchema } from './engine-schema.js';

/** A container as a spec asks for it (docs/plugins.md: Containers). */
export interface DockerProperties {
  Config: Record<string, unknown> & { Image: string; Labels?: Record<string, string>; StopTimeout?: number };
  HostConfig?: Record<string, unknown>;
  Tags?: Record<string, string>;
}

export type PropertiesResult = { ok: true; value: DockerProperties } | { ok: false; problems: PropertyProblem[] };

let compiled: ValidateFunction | undefined;

/** Labels under this prefix are tend's own: a spec that set one could disown or misfile its containers. */
const RESERVED = 'tend.';

/**
 * Checks instance properties against the Engine API's container and host config, every problem
 * with the key path it is at; the value returned is plain JSON (numbers kept exactly as written
 * are read as numbers here, as the engine reads them).
 */
export function parseDockerProperties(properties: unknown): PropertiesResult {
  const value = JSON.parse(JSON.stringify(properties ?? null) ?? 'null') as unknown;
  compiled ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(dockerPropertiesSchema);
  const problems = compiled(value) ? [] : toProblems(compiled.errors ?? []);
  if (problems.length === 0) {
    const props = value as DockerProperties;
    for (const [where, labels] of [
      [['Tags'], props.Tags],
      [['Config', 'Labels'], props.Config.Labels],
    ] as const) {
      for (const key of Object.keys(labels ?? {})) {
        if (key.startsWith(RESERVED)) {
          problems.push({ path: [...where, key], message: `labels starting with "${RESERVED}" are tend's own: choose another name` });
        }
      }
    }
  }
  return problems.length === 0 ? { ok: true, value: value as DockerProperties } : { ok: false, problems };
}

/** One problem per place, in words a spec's author can act on. */
function toProblems(errors: readonly ErrorObject[]): PropertyProblem[] {
  const byPlace = new Map<string, PropertyProblem>();
  // anyOf says what each branch wanted and then that none matched: that last one says it all, in one line.
  const eitherOr = errors.filter((e) => e.keyword === 'anyOf').map((e) => `${e.instancePath}/`);
  for (const error of errors) {
    if (error.keyword !== 'anyOf' && eitherOr.some((place) => `${error.instancePath}/`.startsWith(place))) continue;
    const problem = toProblem(error);
    const key = problem.path.join('\u0000');
    if (!byPlace.has(key)) byPlace.set(key, problem);
  }
  return [...byPlace.values()];
}

function toProblem(error: ErrorObject): PropertyProblem {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return { path: [...path, key], message: unknownKey(key, error.parentSchema) };
    }
    case 'required':
      return { path, message: `${String(params.missingProperty)} is required` };
    case 'anyOf':
      return { path, message: 'must be a string or a list of strings' };
    case 'type':
      return { path, message: `must be ${article(String(params.type))}` };
    case 'enum':
      return { path, message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'maxProperties':
      return { path, message: 'must be an empty object ({})' };
    case 'pattern':
      return { path, message: path.includes('Env') ? 'must be NAME=value' : `must match ${String(params.pattern)}` };
    default:
      return { path, message: error.message ?? 'is not valid' };
  }
}

function unknownKey(key: string, parent: unknown): string {
  const known = Object.keys((parent as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
  const near = (k: string): number => distance(k.toLowerCase(), key.toLowerCase());
  const guess = known.filter((k) => near(k) <= 2).sort((a, b) => near(a) - near(b))[0];
  return guess !== undefined ? `unknown key; did you mean "${guess}"?` : `unknown key (the Engine API has no such field here)`;
}

function article(type: string): string {
  const words: Record<string, string> = {
    string: 'a string',
    integer: 'an integer',
    boolean: 'true or false',
    object: 'a mapping',
    array: 'a list',
    'integer,null': 'an integer or null',
    'boolean,null': 'true, false or null',
    'array,null': 'a list or null',
  };
  return words[type] ?? type;
}

/** Edits (insert, delete, replace) from one word to the other. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length] ?? 0;
}
