/** How the runner config describes one plugin (README: Runner config); paths are already absolute here. */
export type PluginConfig = FilePluginConfig | VanillaPluginConfig;

export interface FilePluginConfig {
  type: 'file';
  /** Absolute folder that holds one file per instance. */
  dir: string;
}

export interface VanillaPluginConfig {
  type: 'vanilla';
}
