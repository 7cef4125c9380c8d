import type { Health } from '../spi.js';

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
