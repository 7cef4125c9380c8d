import type { InstanceDescription } from '../plugins/spi.js';
import type { GroupSpec } from '../spec/types.js';
import { canonicalJson } from '../spec/canonical-json.js';
import type { ExpectedInit } from './observe-prepare.js';
import type { ObservedInstance } from './types.js';
import { TAG_CONFIG_SHA } from './tags.js';

/** InfraKit's stored instance spec, as `DescribeInstances` with properties returns it. */
interface StoredSpec {
  Properties: unknown;
  Init: unknown;
}

/** True when a described `Properties` is InfraKit's stored Spec (an object with `Properties` and `Init`). */
export function isStoredSpec(value: unknown): value is StoredSpec {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return 'Properties' in value && 'Init' in value;
}

/**
 * Whether an instance of the current config was changed out of band: its stored instance
 * properties or Init differ from what the spec would provision now. Stale instances, plugins that
 * do not return a stored Spec, and pets whose logical ID is not in the spec (destroyed anyway)
 * are never modified. The flavor is asked for the Init only when the properties match.
 */
export async function isModified(
  group: GroupSpec,
  instance: ObservedInstance,
  description: InstanceDescription,
  initFor: ExpectedInit,
): Promise<boolean> {
  const stored = description.Properties;
  if (instance.tags[TAG_CONFIG_SHA] !== group.configSha || !isStoredSpec(stored)) return false;
  if (canonicalJson(stored.Properties ?? null) !== canonicalJson(group.instance.properties ?? null)) return true;

  const init = await initFor(instance.logicalId);
  return init !== null && (stored.Init ?? '') !== init;
}
