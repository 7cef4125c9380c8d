import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { optionsDoc } from '../../../src/config/options-doc.js';
import { REPO_ROOT } from '../../helpers/run-tend.js';

const PAGE = path.join(REPO_ROOT, 'docs/options.md');

describe('docs/options.md', () => {
  it('is what `npm run docs:options` writes from the options table', async () => {
    const config = await prettier.resolveConfig(PAGE);

    const written = await prettier.format(optionsDoc(), { ...config, filepath: PAGE });

    expect(readFileSync(PAGE, 'utf8')).toBe(written);
  });

  it('ends with how to add an option', () => {
    expect(optionsDoc()).toMatch(/## Adding an option\n\n[^#]+$/);
  });
});
