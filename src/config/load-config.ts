import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import { LineCounter, parseDocument, isMap, isPair, isScalar, type Document } from 'yaml';
import { TendError } from '../errors.js';
import { configSchema } from './config-schema.js';
import { parseDuration } from '../duration.js';
import type { RunnerConfig } from './runner-config.js';
import type { PluginConfig } from '../plugins/plugin-config.js';

export const DEFAULT_CONFIG_FILE = 'tend.config.yaml';

interface RawConfig {
  source?: { repo?: string; ref?: string; path?: string };
  stateDir?: string;
  plugins?: Record<string, { type: 'file'; dir: string } | { type: 'vanilla' }>;
  reconcile?: {
    interval?: string | number;
    driftSchedule?: string;
    mode?: 'correct' | 'report';
    prune?: boolean;
    maxDestroy?: number;
    maxDestroyPercent?: number;
    concurrency?: number;
    healthTimeout?: string | number;
  };
  github?: { repo?: string; context?: string; perGroupLimit?: number };
  webhook?: { port?: number };
}

let compiled: ValidateFunction<RawConfig> | undefined;

/** The schema validator, built on first use: most runs have no config file and never pay for it. */
function validator(): ValidateFunction<RawConfig> {
  const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
  compiled ??= new Ajv({ allErrors: true, discriminator: true, strict: false }).compile<RawConfig>(configSchema);
  return compiled;
}

/**
 * Reads the runner config: `explicitPath` if given (it must exist), else `tend.config.yaml` in `cwd`
 * if present, else the built-in defaults. Throws CONFIG_INVALID listing every problem with file:line:col.
 */
export function loadConfig(explicitPath: string | undefined, cwd: string): RunnerConfig {
  const file = explicitPath ? path.resolve(cwd, explicitPath) : path.join(cwd, DEFAULT_CONFIG_FILE);
  if (!existsSync(file)) {
    if (explicitPath) throw new TendError('CONFIG_INVALID', `config file ${explicitPath} not found`);
    return resolveConfig({}, null, cwd);
  }
  const shown = path.relative(cwd, file) || file;
  const text = readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): string => {
    const { line, col } = lineCounter.linePos(offset);
    return `${shown}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((e) => `${at(e.pos[0])}  CONFIG_INVALID  ${e.message.split('\n')[0]}`);
    throw new TendError('CONFIG_INVALID', lines.join('\n'));
  }
  const raw: unknown = toJsSafely(doc, at);
  const validate = validator();
  if (!validate(raw)) {
    const lines = (validate.errors ?? []).map((e) => describeSchemaError(e, doc, at));
    throw new TendError('CONFIG_INVALID', [...new Set(lines)].join('\n'));
  }
  const bad = badDurations(raw).map(
    (key) => `${at(offsetOf(doc, ['reconcile', key]))}  CONFIG_INVALID  reconcile.${key}: must be a duration such as 30s, 2m or 500ms`,
  );
  if (bad.length > 0) throw new TendError('CONFIG_INVALID', bad.join('\n'));
  return resolveConfig(raw, file, path.dirname(file));
}

function badDurations(raw: RawConfig): Array<'interval' | 'healthTimeout'> {
  const keys = ['interval', 'healthTimeout'] as const;
  return keys.filter((k) => raw.reconcile?.[k] !== undefined && parseDuration(raw.reconcile[k] as string) === null);
}

function resolveConfig(raw: RawConfig, file: string | null, base: string): RunnerConfig {
  const stateDir = path.resolve(base, raw.stateDir ?? '.tend');
  const plugins: Record<string, PluginConfig> = {};
  const configured = raw.plugins ?? {
    'instance-file': { type: 'file', dir: path.join(stateDir, 'instances') },
    'flavor-vanilla': { type: 'vanilla' },
  };
  for (const [name, plugin] of Object.entries(configured)) {
    plugins[name] = plugin.type === 'file' ? { type: 'file', dir: path.resolve(base, plugin.dir) } : plugin;
  }
  const r = raw.reconcile ?? {};
  return {
    file,
    source: {
      repo: raw.source?.repo ?? '.',
      ref: raw.source?.ref ?? 'main',
      path: raw.source?.path ?? 'specs',
    },
    stateDir,
    plugins,
    reconcile: {
      intervalMs: parseDuration(r.interval ?? '30s') ?? 30_000,
      driftSchedule: r.driftSchedule ?? '*/15 * * * *',
      mode: r.mode ?? 'correct',
      prune: r.prune ?? false,
      maxDestroy: r.maxDestroy ?? 10,
      maxDestroyPercent: r.maxDestroyPercent ?? 50,
      concurrency: r.concurrency ?? 8,
      healthTimeoutMs: parseDuration(r.healthTimeout ?? '2m') ?? 120_000,
    },
    github: {
      repo: raw.github?.repo ?? null,
      context: raw.github?.context ?? 'tend',
      perGroupLimit: raw.github?.perGroupLimit ?? 50,
    },
    webhook: { port: raw.webhook?.port ?? 9292 },
  };
}

function describeSchemaError(e: ErrorObject, doc: Document, at: (offset: number) => string): string {
  const keys = e.instancePath
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  const extra = e.keyword === 'additionalProperties' ? String(e.params.additionalProperty) : null;
  const where = extra === null ? keys : [...keys, extra];
  const message =
    extra !== null
      ? `unknown key (allowed: ${Object.keys(allowedAt(keys)).join(', ')})`
      : e.keyword === 'discriminator' || (e.keyword === 'const' && keys.at(-1) === 'type')
        ? 'type must be one of: file, vanilla'
        : (e.message ?? 'is invalid');
  return `${at(offsetOf(doc, where, extra !== null))}  CONFIG_INVALID  ${where.join('.') || '(top)'}: ${message}`;
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

/** Offset of the value at `keys` (or of its key, for unknown keys), falling back to the nearest parent. */
function offsetOf(doc: Document, keys: string[], pointAtKey = false): number {
  let node: unknown = doc.contents;
  let offset = 0;
  for (const key of keys) {
    if (!isMap(node)) break;
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    if (!pair) break;
    const keyNode = pair.key as { range?: [number, number, number] };
    const valueNode = pair.value as { range?: [number, number, number] } | null;
    offset = (pointAtKey && key === keys.at(-1) ? keyNode.range?.[0] : valueNode?.range?.[0]) ?? keyNode.range?.[0] ?? offset;
    node = pair.value;
  }
  return offset;
}

function toJsSafely(doc: Document, at: (offset: number) => string): unknown {
  try {
    return doc.toJS({ maxAliasCount: 50 }) ?? {};
  } catch (err) {
    throw new TendError('CONFIG_INVALID', `${at(0)}  CONFIG_INVALID  ${err instanceof Error ? err.message : String(err)}`);
  }
}
