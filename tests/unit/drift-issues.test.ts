import { driftCheckOf } from '../../src/report/github/drift-issue-reporter.js';
import { endedComment, groupBody, readMarker } from '../../src/report/github/drift-issue-text.js';
import type { ResultView } from '../../src/report/github/run-view.js';
import { appliedPlanOf, groupPlan, groupSpec, planOf, withOutcome } from '../helpers/memory-plugins.js';

const sha = 'c0ffee'.padEnd(40, '0');
const at = new Date('2026-12-06T15:00:00Z');
const places = new Map([
  ['web', { file: '/work/repo/specs/web.yaml', line: 3, column: 1 }],
  ['db', { file: '/work/repo/specs/db.yaml', line: 0, column: 1 }],
]);
const pathOf = (file: string): string => file.replace('/work/repo/', '');
const web = groupPlan(
  groupSpec('web', { size: 3 }),
  [
    { op: 'create', reason: 'missing' },
    { op: 'replace', instance: 'web-7f3a', reason: 'stale' },
  ],
  {
    observed: 2,
    drift: { missing: 1, stale: 1 },
  },
);
const db = groupPlan(groupSpec('db', { size: 1 }), [], { observed: 1 });
const cache = groupPlan(groupSpec('cache'), [], { error: 'instance-cloud: unreachable' });

describe('driftCheckOf: what a run found of drift, as drift issues take it', () => {
  it('a drift check: drifted groups with their instances and spec line, groups in sync, and nothing of a group not observed', () => {
    const result: ResultView = { kind: 'planned', revision: { sha }, plan: planOf([web, db, cache]) };

    const check = driftCheckOf(result, 'check', places, pathOf, at);

    expect(check).toEqual({
      revision: sha,
      at,
      drifted: [
        {
          id: 'web',
          drift: { missing: 1, extra: 0, stale: 1, modified: 0, unhealthy: 0 },
          instances: [{ id: 'web-7f3a', reason: 'stale' }],
          missing: 1,
          place: { file: 'specs/web.yaml', line: 3 },
        },
      ],
      inSync: ['db'],
      applied: [],
    });
  });

  it('an apply: converged groups are in sync, those it changed applied by tend; report-mode drift stays drifted; a failed group is left alone', () => {
    const plan = appliedPlanOf([
      withOutcome(web, 'converged'),
      withOutcome(db, 'converged'),
      withOutcome({ ...web, id: 'api', mode: 'report' }, 'drifted'),
      withOutcome({ ...web, id: 'jobs' }, 'paused'),
    ]);

    const check = driftCheckOf({ kind: 'applied', revision: { sha }, plan, stopped: null }, 'apply', places, pathOf, at);

    expect(check?.inSync).toEqual(['web', 'db']);
    expect(check?.applied).toEqual(['web']);
    expect(check?.drifted.map((g) => g.id)).toEqual(['api']);
  });

  it.each<[string, ResultView]>([
    ['specs from a folder', { kind: 'planned', revision: { sha: null }, plan: planOf([web]) }],
    ['a blocked plan', { kind: 'blocked', revision: { sha }, plan: appliedPlanOf([withOutcome(web, 'blocked')]) }],
    ['invalid specs', { kind: 'failed', error: { code: 'SPEC_INVALID', message: '1 problem' }, problems: [], revision: { sha } }],
  ])('%s: nothing to tell', (_name, result) => {
    expect(driftCheckOf(result, 'check', places, pathOf, at)).toBeNull();
  });
});

describe('drift issue text', () => {
  it('reads back the marker it writes, and no group name can end the hidden comment early', () => {
    const marker = { context: 'tend/prod', group: 'web --> <b>', since: at.toISOString() };
    const group = { id: 'web --> <b>', drift: web.drift, instances: [], missing: 1, place: null };

    const body = groupBody(marker, group, sha);

    expect(body.split('\n')[0]).not.toContain('web -->');
    expect(body.indexOf('-->')).toBe(body.split('\n')[0]!.length - 3);
    expect(readMarker(body)).toEqual(marker);
    expect(readMarker('Found drift.\n<!-- tend-drift {"context":"tend"} -->')).toBeNull();
  });

  it('says how the drift ended', () => {
    expect(endedComment(true, sha, at)).toBe(`The drift ended at 2026-12-06T15:00:00.000Z: tend applied commit ${sha}. Closing.`);
    expect(endedComment(false, sha, at)).toContain(`fixed by hand: found in sync with commit ${sha}`);
  });
});
