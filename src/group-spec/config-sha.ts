import { canonicalSha } from './canonical-json.js';
import type { PluginRef } from './types.js';

/**
 * `config_sha` of a group (docs/specs.md: Group specs): the hash of the canonical JSON of `{Instance, Flavor}`, each as
 * `{Plugin, Properties}`. Allocation, Updating and Mode stay out, so resizing never makes an instance
 * stale; for the same reason a 2016-form `Size` inside the flavor properties is left out (`dropFlavorSize`).
 */
export function configSha(instance: PluginRef, flavor: PluginRef, dropFlavorSize: boolean): string {
  let flavorProperties = flavor.properties ?? null;
  if (dropFlavorSize && isRecord(flavorProperties)) {
    const { Size: _size, ...rest } = flavorProperties;
    flavorProperties = rest;
  }
  return canonicalSha({
    Instance: { Plugin: instance.plugin, Properties: instance.properties ?? null },
    Flavor: { Plugin: flavor.plugin, Properties: flavorProperties },
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
