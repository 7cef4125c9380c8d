// Turns the raw samples into verdicts: each step's best wall time beside the best of its floor,
// measured in the same run, against a target, plus a peak-RSS ceiling. Best-of-N, because noise
// here only ever adds time: this machine's disk has been seen to take 0.5 s and 5.6 s for the same
// 10,000 writes within one run, so medians of three swing the write ratio from 1× to 8×.
import { maxKnown, median, round } from './stats.mjs';

/** Ceiling on the peak RSS of every tend step, in MB (MiB, as maxRSS is in KiB), unless a step sets its own. */
export const RSS_LIMIT_MB = 200;

/**
 * Each tend step, the floor it is read against, and its target, one of: `maxRatio`, the largest
 * ratio of its best to the floor's best; `maxOverMs`, the most it may take over the floor; `maxMs`,
 * a ceiling on its own best. None of them: information only. A step with no samples (the large
 * row under --skip-large) is left out.
 */
export const TARGETS = [
  { step: 'start-up', floor: 'node startup', maxOverMs: 40 },
  { step: 'validate', floor: 'read floor' },
  { step: 'first apply', floor: 'write floor', maxRatio: 5 },
  { step: 'no-op plan', floor: 'read floor', maxRatio: 3 },
  { step: 'drift check', floor: 'read floor', maxRatio: 3 },
  { step: 'corrective apply', floor: 'read floor', maxRatio: 8 },
  { step: 'large plan', floor: 'large read floor', maxMs: 2000, rssLimitMB: 250 },
  { step: 'git plan', floor: 'folder plan', maxRatio: 1.5 },
  { step: 'rpc plan', floor: 'local plan', maxRatio: 3 },
  { step: 'rpc apply', floor: 'local apply' },
  // Timed inside one process, so there is no child's peak RSS to judge.
  { step: 'moved check', floor: 'git ls-remote', maxRatio: 1.5, rssLimitMB: null },
  // The watcher's rows (bench/steps-watch.mjs): in one process, or timed from outside a running watcher.
  { step: 'idle tick', floor: 'watch ls-remote', maxRatio: 3, alsoMaxMs: 150, rssLimitMB: null },
  { step: 'reconcile tick', floor: 'read floor', maxRatio: 2, rssLimitMB: null },
  { step: 'commit to converged (webhook)', floor: 'watch ls-remote', maxMs: 1000, rssLimitMB: null },
  { step: 'heal by events', floor: 'watch ls-remote', maxMs: 100, stat: 'median', rssLimitMB: null },
  // The same heals while the watcher reports to a GitHub API that accepts connections and never answers.
  { step: 'heal by events, GitHub hanging', floor: 'heal by events', maxMs: 100, stat: 'median', rssLimitMB: null },
  { step: 'heal by 1 s poll', floor: 'watch ls-remote', maxMs: 1000, stat: 'median', rssLimitMB: null },
  { step: 'watcher RSS after the ticks', floor: 'node startup', rssLimitMB: 150 },
  // The heap kept (after a full collection), in MB, not ms: after the last 100 ticks against after the second 100, so that growth shows as a ratio.
  { step: 'heap MB, last ticks', floor: 'heap MB, ticks 101-200', maxRatio: 1.1, rssLimitMB: null },
  // The same for the spec cache (bench/steps-spec-cache.mjs): 1,000 commits each changing 10 spec files, read through one cache.
  { step: 'spec cache heap MB, last commit', floor: 'spec cache heap MB, commit 100', maxRatio: 1.1, rssLimitMB: null },
  // The container rows (bench/steps-containers.mjs): tend's docker plugin beside docker-compose on one engine.
  { step: 'container apply', floor: 'compose up', maxRatio: 1.2 },
  { step: 'container no-op check', floor: 'compose no-op up', maxRatio: 0.5 },
  { step: 'container heal by events', floor: 'engine replace', stat: 'median', rssLimitMB: null },
  // The status page (bench/steps-page.mjs): its first render of 1,000 groups in chromium, beside fetching the JSON it draws.
  { step: 'page first render', floor: 'status JSON', maxMs: 1000, rssLimitMB: null },
];

/** What plain Node takes: bare start-up, and the least file I/O a step cannot avoid. */
const FLOORS = [
  'node startup',
  'read floor',
  'write floor',
  'large read floor',
  'folder plan',
  'git ls-remote',
  'local plan',
  'local apply',
  'watch ls-remote',
  'heap MB, ticks 101-200',
  'spec cache heap MB, commit 100',
  'compose up',
  'compose no-op up',
  'engine replace',
  'status JSON',
];

function summarise(samples) {
  const peak = maxKnown(samples.map((s) => s.rssKiB));
  return {
    samplesMs: samples.map((s) => round(s.wallMs)),
    medianMs: round(median(samples.map((s) => s.wallMs))),
    minMs: round(Math.min(...samples.map((s) => s.wallMs))),
    maxMs: round(Math.max(...samples.map((s) => s.wallMs))),
    peakRssMB: peak === null ? null : round(peak / 1024),
  };
}

/** The step's figure that its target judges, and whether it holds; `miss` says by how much when not. */
function timeVerdict(target, s, overMs, ratio) {
  if (target.maxRatio !== undefined && target.alsoMaxMs !== undefined) {
    const ok = ratio <= target.maxRatio && s.minMs < target.alsoMaxMs;
    return {
      ok,
      miss: `${ratio.toFixed(2)}× ${target.floor} and ${s.minMs.toFixed(0)} ms, target ≤ ${target.maxRatio}× and < ${target.alsoMaxMs} ms`,
    };
  }
  if (target.maxRatio !== undefined)
    return { ok: ratio <= target.maxRatio, miss: `${ratio.toFixed(2)}× ${target.floor}, target ≤ ${target.maxRatio}×` };
  if (target.maxOverMs !== undefined)
    return { ok: overMs <= target.maxOverMs, miss: `${overMs.toFixed(1)} ms over ${target.floor}, target ≤ +${target.maxOverMs} ms` };
  if (target.maxMs !== undefined) {
    const [figure, what] = target.stat === 'median' ? [s.medianMs, 'median'] : [s.minMs, 'best'];
    return { ok: figure < target.maxMs, miss: `${what} ${figure.toFixed(0)} ms, target < ${target.maxMs} ms` };
  }
  return { ok: true, miss: '' };
}

/**
 * Judges `samples` (name → [{wallMs, rssKiB}], floors and steps alike) and returns
 * `{floors, steps, failures, pass}`: every step with its floor, the difference and ratio to it, and
 * its verdict, and a line per miss.
 */
export function judge(samples) {
  const floors = Object.fromEntries(FLOORS.filter((name) => samples[name]).map((name) => [name, summarise(samples[name])]));
  const failures = [];
  const steps = {};
  for (const target of TARGETS) {
    if (!samples[target.step]) continue;
    const s = summarise(samples[target.step]);
    // A floor is a floor row, or another step measured in the same run (a peer); a run of some rows alone may lack it.
    const floor = floors[target.floor] ?? (samples[target.floor] ? summarise(samples[target.floor]) : null);
    if (floor === null) continue;
    // A row judged by its median is set beside its floor's median; every other row best beside best.
    const floorMs = target.stat === 'median' ? floor.medianMs : floor.minMs;
    const figureMs = target.stat === 'median' ? s.medianMs : s.minMs;
    const overMs = figureMs - floorMs;
    const ratio = figureMs / floorMs;
    const time = timeVerdict(target, s, overMs, ratio);
    const rssLimitMB = target.rssLimitMB === undefined ? RSS_LIMIT_MB : target.rssLimitMB;
    const rssOk = rssLimitMB === null || (s.peakRssMB !== null && s.peakRssMB < rssLimitMB);
    if (!time.ok) failures.push(`${target.step}: ${time.miss}`);
    if (!rssOk) failures.push(`${target.step}: peak RSS ${s.peakRssMB ?? 'unknown'} MB, limit < ${rssLimitMB} MB`);
    steps[target.step] = {
      ...s,
      floor: target.floor,
      floorMs,
      overMs: round(overMs),
      ratio: round(ratio, 2),
      maxRatio: target.maxRatio ?? null,
      maxOverMs: target.maxOverMs ?? null,
      limitMs: target.maxMs ?? target.alsoMaxMs ?? null,
      stat: target.stat ?? 'best',
      rssLimitMB,
      pass: time.ok && rssOk,
    };
  }
  return { floors, steps, failures, pass: failures.length === 0 };
}

function targetText(step) {
  if (step.maxRatio !== null && step.limitMs !== null) return `≤ ${step.maxRatio}×, < ${step.limitMs} ms`;
  if (step.maxRatio !== null) return `≤ ${step.maxRatio}×`;
  if (step.maxOverMs !== null) return `≤ +${step.maxOverMs} ms`;
  if (step.limitMs !== null) return `${step.stat === 'median' ? 'median ' : ''}< ${step.limitMs} ms`;
  return 'info';
}

function verdict(step) {
  if (!step.pass) return 'FAIL';
  return targetText(step) === 'info' ? 'info' : 'pass';
}

/** The verdicts as a fixed-width text table: the floors, then the tend steps, each beside its floor. */
export function formatTable({ floors, steps }) {
  const header = ['step', 'runs', 'best ms', 'median ms', 'floor', 'floor ms', '+ms', 'ratio', 'target', 'peak RSS MB', 'limit', 'result'];
  const rows = [header];
  const cells = (name, s) => [name, String(s.samplesMs.length), s.minMs.toFixed(1), s.medianMs.toFixed(1)];
  for (const [name, f] of Object.entries(floors)) rows.push([...cells(name, f), '', '', '', '', '', String(f.peakRssMB ?? ''), '', '']);
  for (const [name, s] of Object.entries(steps)) {
    const over = `${s.overMs >= 0 ? '+' : ''}${s.overMs.toFixed(1)}`;
    const figures = [s.floor, s.floorMs.toFixed(1), over, `${s.ratio.toFixed(2)}×`, targetText(s)];
    const limit = s.rssLimitMB === null ? '' : `< ${s.rssLimitMB}`;
    rows.push([...cells(name, s), ...figures, String(s.peakRssMB ?? (s.rssLimitMB === null ? '' : '?')), limit, verdict(s)]);
  }
  const left = new Set(['step', 'floor', 'result']);
  const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r) =>
    r
      .map((cell, c) => (left.has(header[c]) ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
