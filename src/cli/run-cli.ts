import { Command, CommanderError } from 'commander';
import { TendError, errorMessage } from '../errors.js';
import { createLogger, type Logger } from '../log.js';
import { applyCommand, describeApply } from './apply-command.js';
import { createContext } from './context.js';
import { describeCommand, describeDescribe } from './describe-command.js';
import { describeDestroy, destroyCommand } from './destroy-command.js';
import type { CliIo } from './io.js';
import {
  addApplyOptions,
  addDestroyOptions,
  addGlobalOptions,
  addPlanOptions,
  addSpecsOption,
  type GlobalFlags,
  type PipelineFlags,
} from './options.js';
import { describeDrift, describePlan, planCommand } from './plan-command.js';
import { describeValidate, validateCommand } from './validate-command.js';
import { VERSION } from './version.js';

const defaultIo: CliIo = { cwd: process.cwd(), out: process.stdout, err: process.stderr, env: process.env };

/** Runs one tend command line and returns its exit code; the only place errors are caught and mapped. */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let code = 0;
  const program = addGlobalOptions(new Command('tend'))
    .description('Keep groups of instances converged to InfraKit-style group specs.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) });

  const context = async (cmd: Command) => createContext(io, cmd.optsWithGlobals<GlobalFlags>(), cmd.opts<PipelineFlags>());
  const sub = (name: string) => program.command(name).copyInheritedSettings(program);

  describeValidate(addSpecsOption(sub('validate'))).action(async (_o, cmd: Command) => {
    code = await validateCommand(await context(cmd));
  });
  describePlan(addPlanOptions(sub('plan'))).action(async (o: PipelineFlags, cmd: Command) => {
    code = await planCommand(await context(cmd), 'plan', o.json ?? false);
  });
  describeDrift(addPlanOptions(sub('drift'))).action(async (o: PipelineFlags, cmd: Command) => {
    code = await planCommand(await context(cmd), 'drift', o.json ?? false);
  });
  describeApply(addApplyOptions(sub('apply'))).action(async (o: PipelineFlags, cmd: Command) => {
    code = await applyCommand(await context(cmd), { json: o.json ?? false, lockTimeoutMs: o.lockTimeout ?? 0 });
  });
  describeDescribe(sub('describe').argument('[group]', 'only this group').option('--json', 'print JSON')).action(
    async (group: string | undefined, o: PipelineFlags, cmd: Command) => {
      code = await describeCommand(await context(cmd), group, o.json ?? false);
    },
  );
  describeDestroy(addDestroyOptions(sub('destroy').argument('<group>', 'the group whose instances to destroy'))).action(
    async (group: string, o: PipelineFlags, cmd: Command) => {
      code = await destroyCommand(await context(cmd), group, o.force ?? false, o.lockTimeout ?? 0);
    },
  );

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 1;
    reportFailure(await createLogger(program.opts<GlobalFlags>().logFormat, io.err), err);
    return 1;
  }
}

/** The one place a command's failure becomes words: what went wrong and, where tend knows, how to fix it. */
function reportFailure(log: Logger, err: unknown): void {
  if (err instanceof TendError) {
    // Config problems arrive as `file:line:col  CODE  message` lines, one per problem.
    const lines = err.message.split('\n');
    if (lines.every((line) => POSITIONED.test(line))) for (const line of lines) log.problem(line, { code: err.code });
    else log.error(err.message, { code: err.code });
    return;
  }
  if (isSystemError(err)) {
    log.error(err.message, { code: err.code });
    return;
  }
  log.error(`${errorMessage(err)} (this is a bug in tend; please report it)`, { code: 'INTERNAL' });
}

const POSITIONED = /^\S+:\d+:\d+ {2}/;

/** An error from the operating system (permission denied, no space left, …): the user's to fix, not a bug. */
function isSystemError(err: unknown): err is NodeJS.ErrnoException & { code: string } {
  return (
    err instanceof Error &&
    typeof (err as NodeJS.ErrnoException).code === 'string' &&
    typeof (err as NodeJS.ErrnoException).syscall === 'string'
  );
}
