// `npm run docs:options`: writes docs/options.md from the options table (src/config/options.ts),
// formatted as prettier formats the repository. A test (tests/unit/config/options-doc.test.ts)
// fails when the committed page is not what this writes.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PAGE = path.join(ROOT, 'docs/options.md');

// The table is TypeScript: bundled in memory, then loaded as a module.
const bundled = await build({
  absWorkingDir: ROOT,
  entryPoints: ['src/config/options-doc.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'warning',
});
const code = bundled.outputFiles[0].text;
const { optionsDoc } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
const config = await prettier.resolveConfig(PAGE);
writeFileSync(PAGE, await prettier.format(optionsDoc(), { ...config, filepath: PAGE }));
console.log(`wrote ${path.relative(ROOT, PAGE)}`);
