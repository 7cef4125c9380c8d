import { VanillaFlavor } from '../../../src/plugins/vanilla/vanilla-flavor.js';
import { canonicalJson } from '../../../src/group-spec/canonical-json.js';
import type { GroupSpec } from '../../../src/group-spec/types.js';
import { onlyGroup, problemLines, webYaml } from '../../helpers/spec-fixtures.js';

/** Keys that name members of every JavaScript object: an object used as a map must still keep them as data. */
const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

function yamlWith(key: string): string {
  return webYaml({
    instance: `{Plugin: instance-file, Properties: {${key}: {a: 1}, b: [{${key}: 2}]}}`,
    flavor: `{Plugin: flavor-vanilla, Properties: {Init: [echo hi], Tags: {${key}: x, t: y}}}`,
  });
}

function jsonWith(key: string): string {
  const k = JSON.stringify(key);
  return `{"ID": "web", "Properties": {"Allocation": {"Size": 3},
    "Instance": {"Plugin": "instance-file", "Properties": {${k}: {"a": 1}, "b": [{${k}: 2}]}},
    "Flavor": {"Plugin": "flavor-vanilla", "Properties": {"Init": ["echo hi"], "Tags": {${k}: "x", "t": "y"}}}}}`;
}

/** An own property's value, read without going through the prototype chain. */
function own(record: unknown, key: string): unknown {
  return Object.getOwnPropertyDescriptor(record, key)?.value;
}

function readers(key: string): Array<[string, GroupSpec]> {
  return [
    ['the YAML reader', onlyGroup('specs/web.yaml', yamlWith(key))],
    ['the JSON reader', onlyGroup('specs/web.json', jsonWith(key))],
  ];
}

describe.each(KEYS)('a key named %s in opaque properties', (key) => {
  it('is kept as an own data key, nested too, by every reader', () => {
    for (const [reader, group] of readers(key)) {
      const properties = group.instance.properties as Record<string, unknown>;
      const tags = own(group.flavor.properties, 'Tags');

      expect([reader, Object.getPrototypeOf(properties) === Object.prototype]).toEqual([reader, true]);
      expect([reader, Object.keys(properties), own(properties, key)]).toEqual([reader, [key, 'b'], { a: 1 }]);
      expect([reader, Object.keys((properties.b as unknown[])[0] as object)]).toEqual([reader, [key]]);
      expect([reader, Object.keys(tags as object), own(tags, key)]).toEqual([reader, [key, 't'], 'x']);
    }
  });

  it('counts in the config hash, the same from every reader', () => {
    const hashes = readers(key).map(([, group]) => group.configSha);
    const without = onlyGroup('specs/web.yaml', yamlWith('other')).configSha;
    const text = canonicalJson(readers(key)[0]?.[1].instance.properties);

    expect(new Set(hashes).size).toBe(1);
    expect(hashes[0]).not.toBe(without);
    expect(text).toContain(`${JSON.stringify(key)}:{"a":1}`);
    expect(text).toContain(`"b":[{${JSON.stringify(key)}:2}]`);
  });

  it('stays in the hash when the 2016 form’s Size is left out of it', () => {
    const flavor = (size: string): string => `{Plugin: flavor-vanilla, Properties: {${size}${key}: 1}}`;

    const old = onlyGroup('specs/web.yaml', webYaml({ allocation: null, flavor: flavor('Size: 3, ') }));
    const current = onlyGroup('specs/web.yaml', webYaml({ allocation: '{Size: 3}', flavor: flavor('') }));
    const bare = onlyGroup('specs/web.yaml', webYaml({ allocation: '{Size: 3}', flavor: '{Plugin: flavor-vanilla, Properties: {}}' }));

    expect(old.configSha).toBe(current.configSha);
    expect(old.configSha).not.toBe(bare.configSha);
  });

  it('is kept through vanilla’s Tags merge, from the spec and from the flavor', async () => {
    const [, group] = readers(key)[1] as [string, GroupSpec];
    const specTags = JSON.parse(`{"tend.group": "web", ${JSON.stringify(`${key}`)}: "spec"}`) as Record<string, string>;
    const base = { Properties: null, Tags: specTags, Init: '', LogicalID: null, Attachments: null };

    const fromFlavor = await new VanillaFlavor().prepare(
      group.flavor.properties,
      base,
      { Size: 3, LogicalIDs: null },
      { Group: 'web', Sequence: 3 },
    );
    const fromSpec = await new VanillaFlavor().prepare(
      { Tags: { t: 'y' } },
      base,
      { Size: 3, LogicalIDs: null },
      { Group: 'web', Sequence: 3 },
    );

    expect([Object.keys(fromFlavor.Tags), own(fromFlavor.Tags, key)]).toEqual([['tend.group', key, 't'], 'x']);
    expect([Object.keys(fromSpec.Tags), own(fromSpec.Tags, key)]).toEqual([['tend.group', key, 't'], 'spec']);
  });

  it('is an unknown key, reported, where the group spec itself is read', () => {
    const lines = problemLines('specs/web.yaml', webYaml({ extra: `  ${key}: 1` }));

    expect(lines).toEqual([
      `specs/web.yaml:6:3  SPEC_UNKNOWN_KEY  Properties.${key}: unknown key; expected Allocation, Instance, Flavor, Updating, Mode`,
    ]);
  });
});
