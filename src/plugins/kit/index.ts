/**
 * tend's plugin kit: serve an InstancePlugin or FlavorPlugin written in TypeScript over InfraKit's
 * JSON-RPC wire, so that tend (or InfraKit) reaches it as an `rpc` plugin (docs/plugins.md: InfraKit users
 * and plugins; examples/plugin-kit/).
 */
export { servePlugins, type PluginServer, type ServeOptions } from './serve-plugins.js';
export type { ServedPlugins } from './kit-dispatch.js';
export type {
  Allocation,
  CallContext,
  DestroyContext,
  FlavorIndex,
  FlavorPlugin,
  Health,
  InstanceDescription,
  InstancePlugin,
  InstanceSpec,
  Tags,
} from '../spi.js';
