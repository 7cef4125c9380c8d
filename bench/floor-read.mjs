// The read floor: list a folder and read every file in it, as plainly as Node can. Dotfiles are
// skipped, as the file plugin skips its temp files. Prints how many files it read.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node floor-read.mjs DIR');
let files = 0;
let bytes = 0;
for (const name of readdirSync(dir)) {
  if (name.startsWith('.')) continue;
  bytes += readFileSync(join(dir, name), 'utf8').length;
  files += 1;
}
process.stdout.write(`${JSON.stringify({ files, bytes })}\n`);
