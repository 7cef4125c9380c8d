/** JSON Schema of tend.config.yaml as written by users (before defaults and path resolution). */
const duration = { type: ['string', 'number'] };
/** A path: any text but NUL, which no file system takes. */
const pathText = { type: 'string', pattern: '^[^\\u0000]*$' };
const count = { type: 'integer', minimum: 0 };

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    source: {
      type: 'object',
      additionalProperties: false,
      properties: { repo: pathText, ref: { type: 'string' }, path: pathText },
    },
    stateDir: pathText,
    plugins: {
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z0-9_.-]{1,63}$' },
      additionalProperties: {
        type: 'object',
        required: ['type'],
        discriminator: { propertyName: 'type' },
        oneOf: [
          {
            properties: { type: { const: 'file' }, dir: pathText },
            required: ['dir'],
            additionalProperties: false,
          },
          { properties: { type: { const: 'vanilla' } }, additionalProperties: false },
          {
            properties: {
              type: { const: 'exec' },
              kind: { enum: ['instance', 'flavor'] },
              command: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1, pattern: '^[^\\u0000]*$' } },
              timeout: duration,
              env: { type: 'object', additionalProperties: { type: 'string' } },
              shell: { type: 'boolean' },
            },
            required: ['command'],
            additionalProperties: false,
          },
          {
            properties: { type: { const: 'rpc' }, socket: pathText, url: { type: 'string' }, dir: pathText, timeout: duration },
            // One address at most; with none, the plugin is found by name in InfraKit's plugin folder.
            not: { anyOf: [{ required: ['socket', 'url'] }, { required: ['socket', 'dir'] }, { required: ['url', 'dir'] }] },
            additionalProperties: false,
          },
          {
            properties: {
              type: { const: 'docker' },
              host: { type: 'string', pattern: '^(unix://.+|tcp://[^/]+/?)$' },
              stopTimeout: duration,
              timeout: duration,
              credentials: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['username', 'password'],
                  additionalProperties: false,
                  properties: { username: { type: 'string' }, password: { type: 'string' }, serveraddress: { type: 'string' } },
                },
              },
            },
            additionalProperties: false,
          },
        ],
      },
    },
    reconcile: {
      type: 'object',
      additionalProperties: false,
      properties: {
        interval: duration,
        driftSchedule: { type: 'string' },
        timezone: { type: 'string' },
        mode: { enum: ['correct', 'report'] },
        prune: { type: 'boolean' },
        maxDestroy: count,
        maxDestroyPercent: { type: 'number', minimum: 0, maximum: 100 },
        maxGroupSize: { type: 'integer', minimum: 1 },
        concurrency: { type: 'integer', minimum: 1 },
        healthTimeout: duration,
      },
    },
    github: {
      type: 'object',
      additionalProperties: false,
      properties: {
        repo: { type: 'string', pattern: '^[^/\\s]+/[^/\\s]+$' },
        context: { type: 'string' },
        perGroupLimit: count,
        driftIssues: { type: 'boolean' },
        driftIssueLimit: { type: 'integer', minimum: 1 },
      },
    },
    webhook: {
      type: 'object',
      additionalProperties: false,
      properties: { port: { type: 'integer', minimum: 0, maximum: 65535 } },
    },
    metrics: {
      type: 'object',
      additionalProperties: false,
      properties: { port: { type: 'integer', minimum: 0, maximum: 65535 } },
    },
  },
} as const;

/** One plugin of tend.config.yaml as written. */
export type RawPluginConfig =
  | { type: 'file'; dir: string }
  | { type: 'vanilla' }
  | {
      type: 'exec';
      kind?: 'instance' | 'flavor';
      command: string[];
      timeout?: string | number;
      env?: Record<string, string>;
      shell?: boolean;
    }
  | { type: 'rpc'; socket?: string; url?: string; dir?: string; timeout?: string | number }
  | {
      type: 'docker';
      host?: string;
      stopTimeout?: string | number;
      timeout?: string | number;
      credentials?: Array<{ username: string; password: string; serveraddress?: string }>;
    };

/** tend.config.yaml as written, once it matches the schema. */
export interface RawConfig {
  source?: { repo?: string; ref?: string; path?: string };
  stateDir?: string;
  plugins?: Record<string, RawPluginConfig>;
  reconcile?: {
    interval?: string | number;
    driftSchedule?: string;
    timezone?: string;
    mode?: 'correct' | 'report';
    prune?: boolean;
    maxDestroy?: number;
    maxDestroyPercent?: number;
    maxGroupSize?: number;
    concurrency?: number;
    healthTimeout?: string | number;
  };
  github?: { repo?: string; context?: string; perGroupLimit?: number; driftIssues?: boolean; driftIssueLimit?: number };
  webhook?: { port?: number };
  metrics?: { port?: number };
}
