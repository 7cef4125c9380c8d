/**
 * A plugin written with tend's plugin kit: tend's file instance plugin (and, with --flavor, the
 * vanilla flavor beside it in the same process) served over InfraKit's JSON-RPC wire.
 *
 *   node serve-file-plugin.mjs --name instance-kit --dir /tmp/instances --socket ~/.infrakit/plugins/instance-kit
 *   node serve-file-plugin.mjs --name instance-kit --dir /tmp/instances --port 0     # TCP on 127.0.0.1
 *
 * It prints `listening <url>` once it answers, and stops on SIGTERM or SIGINT.
 */
import { parseArgs } from 'node:util';
import { FileInstancePlugin } from '../../src/plugins/file/file-instance-plugin.js';
import { servePlugins } from '../../src/plugins/kit/index.js';
import { VanillaFlavor } from '../../src/plugins/vanilla/vanilla-flavor.js';

const { values } = parseArgs({
  options: {
    name: { type: 'string', default: 'instance-kit' },
    dir: { type: 'string' },
    socket: { type: 'string' },
    port: { type: 'string' },
    flavor: { type: 'boolean', default: false },
  },
});
if (values.dir === undefined || (values.socket === undefined && values.port === undefined)) {
  process.stderr.write('usage: serve-file-plugin --dir DIR (--socket PATH | --port N) [--name NAME] [--flavor]\n');
  process.exit(2);
}

const server = await servePlugins({
  name: values.name,
  instance: new FileInstancePlugin({ dir: values.dir, name: values.name }),
  ...(values.flavor ? { flavor: new VanillaFlavor({ name: values.name }) } : {}),
  ...(values.socket !== undefined ? { socket: values.socket } : { port: Number(values.port) }),
});
process.stdout.write(`listening ${server.url}\n`);

const stop = (): void => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
