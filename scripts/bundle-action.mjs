// `npm run bundle`: the GitHub Action (src/action/) and every library it uses, bundled into
// actions/tend/dist/: index.mjs, the entry action.yml runs, and the chunks it loads from
// dist/chunks/, which run with no node_modules on Node 20 and 24. What the source loads with
// `await import()` (the Git source, commit statuses and the check run with octokit, drift issues,
// the docker plugin, ajv, proper-lockfile) is a chunk of its own, read only by the runs that use it:
// in one file, every run paid to parse all of it. The folder is committed, as a runner runs the
// action straight from the repository; CI rebuilds it and fails on any difference, so the build
// must be deterministic: no timestamps, no absolute paths, licenses sorted.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { licenses } from './bundle-licenses.mjs';
import { nodeBundleOptions } from './node-bundle.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTDIR = path.join(ROOT, 'actions/tend/dist');
const OUTFILE = path.join(OUTDIR, 'index.mjs');

/**
 * @actions/core imports @actions/http-client for its OIDC token alone (getIDToken, which tend never
 * calls), and http-client imports undici, a CommonJS library esbuild cannot leave out once imported:
 * a quarter of the bundle, evaluated by every run. Declared free of side effects, as a package.json
 * `"sideEffects": false` would, http-client goes when nothing of it is used, and undici with it.
 */
const httpClientUnused = {
  name: 'http-client-side-effect-free',
  setup(b) {
    b.onResolve({ filter: /^@actions\/http-client(\/|$)/ }, async (args) => {
      if (args.pluginData === httpClientUnused) return undefined;
      const { kind, resolveDir, importer } = args;
      const resolved = await b.resolve(args.path, { kind, resolveDir, importer, pluginData: httpClientUnused });
      return resolved.errors.length > 0 ? { errors: resolved.errors } : { path: resolved.path, sideEffects: false };
    });
  },
};

// The folder holds only what this build writes: nothing left from an older build can be run by mistake.
rmSync(OUTDIR, { recursive: true, force: true });
const result = await build({
  ...nodeBundleOptions(ROOT),
  entryPoints: { index: 'src/action/index.ts' },
  outdir: OUTDIR,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  plugins: [httpClientUnused],
});
// The licenses of what the files hold: esbuild reads undici (above) but writes none of it.
const written = Object.values(result.metafile.outputs).flatMap((output) => Object.entries(output.inputs));
const inputs = Object.fromEntries(written.filter(([, input]) => input.bytesInOutput > 0));
writeFileSync(OUTFILE, `${readFileSync(OUTFILE, 'utf8')}${licenses({ inputs }, ROOT)}`);
