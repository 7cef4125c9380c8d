import { githubPage } from '../../src/watch/page/github-page.js';
import { ObservedGroups } from '../../src/watch/page/observed-groups.js';
import { groupApi, statusApi } from '../../src/watch/page/status-api.js';
import { emptyStatus, type GroupRecord, type WatchStatus } from '../../src/watch/watch-status.js';

const none = { missing: 0, extra: 0, stale: 0, modified: 0, unhealthy: 0 };
const SHA = 'a'.repeat(40);
const record = (over: Partial<GroupRecord>): GroupRecord => ({
  id: 'web',
  mode: 'correct',
  desired: 3,
  observed: 3,
  drift: none,
  condition: 'in-sync',
  reason: null,
  ...over,
});
const mark = { sha: SHA, ref: 'main', at: '2026-12-06T10:00:00.000Z' };
function status(groups: GroupRecord[], over: Partial<WatchStatus> = {}): WatchStatus {
  const run = { at: '2026-12-06T10:00:01.000Z', revision: SHA, kind: 'done' as const, exitCode: 0, converged: true, cause: null, groups };
  return { ...emptyStatus(), head: mark, enforced: mark, lastGood: mark, runs: { tick: run }, ...over };
}
const parts = (s: WatchStatus) => ({ status: s, health: { ok: true, reason: null }, observed: new ObservedGroups(), repository: null });

describe('GET /api/v1/status', () => {
  it.each([
    ['every group in sync', [record({})], {}, 'converged', 'converged: 1 group, 3 instances'],
    [
      'a group drifted in report mode',
      [record({ mode: 'report', observed: 2, drift: { ...none, missing: 1 }, condition: 'drifted' })],
      {},
      'not-converged',
      'not converged: 1 of 1 group needs attention',
    ],
    [
      'a head refused as invalid',
      [record({})],
      {
        head: { ...mark, sha: 'b'.repeat(40) },
        refused: {
          sha: 'b'.repeat(40),
          why: 'invalid' as const,
          code: 'SPEC_INVALID',
          message: 'bad',
          place: { file: 'specs/web.yaml', line: 7, column: 3 },
          at: mark.at,
        },
      },
      'not-converged',
      'not converged: the head bbbbbbbbbbbb is not enforced (invalid)',
    ],
    [
      'nothing run yet',
      [],
      { runs: {}, enforced: null, head: null, lastGood: null },
      'starting',
      'starting: the first tick has not ended yet',
    ],
  ] as Array<[string, GroupRecord[], Partial<WatchStatus>, string, string]>)('%s', (_, groups, over, state, summary) => {
    const api = statusApi(parts(status(groups, over)));

    expect(api.verdict.state).toBe(state);
    expect(api.verdict.converged).toBe(state === 'converged');
    expect(api.verdict.summary).toBe(summary);
  });

  it('shows a converged group as its spec asks, with no drift left, and a refusal at its place', () => {
    const s = status([record({ observed: 2, drift: { ...none, missing: 1 }, condition: 'converged' })], {
      refused: {
        sha: 'b'.repeat(40),
        why: 'invalid',
        code: 'SPEC_INVALID',
        message: 'bad',
        place: { file: 'specs/a.yaml', line: 4, column: 1 },
        at: mark.at,
      },
    });

    const api = statusApi(parts(s));

    expect(api.groups).toEqual([
      expect.objectContaining({ id: 'web', desired: 3, observed: 3, drift: none, outcome: 'converged', run: 'tick' }),
    ]);
    expect(api.refused).toMatchObject({ why: 'invalid', file: 'specs/a.yaml', line: 4 });
    expect(Object.keys(api).sort()).toEqual(
      ['blocked', 'enforced', 'groups', 'head', 'lastGood', 'nextDriftCheck', 'nextTick', 'refused', 'repository', 'verdict'].sort(),
    );
    expect(groupApi(parts(s), 'web')).toMatchObject({ observedAt: null, instances: [] });
    expect(groupApi(parts(s), 'gone')).toBeNull();
  });
});

it('shows a head blocked by a safety rule with the budget and what it would destroy', () => {
  const blocked = { reason: 'destroy budget', destroy: 12, budget: 5, destroys: [{ group: 'web', count: 12 }] };
  const s = status([record({})], {
    refused: { sha: 'b'.repeat(40), why: 'blocked', code: 'BLOCKED', message: 'blocked', place: null, blocked, at: mark.at },
  });

  const api = statusApi(parts(s));

  expect(api.blocked).toEqual({ sha: 'b'.repeat(40), ...blocked });
  expect(api.refused).toMatchObject({ why: 'blocked', file: null, line: null });
  expect(api.verdict.state).toBe('not-converged');
});

describe('the repository page commits link to', () => {
  it.each([
    ['https://github.com/acme/fleet.git', 'https://github.com/acme/fleet'],
    ['https://x-access-token:secret@github.com/acme/fleet', 'https://github.com/acme/fleet'],
    ['git@github.com:acme/fleet.git', 'https://github.com/acme/fleet'],
    ['ssh://git@github.com/acme/fleet.git', 'https://github.com/acme/fleet'],
    ['https://gitlab.com/acme/fleet.git', null],
    ['git://127.0.0.1:9418/specs.git', null],
    ['/srv/specs', null],
    ['https://github.com/acme', null],
  ])('%s', (url, page) => {
    expect(githubPage(url)).toBe(page);
  });
});
