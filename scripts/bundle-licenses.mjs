import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The license of every package that went into the bundle, as one comment at its end, so a copy of the file carries them. */
export function licenses(metafile, root) {
  const packages = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packages.add(match[1]);
  }
  const texts = [...packages].sort().map((name) => {
    const dir = path.join(root, 'node_modules', name);
    const { version, license } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^licen[cs]e(\.(md|txt))?$/i.test(f));
    const text = file ? readFileSync(path.join(dir, file), 'utf8').trim() : `License: ${license}`;
    return `${name}@${version} (${license})\n\n${text}`;
  });
  const body = texts.join(`\n\n${'-'.repeat(72)}\n\n`).replaceAll('*/', '* /');
  return `\n/*\nThird-party software bundled in this file, with its licenses:\n\n${body}\n*/\n`;
}
