// `npm run build`: the CLI and every library it uses, bundled into dist/tend.mjs and the chunks it
// loads from dist/chunks/, which run with nothing beside them (no node_modules). Bundled because
// Node pays for each module it resolves and loads: the ~90 compiled files took tend's start-up to
// twice bare Node's. What the source loads with `await import()` (the watcher, commit statuses,
// the Git source, pino, ajv, proper-lockfile) is a chunk of its own, read only by the commands that
// use it: in one file, every command paid about 20 ms to parse the watcher's and octokit's code.
import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { licenses } from './bundle-licenses.mjs';
import { nodeBundleOptions } from './node-bundle.mjs';
import { buildPage } from './build-page.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTFILE = path.join(ROOT, 'dist/tend.mjs');

// dist/ holds only what this build writes: no file of an older build can be run by mistake.
rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });
// The watcher's status page is built into the CLI (src/watch/page/page-assets.ts): `tend watch` serves it with nothing beside it.
const page = await buildPage(ROOT);
const options = nodeBundleOptions(ROOT);
const result = await build({
  ...options,
  define: { ...options.define, TEND_PAGE: JSON.stringify(page) },
  entryPoints: { tend: 'src/cli/main.ts' },
  outdir: path.dirname(OUTFILE),
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
});
writeFileSync(OUTFILE, `${readFileSync(OUTFILE, 'utf8')}${licenses(result.metafile, ROOT)}`);
chmodSync(OUTFILE, 0o755);
