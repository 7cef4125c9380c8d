import { PluginError } from '../../errors.js';
import { readJson } from '../../read-json.js';
import { shortJson } from '../wire/result-fields.js';
import { writeJson } from '../wire/write-json.js';

/** The largest id sent: JavaScript reads every integer up to 2^53 exactly, and InfraKit's server echoes any id, however large. */
const MAX_ID = 2 ** 53;

/** Request ids: a counter from a random start, wrapping below 2^53. */
export function idCounter(start = Math.floor(Math.random() * 2 ** 31)): () => number {
  let next = start;
  return () => {
    next = next >= MAX_ID ? 1 : next + 1;
    return next;
  };
}

/** The request body, byte for byte as Go's client writes it: no trailing newline, params compact. */
export function requestBody(method: string, params: unknown, id: number): string {
  return `{"jsonrpc":"2.0","method":${JSON.stringify(method)},"params":${writeJson(params)},"id":${id}}`;
}

/**
 * The result of an answer body (whatever its content type), or a PluginError naming plugin and
 * method: an empty body, text that is not JSON, an `error` member (the plugin's own message for
 * InfraKit's -32000, else with its code), a missing or null `result`. The id is not checked: one
 * HTTP exchange carries one call, and Go servers echo ids JavaScript cannot read exactly.
 */
export function readResult(plugin: string, method: string, body: string): unknown {
  const protocol = (message: string): PluginError => new PluginError(plugin, method, message, { code: 'PLUGIN_PROTOCOL' });
  if (body.trim() === '') throw protocol('empty answer (HTTP 200 with no body: the plugin could not read the request)');
  let answer: unknown;
  try {
    answer = readJson(body);
  } catch {
    throw protocol(`answer is not JSON: ${JSON.stringify(body.slice(0, 120))}`);
  }
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer))
    throw protocol(`answer is not a JSON-RPC object: ${shortJson(answer)}`);
  const { error, result } = answer as { error?: unknown; result?: unknown };
  if (error !== undefined && error !== null) {
    const { code, message } = (typeof error === 'object' ? error : { message: error }) as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : shortJson(error);
    const said = code === -32000 || code === undefined ? text : `${text} (JSON-RPC error ${shortJson(code)})`;
    throw new PluginError(plugin, method, said);
  }
  if (result === undefined || result === null) throw protocol('result is null');
  return result;
}
