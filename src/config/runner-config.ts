import type { GroupMode } from '../group-spec/types.js';
import type { PluginConfig } from '../plugins/plugin-config.js';

/** The runner config (README: Runner config) after defaults, flags and path resolution. */
export interface RunnerConfig {
  /** Absolute path of the config file read, or null when running on built-in defaults. */
  file: string | null;
  /**
   * Where the specs come from: a Git repository (`repo`: a URL, or a local path read from the config
   * file's folder) at `ref` (null: the remote's default branch), in its folder `path`; or, with no
   * `repo`, the folder `path` itself, resolved from the config file's folder.
   */
  source: { repo: string | null; ref: string | null; path: string };
  /** Absolute folder that holds the lock and the built-in file plugin's default instances folder. */
  stateDir: string;
  plugins: Record<string, PluginConfig>;
  reconcile: {
    intervalMs: number;
    /** When `tend watch` runs a full drift check (cron, 5 or 6 fields); `off` for never. */
    driftSchedule: string;
    /** The IANA time zone the drift schedule is read in; null for the machine's. */
    timezone: string | null;
    mode: GroupMode;
    prune: boolean;
    maxDestroy: number;
    maxDestroyPercent: number;
    /** The largest group a spec may ask for; a larger one is a spec error. */
    maxGroupSize: number;
    concurrency: number;
    healthTimeoutMs: number;
  };
  /** `driftIssues`: drift checks keep one issue per drifted group; at most `driftIssueLimit` of them, the rest in one summary issue. */
  github: { repo: string | null; context: string; perGroupLimit: number; driftIssues: boolean; driftIssueLimit: number };
  /** `tend watch` serves POST /hooks/github (and /healthz, /metrics) here; null for no webhook. */
  webhook: { port: number | null };
  /** `tend watch` serves /healthz and /metrics here instead of the webhook's port; null for the webhook's (or none). */
  metrics: { port: number | null };
}
