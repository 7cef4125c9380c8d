import { TendError } from '../../src/errors.js';
import { failed, type RunResult } from '../../src/pipeline/results.js';
import type { AppliedGroup, AppliedPlan } from '../../src/reconcile/applied-plan.js';
import { QuietLog } from '../../src/watch/quiet-log.js';
import { MAX_BACKOFF_INTERVALS, WatchState } from '../../src/watch/watch-state.js';
import type { WatchStatus } from '../../src/watch/watch-status.js';
import { recordingLogger } from '../helpers/pipeline-world.js';
import { A, appliedGroup, B, planOfA, revision } from '../helpers/watch-fixtures.js';

const INTERVAL = 1000;
const GIT_DOWN = { code: 'GIT_UNREACHABLE', message: 'cannot reach the server', transient: true };
const AUTH = { code: 'GIT_AUTH', message: 'credentials refused', transient: false };
const group = appliedGroup;
const plan = (groups: AppliedGroup[]): AppliedPlan => planOfA(groups);
const converged: RunResult = { kind: 'applied', revision, plan: plan([group()]), stopped: null };
const pluginDown: RunResult = {
  kind: 'applied',
  revision,
  plan: plan([group({ outcome: 'failed', outcomeError: { code: 'PLUGIN_UNREACHABLE', message: 'cloud is down', transient: true } })]),
  stopped: null,
};
const blockedPlan: RunResult = {
  kind: 'blocked',
  revision,
  plan: {
    ...plan([group({ actions: [{ op: 'destroy', instance: 'i-1', reason: 'extra' }] })]),
    blocked: { reason: 'destroy budget', destroy: 20, budget: 10 },
  },
};

/** A state on a clock the test moves, its log lines and every status it saved. */
function world() {
  let now = Date.parse('2026-12-06T10:00:00Z');
  const lines: string[] = [];
  const saved: WatchStatus[] = [];
  const state = new WatchState({
    intervalMs: INTERVAL,
    log: recordingLogger(lines),
    now: () => now,
    save: (status) => saved.push(structuredClone(status)),
  });
  return { state, lines, saved, later: (ms: number) => (now += ms) };
}

type Step = (w: ReturnType<typeof world>) => void;
const sourceFails: Step = ({ state }) => state.sourceFailed(GIT_DOWN);
const sourceAnswers: Step = ({ state }) => state.sawHead(A);
const applyA: Step = ({ state }) => state.applied(A);
const tickOk: Step = ({ state }) => void state.ran('tick', converged);
const tickDown: Step = ({ state }) => void state.ran('tick', pluginDown);
const healDown: Step = ({ state }) => void state.ran('heal', pluginDown);
const healOk: Step = ({ state }) => void state.ran('heal', converged);
const refuseBlocked: Step = ({ state }) => {
  const verdict = state.ran('tick', blockedPlan, null);
  state.refused(B, { why: 'blocked', code: 'BLOCKED', message: verdict.cause?.message ?? '', place: null }, verdict.cause!);
};
const refuseWaiting: Step = ({ state }) =>
  state.refused(
    B,
    { why: 'waiting', code: 'SPEC_INVALID', message: 'a plugin refused', place: null },
    { code: 'SPEC_INVALID', message: 'a plugin refused', transient: true },
  );
const wait =
  (ms: number): Step =>
  ({ later }) =>
    void later(ms);

describe("the watcher's state", () => {
  it.each([
    ['a good start', [sourceAnswers, applyA, tickOk], { ok: true, reason: null }, []],
    [
      'the source down for a moment',
      [sourceFails, wait(1500)],
      { ok: true, reason: 'retrying: GIT_UNREACHABLE: cannot reach the server' },
      ['error: cannot reach'],
    ],
    [
      'the source down for over three intervals',
      [sourceFails, wait(3500)],
      { ok: false, reason: 'GIT_UNREACHABLE: cannot reach the server' },
      ['error: cannot reach'],
    ],
    [
      'the source back',
      [sourceFails, sourceFails, sourceFails, wait(2000), sourceAnswers, applyA, tickOk],
      { ok: true, reason: null },
      ['error: cannot reach', 'info: the source answers again: GIT_UNREACHABLE is over after 2s (met 3 times)'],
    ],
    [
      'credentials refused: stalled at once',
      [({ state }) => state.sourceFailed(AUTH)],
      { ok: false, reason: 'GIT_AUTH: credentials refused' },
      ['error: credentials refused; enforcing nothing'],
    ],
    [
      'a blocked head, ticks of the enforced revision succeeding',
      [sourceAnswers, applyA, tickOk, refuseBlocked, tickOk, tickOk, tickOk],
      { ok: false, reason: 'BLOCKED: blocked by the destroy budget' },
      [
        'error: bbbbbbbbbbbb is not applied: blocked by the destroy budget: would destroy 20, budget 10; nothing was changed, enforcing the last good revision aaaaaaaaaaaa until the branch moves or the budget is raised',
      ],
    ],
    [
      'a plugin down for a tick after tick, then back',
      [applyA, tickDown, tickDown, tickDown, wait(5000), tickOk],
      { ok: true, reason: null },
      ['error: tick failed: cloud is down', 'info: the ticks succeed again: PLUGIN_UNREACHABLE is over after 5s (met 3 times)'],
    ],
    [
      'heals succeeding while ticks fail do not say the ticks succeed',
      [applyA, tickDown, healOk, healOk],
      { ok: true, reason: 'retrying: PLUGIN_UNREACHABLE: cloud is down' },
      ['error: tick failed: cloud is down'],
    ],
    [
      'a failed heal is over once a full tick does better',
      [applyA, healDown, tickOk],
      { ok: true, reason: null },
      ['error: heal failed: cloud is down', 'info: heals succeed again: PLUGIN_UNREACHABLE is over after 0ms (met 1 time)'],
    ],
  ] as Array<[string, Step[], { ok: boolean; reason: string | null }, string[]]>)('%s', (_, steps, health, said) => {
    const w = world();

    for (const step of steps) step(w);
    const status = w.state.health();

    expect(status.ok).toBe(health.ok);
    if (health.reason === null) expect(status.reason).toBeNull();
    else expect(status.reason).toContain(health.reason);
    // Each line said once, in order; `said` holds how each begins.
    expect(w.lines.map((line, i) => line.slice(0, said[i]?.length ?? line.length))).toEqual(said);
  });

  it('never enforces a blocked head, and never makes it the last good one', () => {
    const w = world();

    applyA(w);
    refuseBlocked(w);
    tickOk(w);

    expect(w.state.status.enforced?.sha).toBe(A.sha);
    expect(w.state.status.lastGood?.sha).toBe(A.sha);
    expect(w.state.status.refused).toMatchObject({ sha: B.sha, why: 'blocked', code: 'BLOCKED' });
    expect(w.state.headDue(B)).toBe(false);
    expect(w.state.headDue(A)).toBe(false);
    expect(w.state.headDue({ key: 'c'.repeat(40), sha: 'c'.repeat(40), ref: 'main' })).toBe(true);
  });

  it('judges a head a plugin refused again with backoff, not before, and never an invalid one', () => {
    const w = world();
    applyA(w);

    refuseWaiting(w);
    const dueAt = Date.parse(w.state.status.causes.head?.retryAt ?? '');
    const tooEarly = w.state.headDue(B);
    w.later(INTERVAL);
    const onTime = w.state.headDue(B);
    w.state.refused(
      B,
      { why: 'invalid', code: 'SPEC_INVALID', message: 'bad', place: null },
      { code: 'SPEC_INVALID', message: 'bad', transient: false },
    );
    w.later(60_000);

    expect(dueAt).toBe(Date.parse('2026-12-06T10:00:01Z'));
    expect([tooEarly, onTime, w.state.headDue(B)]).toEqual([false, true, false]);
  });

  it(`backs off doubling each interval, up to ${MAX_BACKOFF_INTERVALS} intervals`, () => {
    const w = world();
    const waits: number[] = [];

    for (let i = 0; i < 12; i += 1) {
      w.state.sourceFailed(GIT_DOWN);
      const retryAt = Date.parse(w.state.status.causes.source?.retryAt ?? '');
      waits.push((retryAt - Date.parse('2026-12-06T10:00:00Z')) / INTERVAL);
    }

    expect(waits).toEqual([1, 2, 4, 8, 8, 8, 8, 8, 8, 8, 8, 8]);
    expect(w.state.sourceDue(false)).toBe(false);
    expect(w.state.sourceDue(true)).toBe(true);
  });

  it('says, before the first tick, that it is starting, and fails after three intervals without one', () => {
    const w = world();

    const starting = w.state.health();
    w.later(3500);

    expect(starting).toEqual({ ok: true, reason: 'starting: the first tick has not ended yet' });
    expect(w.state.health()).toEqual({ ok: false, reason: 'the first tick has not ended in three intervals' });
  });

  it('keeps the latest verdict of each kind of run, each group as it came out, and saves each change', () => {
    const w = world();

    applyA(w);
    tickDown(w);
    w.state.ran('drift', failed(new TendError('GIT_ERROR', 'gone', { transient: true })));

    const status = w.saved.at(-1);
    expect(status?.runs.tick).toMatchObject({
      revision: A.sha,
      kind: 'failed',
      exitCode: 1,
      converged: false,
      groups: [{ id: 'web', desired: 2, observed: 2, condition: 'failed', reason: 'cloud is down' }],
    });
    expect(status?.runs.drift).toMatchObject({ kind: 'failed', cause: { code: 'GIT_ERROR' }, groups: [] });
    expect(Object.keys(status?.causes ?? {}).sort()).toEqual(['drift', 'tick']);
    // Drift checks report their findings elsewhere: they never make the watcher unhealthy.
    expect(w.state.health().reason).toContain('PLUGIN_UNREACHABLE');
  });
});

describe("the watcher's log of its runs", () => {
  it('says a repeating warning once while it comes back every full tick, and again after a tick without it', () => {
    const lines: string[] = [];
    const log = new QuietLog(recordingLogger(lines));

    for (const said of [['no groups'], ['no groups'], ['no groups', 'down'], [], ['no groups']]) {
      log.nextTick();
      for (const line of said) log.warn(line);
      log.info('applied');
    }

    expect(lines).toEqual([
      'warn: no groups',
      'info: applied',
      'info: applied',
      'warn: down',
      'info: applied',
      'info: applied',
      'warn: no groups',
      'info: applied',
    ]);
  });
});
