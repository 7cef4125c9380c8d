import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { TendOption } from '../../../src/config/option-types.js';
import { inputDescription, options } from '../../../src/config/options.js';
import { REPO_ROOT } from '../../helpers/run-tend.js';

interface ActionYaml {
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>;
}

const action = parse(readFileSync(path.join(REPO_ROOT, 'actions/tend/action.yml'), 'utf8')) as ActionYaml;
const withInputs = (options as readonly TendOption[]).filter((o) => o.input !== undefined);

describe("action.yml's inputs", () => {
  it('are the inputs of the options table, in its order', () => {
    expect(Object.keys(action.inputs)).toEqual(withInputs.map((o) => o.input?.name));
  });

  it.each(withInputs.map((o) => [o.input?.name ?? '', o] as const))('%s: says what the table says', (name, option) => {
    const declared = action.inputs[name];

    expect(declared).toEqual({
      description: inputDescription(option),
      required: option.input?.required === true,
      ...(option.input?.default === undefined ? {} : { default: option.input.default }),
    });
  });
});
