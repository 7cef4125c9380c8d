import { Option, type Command } from 'commander';
import type { FlagValues } from '../config/option-shapes.js';
import type { CommandName, TendOption } from '../config/option-types.js';
import { options, withDefault } from '../config/options.js';
import { parserOf } from './flag-values.js';

/** Flags every command takes (docs/commands.md: Commands: global). */
export type GlobalFlags = Pick<FlagValues, 'config' | 'shard' | 'logFormat'>;

/** Where a run is reported beside the console (docs/github.md: Commit statuses), beyond the config's `github` keys the flags override. */
export type ReportFlags = Pick<FlagValues, 'report' | 'githubApiUrl' | 'statusUrl'>;

/** Every flag a command may be given, by its option's name (src/config/options.ts). */
export type PipelineFlags = FlagValues;

/**
 * Adds to `cmd` the flags of the options table that `command` takes (`global`: those of every
 * command), in the table's order, each with its help and what it comes to when not given.
 */
export function addFlags(cmd: Command, command: CommandName | 'global'): Command {
  for (const option of options as readonly TendOption[]) {
    const commands = option.flag?.commands;
    if (commands === undefined) continue;
    const takes = commands === 'global' ? command === 'global' : command !== 'global' && commands.includes(command);
    if (takes) cmd.addOption(flagOf(option, option.flag?.name ?? ''));
  }
  return cmd;
}

function flagOf(option: TendOption, name: string): Option {
  // No commander default: a flag not given leaves the config's key (or the table's default) in force.
  const flag = new Option(name, withDefault(option.help, option));
  if (option.value.kind === 'choice') return flag.choices(option.value.choices);
  const parse = parserOf(option.value);
  return parse === null ? flag : flag.argParser(parse);
}
