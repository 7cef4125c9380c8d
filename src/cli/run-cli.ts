import { Command, CommanderError } from 'commander';
import type { CommandName } from '../config/option-types.js';
import { defaultOf } from '../config/options.js';
import { TendError } from '../errors.js';
import { createLogger } from '../log.js';
import { applyCommand, describeApply } from './apply-command.js';
import { createContext, type CommandContext } from './context.js';
import { describeCommand, describeDescribe } from './describe-command.js';
import { describeDestroy, destroyCommand } from './destroy-command.js';
import { reportFailure } from './failure.js';
import type { CliIo } from './io.js';
import { addFlags, type GlobalFlags, type PipelineFlags } from './options.js';
import { describeDrift, describePlan, planCommand } from './plan-command.js';
import { describeValidate, validateCommand } from './validate-command.js';
import { VERSION } from './version.js';
import { describeWatch, watchCommand } from './watch-command.js';

/**
 * Runs one tend command line in `io` (its working directory, environment and streams) and returns its
 * exit code; the only place errors are caught and mapped.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let code = 0;
  // Known before parsing, so that even a flag error reaches a JSON reader as JSON.
  const json = argv.includes('--json');
  let usage = '';
  const program = addFlags(new Command('tend'), 'global')
    .description('Keep groups of instances converged to InfraKit-style group specs.')
    .version(VERSION)
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out.write(s),
      writeErr: (s) => (json ? (usage += s) : io.err.write(s)),
    });

  // Each command takes the flags of the options table that name it (src/config/options.ts).
  const sub = (name: CommandName) => addFlags(program.command(name).copyInheritedSettings(program), name);
  // Commander calls an action with the command's arguments, then its options, then the command.
  const run = (command: (ctx: CommandContext, flags: PipelineFlags, ...args: string[]) => Promise<number>) => {
    return async (...args: unknown[]): Promise<void> => {
      const cmd = args.at(-1) as Command;
      const flags = cmd.opts<PipelineFlags>();
      const ctx = await createContext(io, cmd.optsWithGlobals<GlobalFlags>(), flags);
      code = await command(ctx, flags, ...(args.slice(0, -2) as string[]));
    };
  };

  describeValidate(sub('validate')).action(run((ctx) => validateCommand(ctx)));
  describePlan(sub('plan')).action(run((ctx) => planCommand(ctx, 'plan')));
  describeDrift(sub('drift')).action(run((ctx) => planCommand(ctx, 'drift')));
  describeApply(sub('apply')).action(run((ctx) => applyCommand(ctx)));
  describeDescribe(sub('describe').argument('[group]', 'only this group')).action(run((ctx, _flags, group) => describeCommand(ctx, group)));
  describeDestroy(sub('destroy').argument('<group>', 'the group whose instances to destroy')).action(
    run((ctx, flags, group) => destroyCommand(ctx, group, flags.force ?? false)),
  );
  describeWatch(sub('watch')).action(run((ctx, flags) => watchCommand(ctx, flags)));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    const log = await createLogger(program.opts<GlobalFlags>().logFormat ?? defaultOf('logFormat'), io.err);
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return 0;
      // Commander has said it in words already, unless it was held back for the JSON reader.
      if (!json) return 1;
      io.err.write(usage);
      const message = err.message.replace(/^error: /, '');
      return reportFailure(io, { ...log, error: () => undefined }, true, new TendError('USAGE', message));
    }
    return reportFailure(io, log, json, err);
  }
}
