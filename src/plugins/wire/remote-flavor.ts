import { PluginError } from '../../errors.js';
import type { Allocation, CallContext, FlavorIndex, FlavorPlugin, Health, InstanceDescription, InstanceSpec } from '../spi.js';
import { plainTags, wireSpec } from './remote-instance.js';
import { resultObject, shortJson } from './result-fields.js';
import type { WireCaller } from './wire-caller.js';
import { sortedTags } from './write-json.js';

/** A flavor out of process, speaking InfraKit's Flavor interface with exactly its params (captured in tests/integration/rpc-client-wire.test.ts). */
export class RemoteFlavorPlugin implements FlavorPlugin {
  constructor(
    private readonly caller: WireCaller,
    private readonly type: string,
  ) {}

  async validate(properties: unknown, allocation: Allocation, call?: CallContext): Promise<void> {
    await this.caller.call(
      'Flavor.Validate',
      { Type: this.type, Properties: properties ?? null, Allocation: wireAllocation(allocation) },
      call,
    );
  }

  async prepare(
    properties: unknown,
    spec: InstanceSpec,
    allocation: Allocation,
    index: FlavorIndex,
    call?: CallContext,
  ): Promise<InstanceSpec> {
    const params = {
      Type: this.type,
      Properties: properties ?? null,
      Spec: wireSpec(spec),
      Allocation: wireAllocation(allocation),
      Index: { Group: index.Group, Sequence: index.Sequence },
    };
    const result = resultObject(this.caller.name, 'Flavor.Prepare', await this.caller.call('Flavor.Prepare', params, call));
    const got = result.Spec as Partial<Record<keyof InstanceSpec, unknown>> | null | undefined;
    if (typeof got !== 'object' || got === null) {
      throw new PluginError(this.caller.name, 'Flavor.Prepare', `result has no "Spec": ${shortJson(result)}`, { code: 'PLUGIN_PROTOCOL' });
    }
    return {
      // Kept as sent (a RawJson where JavaScript would change it), so that Provision passes it on byte for byte.
      Properties: got.Properties ?? null,
      Tags: plainTags(got.Tags),
      Init: typeof got.Init === 'string' ? got.Init : '',
      LogicalID: typeof got.LogicalID === 'string' ? got.LogicalID : null,
      Attachments: Array.isArray(got.Attachments) ? (got.Attachments as InstanceSpec['Attachments']) : null,
    };
  }

  async healthy(properties: unknown, instance: InstanceDescription, call?: CallContext): Promise<Health> {
    const result = await this.caller.call(
      'Flavor.Healthy',
      { Type: this.type, Properties: properties ?? null, Instance: wireInstance(instance) },
      call,
    );
    const health = resultObject(this.caller.name, 'Flavor.Healthy', result).Health;
    if (health !== 0 && health !== 1 && health !== 2) {
      throw new PluginError(this.caller.name, 'Flavor.Healthy', `"Health" must be 0, 1 or 2, got ${shortJson(health)}`, {
        code: 'PLUGIN_PROTOCOL',
      });
    }
    return health;
  }

  async drain(properties: unknown, instance: InstanceDescription, call?: CallContext): Promise<void> {
    await this.caller.call('Flavor.Drain', { Type: this.type, Properties: properties ?? null, Instance: wireInstance(instance) }, call);
  }
}

function wireAllocation(allocation: Allocation): Record<string, unknown> {
  return { Size: allocation.Size, LogicalIDs: allocation.LogicalIDs ?? null };
}

/** A description as InfraKit sends it to a flavor: Properties left out when there are none. */
function wireInstance(instance: InstanceDescription): Record<string, unknown> {
  const out: Record<string, unknown> = { ID: instance.ID, LogicalID: instance.LogicalID ?? null, Tags: sortedTags(instance.Tags) };
  if (instance.Properties !== undefined && instance.Properties !== null) out.Properties = instance.Properties;
  return out;
}
