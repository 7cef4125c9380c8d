// `npm run bundle`: the GitHub Action (src/action/) and every library it uses, bundled into one ESM
// file, actions/tend/dist/index.mjs, that runs with no node_modules on Node 20 and 24. The file is
// committed, as a runner runs the action straight from the repository; CI rebuilds it and fails on
// any difference, so the build must be deterministic: no timestamps, no absolute paths, licenses sorted.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { licenses } from './bundle-licenses.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTDIR = path.join(ROOT, 'actions/tend/dist');
const OUTFILE = path.join(OUTDIR, 'index.mjs');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

// The folder holds only this one file: nothing left from an older build can be run by mistake.
rmSync(OUTDIR, { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: ['src/action/index.ts'],
  outfile: OUTFILE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  define: { TEND_VERSION: JSON.stringify(pkg.version) },
  // Bundled CommonJS libraries call require() for Node's built-in modules; an ES module has none.
  banner: {
    js: "import { createRequire as __tendCreateRequire } from 'node:module';\nconst require = __tendCreateRequire(import.meta.url);",
  },
  // Every library inside the one file: even a dynamic import() must not look for node_modules.
  splitting: false,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
writeFileSync(OUTFILE, `${readFileSync(OUTFILE, 'utf8')}${licenses(result.metafile, ROOT)}`);
