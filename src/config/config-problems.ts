import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parseDuration } from '../duration.js';
import { compareProblems, type Problem } from '../problem.js';
import { configProblem, nonDecimalNumbers, type ConfigDocument } from './config-document.js';
import { configSchema, type RawConfig } from './config-schema.js';
import { options } from './options.js';

let compiled: ValidateFunction<RawConfig> | undefined;

/** The schema validator, built on first use: most runs have no config file and never pay for it. */
async function validator(): Promise<ValidateFunction<RawConfig>> {
  if (compiled) return compiled;
  const { compileSchema } = await import('./compile-schema.js');
  compiled = compileSchema<RawConfig>(configSchema);
  return compiled;
}

/** Every problem of a parsed config, each placed at its key or value: schema, durations, and shared instance folders. */
export async function configProblems(raw: unknown, config: ConfigDocument, resolveDir: (dir: string) => string): Promise<Problem[]> {
  const validate = await validator();
  const problems = validate(raw) ? [] : (validate.errors ?? []).flatMap((e) => describeSchemaError(e, config));
  const r = (raw ?? {}) as RawConfig;
  const sections = r as Record<string, Record<string, unknown> | undefined>;
  for (const option of options) {
    if (!('key' in option) || option.value.kind !== 'duration') continue;
    const keys = option.key.split('.');
    const value = sections[keys[0] ?? '']?.[keys[1] ?? ''];
    if ((typeof value === 'string' || typeof value === 'number') && parseDuration(value) === null) {
      problems.push(configProblem(config.atPath(keys), keys, DURATION_RULE));
    }
  }
  for (const [name, plugin] of Object.entries(r.plugins ?? {})) {
    const timeout = (plugin as { timeout?: string | number }).timeout;
    if (timeout !== undefined && (parseDuration(timeout) === null || parseDuration(timeout) === 0)) {
      problems.push(configProblem(config.atPath(['plugins', name, 'timeout']), ['plugins', name, 'timeout'], DURATION_RULE));
    }
    // A stop's grace may be 0 (kill at once); it must still read as a duration.
    const stopTimeout = (plugin as { stopTimeout?: string | number }).stopTimeout;
    if (stopTimeout !== undefined && parseDuration(stopTimeout) === null) {
      problems.push(configProblem(config.atPath(['plugins', name, 'stopTimeout']), ['plugins', name, 'stopTimeout'], DURATION_RULE));
    }
  }
  problems.push(...sharedFolders(r, config, resolveDir), ...nonDecimalNumbers(config));
  return uniqueByPlace(problems);
}

/** One problem per place, in file order: the first one said there is the one that helps. */
export function uniqueByPlace(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(compareProblems);
}

/** Two file plugins on one folder would each report every instance, so tend would see each twice. */
function sharedFolders(raw: RawConfig, config: ConfigDocument, resolveDir: (dir: string) => string): Problem[] {
  const owners = new Map<string, string>();
  const problems: Problem[] = [];
  for (const [name, plugin] of Object.entries(raw.plugins ?? {})) {
    if (plugin?.type !== 'file' || typeof plugin.dir !== 'string') continue;
    const dir = realFolder(resolveDir(plugin.dir));
    const owner = owners.get(dir);
    if (owner === undefined) owners.set(dir, name);
    else
      problems.push(
        configProblem(
          config.atPath(['plugins', name, 'dir']),
          ['plugins', name, 'dir'],
          `the same folder as plugins.${owner}.dir; give each file plugin its own`,
        ),
      );
  }
  return problems;
}

function describeSchemaError(e: ErrorObject, config: ConfigDocument): Problem[] {
  const keys = e.instancePath
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'propertyNames') return [];
  if (e.propertyName !== undefined) {
    const where = [...keys, e.propertyName];
    return [configProblem(config.atPath(where, true), where, 'a plugin name is 1 to 63 of A-Z a-z 0-9 _ . -')];
  }
  const extra = e.keyword === 'additionalProperties' ? String(e.params.additionalProperty) : null;
  if (extra !== null) {
    const where = [...keys, extra];
    const allowed = allowedBySchemaPath(e.schemaPath) ?? Object.keys(allowedAt(keys));
    return [configProblem(config.atPath(where, true), where, `unknown key (allowed: ${allowed.join(', ')})`)];
  }
  return [configProblem(config.atPath(keys), keys, schemaMessage(e, keys))];
}

/** Ajv's message where it helps, else one that says what the value may be. */
function schemaMessage(e: ErrorObject, keys: string[]): string {
  if (e.keyword === 'discriminator' || (e.keyword === 'const' && keys.at(-1) === 'type'))
    return 'type must be one of: file, vanilla, exec, rpc';
  if (e.keyword === 'not' && keys[0] === 'plugins') return 'give at most one of socket, url and dir';
  if (e.keyword === 'pattern' && e.params.pattern === NO_NUL) return 'must not contain a NUL character';
  if (e.keyword === 'enum') return `must be one of: ${(e.params.allowedValues as unknown[]).map(String).join(', ')}`;
  return e.message ?? 'is invalid';
}

const DURATION_RULE = 'must be a duration such as 30s, 2m or 500ms (a number alone is seconds)';
const NO_NUL = '^[^\\u0000]*$';

/** The keys of the schema that refused the key, found by its path: for a plugin, those of its own type's branch. */
function allowedBySchemaPath(schemaPath: string): string[] | null {
  let node: unknown = configSchema;
  for (const part of schemaPath.replace(/^#\//, '').split('/').slice(0, -1)) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  }
  const properties = (node as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties === undefined ? null : Object.keys(properties);
}

function allowedAt(keys: string[]): Record<string, unknown> {
  let schema: { properties?: Record<string, unknown>; additionalProperties?: unknown } = configSchema;
  for (const key of keys) {
    const next = (schema.properties?.[key] ?? schema.additionalProperties) as typeof schema | undefined;
    if (!next || typeof next !== 'object') return {};
    schema = next;
  }
  return schema.properties ?? {};
}

/** The folder with symbolic links resolved, through its nearest existing parent when it does not exist yet. */
function realFolder(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    const parent = path.dirname(dir);
    return parent === dir ? dir : path.join(realFolder(parent), path.basename(dir));
  }
}
