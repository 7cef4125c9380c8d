import { type Command } from 'commander';
import { checkSpecs } from '../reconcile/judge-revision.js';
import type { CommandContext } from './context.js';
import { print } from './io.js';
import { reportProblems, reportWarnings } from './judge.js';

/** `tend validate`: exit 0 when every spec is valid, 1 otherwise (README: Exit codes). */
export async function validateCommand(ctx: CommandContext): Promise<number> {
  const revision = await ctx.source.read();
  if (!revision.pathExists) {
    print(ctx.io.err, `error: spec folder ${revision.label} does not exist (pass --specs DIR, or set source.path in tend.config.yaml)`);
    return 1;
  }
  const result = await checkSpecs(revision, ctx.registry);
  reportWarnings(ctx, result.warnings);
  if (!result.ok) {
    reportProblems(ctx, result.problems);
    return 1;
  }
  const n = result.groups.length;
  print(
    ctx.io.out,
    `${revision.label}: ${n} group${n === 1 ? '' : 's'} in ${revision.files.length} file${revision.files.length === 1 ? '' : 's'}, all valid.`,
  );
  return 0;
}

export function describeValidate(cmd: Command): Command {
  return cmd
    .description("Check the group specs: syntax, shape, IDs, plugin names, and each plugin's own validation")
    .addHelpText('after', '\nExit codes: 0 valid, 1 invalid or error. Problems print as file:line:col  CODE  path: message.');
}
