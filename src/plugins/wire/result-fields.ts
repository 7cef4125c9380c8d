import { PluginError } from '../../errors.js';

/** The result as an object, or a PLUGIN_PROTOCOL error naming plugin and method. */
export function resultObject(plugin: string, method: string, result: unknown): Record<string, unknown> {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    throw new PluginError(plugin, method, `expected a JSON object as result, got ${shortJson(result)}`, { code: 'PLUGIN_PROTOCOL' });
  }
  return result as Record<string, unknown>;
}

/** A field that must be a string. */
export function stringField(plugin: string, method: string, result: Record<string, unknown>, field: string): string {
  const value = result[field];
  if (typeof value !== 'string' || value === '') {
    throw new PluginError(plugin, method, `result has no "${field}" string: ${shortJson(result)}`, { code: 'PLUGIN_PROTOCOL' });
  }
  return value;
}

/** At most 200 characters of a value, for messages. */
export function shortJson(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
