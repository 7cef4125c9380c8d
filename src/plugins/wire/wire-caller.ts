import type { CallContext } from '../spi.js';

/**
 * One out-of-process plugin as the wire sees it: a method name and its params go out, a result
 * comes back. The JSON-RPC client and the exec runner both implement it, so the payloads are the
 * same on either transport (the captures in tests/integration/rpc-client-wire.test.ts).
 */
export interface WireCaller {
  /** The configured plugin name, for error messages. */
  readonly name: string;
  /**
   * Sends `params` (written with writeJson) to `method` (`Instance.Provision`) and resolves with the
   * result read with readJson. Rejects with a PluginError naming the plugin and the method; never
   * retries by itself, so a non-idempotent call is sent at most once.
   */
  call(method: string, params: unknown, call: CallContext | undefined): Promise<unknown>;
  /** The Instance interface version the plugin speaks, once known (after its handshake); a failure names `method`. */
  instanceVersion(call: CallContext | undefined, method?: string): Promise<string>;
}

/** `a` ≥ `b` for dotted versions such as `0.6.0`. */
export function versionAtLeast(a: string, b: string): boolean {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}
