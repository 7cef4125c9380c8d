// The write floor: create COUNT files of SIZE bytes in a fresh folder, each written to a temp
// dotfile and renamed into place, as the file plugin writes an instance. Prints how many it wrote.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, countArg, sizeArg] = process.argv.slice(2);
if (!dir || !countArg || !sizeArg) throw new Error('usage: node floor-write.mjs DIR COUNT SIZE');
const count = Number(countArg);
const size = Number(sizeArg);
mkdirSync(dir, { recursive: true });
for (let i = 0; i < count; i += 1) {
  const name = `g${String(Math.floor(i / 10) + 1).padStart(4, '0')}-${i.toString(16).padStart(8, '0')}`;
  const content = `# ${name}\n`.padEnd(size - 1, '.') + '\n';
  const temp = join(dir, `.${name}.tmp`);
  writeFileSync(temp, content, { flag: 'wx' });
  renameSync(temp, join(dir, name));
}
process.stdout.write(`${JSON.stringify({ files: count, bytes: count * size })}\n`);
