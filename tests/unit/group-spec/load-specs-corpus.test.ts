import { readdirSync, readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { loadSpecs } from '../../../src/group-spec/load-specs.js';
import type { GroupSpec, SpecContext } from '../../../src/group-spec/types.js';
import { groupsOf, onlyGroup } from '../../helpers/spec-fixtures.js';
import { HELLO_WORLD_SPEC } from '../../helpers/spec-text.js';

const CORPUS = new URL('../../fixtures/infrakit/', import.meta.url);
const CORPUS_PLUGINS: SpecContext = {
  instancePlugins: new Set(['instance-file', 'instance-maas', 'instance-terraform', 'instance-vagrant']),
  flavorPlugins: new Set(['flavor-combo', 'flavor-kubernetes', 'flavor-vanilla', 'flavor-zookeeper']),
};

function corpusGroup(name: string): GroupSpec {
  return onlyGroup(`specs/${name}`, readFileSync(new URL(name, CORPUS), 'utf8'), CORPUS_PLUGINS);
}

describe('loadSpecs reads InfraKit’s own example specs as InfraKit did', () => {
  it.each([
    ['cattle.json', 'cattle', { size: 5 }, 'instance-file', 'flavor-vanilla'],
    ['cattle2.json', 'cattle', { size: 10 }, 'instance-file', 'flavor-vanilla'],
    ['maas-vanilla.json', 'cattle', { size: 2 }, 'instance-maas', 'flavor-vanilla'],
    ['terraform-aws-two-tier-group.json', 'terraform_demo', { size: 3 }, 'instance-terraform', 'flavor-vanilla'],
    ['kubernetes-groups-worker.json', 'kubernetes-workers', { size: 3 }, 'instance-vagrant', 'flavor-kubernetes/manager'],
    [
      'zookeeper-vagrant-zk.json',
      'zk',
      { logicalIds: ['192.168.1.200', '192.168.1.201', '192.168.1.202'] },
      'instance-vagrant',
      'flavor-zookeeper',
    ],
    ['combo-example.json', 'combo', { size: 1 }, 'instance-file', 'flavor-combo'],
  ])('%s', (file, id, allocation, instancePlugin, flavorPlugin) => {
    const group = corpusGroup(file);

    expect(group.id).toBe(id);
    expect(group.allocation).toEqual(allocation);
    expect(group.instance.plugin).toBe(instancePlugin);
    expect(group.flavor.plugin).toBe(flavorPlugin);
    expect(group.updating).toEqual({ maxUnavailable: 1, maxSurge: 0 });
    expect(group.mode).toBe('correct');
  });

  it('keeps opaque properties as parsed, `${…}` strings untouched', () => {
    const group = corpusGroup('terraform-aws-two-tier-group.json');

    expect(group.instance.properties).toMatchObject({
      type: 'aws_instance',
      value: {
        ami: '${lookup(var.aws_amis, var.aws_region)}',
        vpc_security_group_ids: ['${aws_security_group.default.id}'],
        tags: { Tier: 'web', provisioner: 'infrakit-terraform-demo' },
      },
    });
  });

  it('unwraps the 2017 wrapper whose group lists Flavor before Instance', () => {
    const group = corpusGroup('kubernetes-groups-worker.json');

    expect(group.flavor.properties).toEqual({
      InitScriptTemplateURL: 'file:///home/ubuntu/go/src/github.com/docker/infrakit/examples/flavor/kubernetes/worker-init.sh',
      KubeJoinIP: '192.168.2.200',
      KubeBindPort: 6443,
    });
    expect(group.pos.group).toEqual({ file: 'specs/kubernetes-groups-worker.json', line: 3, column: 19 });
    expect(group.pos.flavorProperties).toEqual({ file: 'specs/kubernetes-groups-worker.json', line: 11, column: 30 });
  });

  it('keeps empty properties and empty lists', () => {
    const group = corpusGroup('maas-vanilla.json');

    expect(group.instance.properties).toEqual({});
    expect(group.flavor.properties).toEqual({ Init: [], Tags: { tier: 'web', project: 'infrakit' } });
  });

  it.each(readdirSync(CORPUS).filter((name) => name.endsWith('.json')))('reads %s the same once rewritten as YAML', (name) => {
    const json = readFileSync(new URL(name, CORPUS), 'utf8');
    const yaml = stringify(JSON.parse(json));

    const fromYaml = onlyGroup(`specs/${name}.yaml`, yaml, CORPUS_PLUGINS);

    expect({ ...fromYaml, pos: undefined }).toEqual({ ...corpusGroup(name), pos: undefined });
  });

  it('gives cattle.json and cattle2.json different config hashes', () => {
    expect(corpusGroup('cattle.json').configSha).not.toBe(corpusGroup('cattle2.json').configSha);
  });

  it('reads all seven files together, reporting the group ID three of them share', () => {
    const names = readdirSync(CORPUS).filter((name) => name.endsWith('.json'));
    const files = names.map((name) => ({ path: `specs/${name}`, content: readFileSync(new URL(name, CORPUS), 'utf8') }));

    const result = loadSpecs(files, CORPUS_PLUGINS);

    expect(names).toHaveLength(7);
    expect(!result.ok && result.problems.map((p) => [p.file, p.line, p.column, p.code, p.message])).toEqual([
      ['specs/cattle2.json', 2, 9, 'SPEC_DUPLICATE_ID', 'group "cattle" is also defined at specs/cattle.json:1:1'],
      ['specs/maas-vanilla.json', 2, 9, 'SPEC_DUPLICATE_ID', 'group "cattle" is also defined at specs/cattle.json:1:1'],
    ]);
  });
});

describe('loadSpecs reads the 2016 hello world, with Size inside the flavor properties', () => {
  const helloWorld = JSON.stringify(HELLO_WORLD_SPEC);

  it('takes that Size as the allocation and still passes it to the flavor', () => {
    const group = onlyGroup('specs/garethr.json', helloWorld);

    expect(group.id).toBe('garethr');
    expect(group.allocation).toEqual({ size: 1 });
    expect(group.flavor.properties).toMatchObject({ Size: 1 });
  });

  it('leaves that Size out of config_sha, so resizing keeps instances current', () => {
    const resized = helloWorld.replace('"Size":1', '"Size":7');
    const withAllocation = JSON.stringify({
      ID: 'garethr',
      Properties: {
        Allocation: { Size: 1 },
        Instance: { Plugin: 'instance-file', Properties: { Note: 'Instance properties version 1.0' } },
        Flavor: {
          Plugin: 'flavor-vanilla',
          Properties: {
            Init: ['docker pull nginx:alpine', 'docker run -d -p 80:80 nginx-alpine'],
            Tags: { tier: 'web', project: 'infrakit' },
          },
        },
      },
    });

    const sha = onlyGroup('specs/garethr.json', helloWorld).configSha;

    expect(onlyGroup('specs/garethr.json', resized).configSha).toBe(sha);
    expect(onlyGroup('specs/garethr.json', withAllocation).configSha).toBe(sha);
  });

  it('reads several groups from one list and from several YAML documents', () => {
    const yaml = ['ID: a', 'Properties: {Allocation: {Size: 0}, Instance: {Plugin: instance-file}, Flavor: {Plugin: flavor-vanilla}}'].join(
      '\n',
    );
    const list = `[${helloWorld}, {"Plugin": "group", "Properties": ${helloWorld.replace('garethr', 'wrapped')}}]`;

    const groups = groupsOf(
      loadSpecs(
        [
          { path: 'specs/list.json', content: list },
          { path: 'specs/docs.yaml', content: `${yaml}\n---\n${yaml.replace('ID: a', 'ID: b')}\n` },
        ],
        { instancePlugins: new Set(['instance-file']), flavorPlugins: new Set(['flavor-vanilla']) },
      ),
    );

    expect(groups.map((g) => [g.id, g.allocation.size])).toEqual([
      ['garethr', 1],
      ['wrapped', 1],
      ['a', 0],
      ['b', 0],
    ]);
    expect(groups[2]?.instance.properties).toBeNull();
  });
});
