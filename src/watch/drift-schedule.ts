import { CronJob, CronTime } from 'cron';
import { TendError } from '../errors.js';
import { isLastDriftRun, stateFile } from './state-file.js';

export interface DriftScheduleOptions {
  /** A cron expression of 5 fields, or 6 with seconds first. */
  expression: string;
  /** IANA time zone the expression is read in; null for the machine's. */
  timezone: string | null;
  /** Where the time of the last run is kept across restarts. */
  stateFilePath: string;
  /** Told when a run is due; the caller runs it (or skips it when one is already running). */
  onDue: () => void;
  now?: () => Date;
}

/** A running schedule: whether a run was missed while the watcher was down, and the stop. */
export interface DriftSchedule {
  /** True when a run fell due since the last one kept in the state folder: onDue was told once at start. */
  caughtUp: boolean;
  /** When the next run is due (epoch ms), or null when none is. */
  next(): number | null;
  stop(): void;
}

/**
 * Checks a schedule before anything starts: CONFIG_INVALID (not transient) with cron's reason for
 * an expression or time zone it cannot read.
 */
export function checkSchedule(expression: string, timezone: string | null): void {
  try {
    new CronTime(expression, timezone ?? undefined);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new TendError(
      'USAGE',
      `drift schedule "${expression}"${timezone ? ` in ${timezone}` : ''} cannot be read (${why}): give 5 or 6 cron fields, and an IANA time zone such as UTC or Europe/Paris`,
    );
  }
}

/**
 * Runs `onDue` on the cron schedule (the `cron` package), and once at start when a run fell due
 * while the watcher was down (the time of each run is kept in the state folder; none is caught up
 * on a first start, when nothing was scheduled before). Each run due is recorded when it fires.
 */
export function scheduleDrift(options: DriftScheduleOptions): DriftSchedule {
  const now = options.now ?? (() => new Date());
  const file = stateFile(options.stateFilePath, isLastDriftRun);
  const timezone = options.timezone ?? undefined;
  const fire = (): void => {
    file.write({ at: now().toISOString() });
    options.onDue();
  };
  const last = file.read();
  let caughtUp = false;
  if (last === null) file.write({ at: now().toISOString() });
  else {
    const next = new CronTime(options.expression, timezone).getNextDateFrom(new Date(last.at), timezone);
    caughtUp = next.toMillis() <= now().getTime();
  }
  const job = CronJob.from({ cronTime: options.expression, onTick: fire, start: true, timeZone: timezone ?? null });
  if (caughtUp) fire();
  return { caughtUp, next: () => job.nextDate().toMillis(), stop: () => void job.stop() };
}
