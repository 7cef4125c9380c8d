import { Command, CommanderError } from 'commander';
import { TendError, errorMessage } from '../errors.js';
import { applyCommand, describeApply } from './apply-command.js';
import { createContext } from './context.js';
import { describeCommand, describeDescribe } from './describe-command.js';
import { describeDestroy, destroyCommand } from './destroy-command.js';
import { print, type CliIo } from './io.js';
import { addApplyOptions, addGlobalOptions, addPlanOptions, addSpecsOption, type GlobalFlags, type PipelineFlags } from './options.js';
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

  const context = (cmd: Command) => createContext(io, cmd.optsWithGlobals<GlobalFlags>(), cmd.opts<PipelineFlags>());
  const sub = (name: string) => program.command(name).copyInheritedSettings(program);

  describeValidate(addSpecsOption(sub('validate'))).action(async (_o, cmd: Command) => {
    code = await validateCommand(context(cmd));
  });
  describePlan(addPlanOptions(sub('plan'))).action(async (o: PipelineFlags, cmd: Command) => {
    code = await planCommand(context(cmd), 'plan', o.json ?? false);
  });
  describeDrift(addPlanOptions(sub('drift'))).action(async (o: PipelineFlags, cmd: Command) => {
    code = await planCommand(context(cmd), 'drift', o.json ?? false);
  });
  describeApply(addApplyOptions(sub('apply'))).action(async (o: PipelineFlags, cmd: Command) => {
    code = await applyCommand(context(cmd), { json: o.json ?? false, lockTimeoutMs: o.lockTimeout ?? 0 });
  });
  describeDescribe(sub('describe').argument('[group]', 'only this group').option('--json', 'print JSON')).action(
    async (group: string | undefined, o: PipelineFlags, cmd: Command) => {
      code = await describeCommand(context(cmd), group, o.json ?? false);
    },
  );
  describeDestroy(
    addApplyOptions(sub('destroy').argument('<group>', 'the group whose instances to destroy')).option(
      '--force',
      'ignore the destroy budget',
    ),
  ).action(async (group: string, o: PipelineFlags, cmd: Command) => {
    code = await destroyCommand(context(cmd), group, o.force ?? false, o.lockTimeout ?? 0);
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 1;
    if (err instanceof TendError) {
      print(io.err, err.code === 'CONFIG_INVALID' ? err.message : `error: ${err.message}`);
      return 1;
    }
    print(io.err, `error: ${errorMessage(err)} (this is a bug in tend; please report it)`);
    return 1;
  }
}
