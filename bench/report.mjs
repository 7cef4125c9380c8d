// Turns the raw samples into verdicts: each step's best wall time over the best of its floor,
// measured in the same run, against a target ratio, plus a peak-RSS ceiling. Best-of-N, because
// noise here only ever adds time: this machine's disk has been seen to take 0.5 s and 5.6 s for the
// same 10,000 writes within one run, so medians of three swing the write ratio from 1× to 8×.
import { maxKnown, median, round } from './stats.mjs';

/** Ceiling on the peak RSS of every tend step, in MB (MiB, as maxRSS is in KiB). */
export const RSS_LIMIT_MB = 200;

/** Each tend step, the floor it is compared with, and the largest ratio it may reach (null: informational). */
export const TARGETS = [
  { step: 'validate', floor: 'read floor', maxRatio: null },
  { step: 'first apply', floor: 'write floor', maxRatio: 5 },
  { step: 'no-op plan', floor: 'read floor', maxRatio: 4 },
  { step: 'drift check', floor: 'read floor', maxRatio: 4 },
  { step: 'corrective apply', floor: 'read floor', maxRatio: 8 },
];

/** Not compared with anything: what a bare `node` and a bare `tend --version` cost, to read the rest by. */
const REFERENCES = ['node startup', 'tend startup'];
const FLOORS = ['read floor', 'write floor'];

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

/**
 * Judges `samples` (name → [{wallMs, rssKiB}], floors and steps alike) and returns
 * `{reference, floors, steps, failures, pass}`: every step with its ratio and verdict, and a line
 * per miss.
 */
export function judge(samples) {
  const reference = Object.fromEntries(REFERENCES.map((name) => [name, summarise(samples[name])]));
  const floors = Object.fromEntries(FLOORS.map((name) => [name, summarise(samples[name])]));
  const failures = [];
  const steps = {};
  for (const { step, floor, maxRatio } of TARGETS) {
    const s = summarise(samples[step]);
    const ratio = s.minMs / floors[floor].minMs;
    const ratioOk = maxRatio === null || ratio <= maxRatio;
    const rssOk = s.peakRssMB !== null && s.peakRssMB < RSS_LIMIT_MB;
    if (!ratioOk) failures.push(`${step}: ${ratio.toFixed(2)}× ${floor}, target ≤ ${maxRatio}×`);
    if (!rssOk) failures.push(`${step}: peak RSS ${s.peakRssMB ?? 'unknown'} MB, limit < ${RSS_LIMIT_MB} MB`);
    steps[step] = {
      ...s,
      floor,
      floorMs: floors[floor].minMs,
      ratio: round(ratio, 2),
      maxRatio,
      rssLimitMB: RSS_LIMIT_MB,
      pass: ratioOk && rssOk,
    };
  }
  return { reference, floors, steps, failures, pass: failures.length === 0 };
}

function verdict(step) {
  if (step.pass) return step.maxRatio === null ? 'info' : 'pass';
  return 'FAIL';
}

/** The verdicts as a fixed-width text table: references, floors, then the tend steps. */
export function formatTable({ reference, floors, steps }) {
  const header = ['step', 'runs', 'best ms', 'median ms', 'floor', 'ratio', 'target', 'peak RSS MB', 'result'];
  const rows = [header];
  const cells = (name, s) => [name, String(s.samplesMs.length), s.minMs.toFixed(1), s.medianMs.toFixed(1)];
  for (const [name, f] of [...Object.entries(reference), ...Object.entries(floors)]) {
    rows.push([...cells(name, f), '', '', '', String(f.peakRssMB ?? '?'), '']);
  }
  for (const [name, s] of Object.entries(steps)) {
    const target = s.maxRatio === null ? 'info' : `≤ ${s.maxRatio}×`;
    rows.push([...cells(name, s), s.floor, `${s.ratio.toFixed(2)}×`, target, String(s.peakRssMB ?? '?'), verdict(s)]);
  }
  const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r) => r.map((cell, c) => (c === 0 || c === 4 || c === 8 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
