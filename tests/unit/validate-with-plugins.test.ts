import { PluginError } from '../../src/errors.js';
import type { FlavorPlugin, InstancePlugin } from '../../src/plugins/spi.js';
import { checkSpecs } from '../../src/reconcile/validate-and-plan.js';
import { problemLine } from '../../src/problem.js';
import { MemoryFlavorPlugin, MemoryPluginRegistry } from '../helpers/memory-plugins.js';
import { webYaml } from '../helpers/spec-fixtures.js';

/** The runner's default `--concurrency`. */
const CHECK = { concurrency: 8 };

const revision = (groups: number) => ({
  sha: null,
  pathExists: true,
  files: Array.from({ length: groups }, (_, i) => ({ path: `specs/g${i}.yaml`, content: webYaml({ id: `g${i}` }) })),
});

describe('plugin validation of a revision', () => {
  it('keeps at most --concurrency calls in flight, however many groups', async () => {
    let inFlight = 0;
    let most = 0;
    const instance: Pick<InstancePlugin, 'validate'> = {
      validate: async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight--;
      },
    };
    const registry = new MemoryPluginRegistry(
      { 'instance-file': instance as InstancePlugin },
      { 'flavor-vanilla': new MemoryFlavorPlugin('flavor-vanilla', []) },
    );

    const result = await checkSpecs(revision(40), registry, { concurrency: 3 });

    expect(result.ok).toBe(true);
    expect(most).toBe(3);
  });

  it('takes a plugin that gives no verdict (down, timed out, garbage) for a warning, not a problem of the spec', async () => {
    const down: Pick<FlavorPlugin, 'validate'> = {
      validate: async () => {
        throw new PluginError('flavor-vanilla', 'Flavor.Validate', 'no answer within 1s', { code: 'PLUGIN_TIMEOUT', transient: true });
      },
    };
    const registry = new MemoryPluginRegistry(
      { 'instance-file': { validate: async () => undefined } as unknown as InstancePlugin },
      { 'flavor-vanilla': down as FlavorPlugin },
    );

    const result = await checkSpecs(revision(1), registry, CHECK);

    expect(result.ok).toBe(true);
    expect(result.warnings.map(problemLine)).toEqual([
      'specs/g0.yaml:5:48  SPEC_PLUGIN_WARNING  Properties.Flavor.Properties: could not ask flavor-vanilla to validate: flavor-vanilla: Flavor.Validate: no answer within 1s',
    ]);
  });
});
