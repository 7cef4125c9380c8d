/** Where a Docker Engine API listens, as dockerode takes it, and as a user reads it in messages. */
export interface EngineHost {
  /** As configured (or defaulted): `unix:///var/run/docker.sock`, `tcp://127.0.0.1:2375`. */
  text: string;
  options: { socketPath: string } | { host: string; port: number; protocol: 'http' };
}

const DEFAULT_ENGINE_HOST = 'unix:///var/run/docker.sock';

/**
 * The engine of the runner config's `host`, else of DOCKER_HOST, else Docker's own socket. Only
 * the runner config and the environment of the process name an engine: never a spec. Throws on a
 * host that is neither `unix://` nor `tcp://` (DOCKER_HOST is not checked by the config schema).
 */
export function engineHost(configured: string | null, env: NodeJS.ProcessEnv): EngineHost {
  const fromEnv = env.DOCKER_HOST;
  const text = configured ?? (fromEnv !== undefined && fromEnv !== '' ? fromEnv : DEFAULT_ENGINE_HOST);
  if (text.startsWith('unix://') && text.length > 'unix://'.length) return { text, options: { socketPath: text.slice('unix://'.length) } };
  const tcp = /^tcp:\/\/(\[[^\]]+\]|[^:/]+):(\d{1,5})\/?$/.exec(text);
  if (tcp !== null) {
    const host = (tcp[1] ?? '').replace(/^\[|\]$/g, '');
    return { text, options: { host, port: Number(tcp[2]), protocol: 'http' } };
  }
  const from = configured === null ? 'DOCKER_HOST' : 'host';
  throw new Error(`${from} ${JSON.stringify(text)} is not an engine address: use unix:///path/to/docker.sock or tcp://host:port`);
}
