import http from 'node:http';
import { PluginError, type PluginErrorCode } from '../../errors.js';
import { callLimit } from '../call-limit.js';
import type { CallContext, PluginKind } from '../spi.js';
import type { WireCaller } from '../wire/wire-caller.js';
import { handshake, kindsOf, type Implemented } from './handshake.js';
import { httpPost, HttpFailure, type HttpTarget } from './http-post.js';
import { idCounter, readResult, requestBody } from './json-rpc-envelope.js';
import type { RpcAddress } from '../plugin-config.js';
import { resolveAddress } from './plugin-address.js';

export interface RpcClientOptions {
  name: string;
  address: RpcAddress;
  timeoutMs: number;
  /** Where INFRAKIT_PLUGINS_DIR and HOME are read for a plugin found by name. */
  env: NodeJS.ProcessEnv;
}

/** Calls that may be sent again when a kept-alive connection turns out closed before it carried them: all but Provision. */
const NOT_RESENT = new Set(['Instance.Provision']);

/**
 * A JSON-RPC 2.0 plugin over HTTP (`POST /` on a unix socket or TCP): connections kept alive and re-dialled when
 * the plugin restarts on the same socket, a handshake before the first call (again after one that
 * failed), and every call bounded by its deadline.
 */
export class RpcClient implements WireCaller {
  readonly name: string;
  readonly #agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  readonly #nextId = idCounter();
  #handshake: Promise<Implemented> | null = null;
  #target: Promise<HttpTarget> | null = null;

  constructor(private readonly options: RpcClientOptions) {
    this.name = options.name;
  }

  /** What the plugin implements, asking it once (and again after a failed try). */
  implemented(call?: CallContext): Promise<Implemented> {
    this.#handshake ??= handshake(this.name, (method, params) => this.#send(method, params, call)).catch((err: unknown) => {
      this.#handshake = null;
      throw err;
    });
    return this.#handshake;
  }

  async kinds(call?: CallContext): Promise<Set<PluginKind>> {
    return kindsOf(await this.implemented(call));
  }

  async instanceVersion(call: CallContext | undefined, method = 'Handshake'): Promise<string> {
    const { instance } = await this.#implementedFor(method, call);
    if (instance === null)
      throw new PluginError(this.name, 'Handshake', 'does not implement the Instance interface', { code: 'PLUGIN_PROTOCOL' });
    return instance;
  }

  async call(method: string, params: unknown, call: CallContext | undefined): Promise<unknown> {
    const implemented = await this.#implementedFor(method, call);
    const wanted = method.startsWith('Flavor.') ? 'flavor' : 'instance';
    if (implemented[wanted] === null) {
      const lacks = wanted === 'flavor' ? 'Flavor' : 'Instance';
      throw new PluginError(this.name, method, `does not implement the ${lacks} interface (its handshake said so)`, {
        code: 'PLUGIN_PROTOCOL',
      });
    }
    return this.#send(method, params, call);
  }

  /** The handshake, its failure said as a failure of the call that was wanted, the handshake's own words after it. */
  async #implementedFor(method: string, call: CallContext | undefined): Promise<Implemented> {
    try {
      return await this.implemented(call);
    } catch (err) {
      if (!(err instanceof PluginError)) throw err;
      const said = err.message.startsWith(`${this.name}: `) ? err.message.slice(this.name.length + 2) : err.message;
      throw new PluginError(this.name, method, said, { code: err.code as PluginErrorCode, transient: err.transient, cause: err });
    }
  }

  /**
   * Where the plugin listens: its folder is looked at once, and again only after a connection to
   * what was found failed, not on every call (a plugin's Healthy is asked once per instance).
   */
  #where(method: string): Promise<HttpTarget> {
    this.#target ??= resolveAddress(this.name, this.options.address, this.options.env, method).catch((err: unknown) => {
      this.#target = null;
      throw err;
    });
    return this.#target;
  }

  async #send(method: string, params: unknown, call: CallContext | undefined): Promise<unknown> {
    const limit = callLimit(call, this.options.timeoutMs);
    try {
      let target = await this.#where(method);
      let lookedAgain = false;
      const body = requestBody(method, params, this.#nextId());
      for (let attempt = 1; ; attempt++) {
        try {
          const answer = await httpPost(this.#agent, target, body, limit.signal);
          if (answer.status !== 200) {
            const text = answer.body.trim().slice(0, 200);
            throw new PluginError(this.name, method, `HTTP ${answer.status}${text ? `: ${text}` : ''}`, { code: 'PLUGIN_PROTOCOL' });
          }
          return readResult(this.name, method, answer.body);
        } catch (err) {
          if (!(err instanceof HttpFailure)) throw err;
          if (err.stage === 'aborted' || limit.signal.aborted) throw limit.error(this.name, method);
          if (err.reusedSocket && attempt === 1 && !NOT_RESENT.has(method)) continue;
          // Nothing was sent: the plugin may have come up again elsewhere (a new socket, another port in NAME.listen).
          if (err.stage === 'connect' && !lookedAgain) {
            this.#target = null;
            target = await this.#where(method);
            lookedAgain = true;
            continue;
          }
          const where = 'socketPath' in target ? target.socketPath : `${target.host}:${target.port}`;
          throw new PluginError(this.name, method, `${where}: ${err.message}`, { code: 'PLUGIN_UNREACHABLE', transient: true });
        }
      }
    } finally {
      limit.dispose();
    }
  }
}
