import { dockerPlugin } from '../../src/plugins/docker/docker-plugin.js';
import { processHost } from '../../src/plugins/registry.js';
import type { InstancePlugin } from '../../src/plugins/spi.js';
import { startContainerEngine, type ContainerEngine } from '../fixtures/container-engine.mjs';

export type { ContainerEngine } from '../fixtures/container-engine.mjs';

/** A command that lives until stopped and stops at once on SIGTERM, so that destroys take no grace period. */
export const SLEEPER = ['/bin/sh', '-c', 'trap "exit 0" TERM; sleep 600 & wait'];

/** Container properties of the test image that run SLEEPER without a network, stopped with 1 s of grace at most. */
export function sleeperProperties(image: string, extra: { Env?: string[]; Tags?: Record<string, string> } = {}): Record<string, unknown> {
  return {
    Config: { Image: image, Cmd: SLEEPER, StopTimeout: 1, ...(extra.Env ? { Env: extra.Env } : {}) },
    HostConfig: { NetworkMode: 'none' },
    ...(extra.Tags ? { Tags: extra.Tags } : {}),
  };
}

/**
 * Starts one private engine for the whole test file (beforeAll) and stops it after (afterAll);
 * `engine()` is it. Every container is removed after each test.
 */
export function useContainerEngine(options: () => { insecureRegistry?: string } = () => ({})): () => ContainerEngine {
  let engine: ContainerEngine | undefined;
  beforeAll(async () => {
    engine = await startContainerEngine(options());
  }, 60_000);
  afterEach(async () => {
    await engine?.removeAll();
  });
  afterAll(async () => {
    await engine?.stop();
  }, 60_000);
  return () => {
    if (engine === undefined) throw new Error('the container engine has not started');
    return engine;
  };
}

/** The docker plugin on `host`, as the registry builds it, with its warnings gathered. */
export function dockerInstancePlugin(host: string, options: { timeoutMs?: number; warnings?: string[] } = {}): InstancePlugin {
  const built = dockerPlugin(
    'instance-docker',
    { type: 'docker', host, stopTimeoutMs: 1000, timeoutMs: options.timeoutMs ?? 20_000, credentials: [] },
    processHost((message) => options.warnings?.push(message)),
  );
  return built.instance!('');
}

/** The containers on the engine: short ID (as tend names them), name, state, and labels. */
export async function containers(
  engine: ContainerEngine,
): Promise<Array<{ id: string; name: string; state: string; labels: Record<string, string> }>> {
  const list = await engine.list();
  return list
    .map((c) => ({ id: c.Id.slice(0, 12), name: (c.Names[0] ?? '').replace(/^\//, ''), state: c.State, labels: c.Labels ?? {} }))
    .sort((a, b) => a.id.localeCompare(b.id));
}
