// The read floor: list folders and read every file in them, as plainly as Node can. Dotfiles are
// skipped, as the file plugin skips its temp files. A plan reads the spec folder and the instance
// folder, so the floor reads both. Prints how many files it read.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dirs = process.argv.slice(2);
if (dirs.length === 0) throw new Error('usage: node floor-read.mjs DIR...');
let files = 0;
let bytes = 0;
for (const dir of dirs) {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    bytes += readFileSync(join(dir, name), 'utf8').length;
    files += 1;
  }
}
process.stdout.write(`${JSON.stringify({ files, bytes })}\n`);
