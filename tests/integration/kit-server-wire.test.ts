import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileInstancePlugin } from '../../src/plugins/file/file-instance-plugin.js';
import { servePlugins, type PluginServer } from '../../src/plugins/kit/index.js';
import { VanillaFlavor } from '../../src/plugins/vanilla/vanilla-flavor.js';

// The kit answers as InfraKit's Go server does: the requests below were captured between
// InfraKit's group plugin and its instance-file and flavor-vanilla plugins, the expected answers
// are those servers' bytes (Instance/0.6.0 where they said 0.5.0, the version the kit speaks).

let dir: string;
let server: PluginServer;
let socket: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tend-kit-wire-'));
  socket = path.join(dir, 'instance-file');
  server = await servePlugins({
    name: 'instance-file',
    socket,
    instance: new FileInstancePlugin({ dir: path.join(dir, 'instances'), name: 'instance-file' }),
    flavor: new VanillaFlavor({ name: 'flavor-vanilla' }),
  });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function post(body: string, options: { method?: string; path?: string; contentType?: string | null } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (options.contentType !== null) headers['Content-Type'] = options.contentType ?? 'application/json';
    const req = http.request(
      { socketPath: socket, path: options.path ?? '/', method: options.method ?? 'POST', headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the kit answers like InfraKit', () => {
  it.each([
    [
      '{"jsonrpc":"2.0","method":"Handshake.Implements","params":{},"id":973934399070306346}',
      '{"jsonrpc":"2.0","result":{"APIs":[{"Name":"Instance","Version":"0.6.0"},{"Name":"Flavor","Version":"0.1.0"}]},"id":973934399070306346}\n',
    ],
    [
      '{"jsonrpc":"2.0","method":"Handshake.Types","params":{},"id":351540097492750661}',
      '{"jsonrpc":"2.0","result":{"Types":{"Instance/0.6.0":["."],"Flavor/0.1.0":["."]}},"id":351540097492750661}\n',
    ],
    [
      '{"jsonrpc":"2.0","method":"Instance.Validate","params":{"Type":"","Properties":{"Note":"Instance properties version 1.0"}},"id":2996935742377934435}',
      '{"jsonrpc":"2.0","result":{"Type":"","OK":true},"id":2996935742377934435}\n',
    ],
    [
      '{"jsonrpc":"2.0","method":"Instance.DescribeInstances","params":{"Type":"","Tags":{"infrakit.group":"garethr"},"Properties":false},"id":8827470717603114877}',
      '{"jsonrpc":"2.0","result":{"Type":"","Descriptions":[]},"id":8827470717603114877}\n',
    ],
    [
      '{"jsonrpc":"2.0","method":"Flavor.Validate","params":{"Type":"","Properties":{"Size":1,"Init":["docker pull nginx:alpine","docker run -d -p 80:80 nginx-alpine"],"Tags":{"tier":"web","project":"infrakit"}},"Allocation":{"Size":1,"LogicalIDs":null}},"id":6800662206239717170}',
      '{"jsonrpc":"2.0","result":{"Type":"","OK":true},"id":6800662206239717170}\n',
    ],
    [
      '{"jsonrpc":"2.0","method":"Flavor.Prepare","params":{"Type":"","Properties":{"Init":["docker pull nginx:alpine","docker run -d -p 80:80 nginx-alpine"],"Tags":{"tier":"web","project":"infrakit"}},"Spec":{"Properties":{"Note":"Instance properties version 1.0"},"Tags":{"infrakit.config_sha":"jqq5uvd3b2j5yuecciuwnwqref46mm5r","infrakit.group":"garethr"},"Init":"","LogicalID":null,"Attachments":null},"Allocation":{"Size":1,"LogicalIDs":null},"Index":{"Group":"garethr","Sequence":1}},"id":1275719350593156892}',
      '{"jsonrpc":"2.0","result":{"Type":"","Spec":{"Properties":{"Note":"Instance properties version 1.0"},"Tags":{"infrakit.config_sha":"jqq5uvd3b2j5yuecciuwnwqref46mm5r","infrakit.group":"garethr","project":"infrakit","tier":"web"},"Init":"docker pull nginx:alpine\\ndocker run -d -p 80:80 nginx-alpine","LogicalID":null,"Attachments":null}},"id":1275719350593156892}\n',
    ],
    [
      '{"jsonrpc":"2.0","method":"Flavor.Healthy","params":{"Type":"","Properties":{},"Instance":{"ID":"instance-2165760288491849056","LogicalID":null,"Tags":{}}},"id":4544789961890572086}',
      '{"jsonrpc":"2.0","result":{"Type":"","Health":1},"id":4544789961890572086}\n',
    ],
    [
      '{"jsonrpc":"2.0","method":"Instance.Nope","params":{},"id":"str"}',
      '{"jsonrpc":"2.0","error":{"code":-32000,"message":"rpc: can\'t find method \\"Instance.Nope\\"","data":null},"id":"str"}\n',
    ],
    [
      '{"jsonrpc":"2.0","method":"Nope.Implements","params":{},"id":18446744073709551615}',
      '{"jsonrpc":"2.0","error":{"code":-32000,"message":"rpc: can\'t find service \\"Nope.Implements\\"","data":null},"id":18446744073709551615}\n',
    ],
    [
      '{"jsonrpc":"2.0","method":"Implements","params":{},"id":1}',
      '{"jsonrpc":"2.0","error":{"code":-32000,"message":"rpc: service/method request ill-formed: \\"Implements\\"","data":null},"id":1}\n',
    ],
    [
      '{"jsonrpc":"2.0","method":"Instance.Validate","params":{"Type":"foo","Properties":{}},"id":2}',
      '{"jsonrpc":"2.0","error":{"code":-32000,"message":"no-plugin:foo","data":null},"id":2}\n',
    ],
  ])('%s', async (request, expected) => {
    const answer = await post(request);

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(answer.body).toBe(expected);
  });

  it('answers a plugin failure as -32000 with its message', async () => {
    const answer = await post('{"jsonrpc":"2.0","method":"Instance.Destroy","params":{"Type":"","Instance":"instance-404"},"id":7}');

    expect(answer.body).toBe(
      '{"jsonrpc":"2.0","error":{"code":-32000,"message":"instance-file: destroy: instance instance-404 not found","data":null},"id":7}\n',
    );
  });

  it('reads params in any case and as a one-element array, as Go does', async () => {
    const answer = await post('{"jsonrpc":"2.0","method":"Instance.DescribeInstances","params":[{"tags":{"x":"y"}}],"id":3}');

    expect(answer.body).toBe('{"jsonrpc":"2.0","result":{"Type":"","Descriptions":[]},"id":3}\n');
  });

  it('answers bodies over 2048 bytes chunked', async () => {
    const note = 'n'.repeat(3000);
    const provision = `{"jsonrpc":"2.0","method":"Instance.Provision","params":{"Type":"","Spec":{"Properties":{"Note":"${note}"},"Tags":{"big":"1"},"Init":"","LogicalID":null,"Attachments":null}},"id":4}`;
    await post(provision);

    const answer = await post(
      '{"jsonrpc":"2.0","method":"Instance.DescribeInstances","params":{"Type":"","Tags":{"big":"1"},"Properties":true},"id":5}',
    );

    expect(answer.headers['transfer-encoding']).toBe('chunked');
    expect(answer.headers['content-length']).toBeUndefined();
    expect(answer.body).toContain(note);
  });

  it.each([
    [
      'a notification (no id): runs, answers an empty 200',
      '{"jsonrpc":"2.0","method":"Instance.Validate","params":{"Properties":{}}}',
      {},
      200,
      '',
    ],
    ['a body that is not JSON: an empty 200', '{"jsonrpc":', {}, 200, ''],
    ['GET: 405', '', { method: 'GET' }, 405, 'rpc: POST method required, received GET\n'],
    ['text/plain: 415', '{}', { contentType: 'text/plain' }, 415, 'rpc: unrecognized Content-Type: text/plain\n'],
    ['another path: 404', '{}', { path: '/nope' }, 404, '404 page not found\n'],
  ])('%s', async (_case, request, options, status, body) => {
    const answer = await post(request, options);

    expect([answer.status, answer.body]).toEqual([status, body]);
  });

  it('answers jsonrpc other than 2.0 with -32600 and the request as data', async () => {
    const answer = await post('{"method":"Handshake.Implements","params":{},"id":28}');

    expect(answer.body).toBe(
      '{"jsonrpc":"2.0","error":{"code":-32600,"message":"jsonrpc must be 2.0","data":{"method":"Handshake.Implements","params":{},"id":28}},"id":28}\n',
    );
  });
});
