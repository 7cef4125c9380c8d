import { onlyGroup, webYaml } from '../../helpers/spec-fixtures.js';

const WEB_JSON = `{
  "Properties": {
    "Flavor": {"Properties": {"Init": ["echo hi"]}, "Plugin": "flavor-vanilla"},
    "Instance": {"Properties": {"Note": "v1"}, "Plugin": "instance-file"},
    "Allocation": {"Size": 3}
  },
  "ID": "web"
}`;

describe('config_sha', () => {
  const base = onlyGroup('specs/web.yaml', webYaml()).configSha;

  it('is the same for the same spec in YAML and in JSON with keys in another order', () => {
    expect(onlyGroup('specs/web.json', WEB_JSON).configSha).toBe(base);
  });

  it('ignores key order inside opaque properties', () => {
    const reordered = webYaml({ instance: '{Properties: {Note: v1}, Plugin: instance-file}' });

    expect(onlyGroup('specs/web.yaml', reordered).configSha).toBe(base);
  });

  it.each([
    ['Size', { allocation: '{Size: 30}' }],
    ['LogicalIDs instead of Size', { allocation: '{LogicalIDs: [a, b]}' }],
    ['Updating', { extra: '  Updating: {MaxUnavailable: 2, MaxSurge: 1}' }],
    ['Mode', { extra: '  Mode: report' }],
    ['the group ID', { id: 'api' }],
  ])('does not change with %s', (_what, parts) => {
    expect(onlyGroup('specs/web.yaml', webYaml(parts)).configSha).toBe(base);
  });

  it.each([
    ['an instance property', { instance: '{Plugin: instance-file, Properties: {Note: v2}}' }],
    ['absent instance properties', { instance: '{Plugin: instance-file}' }],
    ['the instance plugin sub-type', { instance: '{Plugin: instance-file/json, Properties: {Note: v1}}' }],
    ['a flavor property', { flavor: '{Plugin: flavor-vanilla, Properties: {Init: [echo bye]}}' }],
  ])('changes with %s', (_what, parts) => {
    expect(onlyGroup('specs/web.yaml', webYaml(parts)).configSha).not.toBe(base);
  });

  it('tells a number from the same digits as a string', () => {
    const asNumber = webYaml({ instance: '{Plugin: instance-file, Properties: {Port: 80}}' });
    const asString = webYaml({ instance: '{Plugin: instance-file, Properties: {Port: "80"}}' });

    expect(onlyGroup('specs/web.yaml', asNumber).configSha).not.toBe(onlyGroup('specs/web.yaml', asString).configSha);
  });

  it('leaves the 2016 form’s Size out, matching the same group written with Allocation', () => {
    const noSize = webYaml({ allocation: null, flavor: '{Plugin: flavor-vanilla, Properties: {Size: 3, Init: [echo hi]}}' });

    expect(onlyGroup('specs/web.yaml', noSize).configSha).toBe(base);
  });
});
