// `npm run build`: the CLI and every library it uses, bundled into one ESM file, dist/tend.mjs,
// that runs with nothing beside it (no node_modules). One file because Node pays for each module
// it resolves and loads: the ~90 compiled files took tend's start-up to twice bare Node's.
// Libraries the source loads with `await import()` (pino, ajv, proper-lockfile) stay lazy in the
// bundle: esbuild wraps each in a function evaluated on first use.
import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { licenses } from './bundle-licenses.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTFILE = path.join(ROOT, 'dist/tend.mjs');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

// dist/ holds only what this build writes: no file of an older build can be run by mistake.
rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: ['src/cli/main.ts'],
  outfile: OUTFILE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The bundle has no package.json beside it to read the version from (src/version.ts).
  define: { TEND_VERSION: JSON.stringify(pkg.version) },
  // Bundled CommonJS libraries call require() for Node's built-in modules; an ES module has none.
  banner: {
    js: "import { createRequire as __tendCreateRequire } from 'node:module';\nconst require = __tendCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
writeFileSync(OUTFILE, `${readFileSync(OUTFILE, 'utf8')}${licenses(result.metafile, ROOT)}`);
chmodSync(OUTFILE, 0o755);
