import type { RunResult } from '../../src/pipeline/results.js';
import type { AppliedGroup } from '../../src/reconcile/applied-plan.js';
import type { GroupPlan } from '../../src/reconcile/types.js';
import { EventLog, KEPT_EVENTS, restoredEvents, type WatchEvent } from '../../src/watch/watch-events.js';
import { WatchState } from '../../src/watch/watch-state.js';
import { recordingLogger } from '../helpers/pipeline-world.js';
import { A, appliedGroup, B, none, planOfA, revision } from '../helpers/watch-fixtures.js';

const group = appliedGroup;
const plan = planOfA;
const applied = (groups: AppliedGroup[]): RunResult => ({ kind: 'applied', revision, plan: plan(groups), stopped: null });
const inSync = applied([group()]);
const created = applied([group({ drift: { ...none, missing: 1 }, actions: [{ op: 'create', reason: 'missing' }] })]);
const rolled = applied([
  group({
    drift: { ...none, stale: 2 },
    actions: [
      { op: 'replace', instance: 'web-1', reason: 'stale' },
      { op: 'replace', instance: 'web-2', reason: 'stale' },
    ],
  }),
]);
/** The group as a plan shows it, before any apply. */
const planned = ({ outcome: _o, outcomeError: _e, ...g }: AppliedGroup): GroupPlan => g;
const down = { code: 'PLUGIN_UNREACHABLE', message: 'cloud is down', transient: true };
const failing = applied([group({ actions: [{ op: 'create', reason: 'missing' }], outcome: 'failed', outcomeError: down })]);
const drifted: RunResult = {
  kind: 'planned',
  revision,
  plan: plan([planned(group({ drift: { ...none, missing: 1, stale: 2 } })), planned(group({ id: 'db' }))]),
  groups: [],
  observation: { groups: new Map(), orphans: [], unreachable: [] },
};

function world() {
  let now = Date.parse('2026-12-06T10:00:00Z');
  const state = new WatchState({ intervalMs: 1000, log: recordingLogger([]), now: () => (now += 1) });
  return { state };
}

type Step = (w: ReturnType<typeof world>) => void;
const applyA: Step = ({ state }) => state.applied(A);
const run =
  (kind: 'tick' | 'heal' | 'drift', result: RunResult): Step =>
  ({ state }) =>
    void state.ran(kind, result);
const refuseInvalid: Step = ({ state }) =>
  state.refused(
    B,
    {
      why: 'invalid',
      code: 'SPEC_INVALID',
      message: '1 problem in 1 spec file.',
      place: { file: 'specs/web.yaml', line: 7, column: 11 },
      problem: 'Size: must be an integer',
    },
    { code: 'SPEC_INVALID', message: 'Size: must be an integer', transient: false },
  );
const sourceDown: Step = ({ state }) =>
  state.sourceFailed({ code: 'GIT_UNREACHABLE', message: 'cannot reach the server', transient: true });
const sourceBack: Step = ({ state }) => state.sawHead(A);

describe("the watcher's events", () => {
  it.each([
    [
      'a commit applied, then ticks with nothing to do',
      [applyA, run('tick', inSync), run('tick', inSync)],
      [['applied', undefined, 'aaaaaaaaaaaa was applied']],
    ],
    [
      'a heal after an instance event',
      [applyA, run('heal', created)],
      [['applied'], ['healed', 'web', 'web: healed after an instance event: created 1 (missing); converged']],
    ],
    ['a tick that corrects', [run('tick', created)], [['corrected', 'web', 'web: created 1 (missing); converged']]],
    ['a rolling replacement', [run('tick', rolled)], [['replaced', 'web', 'web: replaced 2 (stale), rolling; converged']]],
    [
      'an invalid commit, told once however many ticks meet it',
      [applyA, refuseInvalid, refuseInvalid, refuseInvalid],
      [['applied'], ['refused', undefined, 'bbbbbbbbbbbb is refused: SPEC_INVALID at specs/web.yaml:7: Size: must be an integer']],
    ],
    [
      'a group failing tick after tick, told once, then its recovery',
      [run('tick', failing), run('tick', failing), run('tick', failing), run('tick', created)],
      [
        ['group-failed', 'web', 'web: not converged: cloud is down; retried every tick'],
        ['failure', undefined, 'tick failed: cloud is down'],
        ['corrected', 'web'],
        ['recovered', undefined, 'the ticks succeed again: PLUGIN_UNREACHABLE is over'],
      ],
    ],
    [
      'the source down, then back',
      [sourceDown, sourceDown, sourceBack],
      [
        ['failure', undefined, 'cannot reach the server; retrying with backoff'],
        ['recovered', undefined, 'the source answers again: GIT_UNREACHABLE is over'],
      ],
    ],
    [
      'a drift check that finds drift',
      [run('drift', drifted)],
      [['drift-check', 'web', 'drift check: 1 of 2 groups drifted: web (1 missing, 2 stale)']],
    ],
    ['a drift check that finds none', [run('drift', inSync)], [['drift-check', undefined, 'drift check: no drift in 1 groups']]],
  ] as Array<[string, Step[], Array<[string, string?, string?]>]>)('%s', (_, steps, expected) => {
    const w = world();

    for (const step of steps) step(w);
    const events = w.state.events.all;

    expect(events.map((e) => e.kind)).toEqual(expected.map(([kind]) => kind));
    expected.forEach(([, group, words], i) => {
      const event = events[i] as WatchEvent;
      if (group !== undefined) expect(event.group).toBe(group);
      if (words !== undefined) expect(event.message).toContain(words);
    });
  });

  it('keeps the last 1,000 events, none older than a day, and serves those after a time', () => {
    let now = Date.parse('2026-12-06T10:00:00Z');
    const saved: number[] = [];
    const log = new EventLog({ now: () => now, save: (events) => saved.push(events.length) });

    for (let i = 0; i < KEPT_EVENTS + 5; i += 1) {
      now += 1000;
      log.add({ kind: 'healed', group: `g${i}`, message: `healed ${i}` });
    }
    const before = log.all.length;
    const after = log.since(new Date(now - 2500).toISOString());
    now += 24 * 60 * 60 * 1000 - 1500;
    log.add({ kind: 'applied', message: 'a day later' });

    expect(before).toBe(KEPT_EVENTS);
    expect(log.all[0]?.group).toBe('g1003');
    expect(after.map((e) => e.group)).toEqual(['g1002', 'g1003', 'g1004']);
    expect(log.all.map((e) => e.message)).toEqual(['healed 1003', 'healed 1004', 'a day later']);
    expect(saved.at(-1)).toBe(3);
    expect(log.since('not a time')).toHaveLength(3);
  });

  it('reads back only events of the expected shape', () => {
    const good = { at: '2026-12-06T10:00:00.000Z', kind: 'applied', message: 'applied', revision: A.sha };

    const events = restoredEvents({
      version: 1,
      events: [good, { ...good, kind: 'rm -rf' }, { ...good, at: 'yesterday' }, { ...good, group: 3 }, null, 'text'],
    });

    expect(events).toEqual([good]);
    expect(restoredEvents(null)).toEqual([]);
    expect(restoredEvents({ events: 'no' })).toEqual([]);
  });
});
