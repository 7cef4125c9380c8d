import { describeInstancePluginContract } from '../helpers/instance-plugin-contract.js';
import { MemoryInstancePlugin } from '../helpers/memory-plugins.js';

// The in-memory plugin the unit tests use stands in for real ones only as far as it keeps their contract.
describeInstancePluginContract('memory (test stand-in)', async () => ({
  plugin: new MemoryInstancePlugin('instance-mem', []),
  cleanup: async () => undefined,
}));
