import { type Command } from 'commander';
import { validateSpecs } from '../pipeline/read-and-plan.js';
import { validJson, validLine } from '../report/validate-result.js';
import type { CommandContext } from './context.js';
import { reportFailure } from './failure.js';
import { print } from './io.js';

/** `tend validate`: exit 0 when every spec is valid, 1 otherwise (docs/commands.md: Exit codes). */
export async function validateCommand(ctx: CommandContext): Promise<number> {
  const result = await validateSpecs(ctx.ports, ctx.planning);
  if (result.kind === 'failed') return reportFailure(ctx.io, ctx.log, ctx.json, result.error, result.problems);
  const { revision, groups } = result;
  const files = revision.files.length;
  const said = ctx.json
    ? validJson(
        revision.sha,
        files,
        groups.map((g) => g.id),
      )
    : validLine(revision.label, groups.length, files);
  print(ctx.io.out, said);
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
