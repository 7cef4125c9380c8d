import type { Health, InstanceSpec } from '../spi.js';
import type { DockerProperties } from './docker-properties.js';
import { UPDATABLE } from './observed-properties.js';

/** What the engine says of a container's life: its state and, if it has a HEALTHCHECK, the check's verdict. */
export interface ContainerState {
  /** created, running, paused, restarting, removing, exited, dead. */
  status: string;
  restarting: boolean;
  /** starting, healthy, unhealthy; absent without a HEALTHCHECK. */
  health?: string;
}

/**
 * The container's health as tend judges it: running (and healthy, if it checks) is 1; being
 * restarted by its restart policy, starting its health check, or going away is 0 (not drift
 * while it lasts); stopped, exited, dead, paused or failing its check is 2, replaced.
 */
export function containerHealth(state: ContainerState): Health {
  if (state.restarting || state.status === 'restarting' || state.status === 'removing') return 0;
  if (state.status !== 'running') return 2;
  if (state.health === 'unhealthy') return 2;
  if (state.health === 'starting') return 0;
  return 1;
}

/** The state of an inspected container (`State` of `GET /containers/{id}/json`). */
export function inspectedState(state: unknown): ContainerState {
  const s = (state ?? {}) as { Status?: unknown; Restarting?: unknown; Health?: { Status?: unknown } | null };
  const health = typeof s.Health?.Status === 'string' && s.Health.Status !== '' ? s.Health.Status : undefined;
  return { status: typeof s.Status === 'string' ? s.Status : 'unknown', restarting: s.Restarting === true, ...(health ? { health } : {}) };
}

/** Whether a new container is up (running, and healthy if it checks), still coming up, or down for good. */
export function readiness(state: ContainerState): 'up' | 'starting' | 'down' {
  if (state.status === 'running') return state.health === undefined || state.health === 'healthy' ? 'up' : 'starting';
  return state.status === 'created' || state.status === 'restarting' || state.restarting ? 'starting' : 'down';
}

/** A container's state as the list shows it: `State`, and the health its `Status` ends with (`Up 5 minutes (unhealthy)`). */
export function listedState(summary: { State?: string; Status?: string }): ContainerState {
  const status = summary.State ?? 'unknown';
  const health = /\((healthy|unhealthy|health: starting)\)/.exec(summary.Status ?? '')?.[1];
  return {
    status,
    restarting: status === 'restarting',
    ...(health ? { health: health === 'health: starting' ? 'starting' : health } : {}),
  };
}

/** Whether a container made from `record` must be inspected to be judged: its spec sets resources, or a health check of its own. */
export function needsInspection(record: InstanceSpec | null): boolean {
  if (record === null) return false;
  const props = record.Properties as { Config?: { Healthcheck?: { Test?: unknown } }; HostConfig?: Record<string, unknown> } | null;
  const host = props?.HostConfig ?? {};
  if (UPDATABLE.some((key) => Object.hasOwn(host, key))) return true;
  const test = props?.Config?.Healthcheck?.Test;
  return Array.isArray(test) && test.length > 0 && test[0] !== 'NONE';
}

/** How much longer than the plugin's timeout a new container may take to come up: what its HEALTHCHECK needs to pass once. */
export function healthWaitMs(props: DockerProperties): number {
  const check = props.Config.Healthcheck as { Test?: unknown; Interval?: number; StartPeriod?: number; Retries?: number } | undefined;
  if (check === undefined || (Array.isArray(check.Test) && check.Test[0] === 'NONE')) return 0;
  const ns = (check.StartPeriod ?? 0) + (check.Interval ?? 30e9) * Math.max(1, check.Retries ?? 3);
  return Math.min(Math.ceil(ns / 1e6), 600_000);
}
