import type { GroupMode } from '../spec/types.js';
import type { PluginConfig } from '../plugins/plugin-config.js';

/** The runner config (README: Runner config) after defaults, flags and path resolution. */
export interface RunnerConfig {
  /** Absolute path of the config file read, or null when running on built-in defaults. */
  file: string | null;
  source: { repo: string; ref: string; path: string };
  /** Absolute folder that holds the lock and the built-in file plugin's default instances folder. */
  stateDir: string;
  plugins: Record<string, PluginConfig>;
  reconcile: {
    intervalMs: number;
    driftSchedule: string;
    mode: GroupMode;
    prune: boolean;
    maxDestroy: number;
    maxDestroyPercent: number;
    /** The largest group a spec may ask for; a larger one is a spec error. */
    maxGroupSize: number;
    concurrency: number;
    healthTimeoutMs: number;
  };
  github: { repo: string | null; context: string; perGroupLimit: number };
  webhook: { port: number };
}
