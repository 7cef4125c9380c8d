import type { InstancePlugin, InstanceSpec, Tags } from '../../src/plugins/spi.js';

export interface ContractSubject {
  plugin: InstancePlugin;
  cleanup: () => Promise<void>;
  /**
   * What the plugin is given as Properties in place of the contract's own (opaque) ones, for a
   * plugin that accepts only properties of its kind (a container needs an image); default: as they are.
   */
  properties?: (contractProperties: Record<string, unknown>) => unknown;
  /** Tags every instance is made with, as tend gives them (a plugin may refuse, or never list, an instance without). */
  requiredTags?: Tags;
  /** False for a plugin whose instances' tags are fixed when made (a container's labels): its Label refuses and changes nothing. */
  labels?: boolean;
}

/** An instance spec as tend sends it, with the given tags and optional overrides. */
export function instanceSpec(tags: Tags, overrides: Partial<InstanceSpec> = {}): InstanceSpec {
  return { Properties: { Note: 'contract' }, Tags: tags, Init: '', LogicalID: null, Attachments: null, ...overrides };
}

/**
 * The SPI contract every instance plugin meets, whatever its transport: `makePlugin` must give a
 * plugin with no instances yet. Checks only what InfraKit's Instance interface promises.
 */
export function describeInstancePluginContract(name: string, makePlugin: () => Promise<ContractSubject>): void {
  describe(`instance plugin contract: ${name}`, () => {
    let plugin: InstancePlugin;
    let cleanup: () => Promise<void>;
    let subject: ContractSubject;

    beforeEach(async () => {
      subject = await makePlugin();
      ({ plugin, cleanup } = subject);
    });

    afterEach(async () => {
      await cleanup();
    });

    /** The spec the contract means, as this plugin takes it: its own kind of properties, tend's required tags. */
    const specFor = (tags: Tags, overrides: Partial<InstanceSpec> = {}): InstanceSpec => {
      const spec = instanceSpec(withRequired(tags), overrides);
      return subject.properties ? { ...spec, Properties: subject.properties(spec.Properties as Record<string, unknown>) } : spec;
    };
    const withRequired = (tags: Tags): Tags => ({ ...subject.requiredTags, ...tags });
    const provisionAll = (tagSets: Tags[]): Promise<string[]> => Promise.all(tagSets.map((tags) => plugin.provision(specFor(tags))));
    const idsOf = async (filter: Tags): Promise<string[]> => (await plugin.describeInstances(filter)).map((d) => d.ID).sort();

    it('provision returns distinct, non-empty IDs', async () => {
      const ids = await provisionAll([{ g: 'a' }, { g: 'a' }, { g: 'a' }]);

      expect(new Set(ids).size).toBe(3);
      for (const id of ids) expect(id).toMatch(/.+/);
    });

    it('describe with {} lists every instance, and [] when there are none', async () => {
      const before = await plugin.describeInstances({});
      const ids = await provisionAll([{ g: 'a' }, { g: 'b' }]);

      const after = await idsOf({});

      expect(before).toEqual([]);
      expect(after).toEqual([...ids].sort());
    });

    it('filters by tags with AND, a missing tag comparing as ""', async () => {
      const [both, aOnly, neither] = await provisionAll([{ a: '1', b: '1' }, { a: '1' }, { c: '1' }]);

      const results = await Promise.all([
        idsOf({ a: '1' }),
        idsOf({ a: '1', b: '1' }),
        idsOf({ a: '1', b: '' }),
        idsOf({ b: '' }),
        idsOf({ a: '2' }),
      ]);

      expect(results).toEqual([[both, aOnly].sort(), [both], [aOnly], [aOnly, neither].sort(), []]);
    });

    it('describes tags as provisioned, without properties unless asked', async () => {
      const tags = withRequired({ 'tend.group': 'web', note: 'ünïcode / "quoted" \\ <&>' });
      const id = await plugin.provision(specFor(tags));

      const [description] = await plugin.describeInstances({ 'tend.group': 'web' });

      expect(description).toMatchObject({ ID: id, Tags: tags });
      expect(description?.Properties ?? null).toBeNull();
    });

    it('with properties, returns the provisioned spec in InfraKit shape', async () => {
      const spec = specFor(
        { 'tend.group': 'db' },
        {
          Properties: { Note: 'probe', nested: { list: [1, 'two', null] } },
          Init: 'echo one\necho two',
          LogicalID: 'lid-1',
          Attachments: [{ ID: 'vol-1', Type: 'ebs' }],
        },
      );
      const id = await plugin.provision(spec);

      const [description] = await plugin.describeInstances({ 'tend.group': 'db' }, true);

      expect(description).toEqual({ ID: id, LogicalID: 'lid-1', Tags: spec.Tags, Properties: spec });
    });

    it('round-trips LogicalID, null when none was given', async () => {
      const pet = await plugin.provision(specFor({ kind: 'pet' }, { LogicalID: '192.168.1.200' }));
      const cattle = await plugin.provision(specFor({ kind: 'cattle' }));

      const found = await plugin.describeInstances({});

      expect(found.find((d) => d.ID === pet)?.LogicalID).toBe('192.168.1.200');
      expect(found.find((d) => d.ID === cattle)?.LogicalID ?? null).toBeNull();
    });

    it('label merges tags into the labelled instance only', async () => {
      const [labelled, other] = await provisionAll([
        { a: '1', b: '1' },
        { a: '1', b: '1' },
      ]);

      const labelling = plugin.label(labelled!, { b: '2', c: '3' });
      if (subject.labels === false) await expect(labelling).rejects.toBeInstanceOf(Error);
      else await labelling;
      const found = await plugin.describeInstances({});

      const merged: Tags = subject.labels === false ? { a: '1', b: '1' } : { a: '1', b: '2', c: '3' };
      expect(found.find((d) => d.ID === labelled)?.Tags).toEqual(withRequired(merged));
      expect(found.find((d) => d.ID === other)?.Tags).toEqual(withRequired({ a: '1', b: '1' }));
    });

    it('destroy removes the instance and only that one', async () => {
      const [gone, kept] = await provisionAll([{ g: 'x' }, { g: 'x' }]);

      await plugin.destroy(gone!, 'terminate');

      expect(await idsOf({})).toEqual([kept]);
    });

    it.each(['destroy', 'label'] as const)('%s of an instance that does not exist rejects', async (method) => {
      const id = await plugin.provision(specFor({ g: 'x' }));
      await plugin.destroy(id, 'terminate');

      const call = method === 'destroy' ? plugin.destroy(id, 'rolling_update') : plugin.label(id, { a: '1' });

      await expect(call).rejects.toBeInstanceOf(Error);
      expect(await idsOf({})).toEqual([]);
    });

    it('destroy of an instance that is already gone says so (INSTANCE_GONE), so that a retried rollout goes on', async () => {
      const id = await plugin.provision(specFor({ g: 'x' }));
      await plugin.destroy(id, 'terminate');

      await expect(plugin.destroy(id, 'rolling_update')).rejects.toMatchObject({ code: 'INSTANCE_GONE' });
    });

    it('validate accepts an object', async () => {
      const properties = { Note: 'Instance properties version 1.0' };

      await expect(plugin.validate(subject.properties ? subject.properties(properties) : properties)).resolves.toBeUndefined();
    });
  });
}
