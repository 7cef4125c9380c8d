import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { errorMessage, PluginError } from '../../errors.js';
import { matchesTags } from '../file/match-tags.js';
import type { RegistryCredentials } from '../plugin-config.js';
import type { CallContext, DestroyContext, InstanceChange, InstanceDescription, InstancePlugin, InstanceSpec, Tags } from '../spi.js';
import { cattleName, CONTAINER_NAME, GROUP_LABEL, labelsFor, logicalIdOf, recordOf, tagsOf, type Labels } from './container-record.js';
import {
  containerHealth,
  healthWaitMs,
  inspectedState,
  listedState,
  needsInspection,
  readiness,
  type ContainerState,
} from './container-state.js';
import { parseDockerProperties, type DockerProperties } from './docker-properties.js';
import { expectShape } from './engine-error.js';
import { engineCall } from './engine-call.js';
import { engineSaid, isSummaryList, nameTaken, shortId, status, withoutEventFields, type ContainerSummary } from './engine-answers.js';
import { observedProperties, type ShownConfig } from './observed-properties.js';
import { pullImage } from './pull-image.js';
import { runInit } from './run-init.js';
import { watchEvents } from './watch-events.js';

export interface DockerInstancePluginOptions {
  /** The configured plugin name, for messages. */
  name: string;
  docker: Docker;
  /** The engine's address as a user reads it, for messages. */
  host: string;
  timeoutMs: number;
  /** The grace of a stop for a container that sets no StopTimeout. */
  stopTimeoutMs: number;
  credentials?: readonly RegistryCredentials[];
  warn?: (message: string) => void;
  /** Lines of a long pull's progress, for a person at a terminal; default: none. */
  progress?: (line: string) => void;
  /** How often a new container is looked at while it comes up; default 100 ms. */
  pollMs?: number;
}

/** At most this many inspections in flight at once while describing. */
const INSPECT_WIDTH = 8;
/** The events a provision causes: a container made, then started. */
const MAKING = /^(create|init|start|attach)/;
/** How long after its own change the plugin still takes a container's events for its own. */
const OWN_EVENTS_MS = 5000;
/** The longest a pull may take while it keeps making progress. */
const PULL_LIMIT_MS = 3_600_000;

/**
 * Instances are containers of one Docker Engine API (Docker, or Podman's compatible service), as
 * InfraKit's docker instance plugin made them: properties `Config`, `HostConfig` and `Tags` (extra
 * labels), tend's tags as labels, pets named by their logical ID, the flavor's Init run in the
 * container once it started. Only containers carrying tend's group label are ever described,
 * stopped or removed: anything else on the engine is left alone. IDs are the engine's container
 * IDs in the short form `docker ps` shows (12 hex digits); every change acts on the full ID they name.
 */
export class DockerInstancePlugin implements InstancePlugin {
  readonly #o: DockerInstancePluginOptions;
  readonly #warn: (message: string) => void;
  /** Containers tend itself is removing (by ID): all their events are tend's own, not news. */
  readonly #own = new Set<string>();
  /** Containers tend itself made (by name): their coming into being is tend's own, their end is news. */
  readonly #made = new Set<string>();
  /** Labels of the containers last described, so a container removed by hand can still be told by its group. */
  #labels = new Map<string, Labels>();

  constructor(options: DockerInstancePluginOptions) {
    this.#o = options;
    this.#warn = options.warn ?? (() => undefined);
  }

  /** Accepts `Config` (with an Image), `HostConfig` and `Tags` as the Engine API types them; rejects naming every problem at its key. */
  async validate(properties: unknown): Promise<void> {
    this.#parse('validate', properties);
  }

  /**
   * Creates the container (pulling its image when the engine lacks it), starts it, runs Init in it,
   * and resolves with its ID once it is up: running, and healthy if it has a HEALTHCHECK. A container
   * that fails any step is removed again. A pet's name held by its own predecessor is freed first;
   * held by any other container, it is an error naming that container.
   */
  async provision(spec: InstanceSpec, call?: CallContext): Promise<string> {
    const props = this.#parse('provision', spec.Properties);
    const name = this.#nameOf(spec);
    const body: Docker.ContainerCreateOptions = {
      ...props.Config,
      Labels: labelsFor(spec, { ...props.Config.Labels, ...props.Tags }),
      HostConfig: props.HostConfig ?? {},
      ...(name !== undefined ? { name } : {}),
    };
    if (name !== undefined) this.#made.add(name);
    try {
      const container = await this.#create(body, spec, call);
      try {
        await this.#call('provision', call, healthWaitMs(props), async (signal) => {
          await container.start({ abortSignal: signal });
          if ((spec.Init ?? '').trim() !== '') {
            const failed = await runInit(container, spec.Init, signal);
            if (failed !== null) throw new PluginError(this.#o.name, 'provision', `container ${name ?? container.id}: ${failed}`);
          }
          await this.#waitUp(container, signal);
        });
        return shortId(container.id);
      } catch (err) {
        await this.#removeQuietly(container);
        throw err;
      }
    } finally {
      // Its events may come after the answer: they are still this plugin's own for a while.
      if (name !== undefined) this.#forget(this.#made, name);
    }
  }

  /** Stops the container with its grace period (its StopTimeout, else the plugin's) and removes it with its anonymous volumes; INSTANCE_GONE when it is not there. */
  async destroy(id: string, _context: DestroyContext, call?: CallContext): Promise<void> {
    const info = await this.#call('destroy', call, 0, (signal) => this.#inspectOwn('destroy', id, signal));
    const own = (info.Config as { StopTimeout?: unknown } | undefined)?.StopTimeout;
    const graceMs = typeof own === 'number' ? own * 1000 : this.#o.stopTimeoutMs;
    await this.#call('destroy', call, graceMs, async (signal) => {
      const container = this.#o.docker.getContainer(info.Id);
      this.#own.add(info.Id);
      try {
        await container.stop({ t: Math.ceil(graceMs / 1000), abortSignal: signal }).catch((err: unknown) => {
          if (status(err) !== 304) throw err;
        });
        await container.remove({ v: true, force: true, abortSignal: signal });
      } catch (err) {
        if (status(err) === 404) throw this.#gone('destroy', id);
        throw err;
      } finally {
        this.#forget(this.#own, info.Id);
      }
    });
  }

  /**
   * Lists tend's containers (one list call, by tend's group label) that carry every given tag. With
   * properties, each is judged too: its Properties are the spec it was made from, with its image and
   * any `docker update`d resource as the engine shows them, and Health 2 says it is down (exited,
   * stopped, paused, dead, or failing its health check). Read-only, safe to retry.
   */
  async describeInstances(tags: Tags, properties = false, call?: CallContext): Promise<InstanceDescription[]> {
    const filter = tags ?? {};
    const group = filter[GROUP_LABEL];
    const label = group !== undefined && group !== '' ? `${GROUP_LABEL}=${group}` : GROUP_LABEL;
    return this.#call('describeInstances', call, 0, async (signal) => {
      const answer: unknown = await this.#o.docker.listContainers({ all: true, filters: { label: [label] }, abortSignal: signal });
      const list = expectShape(this.#o.name, 'describeInstances', this.#o.host, answer, isSummaryList, 'a list of containers');
      const seen = new Map<string, Labels>();
      const found: Array<{ summary: ContainerSummary; description: InstanceDescription }> = [];
      for (const summary of list) {
        const labels = summary.Labels ?? {};
        if (!Object.hasOwn(labels, GROUP_LABEL)) continue;
        seen.set(summary.Id, labels);
        const record = recordOf(labels);
        const description: InstanceDescription = {
          ID: shortId(summary.Id),
          LogicalID: logicalIdOf(labels, record),
          Tags: tagsOf(labels, record),
        };
        if (matchesTags(description.Tags, filter)) found.push({ summary, description });
      }
      if (group === undefined || group === '') this.#labels = seen;
      else for (const [id, labels] of seen) this.#labels.set(id, labels);
      if (properties) await this.#judgeAll(found, signal);
      return found.map((f) => f.description).sort((a, b) => a.ID.localeCompare(b.ID));
    });
  }

  /** Labels are fixed when a container is made: the engine cannot change them, so neither can tend. */
  async label(id: string, _tags: Tags): Promise<void> {
    const why =
      "a container's labels are fixed when it is made (the Engine API cannot change them); tend replaces a container to change its tags";
    throw new PluginError(this.#o.name, 'label', `cannot label container ${id}: ${why}`);
  }

  /**
   * Tells of tend's containers that appear, stop, die, fail their health check or are removed by
   * anyone but this plugin, from the engine's event stream; reconnects with backoff when the engine
   * goes away, and says once when events are unavailable (polling still finds every change).
   */
  watch(onChange: (changes: readonly InstanceChange[]) => void): () => void {
    return watchEvents(this.#o.docker, {
      label: GROUP_LABEL,
      onEvent: (event) => {
        if (this.#own.has(event.id) || (MAKING.test(event.action) && this.#made.has(event.name))) return;
        // The labels last described are the container's own; an event's attributes mix them with its name, image and exit code.
        const labels = this.#labels.get(event.id) ?? withoutEventFields(event.labels);
        onChange([{ id: shortId(event.id), tags: tagsOf(labels, recordOf(labels)) }]);
      },
      onOutage: (message) => {
        if (message !== null) this.#warn(`${this.#o.name}: ${message}`);
        else this.#warn(`${this.#o.name}: engine events at ${this.#o.host} are back`);
      },
    });
  }

  #parse(method: string, properties: unknown): DockerProperties {
    const result = parseDockerProperties(properties);
    if (result.ok) return result.value;
    const said = result.problems.map((p) => `${p.path.join('.') || 'properties'}: ${p.message}`).join('; ');
    throw new PluginError(this.#o.name, method, said, { problems: result.problems });
  }

  #nameOf(spec: InstanceSpec): string | undefined {
    if (spec.LogicalID === null || spec.LogicalID === undefined) {
      return cattleName(spec.Tags?.[GROUP_LABEL], randomBytes(4).toString('hex'));
    }
    if (!CONTAINER_NAME.test(spec.LogicalID)) {
      const rule = 'a container name is letters, digits, _ . - and starts with a letter or digit';
      throw new PluginError(this.#o.name, 'provision', `logical ID ${JSON.stringify(spec.LogicalID)} cannot name a container: ${rule}`);
    }
    return spec.LogicalID;
  }

  /** Creates the container; pulls its image first when the engine has none, and frees a pet's name from its own predecessor. */
  async #create(body: Docker.ContainerCreateOptions, spec: InstanceSpec, call: CallContext | undefined): Promise<Docker.Container> {
    const create = (): Promise<Docker.Container> =>
      this.#call('provision', call, 0, (signal) => this.#o.docker.createContainer({ ...body, abortSignal: signal }));
    try {
      return await create();
    } catch (err) {
      const said = (err as { cause?: unknown }).cause;
      if (status(said) === 404) {
        // A pull takes as long as the image is large: it is bounded by its silence, not by the plugin's timeout.
        await this.#call('provision', call, PULL_LIMIT_MS, (signal) => this.#pull(String(body.Image), signal));
      } else if (nameTaken(said) && body.name !== undefined) {
        const name = body.name;
        await this.#call('provision', call, this.#o.stopTimeoutMs, (signal) => this.#freeName(name, spec, signal));
      } else {
        throw err;
      }
    }
    return create();
  }

  async #pull(image: string, signal: AbortSignal): Promise<void> {
    try {
      await pullImage(this.#o.docker, image, {
        credentials: this.#o.credentials ?? [],
        idleMs: this.#o.timeoutMs,
        signal,
        ...(this.#o.progress ? { progress: this.#o.progress } : {}),
      });
    } catch (err) {
      throw new PluginError(this.#o.name, 'provision', `image ${image} could not be pulled: ${engineSaid(err)}`, { cause: err });
    }
  }

  /** A pet's name is held: by its own predecessor (same group, same logical ID), which is removed; by anything else, an error naming it. */
  async #freeName(name: string, spec: InstanceSpec, signal: AbortSignal): Promise<void> {
    const holder = await this.#o.docker.getContainer(name).inspect({ abortSignal: signal });
    const labels = holder.Config?.Labels ?? {};
    const group = spec.Tags?.[GROUP_LABEL];
    const mine = labels[GROUP_LABEL] === group && logicalIdOf(labels, recordOf(labels)) === spec.LogicalID;
    if (!mine) {
      const whose = Object.hasOwn(labels, GROUP_LABEL)
        ? `tend's group ${JSON.stringify(labels[GROUP_LABEL])}`
        : "no tend group (not tend's)";
      throw new PluginError(
        this.#o.name,
        'provision',
        `container name ${JSON.stringify(name)} is held by container ${holder.Id.slice(0, 12)} (image ${holder.Config?.Image ?? '?'}, ${whose}); tend leaves it alone: rename or remove it, or choose another logical ID`,
      );
    }
    this.#own.add(holder.Id);
    this.#forget(this.#own, holder.Id);
    await this.#o.docker.getContainer(holder.Id).remove({ v: true, force: true, abortSignal: signal });
  }

  /** Waits until the new container runs (and, with a HEALTHCHECK, is healthy); rejects when it stops instead. */
  async #waitUp(container: Docker.Container, signal: AbortSignal): Promise<void> {
    let delay = this.#o.pollMs ?? 100;
    for (;;) {
      const info = await container.inspect({ abortSignal: signal });
      const state = inspectedState(info.State);
      const now = readiness(state);
      if (now === 'up') return;
      if (now === 'down') {
        const exit = (info.State as { ExitCode?: number } | undefined)?.ExitCode;
        const why = state.status === 'exited' ? `exited with ${String(exit)} right after it started` : `is ${state.status}`;
        throw new PluginError(this.#o.name, 'provision', `container ${container.id.slice(0, 12)} ${why}`);
      }
      await sleep(delay, signal);
      delay = Math.min(delay * 2, 1000);
    }
  }

  /**
   * Judges each listed container: its health and its properties as the engine shows them. The list
   * says most of it (state, health in its status, image); a container is inspected only when its
   * spec holds what only an inspection shows: resources `docker update` can change, or a health
   * check the list may not report.
   */
  async #judgeAll(found: Array<{ summary: ContainerSummary; description: InstanceDescription }>, signal: AbortSignal): Promise<void> {
    const judge = (item: (typeof found)[number], state: ContainerState, shown: ShownConfig): void => {
      const { description } = item;
      // Only a verdict of down is said: anything else is left to the flavor, as for any other plugin.
      if (containerHealth(state) === 2) description.Health = 2;
      const record = recordOf(item.summary.Labels ?? {});
      if (record !== null)
        description.Properties = { ...record, Tags: description.Tags, Properties: observedProperties(record.Properties, shown) };
    };
    const deeper: typeof found = [];
    for (const item of found) {
      if (needsInspection(recordOf(item.summary.Labels ?? {}))) deeper.push(item);
      else judge(item, listedState(item.summary), { image: item.summary.Image ?? '', hostConfig: {} });
    }
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < deeper.length) {
        const item = deeper[next++] as (typeof deeper)[number];
        let info: Docker.ContainerInspectInfo;
        try {
          info = await this.#o.docker.getContainer(item.summary.Id).inspect({ abortSignal: signal });
        } catch (err) {
          if (status(err) !== 404) throw err;
          // Removed since the list: it counts as it was listed, and the next look will not see it.
          judge(item, listedState(item.summary), { image: item.summary.Image ?? '', hostConfig: {} });
          continue;
        }
        const shown = { image: info.Config?.Image ?? '', hostConfig: (info.HostConfig ?? {}) as Record<string, unknown> };
        judge(item, inspectedState(info.State), shown);
      }
    };
    await Promise.all(Array.from({ length: Math.min(INSPECT_WIDTH, deeper.length) }, worker));
  }

  /** The container `id` when it is tend's (it carries tend's group label); INSTANCE_GONE when there is none, an error when it is not tend's. */
  async #inspectOwn(method: string, id: string, signal: AbortSignal): Promise<Docker.ContainerInspectInfo> {
    let info: Docker.ContainerInspectInfo;
    try {
      info = await this.#o.docker.getContainer(id).inspect({ abortSignal: signal });
    } catch (err) {
      if (status(err) === 404) throw this.#gone(method, id);
      throw err;
    }
    // The engine also finds a container by name or by a prefix of its ID: only the one with this very ID is the instance.
    if (!info.Id.startsWith(id) || !Object.hasOwn(info.Config?.Labels ?? {}, GROUP_LABEL)) {
      throw new PluginError(this.#o.name, method, `container ${id} is not tend's (it has no ${GROUP_LABEL} label); tend leaves it alone`);
    }
    return info;
  }

  /** Stops counting the events of a container as this plugin's own, once they have had time to arrive. */
  #forget(own: Set<string>, key: string): void {
    setTimeout(() => own.delete(key), OWN_EVENTS_MS).unref();
  }

  #gone(method: string, id: string): PluginError {
    return new PluginError(this.#o.name, method, `container ${id} not found`, { code: 'INSTANCE_GONE' });
  }

  async #removeQuietly(container: Docker.Container): Promise<void> {
    try {
      this.#own.add(container.id);
      this.#forget(this.#own, container.id);
      await container.remove({ v: true, force: true });
    } catch (err) {
      if (status(err) !== 404)
        this.#warn(`${this.#o.name}: could not remove failed container ${container.id.slice(0, 12)}: ${errorMessage(err)}`);
    }
  }

  #call<T>(method: string, call: CallContext | undefined, extraMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return engineCall(this.#o, method, call, extraMs, work);
  }
}

/** Resolves after `ms`, or at once when the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
