import { PluginError } from '../../errors.js';

/** Errors that may clear up by themselves (busy disk, too many open files). */
const TRANSIENT_CODES = new Set(['EAGAIN', 'EBUSY', 'EMFILE', 'ENFILE', 'ETIMEDOUT', 'EINTR']);

/**
 * Wraps an fs error as the PluginError callers expect, keeping it as the cause. A missing file
 * for an instance `id` reads `instance <id> not found` (code INSTANCE_GONE); PluginErrors pass through unchanged.
 */
export function toPluginError(plugin: string, method: string, err: unknown, id?: string): PluginError {
  if (err instanceof PluginError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (id !== undefined && code === 'ENOENT') {
    return new PluginError(plugin, method, `instance ${id} not found`, { cause: err, code: 'INSTANCE_GONE' });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new PluginError(plugin, method, message, { cause: err, transient: TRANSIENT_CODES.has(code ?? '') });
}
