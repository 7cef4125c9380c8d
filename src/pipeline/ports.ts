import type { Logger } from '../log.js';
import type { Reporter } from './reporter.js';
import type { PluginRegistry } from '../plugins/spi.js';
import type { SpecSource } from '../source/spec-source.js';

/** The release of a held lock; resolves once it is released (or was already lost). */
export type ReleaseLock = () => Promise<void>;

/** What keeps two runs from changing the same instances at once (compose/apply-lock.ts holds it in the state folder). */
export interface ApplyLock {
  /**
   * Takes the lock, or rejects with LOCKED (transient) when another run holds it. `onLost` is told
   * if the lock is taken away while held, after which the holder must stop changing anything.
   */
  acquire(onLost: (err: Error) => void): Promise<ReleaseLock>;
}

/** What every pipeline step reads through: where the specs come from, the plugins, and where to say things. */
export interface ReadPorts {
  source: SpecSource;
  registry: PluginRegistry;
  log: Logger;
}

/** What a whole run also reports to. */
export interface RunPorts extends ReadPorts {
  reporters: readonly Reporter[];
}

/** What a step that changes instances also needs. */
export interface LockPorts extends ReadPorts {
  lock: ApplyLock;
  /** The driver's stop (a signal, a shutdown): no new work starts once it is aborted. */
  signal: AbortSignal;
}

/** A whole run that changes instances. */
export interface ChangePorts extends RunPorts, LockPorts {}

/** How an apply runs once planned (docs/commands.md: Safety). */
export interface ApplySettings {
  concurrency: number;
  healthTimeoutMs: number;
  /** First health poll delay; backs off to 2 s. */
  healthPollMs: number;
}
