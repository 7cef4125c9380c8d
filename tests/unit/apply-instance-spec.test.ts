import type { InstanceSpec } from '../../src/plugins/spi.js';
import { baseInstanceSpec, flavorAllocation, flavorIndex, reassertTendTags } from '../../src/reconcile/make-instance-spec.js';
import { groupSpec } from '../helpers/memory-plugins.js';

const created = new Date('2024-05-01T12:00:00.000Z');

describe('baseInstanceSpec', () => {
  it('carries the instance properties and tend tags of a pet', () => {
    const spec = groupSpec('zk', { logicalIds: ['zk1', 'zk2'] });

    const base = baseInstanceSpec(spec, { logicalId: 'zk2', revision: 'abc', created });

    expect(base).toEqual({
      Properties: { Note: 'zk' },
      Tags: {
        'tend.group': 'zk',
        'tend.config_sha': 'sha-new',
        'tend.logical_id': 'zk2',
        'tend.revision': 'abc',
        'tend.created': '2024-05-01T12:00:00.000Z',
      },
      Init: '',
      LogicalID: 'zk2',
      Attachments: null,
    });
  });

  it('sends null properties when the spec has none', () => {
    const spec = { ...groupSpec('web'), instance: { plugin: 'instance-mem', properties: undefined } };

    expect(baseInstanceSpec(spec, { logicalId: null, revision: null, created }).Properties).toBeNull();
  });
});

describe('flavor allocation and index', () => {
  it.each([
    ['cattle', groupSpec('web', { size: 4 }), { Size: 4, LogicalIDs: null }, 4],
    ['pets', groupSpec('zk', { logicalIds: ['a', 'b'] }), { Size: 0, LogicalIDs: ['a', 'b'] }, 2],
  ])('for %s sends InfraKit allocation and the target size as Sequence', (_kind, spec, allocation, sequence) => {
    expect(flavorAllocation(spec)).toEqual(allocation);
    expect(flavorIndex(spec)).toEqual({ Group: spec.id, Sequence: sequence });
  });
});

describe('reassertTendTags', () => {
  const base = baseInstanceSpec(groupSpec('zk', { logicalIds: ['a'] }), { logicalId: 'a', revision: null, created });

  it('keeps the flavor work and lays tend tags and the logical ID back over it', () => {
    const prepared: InstanceSpec = {
      ...base,
      Init: 'boot',
      LogicalID: 'b',
      Attachments: [{ ID: 'vol-1', Type: 'ebs' }],
      Tags: { 'tend.group': 'other', 'tend.revision': 'forged', role: 'zk' },
    };

    const final = reassertTendTags(prepared, base);

    expect(final).toEqual({ ...prepared, LogicalID: 'a', Tags: { role: 'zk', ...base.Tags } });
    expect(final.Tags).not.toHaveProperty('tend.revision');
  });

  it('keeps flavor tags named like Object members', () => {
    const Tags = JSON.parse('{"__proto__": "p", "constructor": "c", "toString": "t"}') as InstanceSpec['Tags'];

    const final = reassertTendTags({ ...base, Tags }, base);

    expect(Object.keys(final.Tags)).toEqual(['__proto__', 'constructor', 'toString', ...Object.keys(base.Tags)]);
    expect(Object.getOwnPropertyDescriptor(final.Tags, '__proto__')?.value).toBe('p');
  });
});
