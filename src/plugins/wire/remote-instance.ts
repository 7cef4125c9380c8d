import { PluginError } from '../../errors.js';
import type { CallContext, DestroyContext, InstanceDescription, InstancePlugin, InstanceSpec, Tags } from '../spi.js';
import { RawJson } from '../../raw-json.js';
import { resultObject, shortJson, stringField } from './result-fields.js';
import { versionAtLeast, type WireCaller } from './wire-caller.js';
import { sortedTags } from './write-json.js';

/** What plugins say when asked to destroy an instance that is not there (InfraKit's instance-file: `remove …: no such file or directory`). */
const GONE = /no such file or directory|not found|does not exist|already (?:gone|destroyed|deleted|terminated)|notfound/i;

/**
 * An instance plugin out of process, speaking InfraKit's Instance interface with exactly its
 * params (as captured in tests/integration/rpc-client-wire.test.ts): `"Type"` = the bound sub-type on every call, tags as sorted maps, Label
 * refused before Instance/0.3.0, Destroy's `Context` sent from 0.6.0 on.
 */
export class RemoteInstancePlugin implements InstancePlugin {
  constructor(
    private readonly caller: WireCaller,
    private readonly type: string,
  ) {}

  async validate(properties: unknown, call?: CallContext): Promise<void> {
    await this.caller.call('Instance.Validate', { Type: this.type, Properties: properties ?? null }, call);
  }

  async provision(spec: InstanceSpec, call?: CallContext): Promise<string> {
    const result = await this.caller.call('Instance.Provision', { Type: this.type, Spec: wireSpec(spec) }, call);
    return stringField(this.caller.name, 'Instance.Provision', resultObject(this.caller.name, 'Instance.Provision', result), 'ID');
  }

  async destroy(id: string, context: DestroyContext, call?: CallContext): Promise<void> {
    const version = await this.caller.instanceVersion(call, 'Instance.Destroy');
    const params = versionAtLeast(version, '0.6.0')
      ? { Type: this.type, Instance: id, Context: { Reason: context } }
      : { Type: this.type, Instance: id };
    try {
      await this.caller.call('Instance.Destroy', params, call);
    } catch (err) {
      if (err instanceof PluginError && err.code === 'PLUGIN_ERROR' && GONE.test(err.message)) {
        throw new PluginError(this.caller.name, 'Instance.Destroy', `instance ${id} is already gone (${err.message})`, {
          code: 'INSTANCE_GONE',
          cause: err,
        });
      }
      throw err;
    }
  }

  async describeInstances(tags: Tags, properties = false, call?: CallContext): Promise<InstanceDescription[]> {
    const method = 'Instance.DescribeInstances';
    const result = await this.caller.call(method, { Type: this.type, Tags: sortedTags(tags), Properties: properties }, call);
    const list = resultObject(this.caller.name, method, result).Descriptions ?? [];
    if (!Array.isArray(list)) {
      throw new PluginError(this.caller.name, method, `"Descriptions" is not a list: ${shortJson(list)}`, { code: 'PLUGIN_PROTOCOL' });
    }
    return list.map((d) => toDescription(this.caller.name, d));
  }

  async label(id: string, tags: Tags, call?: CallContext): Promise<void> {
    const version = await this.caller.instanceVersion(call, 'Instance.Label');
    if (!versionAtLeast(version, '0.3.0')) {
      throw new PluginError(this.caller.name, 'Instance.Label', `speaks Instance/${version}, which has no Label (from 0.3.0)`);
    }
    await this.caller.call('Instance.Label', { Type: this.type, Instance: id, Labels: sortedTags(tags) }, call);
  }
}

/** The Spec in InfraKit's field order, tags sorted as Go sends them. */
export function wireSpec(spec: InstanceSpec): Record<string, unknown> {
  return {
    Properties: spec.Properties ?? null,
    Tags: sortedTags(spec.Tags),
    Init: spec.Init ?? '',
    LogicalID: spec.LogicalID ?? null,
    Attachments: spec.Attachments ?? null,
  };
}

/** One description as tend's SPI has it: tags a plain map (`{}` for null), Properties only when sent. */
function toDescription(plugin: string, value: unknown): InstanceDescription {
  const d = value as Partial<Record<'ID' | 'LogicalID' | 'Tags' | 'Properties', unknown>> | null;
  if (typeof d !== 'object' || d === null || typeof d.ID !== 'string') {
    throw new PluginError(plugin, 'Instance.DescribeInstances', `a description has no "ID": ${shortJson(value)}`, {
      code: 'PLUGIN_PROTOCOL',
    });
  }
  const description: InstanceDescription = {
    ID: d.ID,
    LogicalID: typeof d.LogicalID === 'string' ? d.LogicalID : null,
    Tags: plainTags(d.Tags),
  };
  if (d.Properties !== undefined && d.Properties !== null) description.Properties = d.Properties;
  return description;
}

/** Tags as a plain map: the order a plugin sent them in does not matter to tend, their values do. */
export function plainTags(value: unknown): Tags {
  const tags = value instanceof RawJson ? value.toJSON() : value;
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return {};
  const out: Tags = {};
  for (const [key, v] of Object.entries(tags)) if (typeof v === 'string') out[key] = v;
  return out;
}
