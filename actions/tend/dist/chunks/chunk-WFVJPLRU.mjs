import { createRequire as __tendCreateRequire } from 'node:module';
const require = __tendCreateRequire(import.meta.url);

// src/duration.ts
var UNITS = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
var MAX_DURATION_MS = 2 ** 31 - 1;
function parseDuration(text) {
  let ms;
  if (typeof text === "number") {
    ms = text * 1e3;
  } else {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text);
    if (!match) return null;
    ms = Number(match[1]) * (UNITS[match[2] ?? "s"] ?? 1e3);
  }
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_DURATION_MS) return null;
  return Math.round(ms);
}
function formatDuration(ms) {
  if (ms < 1e3) return `${ms}ms`;
  if (ms % 6e4 === 0) return `${ms / 6e4}m`;
  return ms % 1e3 === 0 ? `${ms / 1e3}s` : `${(ms / 1e3).toFixed(1)}s`;
}

export {
  parseDuration,
  formatDuration
};
