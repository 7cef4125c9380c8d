import type { InstanceDescription } from '../plugins/spi.js';
import type { GroupSpec } from '../group-spec/types.js';
import { jsonEqual } from './json-equal.js';
import type { PreparedShape } from './observe-prepare.js';
import type { ObservedInstance } from './types.js';
import { TAG_CONFIG_SHA } from './tags.js';

/** InfraKit's stored instance spec, as `DescribeInstances` with properties returns it. */
interface StoredSpec {
  Properties: unknown;
  Init: unknown;
}

/** True when a described `Properties` is InfraKit's stored Spec (an object with `Properties` and `Init`). */
function isStoredSpec(value: unknown): value is StoredSpec {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return 'Properties' in value && 'Init' in value;
}

/**
 * Whether an instance of the current config was changed out of band: a tag the flavor sets is
 * missing or has another value (tags are part of what the spec says; tags the plugin added itself
 * are its own business), or its stored instance properties or Init differ from what the spec would
 * provision now (the flavor's `Prepare` of it). Stale instances and pets whose logical ID is not in the spec (destroyed anyway)
 * are never modified; properties and Init are compared only for plugins that return a stored Spec.
 * `shape` is what the flavor gives a new instance of this logical ID, null when it gives none.
 */
export function isModified(
  group: GroupSpec,
  instance: ObservedInstance,
  description: InstanceDescription,
  shape: PreparedShape | null,
): boolean {
  if (instance.tags[TAG_CONFIG_SHA] !== group.configSha || shape === null) return false;
  for (const [key, value] of shape.tags) if (instance.tags[key] !== value) return true;
  const stored = description.Properties;
  if (!isStoredSpec(stored)) return false;
  return (stored.Init ?? '') !== shape.init || !jsonEqual(stored.Properties ?? null, shape.properties ?? null);
}
