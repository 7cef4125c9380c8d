import type { PluginConfig } from '../plugins/plugin-config.js';
import type { ConfigSection, ResolvedSection } from './option-shapes.js';

/** The sections of the runner config as the options table makes them (src/config/options.ts says what each key means). */
type ResolvedSections = { [S in ConfigSection]: ResolvedSection<S> };

/**
 * The runner config (docs/operations.md: Runner config) after defaults, flags and path resolution. `source` is
 * where the specs come from: a Git repository (`repo`: a URL, or a local path read from the config
 * file's folder) at `ref` (null: the remote's default branch), in its folder `path`; or, with no
 * `repo`, the folder `path` itself, resolved from the config file's folder.
 */
export interface RunnerConfig extends ResolvedSections {
  /** Absolute path of the config file read, or null when running on built-in defaults. */
  file: string | null;
  /** Absolute folder that holds the lock and the built-in file plugin's default instances folder. */
  stateDir: string;
  plugins: Record<string, PluginConfig>;
}
