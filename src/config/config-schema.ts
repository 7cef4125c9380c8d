/** JSON Schema of tend.config.yaml as written by users (before defaults and path resolution). */
const duration = { type: ['string', 'number'] };
const count = { type: 'integer', minimum: 0 };

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    source: {
      type: 'object',
      additionalProperties: false,
      properties: { repo: { type: 'string' }, ref: { type: 'string' }, path: { type: 'string' } },
    },
    stateDir: { type: 'string' },
    plugins: {
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z0-9_.-]{1,63}$' },
      additionalProperties: {
        type: 'object',
        required: ['type'],
        discriminator: { propertyName: 'type' },
        oneOf: [
          {
            properties: { type: { const: 'file' }, dir: { type: 'string' } },
            required: ['dir'],
            additionalProperties: false,
          },
          { properties: { type: { const: 'vanilla' } }, additionalProperties: false },
        ],
      },
    },
    reconcile: {
      type: 'object',
      additionalProperties: false,
      properties: {
        interval: duration,
        driftSchedule: { type: 'string' },
        mode: { enum: ['correct', 'report'] },
        prune: { type: 'boolean' },
        maxDestroy: count,
        maxDestroyPercent: { type: 'number', minimum: 0, maximum: 100 },
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
      },
    },
    webhook: {
      type: 'object',
      additionalProperties: false,
      properties: { port: { type: 'integer', minimum: 0, maximum: 65535 } },
    },
  },
} as const;
