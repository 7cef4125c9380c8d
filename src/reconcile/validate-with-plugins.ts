import { errorMessage } from '../errors.js';
import { compareProblems } from '../spec/format-problem.js';
import type { PluginBlock, SpecProblem } from '../spec/types.js';
import type { Allocation, PluginRegistry } from '../plugins/spi.js';

/**
 * Asks the plugins whether they accept the properties of each block, as InfraKit did on commit: the
 * instance plugin with the properties alone, the flavor with the group's allocation too. Every
 * rejection becomes a problem at the properties' position in the spec file, sorted.
 */
export async function validateWithPlugins(blocks: PluginBlock[], registry: PluginRegistry): Promise<SpecProblem[]> {
  const problems: SpecProblem[] = [];
  await Promise.all(
    blocks.map(async (block) => {
      try {
        if (block.kind === 'instance') await registry.instance(block.plugin).validate(block.properties);
        else await registry.flavor(block.plugin).validate(block.properties, allocationOf(block.allocation));
      } catch (err) {
        const path = block.kind === 'instance' ? 'Properties.Instance.Properties' : 'Properties.Flavor.Properties';
        problems.push({ ...block.at(), code: 'SPEC_PLUGIN_REJECTED', path, message: errorMessage(err) });
      }
    }),
  );
  return problems.sort(compareProblems);
}

/** InfraKit's allocation as a flavor sees it, as flavorAllocation() gives it to Prepare: Size 0 for pets, LogicalIDs null for cattle. */
function allocationOf(allocation: Extract<PluginBlock, { kind: 'flavor' }>['allocation']): Allocation {
  return { Size: allocation.size ?? 0, LogicalIDs: allocation.logicalIds ?? null };
}
