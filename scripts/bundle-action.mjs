// `npm run bundle`: the GitHub Action (src/action/) and every library it uses, bundled into one ESM
// file, actions/tend/dist/index.mjs, that runs with no node_modules on Node 20 and 24. The file is
// committed, as a runner runs the action straight from the repository; CI rebuilds it and fails on
// any difference, so the build must be deterministic: no timestamps, no absolute paths, licenses sorted.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { licenses } from './bundle-licenses.mjs';
import { nodeBundleOptions } from './node-bundle.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTDIR = path.join(ROOT, 'actions/tend/dist');
const OUTFILE = path.join(OUTDIR, 'index.mjs');

// The folder holds only this one file: nothing left from an older build can be run by mistake.
rmSync(OUTDIR, { recursive: true, force: true });
const result = await build({
  ...nodeBundleOptions(ROOT),
  entryPoints: ['src/action/index.ts'],
  outfile: OUTFILE,
  // Every library inside the one file: even a dynamic import() must not look for node_modules.
  splitting: false,
});
writeFileSync(OUTFILE, `${readFileSync(OUTFILE, 'utf8')}${licenses(result.metafile, ROOT)}`);
