import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { observe } from '../../src/reconcile/observe.js';
import { groupSpec } from '../helpers/memory-plugins.js';
import os from 'node:os';
import path from 'node:path';
import { createRegistry, processHost } from '../../src/plugins/registry.js';
import type { FlavorPlugin, InstancePlugin, PluginRegistry } from '../../src/plugins/spi.js';
import { implementsAnswer, rpcResult, startScriptedPlugin, type Scripted, type ScriptedPlugin } from '../helpers/scripted-plugin.js';

// Every request JSON here was captured from InfraKit's group plugin talking to its instance-file
// and flavor-vanilla plugins, with tend's id in place of Go's: tend must send
// exactly these bytes. The answers are the captured ones, as InfraKit's server sent them.

let plugin: ScriptedPlugin;
let registry: PluginRegistry;
let answers: Record<string, Scripted>;

beforeEach(() => {
  answers = { 'Handshake.Implements': implementsAnswer('Instance/0.6.0', 'Flavor/0.1.0') };
});

async function start(): Promise<void> {
  plugin = await startScriptedPlugin((method) => answers[method] ?? rpcResult('{"Type":"","OK":true}'));
  registry = await createRegistry({ 'instance-file': { type: 'rpc', address: { socket: plugin.socket }, timeoutMs: 2000 } });
}

afterEach(async () => {
  await plugin.close();
});

/** The request bodies after the handshake, ids replaced by `N` once checked to be exact in JavaScript. */
function sent(): string[] {
  return plugin.requests.slice(1).map((body) => {
    const id = /,"id":(\d+)\}$/.exec(body)?.[1];
    expect(Number(id)).toBeLessThanOrEqual(2 ** 53);
    return body.replace(/,"id":\d+\}$/, ',"id":N}');
  });
}

const instance = (name = 'instance-file'): InstancePlugin => registry.instance(name);
const flavor = (): FlavorPlugin => registry.flavor('instance-file');

describe('the JSON-RPC client sends InfraKit requests byte for byte', () => {
  it('handshakes first, with Handshake.Implements and empty params', async () => {
    await start();

    await instance().validate({ Note: 'Instance properties version 1.0' });

    expect(plugin.requests[0]).toMatch(/^\{"jsonrpc":"2\.0","method":"Handshake\.Implements","params":\{\},"id":\d+\}$/);
  });

  it('Instance.Validate, DescribeInstances, Provision, Label and Destroy as captured', async () => {
    answers['Instance.Provision'] = rpcResult('{"Type":"","ID":"instance-3181260014141168265"}');
    answers['Instance.DescribeInstances'] = rpcResult('{"Type":"","Descriptions":[]}');
    await start();
    const tags = {
      'infrakit.config_sha': 'jqq5uvd3b2j5yuecciuwnwqref46mm5r',
      'infrakit.group': 'garethr',
      project: 'infrakit',
      tier: 'web',
    };

    await instance().validate({ Note: 'Instance properties version 1.0' });
    await instance().describeInstances({ 'infrakit.group': 'garethr' });
    const id = await instance().provision({
      Properties: { Note: 'Instance properties version 1.0' },
      Tags: { tier: 'web', project: 'infrakit', 'infrakit.group': 'garethr', 'infrakit.config_sha': 'jqq5uvd3b2j5yuecciuwnwqref46mm5r' },
      Init: 'docker pull nginx:alpine\ndocker run -d -p 80:80 nginx-alpine',
      LogicalID: null,
      Attachments: null,
    });
    await instance().label('instance-bootstrap1', {
      'infrakit.group': 'garethr',
      'infrakit.config_sha': 'y6rvmgteavgkw7m7gcqolfvivjkks2lx',
    });
    await instance().destroy('instance-2165760288491849056', 'rolling_update');

    expect(id).toBe('instance-3181260014141168265');
    expect(Object.keys(tags)).toHaveLength(4);
    expect(sent()).toEqual([
      '{"jsonrpc":"2.0","method":"Instance.Validate","params":{"Type":"","Properties":{"Note":"Instance properties version 1.0"}},"id":N}',
      '{"jsonrpc":"2.0","method":"Instance.DescribeInstances","params":{"Type":"","Tags":{"infrakit.group":"garethr"},"Properties":false},"id":N}',
      '{"jsonrpc":"2.0","method":"Instance.Provision","params":{"Type":"","Spec":{"Properties":{"Note":"Instance properties version 1.0"},"Tags":{"infrakit.config_sha":"jqq5uvd3b2j5yuecciuwnwqref46mm5r","infrakit.group":"garethr","project":"infrakit","tier":"web"},"Init":"docker pull nginx:alpine\\ndocker run -d -p 80:80 nginx-alpine","LogicalID":null,"Attachments":null}},"id":N}',
      '{"jsonrpc":"2.0","method":"Instance.Label","params":{"Type":"","Instance":"instance-bootstrap1","Labels":{"infrakit.config_sha":"y6rvmgteavgkw7m7gcqolfvivjkks2lx","infrakit.group":"garethr"}},"id":N}',
      // Instance/0.6.0 added Destroy's context; the 0.5.0 capture has none.
      '{"jsonrpc":"2.0","method":"Instance.Destroy","params":{"Type":"","Instance":"instance-2165760288491849056","Context":{"Reason":"rolling_update"}},"id":N}',
    ]);
  });

  it('Flavor.Validate, Prepare, Healthy and Drain as captured', async () => {
    answers['Flavor.Prepare'] = rpcResult(
      '{"Type":"","Spec":{"Properties":{"Note":"n"},"Tags":{},"Init":"","LogicalID":null,"Attachments":null}}',
    );
    answers['Flavor.Healthy'] = rpcResult('{"Type":"","Health":1}');
    await start();
    const properties = {
      Size: 1,
      Init: ['docker pull nginx:alpine', 'docker run -d -p 80:80 nginx-alpine'],
      Tags: { tier: 'web', project: 'infrakit' },
    };
    const described = { ID: 'instance-2165760288491849056', LogicalID: null, Tags: { 'infrakit.group': 'garethr' } };

    await flavor().validate(properties, { Size: 1, LogicalIDs: null });
    await flavor().prepare(
      properties,
      {
        Properties: { Note: 'Instance properties version 1.0' },
        Tags: { 'infrakit.group': 'garethr', 'infrakit.config_sha': 'jqq5uvd3b2j5yuecciuwnwqref46mm5r' },
        Init: '',
        LogicalID: null,
        Attachments: null,
      },
      { Size: 1, LogicalIDs: null },
      { Group: 'garethr', Sequence: 1 },
    );
    const health = await flavor().healthy(properties, described);
    await flavor().drain(properties, described);

    const props =
      '{"Size":1,"Init":["docker pull nginx:alpine","docker run -d -p 80:80 nginx-alpine"],"Tags":{"tier":"web","project":"infrakit"}}';
    expect(health).toBe(1);
    expect(sent()).toEqual([
      `{"jsonrpc":"2.0","method":"Flavor.Validate","params":{"Type":"","Properties":${props},"Allocation":{"Size":1,"LogicalIDs":null}},"id":N}`,
      `{"jsonrpc":"2.0","method":"Flavor.Prepare","params":{"Type":"","Properties":${props},"Spec":{"Properties":{"Note":"Instance properties version 1.0"},"Tags":{"infrakit.config_sha":"jqq5uvd3b2j5yuecciuwnwqref46mm5r","infrakit.group":"garethr"},"Init":"","LogicalID":null,"Attachments":null},"Allocation":{"Size":1,"LogicalIDs":null},"Index":{"Group":"garethr","Sequence":1}},"id":N}`,
      `{"jsonrpc":"2.0","method":"Flavor.Healthy","params":{"Type":"","Properties":${props},"Instance":{"ID":"instance-2165760288491849056","LogicalID":null,"Tags":{"infrakit.group":"garethr"}}},"id":N}`,
      `{"jsonrpc":"2.0","method":"Flavor.Drain","params":{"Type":"","Properties":${props},"Instance":{"ID":"instance-2165760288491849056","LogicalID":null,"Tags":{"infrakit.group":"garethr"}}},"id":N}`,
    ]);
  });

  it('sends the sub-type of name/subtype as "Type", and Tags {} for all', async () => {
    await start();

    await registry.instance('instance-file/json').describeInstances({});

    expect(sent()).toEqual([
      '{"jsonrpc":"2.0","method":"Instance.DescribeInstances","params":{"Type":"json","Tags":{},"Properties":false},"id":N}',
    ]);
  });

  it('passes Properties a flavor returned on to Provision byte for byte: big numbers, 1.50, 1E3 and key order kept', async () => {
    const raw = '{"b":1,"2":"two","a":12345678901234567890,"1":[1.50,1E3,-0]}';
    answers['Flavor.Prepare'] = rpcResult(
      `{"Type":"","Spec":{"Properties":${raw},"Tags":{"t":"1"},"Init":"","LogicalID":null,"Attachments":null}}`,
    );
    answers['Instance.Provision'] = rpcResult('{"Type":"","ID":"i-1"}');
    await start();

    const prepared = await flavor().prepare(
      {},
      { Properties: {}, Tags: {}, Init: '', LogicalID: null, Attachments: null },
      { Size: 1, LogicalIDs: null },
      { Group: 'g', Sequence: 1 },
    );
    await instance().provision(prepared);

    expect(sent()[1]).toBe(
      `{"jsonrpc":"2.0","method":"Instance.Provision","params":{"Type":"","Spec":{"Properties":${raw},"Tags":{"t":"1"},"Init":"","LogicalID":null,"Attachments":null}},"id":N}`,
    );
  });

  it('escapes <, > and & as Go does', async () => {
    await start();

    await instance().validate({ Note: '<a & b>' });

    expect(sent()[0]).toContain('"Properties":{"Note":"\\u003ca \\u0026 b\\u003e"}');
  });
});

describe('the JSON-RPC client reads what InfraKit servers answer', () => {
  it('reads a text/plain, chunked answer whose id is above 2^53, without trusting the id', async () => {
    const descriptions = Array.from(
      { length: 40 },
      (_, i) => `{"ID":"instance-${i}","LogicalID":null,"Tags":{"infrakit.group":"garethr"}}`,
    );
    answers['Instance.DescribeInstances'] = {
      ...(rpcResult(`{"Type":"","Descriptions":[${descriptions.join(',')}]}`, '18446744073709551615') as object),
      chunked: true,
    } as Scripted;
    await start();

    const found = await instance().describeInstances({});

    expect(found).toHaveLength(40);
    expect(found[39]).toEqual({ ID: 'instance-39', LogicalID: null, Tags: { 'infrakit.group': 'garethr' } });
  });

  it('reads null Descriptions and null Tags as empty', async () => {
    answers['Instance.DescribeInstances'] = rpcResult('{"Type":"","Descriptions":[{"ID":"instance-1","LogicalID":null,"Tags":null}]}');
    await start();

    expect(await instance().describeInstances({})).toEqual([{ ID: 'instance-1', LogicalID: null, Tags: {} }]);
  });

  it('turns an error member in an HTTP 200 into the plugin error, naming plugin and method, not transient', async () => {
    answers['Instance.Destroy'] = rpcResult('null');
    answers['Instance.Label'] = {
      body: '{"jsonrpc":"2.0","error":{"code":-32000,"message":"open /tmp/x/i-1: permission denied","data":null},"id":5}\n',
    };
    await start();

    const error = instance().label('i-1', { a: '1' });

    await expect(error).rejects.toMatchObject({
      code: 'PLUGIN_ERROR',
      transient: false,
      message: 'instance-file: Instance.Label: open /tmp/x/i-1: permission denied',
    });
    await expect(instance().destroy('i-1', 'terminate')).rejects.toMatchObject({
      code: 'PLUGIN_PROTOCOL',
      message: 'instance-file: Instance.Destroy: result is null',
    });
  });

  it('tells a destroy of an instance that is gone apart (instance-file: no such file or directory)', async () => {
    answers['Instance.Destroy'] = {
      body: '{"jsonrpc":"2.0","error":{"code":-32000,"message":"remove /tmp/x/instance-1: no such file or directory","data":null},"id":5}\n',
    };
    await start();

    await expect(instance().destroy('instance-1', 'terminate')).rejects.toMatchObject({ code: 'INSTANCE_GONE' });
  });

  it('turns an empty 200 into an error naming plugin and method', async () => {
    answers['Instance.Validate'] = { body: '', contentType: null };
    await start();

    await expect(instance().validate({})).rejects.toMatchObject({
      code: 'PLUGIN_PROTOCOL',
      message: expect.stringMatching(/^instance-file: Instance\.Validate: empty answer/) as unknown,
    });
  });
});

describe('the handshake, for every generation of the interface', () => {
  it('Instance/0.5.0: Destroy without Context', async () => {
    answers['Handshake.Implements'] = implementsAnswer('Instance/0.5.0');
    await start();

    await instance().destroy('instance-1', 'terminate');

    expect(sent()).toEqual(['{"jsonrpc":"2.0","method":"Instance.Destroy","params":{"Type":"","Instance":"instance-1"},"id":N}']);
  });

  it('Instance/0.1.0: Label is refused without calling it', async () => {
    answers['Handshake.Implements'] = implementsAnswer('Instance/0.1.0');
    await start();

    await expect(instance().label('i-1', { a: '1' })).rejects.toThrow(
      'instance-file: Instance.Label: speaks Instance/0.1.0, which has no Label (from 0.3.0)',
    );
    expect(plugin.methods()).toEqual(['Handshake.Implements']);
  });

  it('Instance/0.6.1: Handshake.Hello when Implements is not there', async () => {
    answers['Handshake.Implements'] = {
      body: '{"jsonrpc":"2.0","error":{"code":-32000,"message":"rpc: can\'t find method \\"Handshake.Implements\\"","data":null},"id":1}\n',
    };
    answers['Handshake.Hello'] = rpcResult('{"Objects":{"Instance/0.6.1":[{"Name":"instance-file","ProxyFor":""}]}}');
    await start();

    await instance().destroy('i-1', 'terminate');

    expect(plugin.methods()).toEqual(['Handshake.Implements', 'Handshake.Hello', 'Instance.Destroy']);
    expect(sent()[1]).toContain('"Context":{"Reason":"terminate"}');
  });

  it('a plugin of neither interface is refused, naming the plugin, what it lacks and what it offers', async () => {
    answers['Handshake.Implements'] = implementsAnswer('Instance/0.9.0', 'Group/0.1.0');
    await start();

    await expect(instance().describeInstances({})).rejects.toThrow(
      'instance-file: Instance.DescribeInstances: Handshake: implements neither Instance (0.1.0–0.6.1) nor Flavor (0.1.0–0.1.1); it offers Instance/0.9.0, Group/0.1.0',
    );
  });

  it('learns the kinds from the handshake: an Instance-only plugin is no flavor', async () => {
    answers['Handshake.Implements'] = implementsAnswer('Instance/0.5.0');
    await start();

    expect([...registry.names('instance')]).toEqual(['instance-file']);
    expect([...registry.names('flavor')]).toEqual([]);
    expect(() => registry.flavor('instance-file')).toThrow('"instance-file" is a rpc instance plugin, not a flavor');
  });
});

describe('faults on the wire', () => {
  it('a connection dropped in the middle of Provision is a transient error, and Provision is sent once only', async () => {
    answers['Instance.Provision'] = 'drop';
    await start();

    const call = instance().provision({ Properties: {}, Tags: {}, Init: '', LogicalID: null, Attachments: null });

    await expect(call).rejects.toMatchObject({
      code: 'PLUGIN_UNREACHABLE',
      transient: true,
      plugin: 'instance-file',
      method: 'Instance.Provision',
    });
    expect(plugin.methods().filter((m) => m === 'Instance.Provision')).toHaveLength(1);
  });

  it('a call with no answer times out, transient, at the configured timeout', async () => {
    answers['Instance.DescribeInstances'] = 'hang';
    await start();
    const quick = await createRegistry({ 'instance-slow': { type: 'rpc', address: { socket: plugin.socket }, timeoutMs: 300 } });

    const call = quick.instance('instance-slow').describeInstances({});

    await expect(call).rejects.toMatchObject({
      code: 'PLUGIN_TIMEOUT',
      transient: true,
      message: 'instance-slow: Instance.DescribeInstances: no answer within 300ms',
    });
  });

  it("a call's signal cancels it in flight", async () => {
    answers['Instance.DescribeInstances'] = 'hang';
    await start();
    const controller = new AbortController();

    const call = instance().describeInstances({}, false, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);

    await expect(call).rejects.toMatchObject({ code: 'INTERRUPTED', transient: true });
  });

  it('a plugin restarted on the same socket is picked up on the next call', async () => {
    const socket = path.join(mkdtempSync(path.join(os.tmpdir(), 'tend-restart-')), 'plugin.sock');
    plugin = await startScriptedPlugin((method) => answers[method] ?? rpcResult('{"Type":"","OK":true}'), socket);
    registry = await createRegistry({ 'instance-file': { type: 'rpc', address: { socket }, timeoutMs: 2000 } });
    await instance().validate({});
    await plugin.close();
    await expect(instance().validate({})).rejects.toMatchObject({ code: 'PLUGIN_UNREACHABLE', transient: true });

    plugin = await startScriptedPlugin((method) => answers[method] ?? rpcResult('{"Type":"","OK":true}'), socket);

    await expect(instance().validate({ again: true })).resolves.toBeUndefined();
    expect(plugin.requests.at(-1)).toContain('"Properties":{"again":true}');
    rmSync(path.dirname(socket), { recursive: true, force: true });
  });

  it('a plugin found in its folder is looked up once, and again when it has moved (NAME.listen rewritten)', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'tend-moved-'));
    const listen = path.join(folder, 'instance-file.listen');
    const answer = (method: string): Scripted => answers[method] ?? rpcResult('{"Type":"","OK":true}');
    plugin = await startScriptedPlugin(answer, path.join(folder, 'first.sock'));
    writeFileSync(listen, `unix://${path.join(folder, 'first.sock')}\n`);
    registry = await createRegistry({ 'instance-file': { type: 'rpc', address: { dir: folder }, timeoutMs: 2000 } });
    await instance().validate({ at: 1 });
    rmSync(listen);

    await instance().validate({ at: 2 });
    await plugin.close();
    plugin = await startScriptedPlugin(answer, path.join(folder, 'second.sock'));
    writeFileSync(listen, `unix://${path.join(folder, 'second.sock')}\n`);

    await expect(instance().validate({ at: 3 })).resolves.toBeUndefined();
    expect(plugin.requests.at(-1)).toContain('"Properties":{"at":3}');
    rmSync(folder, { recursive: true, force: true });
  });

  it('a plugin down when tend starts may be either kind until it answers, and is used once it is up', async () => {
    const socket = path.join(mkdtempSync(path.join(os.tmpdir(), 'tend-later-')), 'plugin.sock');
    const warnings: string[] = [];
    registry = await createRegistry(
      { later: { type: 'rpc', address: { socket }, timeoutMs: 1000 } },
      processHost((m) => warnings.push(m)),
    );
    const before = [[...registry.names('instance')], [...registry.names('flavor')]];

    plugin = await startScriptedPlugin((method) => answers[method] ?? rpcResult('{"Type":"","Descriptions":[]}'), socket);

    expect(before).toEqual([['later'], ['later']]);
    expect(warnings).toEqual([
      expect.stringMatching(/^plugin later: no handshake yet \(.*cannot connect \(ENOENT\)\); calls to it will try again$/),
    ]);
    await expect(registry.instance('later').describeInstances({})).resolves.toEqual([]);
    rmSync(path.dirname(socket), { recursive: true, force: true });
  });

  it('a missing socket is a transient error naming the socket', async () => {
    const lonely = await createRegistry({
      'instance-gone': { type: 'rpc', address: { socket: '/nonexistent/tend/plugin.sock' }, timeoutMs: 1000 },
    });
    plugin = await startScriptedPlugin(() => rpcResult('{}'));
    registry = lonely;

    await expect(lonely.instance('instance-gone').describeInstances({})).rejects.toMatchObject({
      code: 'PLUGIN_UNREACHABLE',
      transient: true,
      message: 'instance-gone: Instance.DescribeInstances: Handshake.Implements: /nonexistent/tend/plugin.sock: cannot connect (ENOENT)',
    });
  });
});

describe('sub-types through observation', () => {
  it('observed instances keep the full plugin name, so their destroy carries the sub-type', async () => {
    answers['Instance.DescribeInstances'] = rpcResult(
      '{"Type":"json","Descriptions":[{"ID":"i-1","LogicalID":null,"Tags":{"tend.group":"web","tend.config_sha":"sha-new"}}]}',
    );
    answers['Flavor.Prepare'] = rpcResult('{"Type":"","Spec":{"Properties":null,"Tags":{},"Init":"","LogicalID":null,"Attachments":null}}');
    answers['Flavor.Healthy'] = rpcResult('{"Type":"","Health":1}');
    await start();
    const spec = { ...groupSpec('web', { instancePlugin: 'instance-file/json' }), flavor: { plugin: 'instance-file', properties: {} } };

    const observation = await observe([spec], registry, { concurrency: 2 });
    const [observed] = observation.groups.get('web')?.instances ?? [];
    await registry.instance(observed?.plugin ?? '').destroy(observed?.id ?? '', 'terminate');

    expect(observed).toMatchObject({ id: 'i-1', plugin: 'instance-file/json' });
    expect(sent().filter((body) => body.includes('"method":"Instance.'))).toEqual([
      '{"jsonrpc":"2.0","method":"Instance.DescribeInstances","params":{"Type":"json","Tags":{},"Properties":true},"id":N}',
      '{"jsonrpc":"2.0","method":"Instance.Destroy","params":{"Type":"json","Instance":"i-1","Context":{"Reason":"terminate"}},"id":N}',
    ]);
  });
});
