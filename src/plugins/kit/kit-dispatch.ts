import {
  FLAVOR_INTERFACE,
  INSTANCE_INTERFACE,
  type DestroyContext,
  type FlavorPlugin,
  type InstanceDescription,
  type InstancePlugin,
} from '../spi.js';
import { wireSpec } from '../wire/remote-instance.js';
import { sortedTags } from '../wire/write-json.js';
import { allocationOf, field, indexOf, instanceOf, specOf, text, type Params } from './kit-params.js';

/** What one kit server serves: a default plugin of each kind ("." in Handshake.Types) and named sub-types. */
export interface ServedPlugins {
  /** The name Handshake.Hello gives its objects. */
  name: string;
  instance?: InstancePlugin;
  flavor?: FlavorPlugin;
  /** Plugins reached with `"Type":"<sub-type>"`. */
  instanceTypes?: Record<string, InstancePlugin>;
  flavorTypes?: Record<string, FlavorPlugin>;
}

/** A failure to answer as InfraKit's server does: -32000 and this message. */
export class KitError extends Error {}

type Handler = (served: ServedPlugins, params: Params) => Promise<unknown>;

const typeOf = (params: Params): string => {
  const type = field(params, 'Type');
  return typeof type === 'string' ? type : '';
};

function pick<T>(type: string, main: T | undefined, types: Record<string, T> | undefined): T {
  const plugin = type === '' || type === '.' ? main : types !== undefined && Object.hasOwn(types, type) ? types[type] : undefined;
  if (plugin === undefined) throw new KitError(`no-plugin:${type}`);
  return plugin;
}

const instance = (s: ServedPlugins, p: Params): InstancePlugin => pick(typeOf(p), s.instance, s.instanceTypes);
const flavor = (s: ServedPlugins, p: Params): FlavorPlugin => pick(typeOf(p), s.flavor, s.flavorTypes);
const ok = (p: Params): unknown => ({ Type: typeOf(p), OK: true });
const kinds = (s: ServedPlugins): Array<typeof INSTANCE_INTERFACE | typeof FLAVOR_INTERFACE> => [
  ...(s.instance !== undefined || s.instanceTypes !== undefined ? [INSTANCE_INTERFACE] : []),
  ...(s.flavor !== undefined || s.flavorTypes !== undefined ? [FLAVOR_INTERFACE] : []),
];

/** The description as InfraKit writes it: tags sorted, Properties left out when there are none. */
function wireDescription(d: InstanceDescription): Record<string, unknown> {
  const out: Record<string, unknown> = { ID: d.ID, LogicalID: d.LogicalID ?? null, Tags: sortedTags(d.Tags) };
  if (d.Properties !== undefined && d.Properties !== null) out.Properties = d.Properties;
  return out;
}

/** Every method InfraKit's Instance/0.6.0 and Flavor/0.1.0 servers answer, by receiver then method, with their params as InfraKit's group plugin sends them. */
const SERVICES: Record<string, Record<string, Handler>> = {
  Handshake: {
    Implements: async (s) => ({ APIs: kinds(s) }),
    Types: async (s) => {
      const types: Record<string, string[]> = {};
      for (const api of kinds(s)) {
        const named = api.Name === 'Instance' ? s.instanceTypes : s.flavorTypes;
        const main = api.Name === 'Instance' ? s.instance : s.flavor;
        types[`${api.Name}/${api.Version}`] = [...(main !== undefined ? ['.'] : []), ...Object.keys(named ?? {}).sort()];
      }
      return { Types: types };
    },
    // InfraKit's 0.6.1 handshake; its calls are the same as 0.6.0's, so a newer client finds this kit too.
    Hello: async (s) => ({
      Objects: Object.fromEntries(
        kinds(s).map((api) => [`${api.Name}/${api.Name === 'Instance' ? '0.6.1' : '0.1.1'}`, [{ Name: s.name, ProxyFor: '' }]]),
      ),
    }),
  },
  Instance: {
    Validate: async (s, p) => (await instance(s, p).validate(field(p, 'Properties') ?? null), ok(p)),
    Provision: async (s, p) => ({ Type: typeOf(p), ID: await instance(s, p).provision(specOf(field(p, 'Spec'))) }),
    Label: async (s, p) => (await instance(s, p).label(text(field(p, 'Instance')), specOf({ Tags: field(p, 'Labels') }).Tags), ok(p)),
    Destroy: async (s, p) => {
      const reason = field((field(p, 'Context') ?? {}) as Params, 'Reason');
      const context: DestroyContext = reason === 'rolling_update' ? 'rolling_update' : 'terminate';
      await instance(s, p).destroy(text(field(p, 'Instance')), context);
      return ok(p);
    },
    DescribeInstances: async (s, p) => {
      const described = await instance(s, p).describeInstances(specOf({ Tags: field(p, 'Tags') }).Tags, field(p, 'Properties') === true);
      return { Type: typeOf(p), Descriptions: described.map(wireDescription) };
    },
  },
  Flavor: {
    Validate: async (s, p) => (await flavor(s, p).validate(field(p, 'Properties') ?? null, allocationOf(field(p, 'Allocation'))), ok(p)),
    Prepare: async (s, p) => {
      const prepared = await flavor(s, p).prepare(
        field(p, 'Properties') ?? null,
        specOf(field(p, 'Spec')),
        allocationOf(field(p, 'Allocation')),
        indexOf(field(p, 'Index')),
      );
      return { Type: typeOf(p), Spec: wireSpec(prepared) };
    },
    Healthy: async (s, p) => ({
      Type: typeOf(p),
      Health: await flavor(s, p).healthy(field(p, 'Properties') ?? null, instanceOf(field(p, 'Instance'))),
    }),
    Drain: async (s, p) => (await flavor(s, p).drain(field(p, 'Properties') ?? null, instanceOf(field(p, 'Instance'))), ok(p)),
  },
};

/** The handler of `Receiver.Method`, or the error InfraKit's server gives for it. */
export function handlerOf(method: string, served: ServedPlugins): Handler {
  const dot = method.lastIndexOf('.');
  if (dot < 0) throw new KitError(`rpc: service/method request ill-formed: ${JSON.stringify(method)}`);
  const service = SERVICES[method.slice(0, dot)];
  const hasKind = method.startsWith('Instance.')
    ? kinds(served).includes(INSTANCE_INTERFACE)
    : method.startsWith('Flavor.')
      ? kinds(served).includes(FLAVOR_INTERFACE)
      : true;
  if (service === undefined || !hasKind) throw new KitError(`rpc: can't find service ${JSON.stringify(method)}`);
  const handler = Object.hasOwn(service, method.slice(dot + 1)) ? service[method.slice(dot + 1)] : undefined;
  if (handler === undefined) throw new KitError(`rpc: can't find method ${JSON.stringify(method)}`);
  return handler;
}
