import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpecs } from '../../../src/group-spec/load-specs.js';
import { groupsOf, onlyGroup } from '../../helpers/spec-fixtures.js';
import type { SpecContext } from '../../../src/group-spec/types.js';

/**
 * `config_sha` values as released: a changed hash replaces every instance of the group on upgrade,
 * so these stay as they are for every spec whose numbers a double holds exactly. Never edit a value
 * here to make a change pass.
 */
const CTX: SpecContext = { instancePlugins: new Set(['instance-file']), flavorPlugins: new Set(['flavor-vanilla']) };

const PINNED_BUNDLED: Record<string, string> = {
  garethr: 'g4TjLrrmIbMQeXdkdwo9Io9qT9g',
  web: 'L2FmurbtkS3e86G0Y73-8C0x2h8',
  zookeeper: 'JZQxTgrnBzUDBRersGW4A_27qIQ',
};

const ORDINARY_YAML = `ID: numbers
Properties:
  Allocation: {Size: 2}
  Instance:
    Plugin: instance-file
    Properties:
      One: 1
      Half: 1.5
      Quarter: -0.25
      Thousand: 1e3
      Largest: 9007199254740991
      List: [0, 1, 1.5, -0.25, 1e3, 9007199254740991, 0.1, 100000000000000000000, 18446744073709551616]
  Flavor:
    Plugin: flavor-vanilla
    Properties: {Init: [echo hi], Weight: 1.5, Limits: {Cpu: 0.25, Memory: 1e3}}
`;

const ORDINARY_JSON = `{
  "ID": "numbers",
  "Properties": {
    "Allocation": {"Size": 2},
    "Instance": {
      "Plugin": "instance-file",
      "Properties": {
        "One": 1, "Half": 1.5, "Quarter": -0.25, "Thousand": 1e3, "Largest": 9007199254740991,
        "List": [0, 1, 1.5, -0.25, 1e3, 9007199254740991, 0.1, 100000000000000000000, 18446744073709551616]
      }
    },
    "Flavor": {"Plugin": "flavor-vanilla", "Properties": {"Init": ["echo hi"], "Weight": 1.5, "Limits": {"Cpu": 0.25, "Memory": 1e3}}}
  }
}`;

const PINNED_ORDINARY = 'mVRlaBZeG9WwrFUCgFYGKBXrxNo';

describe('config_sha as released', () => {
  it('is unchanged for the bundled specs', () => {
    const dir = 'specs';
    const files = readdirSync(dir)
      .sort()
      .map((name) => ({ path: join(dir, name), content: readFileSync(join(dir, name), 'utf8') }));
    const shas = Object.fromEntries(groupsOf(loadSpecs(files, CTX)).map((g) => [g.id, g.configSha]));

    expect(shas).toEqual(PINNED_BUNDLED);
  });

  it.each([
    ['YAML', 'specs/numbers.yaml', ORDINARY_YAML],
    ['JSON', 'specs/numbers.json', ORDINARY_JSON],
  ])('is unchanged for ordinary numbers in %s', (_format, path, content) => {
    expect(onlyGroup(path, content, CTX).configSha).toBe(PINNED_ORDINARY);
  });
});
