import { jobSummary } from '../../../src/report/actions/job-summary.js';
import type { AppliedGroup } from '../../../src/reconcile/applied-plan.js';
import type { GroupPlan, Plan } from '../../../src/reconcile/types.js';
import type { ShownPlan } from '../../../src/report/shown-plan.js';

const drift = { missing: 0, extra: 0, stale: 0, modified: 0, unhealthy: 0 };
const group = (id: string, over: Partial<GroupPlan> = {}): GroupPlan => ({
  id,
  mode: 'correct',
  desired: { size: 1, configSha: 'x' },
  observed: { instances: 1 },
  drift,
  actions: [],
  error: null,
  ...over,
});
const plan = (groups: GroupPlan[]): Plan => ({
  revision: null,
  groups,
  orphans: [],
  summary: { groups: groups.length, drifted: 0, create: 0, destroy: 0, replace: 0, errors: 0 },
  blocked: null,
});
const planned = (groups: GroupPlan[]): ShownPlan => ({ kind: 'planned', plan: plan(groups) });
const applied = (g: AppliedGroup): ShownPlan => ({ kind: 'applied', plan: { ...plan([g]), groups: [g], orphans: [] } });
const summary = (shown: ShownPlan, limit?: number): string =>
  jobSummary({ command: 'plan', about: 'Specs: specs/', result: { kind: 'plan', shown, phrasing: 'plan' }, whole: 'See the log.' }, limit);

describe('the job summary', () => {
  it.each([
    ['in sync', planned([group('web')]), '| web | correct | 1 | 1 | none | — | in sync |'],
    [
      'drift with changes',
      planned([group('web', { drift: { ...drift, stale: 1 }, actions: [{ op: 'replace', instance: 'web-1', reason: 'stale' }] })]),
      '| web | correct | 1 | 1 | 1 stale | +0 ~1 -0 | changes planned |',
    ],
    [
      'report mode',
      planned([group('web', { mode: 'report', drift: { ...drift, missing: 1 } })]),
      '| web | report | 1 | 1 | 1 missing | — | drift (report mode: not changed) |',
    ],
    [
      'a group that could not be observed',
      planned([group('web', { error: { code: 'PLUGIN_ERROR', message: 'down | <b>x</b>', transient: true } })]),
      '| web | correct | 1 | 1 | ? | — | error: down \\| &lt;b&gt;x&lt;/b&gt; |',
    ],
    [
      'an applied group',
      applied({ ...group('web'), outcome: 'paused', outcomeError: { code: 'PLUGIN_ERROR', message: 'unhealthy', transient: false } }),
      '| web | correct | 1 | 1 | none | — | paused: unhealthy |',
    ],
    [
      'an applied group whose error names its outcome',
      applied({
        ...group('web'),
        outcome: 'paused',
        outcomeError: { code: 'PLUGIN_ERROR', message: 'paused after 2 of 5 replacements: unhealthy', transient: false },
      }),
      '| web | correct | 1 | 1 | none | — | paused after 2 of 5 replacements: unhealthy |',
    ],
  ])('has one row per group: %s', (_, shown, expected) => {
    expect(summary(shown)).toContain(`${expected}\n`);
  });

  it('leaves out whole rows past the limit and says how many', () => {
    const groups = Array.from({ length: 500 }, (_, i) => group(`g${i}`));

    const text = summary(planned(groups), 4096);

    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4096);
    const rows = text.split('\n').filter((line) => /^\| g\d/.test(line));
    expect(rows.length).toBeGreaterThan(10);
    expect(text).toContain(`> **Truncated** to fit GitHub's 1 MiB step summary: ${500 - rows.length} groups not shown. See the log.`);
  });

  it('is whole when it fits', () => {
    expect(summary(planned([group('web')]))).not.toContain('Truncated');
  });
});
