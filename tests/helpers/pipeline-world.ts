import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../../src/log.js';
import type { ApplySettings, ChangePorts } from '../../src/pipeline/ports.js';
import type { DestroyContext, InstanceDescription, InstancePlugin, InstanceSpec, Tags, ValidationNotes } from '../../src/plugins/spi.js';
import { builtInstance } from '../../src/plugins/built-plugin.js';
import { builtinPluginFactories, createRegistry, processHost } from '../../src/plugins/registry.js';
import type { ValidateAndPlanOptions } from '../../src/reconcile/validate-and-plan.js';
import { stateFolderLock, type LockTiming } from '../../src/compose/apply-lock.js';
import { FolderSource } from '../../src/source/folder-source.js';
import type { CallGate } from './call-gate.js';

/** Every line a pipeline said, as `warn: …` or `error: …`. */
export function recordingLogger(lines: string[]): Logger {
  const say = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  return { info: say('info'), warn: say('warn'), error: say('error'), problem: say('problem') };
}

/** A real instance plugin whose every change waits at the test's gate first, as a remote API's call in flight would. */
class Gated implements InstancePlugin {
  constructor(
    private readonly plugin: InstancePlugin,
    private readonly gate: CallGate,
  ) {}

  validate(properties: unknown): Promise<void | ValidationNotes> {
    return this.plugin.validate(properties);
  }
  async provision(spec: InstanceSpec): Promise<string> {
    await this.gate.pass();
    return this.plugin.provision(spec);
  }
  async destroy(id: string, context: DestroyContext): Promise<void> {
    await this.gate.pass();
    return this.plugin.destroy(id, context);
  }
  describeInstances(tags: Tags, properties?: boolean): Promise<InstanceDescription[]> {
    return this.plugin.describeInstances(tags, properties);
  }
  label(id: string, tags: Tags): Promise<void> {
    return this.plugin.label(id, tags);
  }
}

export const PLANNING: ValidateAndPlanOptions = {
  policy: { maxDestroy: 100_000, maxDestroyPercent: 100, prune: false, mode: 'correct' },
  concurrency: 8,
  shard: null,
};
export const SETTINGS: ApplySettings = { concurrency: 8, healthTimeoutMs: 5000, healthPollMs: 5 };

/**
 * A temp folder with `specs/` and a state folder, and the ports of a real pipeline over it: the
 * folder source, the built-in plugins (file instances whose changes wait at `gate` while the test
 * holds it) and the state folder's real lock, with the given timing.
 */
export async function pipelineWorld(options: { gate?: CallGate; timing?: LockTiming } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tend-pipeline-'));
  const stateDir = path.join(dir, '.tend');
  const lines: string[] = [];
  const factories = builtinPluginFactories();
  const file = factories.file;
  factories.file = async (name, config, host) => {
    const built = await file(name, config, host);
    const plugin = built.instance?.('');
    return plugin !== undefined && options.gate ? builtInstance(new Gated(plugin, options.gate)) : built;
  };
  const registry = await createRegistry(
    { 'instance-file': { type: 'file', dir: path.join(stateDir, 'instances') }, 'flavor-vanilla': { type: 'vanilla' } },
    processHost((message) => lines.push(`warn: ${message}`)),
    factories,
  );
  const controller = new AbortController();
  const ports: ChangePorts = {
    source: new FolderSource(path.join(dir, 'specs'), dir),
    registry,
    log: recordingLogger(lines),
    lock: stateFolderLock(stateDir, 0, { timing: options.timing }),
    signal: controller.signal,
    reporters: [],
  };
  return {
    dir,
    stateDir,
    ports,
    lines,
    stop: () => controller.abort(),
    writeSpec: (file: string, text: string) => {
      mkdirSync(path.join(dir, 'specs'), { recursive: true });
      writeFileSync(path.join(dir, 'specs', file), text);
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
