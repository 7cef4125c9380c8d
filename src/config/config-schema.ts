import type { OptionValue } from './option-types.js';
import { options } from './options.js';
import { duration, pathText, pluginsSchema } from './plugin-schema.js';

export type { RawConfig } from './option-shapes.js';
export type { RawPluginConfig } from './plugin-schema.js';

type Schema = Record<string, unknown>;

/** How the config file may write a value of each kind. */
function schemaOf(value: OptionValue): Schema {
  switch (value.kind) {
    case 'whole':
      return { type: 'integer', minimum: value.min, ...(value.max === undefined ? {} : { maximum: value.max }) };
    case 'percent':
      return { type: 'number', minimum: 0, maximum: 100 };
    case 'duration':
      return duration;
    case 'boolean':
      return { type: 'boolean' };
    case 'choice':
      return { enum: value.choices };
    case 'plugins':
      return pluginsSchema;
    case 'shard':
    case 'report-kinds':
      throw new Error(`a ${value.kind} is no config key`);
    case 'text':
      // The config is looser than a flag on owner/name: GitHub says at the first report what it does not know.
      if (value.format === 'github-repo') return { type: 'string', pattern: '^[^/\\s]+/[^/\\s]+$' };
      return value.format === 'path' ? pathText : { type: 'string' };
  }
}

const section = (): { type: 'object'; additionalProperties: false; properties: Record<string, Schema> } => ({
  type: 'object',
  additionalProperties: false,
  properties: {},
});

/** JSON Schema of tend.config.yaml as written (before defaults and path resolution): the keys of the options table. */
function buildConfigSchema() {
  const root = section();
  for (const option of options) {
    if (!('key' in option)) continue;
    const [first = '', second] = option.key.split('.');
    if (second === undefined) {
      root.properties[first] = schemaOf(option.value);
      continue;
    }
    const parent = (root.properties[first] ??= section()) as ReturnType<typeof section>;
    parent.properties[second] = schemaOf(option.value);
  }
  return root;
}

export const configSchema = buildConfigSchema();
