import { errorMessage, PluginError } from '../errors.js';
import { didYouMean } from '../group-spec/did-you-mean.js';
import { compareProblems } from '../problem.js';
import type { PluginBlock, SpecProblem } from '../group-spec/types.js';
import { pluginBaseName, type PluginRegistry, type ValidationWarning } from '../plugins/spi.js';
import { runBounded } from './bounded.js';
import { flavorAllocation } from './make-instance-spec.js';

/** What the plugins said about the blocks they were asked about, each list sorted. */
export interface PluginFindings {
  problems: SpecProblem[];
  warnings: SpecProblem[];
}

/**
 * Asks the plugins whether they accept the properties of each block, as InfraKit did on commit: the
 * instance plugin with the properties alone, the flavor with the group's allocation too. Every
 * rejection becomes a problem at the properties' position in the spec file, and every note of a
 * plugin that accepts them a warning at the key it is about (else at the properties). A plugin
 * that gives no verdict (down, timed out, answering garbage) is a warning, not a problem: that is
 * not the spec's fault, and its groups fail on their own when observed. At most `width` calls at once.
 */
export async function validateWithPlugins(blocks: PluginBlock[], registry: PluginRegistry, width: number): Promise<PluginFindings> {
  const problems: SpecProblem[] = [];
  const warnings: SpecProblem[] = [];
  // At most `width` calls at once: 1,000 groups are 2,000 calls, which a plugin out of process should not get all together.
  await runBounded(
    blocks,
    async (block) => {
      const path = block.kind === 'instance' ? 'Properties.Instance.Properties' : 'Properties.Flavor.Properties';
      let notes: unknown;
      try {
        if (block.kind === 'instance') notes = await registry.instance(block.plugin).validate(block.properties);
        else notes = await registry.flavor(block.plugin).validate(block.properties, flavorAllocation(block));
      } catch (err) {
        if (notAnAnswer(err)) {
          // A plugin that is down, slow or broken has not judged the spec: its groups fail when observed, the others go on.
          const message = `could not ask ${pluginBaseName(block.plugin)} to validate: ${errorMessage(err)}`;
          warnings.push({ ...block.at(), code: 'SPEC_PLUGIN_WARNING', path, message });
          return;
        }
        const placed = err instanceof PluginError ? err.problems : [];
        if (placed.length === 0) problems.push({ ...block.at(), code: 'SPEC_PLUGIN_REJECTED', path, message: errorMessage(err) });
        // A plugin that says where each problem is gets each one at its own key, as tend's own problems are.
        for (const p of placed) {
          const message = `${pluginBaseName(block.plugin)}: ${p.message}`;
          problems.push({ ...block.at(p.path), code: 'SPEC_PLUGIN_REJECTED', path: [path, ...p.path].join('.'), message });
        }
        return;
      }
      for (const note of warningsOf(notes)) warnings.push(placeWarning(block, path, note));
    },
    { width, stop: () => false },
  );
  return { problems: problems.sort(compareProblems), warnings: warnings.sort(compareProblems) };
}

/** A failure to get the plugin's verdict (timeout, unreachable, garbage, interrupt), as opposed to the plugin saying no. */
function notAnAnswer(err: unknown): boolean {
  return err instanceof PluginError && err.code !== 'PLUGIN_ERROR' && err.code !== 'INSTANCE_GONE';
}

/** The well-formed warnings of a plugin's notes; a plugin out of process may answer anything. */
function warningsOf(notes: unknown): ValidationWarning[] {
  const warnings: unknown = typeof notes === 'object' && notes !== null ? (notes as { warnings?: unknown }).warnings : undefined;
  if (!Array.isArray(warnings)) return [];
  return warnings.filter((w): w is ValidationWarning => typeof (w as Partial<ValidationWarning> | null)?.message === 'string');
}

/** `Properties.Flavor.Properties.Inits: flavor-vanilla: unknown key, ignored; did you mean "Init"?`, at `Inits`. */
function placeWarning(block: PluginBlock, path: string, note: ValidationWarning): SpecProblem {
  const { properties } = block;
  const ownKey =
    typeof note.key === 'string' && typeof properties === 'object' && properties !== null && Object.hasOwn(properties, note.key);
  const key = ownKey ? note.key : undefined;
  let message = `${pluginBaseName(block.plugin)}: ${note.message}`;
  if (key !== undefined && Array.isArray(note.expected) && note.expected.length > 0) {
    const guess = didYouMean(key, note.expected);
    message += guess === undefined ? `; expected ${note.expected.join(', ')}` : `; did you mean ${JSON.stringify(guess)}?`;
  }
  return { ...block.at(key), code: 'SPEC_PLUGIN_WARNING', path: key === undefined ? path : `${path}.${key}`, message };
}
