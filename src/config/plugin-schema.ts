/** A duration as written: text such as `30s`, or a number of seconds. */
export const duration = { type: ['string', 'number'] };
/** A path: any text but NUL, which no file system takes. */
export const pathText = { type: 'string', pattern: '^[^\\u0000]*$' };

/** JSON Schema of tend.config.yaml's `plugins` as written: a name, and a type with the keys of that type. */
export const pluginsSchema = {
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
