import { VanillaFlavor } from '../../src/plugins/vanilla/vanilla-flavor.js';
import { describeFlavorPluginContract } from '../helpers/flavor-plugin-contract.js';

describeFlavorPluginContract('vanilla (built in)', async () => ({
  plugin: new VanillaFlavor({ name: 'flavor-vanilla' }),
  cleanup: async () => undefined,
}));
