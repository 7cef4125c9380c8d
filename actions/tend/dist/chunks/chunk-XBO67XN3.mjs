import { createRequire as __tendCreateRequire } from 'node:module';
const require = __tendCreateRequire(import.meta.url);
import {
  formatDuration
} from "./chunk-WFVJPLRU.mjs";
import {
  PluginError
} from "./chunk-RSD3EPRX.mjs";

// src/plugins/built-plugin.ts
function builtInstance(plugin) {
  const kinds = /* @__PURE__ */ new Set(["instance"]);
  return { kinds: () => kinds, subtypes: false, instance: () => plugin };
}
function builtFlavor(plugin) {
  const kinds = /* @__PURE__ */ new Set(["flavor"]);
  return { kinds: () => kinds, subtypes: false, flavor: () => plugin };
}

// src/plugins/file/match-tags.ts
function matchesTags(tags, filter) {
  for (const key in filter) {
    const actual = Object.hasOwn(tags, key) ? tags[key] : "";
    if (actual !== filter[key]) return false;
  }
  return true;
}

// src/plugins/call-limit.ts
function callLimit(call, timeoutMs) {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), Math.max(0, Math.min(call?.deadline ?? Infinity, Date.now() + timeoutMs) - Date.now()));
  const signal = call?.signal ? AbortSignal.any([deadline.signal, call.signal]) : deadline.signal;
  const timedOut = () => signal.aborted && signal.reason === deadline.signal.reason;
  return {
    signal,
    timedOut,
    error: (plugin, method) => timedOut() ? new PluginError(plugin, method, `no answer within ${formatDuration(timeoutMs)}`, { code: "PLUGIN_TIMEOUT", transient: true }) : new PluginError(plugin, method, "call cancelled by an interrupt", { code: "INTERRUPTED", transient: true }),
    dispose: () => clearTimeout(timer)
  };
}

export {
  builtInstance,
  builtFlavor,
  callLimit,
  matchesTags
};
