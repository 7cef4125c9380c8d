import type { JudgedFrom, Reporter } from '../../pipeline/reporter.js';
import { TAG_CONFIG_SHA } from '../../reconcile/tags.js';
import type { WatchRun } from '../watch-runs.js';
import type { ApiInstance } from './status-api-types.js';

/** What the status page shows of a group beyond its counts: its plugin, its spec's place, its instances when last observed. */
export interface SeenGroup {
  plugin: string;
  file: string;
  line: number;
  observedAt: string;
  /** When a run changed its instances after they were observed (the next run observes them again); else null. */
  changedAt: string | null;
  instances: ApiInstance[];
}

/**
 * Each group's spec and instances as the latest run observed them, kept in memory for the status
 * page (no plugin is asked per page view). A tick or drift check judges every group and replaces
 * what is known; a heal judges a few and updates only those. A group a run changed says when: its
 * instances are as they were before that change until the next run observes them again.
 */
export class ObservedGroups {
  #groups = new Map<string, SeenGroup>();

  constructor(private readonly now: () => number = Date.now) {}

  get(id: string): SeenGroup | undefined {
    return this.#groups.get(id);
  }

  /** The reporter of one kind of run, feeding this book from the run's judged event. */
  reporter(kind: WatchRun): Reporter {
    return {
      report: (event) => {
        if (event.kind === 'judged' && event.seen !== undefined) this.#saw(event.seen, kind !== 'heal');
        const seen = event.kind === 'outcome' && event.group.actions.length > 0 ? this.#groups.get(event.group.id) : undefined;
        if (seen !== undefined) seen.changedAt = new Date(this.now()).toISOString();
      },
    };
  }

  #saw(seen: JudgedFrom, whole: boolean): void {
    const at = new Date(this.now()).toISOString();
    const groups = whole ? new Map<string, SeenGroup>() : this.#groups;
    for (const spec of seen.specs) {
      const observed = seen.observation.groups.get(spec.id)?.instances ?? [];
      groups.set(spec.id, {
        plugin: spec.instance.plugin,
        file: spec.pos.group.file,
        line: spec.pos.group.line,
        observedAt: at,
        changedAt: null,
        instances: observed.map((i) => ({
          id: i.id,
          logicalId: i.logicalId,
          configSha: i.tags[TAG_CONFIG_SHA] ?? null,
          created: i.created === '' ? null : i.created,
          health: i.health === 1 ? 'healthy' : i.health === 2 ? 'unhealthy' : 'unknown',
          modified: i.modified,
          plugin: i.plugin,
        })),
      });
    }
    this.#groups = groups;
  }
}
