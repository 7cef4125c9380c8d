import type { Shard } from '../group-spec/shard.js';
import type { RawPluginConfig } from './plugin-schema.js';

/** The commands of the CLI a flag may belong to. */
export type CommandName = 'validate' | 'plan' | 'drift' | 'apply' | 'describe' | 'destroy' | 'watch';

/** Text checked for a shape where it is read: the config's schema, a flag's parser, an input's reader. */
export type TextFormat = 'any' | 'path' | 'github-repo' | 'status-context' | 'http-url' | 'listen-address' | 'cron';

/** What an option's value is, read the same way from the config file, a flag and an Action input. */
export type OptionValue =
  | { kind: 'whole'; min: number; max?: number }
  | { kind: 'percent' }
  | { kind: 'duration' }
  | { kind: 'boolean' }
  | { kind: 'choice'; choices: readonly string[] }
  | { kind: 'text'; format: TextFormat }
  | { kind: 'shard' }
  | { kind: 'report-kinds' }
  | { kind: 'plugins' };

/** Where options are listed in docs/options.md. */
export type OptionTopic = 'run' | 'source' | 'reconcile' | 'report' | 'watch';

/** One runner option: everything said about it, in one place. */
export interface TendOption {
  /** camelCase: the key of its value among the flags (commander's name for `--max-destroy`) and the inputs. */
  name: string;
  topic: OptionTopic;
  /** Its place in tend.config.yaml (`reconcile.maxDestroy`); absent for an option of one run only. */
  key?: string;
  value: OptionValue;
  /** The value when nothing sets it; a duration as written (`30s`). The only place it is written. */
  default?: string | number | boolean;
  /** What the default is, in words, where no value says it (`the machine's`). */
  defaultText?: string;
  /** What it does: the flag's help, the input's description and docs/options.md say this. */
  help: string;
  /** More for docs/options.md only. */
  docs?: string;
  /** false where the flag is read where it is used rather than laid over the config key (a source path is read from the working directory). */
  overrides?: false;
  /** An environment variable read when neither a flag nor the config says. */
  env?: string;
  flag?: {
    /** As commander takes it: `--max-destroy <n>`. */
    name: string;
    /** The commands that take it; `global` for every command. */
    commands: readonly CommandName[] | 'global';
  };
  input?: {
    name: string;
    /** The input's own reading where it differs from the flag's. */
    value?: OptionValue;
    /** action.yml's `default:`, when the runner fills the input in. */
    default?: string;
    required?: true;
    /** The input's description where it differs from `help`. */
    help?: string;
  };
}

/** A value as read from a flag or an input: durations in milliseconds. */
export type ParsedValue<V extends OptionValue> = V extends { kind: 'whole' | 'percent' | 'duration' }
  ? number
  : V extends { kind: 'boolean' }
    ? boolean
    : V extends { kind: 'choice'; choices: readonly (infer C)[] }
      ? C
      : V extends { kind: 'shard' }
        ? Shard
        : V extends { kind: 'report-kinds' }
          ? Array<'console' | 'github'>
          : V extends { kind: 'plugins' }
            ? Record<string, RawPluginConfig>
            : string;

/** A value as the config file writes it: a duration as text, or a number of seconds. */
export type RawValue<V extends OptionValue> = V extends { kind: 'duration' } ? string | number : ParsedValue<V>;
