// What the bench runs in process or beside tend (a Git source, the watcher's parts, a kit-served
// plugin) bundled from src/ into bench/out/, so that its figures are of the same code tend runs.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { nodeBundleOptions } from '../scripts/node-bundle.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles `entry` into the ES module `outfile` with the options tend's own bundles are built with. */
export async function bundleEntry(entry, outfile) {
  await build({ ...nodeBundleOptions(ROOT), entryPoints: [path.resolve(entry)], outfile: path.resolve(outfile), metafile: false });
}
