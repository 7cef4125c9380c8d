import { PluginError } from '../../errors.js';
import { FLAVOR_VERSIONS, INSTANCE_VERSIONS, type PluginKind } from '../spi.js';
import { shortJson } from '../wire/result-fields.js';
import { versionAtLeast } from '../wire/wire-caller.js';

/** What a plugin's handshake promised: the newest version tend speaks of each interface, null for none. */
export interface Implemented {
  instance: string | null;
  flavor: string | null;
}

type RawCall = (method: string, params: unknown) => Promise<unknown>;

const MISSING = /can't find (?:method|service)/;

/**
 * Asks the plugin what it implements: `Handshake.Implements` (Instance 0.1.0–0.6.0,
 * Flavor 0.1.0), and `Handshake.Hello` (Instance 0.6.1, Flavor 0.1.1) when the first is not
 * there, or the other way round. Rejects naming the plugin, what it lacks and what it offered
 * when it implements neither interface in a version tend speaks.
 */
export async function handshake(plugin: string, call: RawCall): Promise<Implemented> {
  let offered: string[];
  try {
    offered = fromImplements(plugin, await call('Handshake.Implements', {}));
  } catch (err) {
    if (!(err instanceof PluginError && err.code === 'PLUGIN_ERROR' && MISSING.test(err.message))) throw err;
    offered = fromHello(await call('Handshake.Hello', {}));
  }
  const implemented: Implemented = {
    instance: newest(offered, 'Instance', INSTANCE_VERSIONS),
    flavor: newest(offered, 'Flavor', FLAVOR_VERSIONS),
  };
  if (implemented.instance === null && implemented.flavor === null) {
    const list = offered.length > 0 ? offered.join(', ') : 'nothing';
    const message =
      `implements neither Instance (${INSTANCE_VERSIONS[0]}–${INSTANCE_VERSIONS.at(-1)}) nor ` +
      `Flavor (${FLAVOR_VERSIONS[0]}–${FLAVOR_VERSIONS.at(-1)}); it offers ${list}`;
    throw new PluginError(plugin, 'Handshake', message, { code: 'PLUGIN_PROTOCOL' });
  }
  return implemented;
}

/** The kinds a handshake promised. */
export function kindsOf(implemented: Implemented): Set<PluginKind> {
  const kinds = new Set<PluginKind>();
  if (implemented.instance !== null) kinds.add('instance');
  if (implemented.flavor !== null) kinds.add('flavor');
  return kinds;
}

/** `{"APIs":[{"Name":"Instance","Version":"0.5.0"}]}` → `["Instance/0.5.0"]`. */
function fromImplements(plugin: string, result: unknown): string[] {
  const apis = (result as { APIs?: unknown } | null)?.APIs;
  if (!Array.isArray(apis))
    throw new PluginError(plugin, 'Handshake.Implements', `no "APIs" list: ${shortJson(result)}`, { code: 'PLUGIN_PROTOCOL' });
  return apis.flatMap((api) => {
    const { Name, Version } = (api ?? {}) as { Name?: unknown; Version?: unknown };
    return typeof Name === 'string' && typeof Version === 'string' ? [`${Name}/${Version}`] : [];
  });
}

/** `{"Objects":{"Instance/0.6.1":[…]}}` → `["Instance/0.6.1"]`. */
function fromHello(result: unknown): string[] {
  const objects = (result as { Objects?: unknown } | null)?.Objects;
  if (typeof objects !== 'object' || objects === null) return [];
  return Object.keys(objects);
}

function newest(offered: readonly string[], name: string, known: readonly string[]): string | null {
  const versions = offered.filter((o) => o.startsWith(`${name}/`)).map((o) => o.slice(name.length + 1));
  const spoken = versions.filter((v) => known.includes(v));
  if (spoken.length === 0) return null;
  return spoken.reduce((a, b) => (versionAtLeast(a, b) ? a : b));
}
