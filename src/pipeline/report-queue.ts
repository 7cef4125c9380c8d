import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { Reporter, RunEvent } from './reporter.js';

/** Reporters whose events are delivered off the run's path, in order, one at a time. */
export interface ReportQueue {
  /** `reporter`, told each event through the queue: the run that tells it never waits for it. */
  wrap(reporter: Reporter): Reporter;
  /** Waits until the queue is empty, at most `ms`; true when everything was delivered. */
  drain(ms: number): Promise<boolean>;
}

/**
 * A queue for reporters that talk to a remote API (commit statuses): a tick, a heal or a new
 * commit never waits on them, however slow or hung the API is. Events keep their order across
 * every reporter wrapped, so a reporter with a memory (what was posted on a commit) sees runs as
 * they happened. Past `limit` events waiting, the oldest are dropped, said once per backlog.
 */
export function reportQueue(log: Logger, limit = 500): ReportQueue {
  const waiting: Array<{ reporter: Reporter; event: RunEvent }> = [];
  let pumping: Promise<void> | null = null;
  let dropped = 0;

  const pump = async (): Promise<void> => {
    for (let next = waiting.shift(); next !== undefined; next = waiting.shift()) {
      try {
        await next.reporter.report(next.event);
      } catch (err) {
        log.error(`a reporter failed on ${next.event.kind}: ${errorMessage(err)}`, { code: 'REPORTER_FAILED' });
      }
    }
    if (dropped > 0) log.info(`the reports caught up (${dropped} older report events were dropped while they were behind)`);
    dropped = 0;
    pumping = null;
  };

  return {
    wrap: (reporter) => ({
      report(event) {
        waiting.push({ reporter, event });
        if (waiting.length > limit) {
          if (dropped === 0) log.warn(`reports are ${limit} events behind (a slow or hung API): the oldest are dropped, the newest kept`);
          dropped += waiting.length - limit;
          waiting.splice(0, waiting.length - limit);
        }
        pumping ??= pump();
      },
    }),
    async drain(ms) {
      if (pumping === null) return true;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
      const done = await Promise.race([pumping.then(() => true as const), late]);
      clearTimeout(timer);
      return done;
    },
  };
}
