import { errorMessage } from '../errors.js';
import { compareProblems } from '../spec/format-problem.js';
import type { GroupSpec, SpecProblem, SourcePos } from '../spec/types.js';
import type { PluginRegistry } from '../plugins/spi.js';
import { flavorAllocation } from './make-instance-spec.js';

/**
 * Asks each group's plugins whether they accept its properties, as InfraKit did on commit.
 * Every rejection becomes a problem at the properties' position in the spec file.
 */
export async function validateWithPlugins(groups: GroupSpec[], registry: PluginRegistry): Promise<SpecProblem[]> {
  const problems: SpecProblem[] = [];
  const reject = (pos: SourcePos, path: string, err: unknown): void => {
    problems.push({ ...pos, code: 'SPEC_PLUGIN_REJECTED', path, message: errorMessage(err) });
  };
  await Promise.all(
    groups.map(async (group) => {
      try {
        await registry.instance(group.instance.plugin).validate(group.instance.properties);
      } catch (err) {
        reject(group.pos.instanceProperties, 'Properties.Instance.Properties', err);
      }
      try {
        await registry.flavor(group.flavor.plugin).validate(group.flavor.properties, flavorAllocation(group));
      } catch (err) {
        reject(group.pos.flavorProperties, 'Properties.Flavor.Properties', err);
      }
    }),
  );
  return problems.sort(compareProblems);
}
