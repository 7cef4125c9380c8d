import { currentGroups, type CurrentGroup } from '../current-groups.js';
import type { ObservedGroups } from './observed-groups.js';
import type { ApiCause, ApiGroup, ApiGroupDetail, ApiStatus, ApiVerdict } from './status-api-types.js';
import type { CauseSlot, HealthStatus, RevisionMark, WatchStatus } from '../watch-status.js';

/** What the status's JSON is made from: the watcher's one state, its health, the groups last observed, its repository's page. */
export interface StatusParts {
  status: Readonly<WatchStatus>;
  health: HealthStatus;
  observed: ObservedGroups;
  repository: string | null;
}

/** `GET /api/v1/status` (docs/status-page.md), from the watcher's state. Pure. */
export function statusApi(parts: StatusParts): ApiStatus {
  const { status } = parts;
  const groups = currentGroups(status).map((g) => apiGroup(g, parts.observed));
  const refused = status.refused;
  return {
    verdict: verdictOf(parts, groups),
    head: mark(status.head),
    enforced: mark(status.enforced),
    lastGood: mark(status.lastGood),
    blocked: refused?.why === 'blocked' && refused.blocked ? { sha: refused.sha, ...refused.blocked } : null,
    refused:
      refused === null
        ? null
        : {
            sha: refused.sha,
            why: refused.why,
            code: refused.code,
            message: refused.message,
            file: refused.place?.file ?? null,
            line: refused.place?.line ?? null,
            problem: refused.problem ?? null,
            at: refused.at,
          },
    groups,
    nextTick: status.nextTick,
    nextDriftCheck: status.nextDriftCheck,
    repository: parts.repository,
  };
}

/** `GET /api/v1/groups/<id>`: null when no run has judged a group of that ID. */
export function groupApi(parts: StatusParts, id: string): ApiGroupDetail | null {
  const group = currentGroups(parts.status).find((g) => g.id === id);
  if (group === undefined) return null;
  const seen = parts.observed.get(id);
  return {
    group: apiGroup(group, parts.observed),
    observedAt: seen?.observedAt ?? null,
    changedAt: seen?.changedAt ?? null,
    instances: seen?.instances ?? [],
  };
}

const CAUSE_ORDER: readonly CauseSlot[] = ['head', 'source', 'tick', 'heal', 'drift'];
const SETTLED = new Set(['converged', 'in-sync']);

function verdictOf(parts: StatusParts, groups: readonly ApiGroup[]): ApiVerdict {
  const { status, health } = parts;
  const causes: ApiCause[] = CAUSE_ORDER.flatMap((where) => {
    const c = status.causes[where];
    return c === undefined ? [] : [{ where, code: c.code, message: c.message, stop: c.stop, since: c.since, retryAt: c.retryAt }];
  });
  const base = { healthy: health.ok, health: health.reason, causes };
  if (status.runs.tick === undefined && causes.length === 0 && status.refused === null) {
    return { converged: false, state: 'starting', summary: 'starting: the first tick has not ended yet', ...base };
  }
  const attention = groups.filter((g) => !SETTLED.has(g.outcome));
  const why: string[] = [];
  if (status.refused !== null) {
    const head = status.refused.sha === null ? 'the changed specs are' : `the head ${status.refused.sha.slice(0, 12)} is`;
    why.push(`${head} not enforced (${status.refused.why})`);
  }
  if (status.enforced === null) why.push('no revision is enforced yet');
  if (attention.length > 0) {
    why.push(
      `${attention.length} of ${groups.length} group${groups.length === 1 ? '' : 's'} need${attention.length === 1 ? 's' : ''} attention`,
    );
  }
  for (const c of causes) if (c.where !== 'head') why.push(`${c.code}: ${c.message}`);
  if (why.length > 0) return { converged: false, state: 'not-converged', summary: `not converged: ${why.join('; ')}`, ...base };
  const instances = groups.reduce((n, g) => n + g.observed, 0);
  const summary = `converged: ${groups.length} group${groups.length === 1 ? '' : 's'}, ${instances} instance${instances === 1 ? '' : 's'}`;
  return { converged: true, state: 'converged', summary, ...base };
}

/** A group as the page shows it: once its run converged it, it has what its spec asks and no drift left. */
function apiGroup(g: CurrentGroup, observed: ObservedGroups): ApiGroup {
  const seen = observed.get(g.id);
  const converged = g.condition === 'converged';
  return {
    id: g.id,
    mode: g.mode,
    plugin: seen?.plugin ?? null,
    desired: g.desired,
    observed: converged ? g.desired : g.observed,
    drift: converged ? { missing: 0, extra: 0, stale: 0, modified: 0, unhealthy: 0 } : { ...g.drift },
    outcome: g.condition,
    reason: g.reason,
    file: seen?.file ?? null,
    line: seen?.line ?? null,
    run: g.run,
    at: g.at,
  };
}

function mark(m: RevisionMark | null): ApiStatus['head'] {
  return m === null ? null : { sha: m.sha, ref: m.ref, at: m.at };
}
