// What the bench runs in process or beside tend (a Git source, the watcher's parts, a kit-served
// plugin) bundled from src/ into bench/out/, so that its figures are of the same code tend runs.
import { build } from 'esbuild';

/** Bundles `entry` into the ES module `outfile`, with a require() for bundled CommonJS libraries. */
export async function bundleEntry(entry, outfile) {
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'warning',
    banner: { js: "import { createRequire as __benchRequire } from 'node:module';\nconst require = __benchRequire(import.meta.url);" },
  });
}
