// The watcher's status page (src/web/): its script bundled and minified for browsers, its style
// minified, and its HTML, written to dist/web/ and handed back for the CLI's bundle to serve.
// Nothing comes from another host: the page must work where the watcher has no way out.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Builds the page of the package at `root`; resolves with its three files, by name. */
export async function buildPage(root) {
  const common = { absWorkingDir: root, bundle: true, minify: true, write: false, logLevel: 'warning', legalComments: 'none' };
  const [script, style] = await Promise.all([
    build({ ...common, entryPoints: ['src/web/main.ts'], platform: 'browser', format: 'iife', target: 'es2020' }),
    build({ ...common, entryPoints: ['src/web/app.css'], loader: { '.css': 'css' } }),
  ]);
  const files = {
    'index.html': readFileSync(path.join(root, 'src/web/index.html'), 'utf8'),
    'app.js': script.outputFiles[0].text,
    'app.css': style.outputFiles[0].text,
  };
  const out = path.join(root, 'dist/web');
  mkdirSync(out, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(out, name), text);
  return files;
}
