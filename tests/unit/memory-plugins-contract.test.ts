import { describeFlavorPluginContract } from '../helpers/flavor-plugin-contract.js';
import { describeInstancePluginContract } from '../helpers/instance-plugin-contract.js';
import { MemoryFlavorPlugin, MemoryInstancePlugin } from '../helpers/memory-plugins.js';

// The in-memory plugins the unit tests use stand in for real ones only as far as they keep their contracts.
describeInstancePluginContract('memory (test stand-in)', async () => ({
  plugin: new MemoryInstancePlugin('instance-mem', []),
  cleanup: async () => undefined,
}));

describeFlavorPluginContract('memory (test stand-in)', async () => ({
  plugin: new MemoryFlavorPlugin('flavor-mem', []),
  cleanup: async () => undefined,
}));
