import { type Command } from 'commander';
import { validateSpecs } from '../pipeline/judge-specs.js';
import type { CommandContext } from './context.js';
import { reportFailure } from './failure.js';
import { print } from './io.js';

/** `tend validate`: exit 0 when every spec is valid, 1 otherwise (README: Exit codes). */
export async function validateCommand(ctx: CommandContext): Promise<number> {
  const result = await validateSpecs(ctx.ports, ctx.judge);
  if (result.kind === 'failed') return reportFailure(ctx.io, ctx.log, ctx.json, result.error, result.problems);
  const { revision, groups } = result;
  const files = revision.files.length;
  if (ctx.json) {
    print(ctx.io.out, JSON.stringify({ revision: revision.sha, files, groups: groups.map((g) => g.id) }, null, 2));
  } else {
    const n = groups.length;
    print(ctx.io.out, `${revision.label}: ${n} group${n === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}, all valid.`);
  }
  return 0;
}

export function describeValidate(cmd: Command): Command {
  return cmd
    .description("Check the group specs: syntax, shape, IDs, sizes, plugin names, and each plugin's own validation")
    .addHelpText(
      'after',
      '\nExit codes: 0 valid, 1 invalid or error. Problems print as file:line:col  CODE  path: message.\n--json prints {"revision", "files", "groups": [IDs]} when valid.',
    );
}
