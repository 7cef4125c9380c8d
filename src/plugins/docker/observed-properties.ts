/**
 * What `docker update` can change on a running container: the resources and the restart policy.
 * A spec that sets one of them and finds another value has been changed by hand.
 */
export const UPDATABLE = [
  'CpuShares',
  'Memory',
  'CpuPeriod',
  'CpuQuota',
  'CpuRealtimePeriod',
  'CpuRealtimeRuntime',
  'CpusetCpus',
  'CpusetMems',
  'MemoryReservation',
  'MemorySwap',
  'KernelMemory',
  'BlkioWeight',
  'NanoCpus',
  'PidsLimit',
  'RestartPolicy',
] as const;

/** What a container shows of itself that a spec may have set: its image, and its host config. */
export interface ShownConfig {
  image: string;
  hostConfig: Record<string, unknown>;
}

/**
 * The properties a container was made with, with what the engine now shows in their place where it
 * differs: an image that is another image, a resource changed by `docker update`. Equal to
 * `recorded` when nothing was changed by hand, so that tend sees `modified` only for a real change.
 */
export function observedProperties(recorded: unknown, shown: ShownConfig): unknown {
  if (typeof recorded !== 'object' || recorded === null) return recorded;
  const props = JSON.parse(JSON.stringify(recorded)) as { Config?: { Image?: unknown }; HostConfig?: Record<string, unknown> };
  const config = props.Config;
  if (config && typeof config.Image === 'string' && sameImage(config.Image, shown.image) === false) config.Image = shown.image;
  const host = props.HostConfig;
  if (host) {
    for (const key of UPDATABLE) {
      if (!Object.hasOwn(host, key)) continue;
      const now = shown.hostConfig[key];
      if (now !== undefined && !sameValue(host[key], now)) host[key] = now;
    }
  }
  return props;
}

/** Two names of one image: `nginx`, `nginx:latest`, `docker.io/library/nginx:latest` are the same. */
export function sameImage(a: string, b: string): boolean {
  return canonicalImage(a) === canonicalImage(b);
}

function canonicalImage(name: string): string {
  // Podman names local images localhost/…, Docker names them on docker.io: a local image is the same either way.
  let ref = name.trim().replace(/^(localhost|docker\.io|index\.docker\.io)\//, '');
  if (ref.startsWith('sha256:')) return ref;
  const first = ref.split('/', 1)[0] ?? '';
  const registry = ref.includes('/') && (first.includes('.') || first.includes(':'));
  if (!registry) ref = `docker.io/${ref.includes('/') ? '' : 'library/'}${ref}`;
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  return last.includes(':') || ref.includes('@') ? ref : `${ref}:latest`;
}

/** Equal as the engine means it: a restart policy with fields it fills in (MaximumRetryCount 0) equals one without. */
function sameValue(spec: unknown, shown: unknown): boolean {
  if (typeof spec === 'object' && spec !== null && typeof shown === 'object' && shown !== null) {
    const s = spec as Record<string, unknown>;
    const o = shown as Record<string, unknown>;
    return Object.keys(s).every((k) => sameValue(s[k], o[k] ?? defaultOf(s[k])));
  }
  if ((spec === 'no' || spec === '') && (shown === 'no' || shown === '')) return true;
  return spec === shown;
}

function defaultOf(value: unknown): unknown {
  return typeof value === 'number' ? 0 : typeof value === 'string' ? '' : undefined;
}
