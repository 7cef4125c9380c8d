import type { FlavorPlugin, InstanceSpec } from '../../src/plugins/spi.js';

export interface FlavorContractSubject {
  plugin: FlavorPlugin;
  cleanup: () => Promise<void>;
}

const ALLOCATION = { Size: 2, LogicalIDs: null };
const INDEX = { Group: 'web', Sequence: 2 };
/** Properties any vanilla-like flavor accepts: Init lines and tags. */
const PROPERTIES = { Init: ['echo flavor'], Tags: { tier: 'web' } };

function spec(overrides: Partial<InstanceSpec> = {}): InstanceSpec {
  return {
    Properties: { Note: 'contract', nested: { list: [1, 'two', null] } },
    Tags: { 'tend.group': 'web', 'tend.config_sha': 'abc' },
    Init: '',
    LogicalID: null,
    Attachments: null,
    ...overrides,
  };
}

/**
 * The SPI contract every flavor meets, whatever its transport (InfraKit's Flavor interface):
 * Validate accepts its properties, Prepare keeps the instance properties, logical ID and tags it
 * is given and is pure, Healthy answers 0, 1 or 2, Drain resolves.
 */
export function describeFlavorPluginContract(name: string, makePlugin: () => Promise<FlavorContractSubject>): void {
  describe(`flavor plugin contract: ${name}`, () => {
    let plugin: FlavorPlugin;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ plugin, cleanup } = await makePlugin());
    });

    afterEach(async () => {
      await cleanup();
    });

    it('validate accepts Init lines and tags for an allocation', async () => {
      await expect(plugin.validate(PROPERTIES, ALLOCATION)).resolves.toBeUndefined();
    });

    it('prepare keeps the properties, logical ID and tags of the spec it is given', async () => {
      const given = spec({ LogicalID: 'lid-1' });

      const prepared = await plugin.prepare(PROPERTIES, given, { Size: 0, LogicalIDs: ['lid-1'] }, INDEX);

      expect(JSON.parse(JSON.stringify(prepared.Properties))).toEqual(given.Properties);
      expect(prepared.LogicalID).toBe('lid-1');
      expect(prepared.Tags).toMatchObject(given.Tags);
      expect(typeof prepared.Init).toBe('string');
    });

    it('prepare gives the same spec for the same input', async () => {
      const [a, b] = await Promise.all([
        plugin.prepare(PROPERTIES, spec(), ALLOCATION, INDEX),
        plugin.prepare(PROPERTIES, spec(), ALLOCATION, INDEX),
      ]);

      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    });

    it('healthy answers 0, 1 or 2', async () => {
      const health = await plugin.healthy(PROPERTIES, { ID: 'i-1', LogicalID: null, Tags: { 'tend.group': 'web' } });

      expect([0, 1, 2]).toContain(health);
    });

    it('drain resolves for an instance', async () => {
      await expect(plugin.drain(PROPERTIES, { ID: 'i-1', LogicalID: null, Tags: { 'tend.group': 'web' } })).resolves.toBeUndefined();
    });
  });
}
