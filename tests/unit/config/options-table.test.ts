import { compileSchema } from '../../../src/config/compile-schema.js';
import { configSchema, type RawConfig } from '../../../src/config/config-schema.js';
import type { TendOption } from '../../../src/config/option-types.js';
import { defaultWords, options } from '../../../src/config/options.js';
import { resolveConfig } from '../../../src/config/resolve-config.js';
import type { RunnerConfig } from '../../../src/config/runner-config.js';
import { withOverrides } from '../../../src/config/with-overrides.js';

const all = options as readonly TendOption[];
const camel = (name: string) => name.replace(/^--/, '').replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

describe('the options table', () => {
  it('names each option once, as commander names its flag and as its input is read', () => {
    expect(new Set(all.map((o) => o.name)).size).toBe(all.length);
    for (const option of all) {
      if (option.flag) expect(camel(option.flag.name.split(' ')[0] ?? '')).toBe(option.name);
      if (option.input) expect(camel(option.input.name)).toBe(option.name);
    }
  });

  it('gives every config key a place in the schema, and takes its own defaults', () => {
    const validate = compileSchema<RawConfig>(configSchema);
    const defaults: Record<string, Record<string, unknown>> = {};
    for (const option of all) {
      const [section = '', key] = option.key?.split('.') ?? [];
      if (key !== undefined && option.default !== undefined) (defaults[section] ??= {})[key] = option.default;
    }

    expect(validate(defaults)).toBe(true);
    expect(Object.keys(configSchema.properties).sort()).toEqual(
      [...new Set(all.flatMap((o) => (o.key === undefined ? [] : [o.key.split('.')[0]])))].sort(),
    );
  });

  it('says what each default comes to, the config key first', () => {
    const byName = (name: string) => all.find((o) => o.name === name) as TendOption;

    expect(defaultWords(byName('maxDestroy'))).toBe("the config's reconcile.maxDestroy, else 10");
    expect(defaultWords(byName('githubRepo'))).toBe("the config's github.repo, else GITHUB_REPOSITORY");
    expect(defaultWords(byName('lockTimeout'))).toBe('0s: refuse at once');
    expect(defaultWords(byName('force'))).toBeNull();
  });
});

describe('the runner config from the table', () => {
  it('is the defaults when the file says nothing, durations in milliseconds', () => {
    // Typed: the table's types give the runner config exactly these keys, each of its type.
    const defaults: Omit<RunnerConfig, 'plugins'> = {
      file: null,
      source: { repo: null, ref: null, path: 'specs' },
      stateDir: '/work/.tend',
      reconcile: {
        intervalMs: 30_000,
        driftSchedule: '*/15 * * * *',
        timezone: null,
        mode: 'correct',
        prune: false,
        maxDestroy: 10,
        maxDestroyPercent: 50,
        maxGroupSize: 10_000,
        concurrency: 8,
        healthTimeoutMs: 120_000,
      },
      github: { repo: null, context: 'tend', perGroupLimit: 50, driftIssues: false, driftIssueLimit: 20 },
      webhook: { port: null },
      metrics: { port: null },
    };

    const config = resolveConfig({}, null, '/work');

    expect(config).toMatchObject(defaults);
    expect(Object.keys(config.plugins)).toEqual(['instance-file', 'flavor-vanilla']);
  });

  it('takes what the file says over the defaults', () => {
    const config = resolveConfig({ reconcile: { interval: '5s', maxDestroy: 3 }, github: { context: 'tend/prod' } }, '/w/t.yaml', '/w');

    expect(config.reconcile).toMatchObject({ intervalMs: 5000, maxDestroy: 3, maxDestroyPercent: 50 });
    expect(config.github.context).toBe('tend/prod');
  });

  it("lays a driver's values over the file's, by option name, leaving what it was not told and the source's paths", () => {
    const file = resolveConfig({ reconcile: { maxDestroy: 3, prune: true }, source: { path: 'deploy' } }, '/w/t.yaml', '/w');

    const told = withOverrides(file, {
      maxDestroy: 0,
      interval: 1500,
      statusContext: 'tend/prod',
      webhookPort: 0,
      prune: undefined,
      path: 'elsewhere',
    } as Parameters<typeof withOverrides>[1]);

    expect(told.reconcile).toMatchObject({ maxDestroy: 0, intervalMs: 1500, prune: true });
    expect(told.github.context).toBe('tend/prod');
    expect(told.webhook.port).toBe(0);
    expect(told.source.path).toBe('deploy');
    expect(file.reconcile.maxDestroy).toBe(3);
  });
});
