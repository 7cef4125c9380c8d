import { PluginError } from '../../errors.js';

/** What an engine call that failed means to tend; every message names the plugin, the call and the engine. */
export function engineError(plugin: string, method: string, host: string, err: unknown): PluginError {
  if (err instanceof PluginError) return err;
  const e = err as { statusCode?: unknown; json?: unknown; code?: unknown; message?: unknown } | null;
  const status = typeof e?.statusCode === 'number' ? e.statusCode : null;
  if (status !== null) {
    const said = engineMessage(e?.json) ?? (typeof e?.message === 'string' ? e.message : 'no reason given');
    // A 5xx is the engine's own trouble (often passing); a 4xx is its verdict on what was asked.
    return new PluginError(plugin, method, `engine at ${host} said: ${said}`, { cause: err, transient: status >= 500 });
  }
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (UNREACHABLE.has(code)) {
    const fix = code === 'EACCES' ? ' (tend may not use that socket: check its owner and mode)' : '';
    return new PluginError(plugin, method, `engine at ${host} is unreachable: ${message}${fix}`, {
      cause: err,
      code: 'PLUGIN_UNREACHABLE',
      transient: true,
    });
  }
  return new PluginError(plugin, method, `engine at ${host}: ${message}`, { cause: err, code: 'PLUGIN_PROTOCOL', transient: true });
}

/** The engine's message in an error body (`{"message": "..."}`), when it sent one. */
function engineMessage(json: unknown): string | null {
  if (typeof json === 'object' && json !== null && typeof (json as { message?: unknown }).message === 'string') {
    return (json as { message: string }).message.trim();
  }
  if (typeof json === 'string' && json.trim() !== '') return json.trim();
  return null;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'EACCES',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTSOCK',
  'ENOTFOUND',
]);

/** The answer when it has the shape asked for; a PLUGIN_PROTOCOL error otherwise (the host is not an engine, or a broken one). */
export function expectShape<T>(plugin: string, method: string, host: string, value: unknown, ok: (v: unknown) => v is T, what: string): T {
  if (ok(value)) return value;
  const seen = Buffer.isBuffer(value) ? value.toString('utf8', 0, 60) : JSON.stringify(value)?.slice(0, 60);
  throw new PluginError(plugin, method, `engine at ${host} answered something other than ${what}: ${seen ?? String(value)}`, {
    code: 'PLUGIN_PROTOCOL',
    transient: true,
  });
}
