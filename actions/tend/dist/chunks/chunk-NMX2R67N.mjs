import { createRequire as __tendCreateRequire } from 'node:module';
const require = __tendCreateRequire(import.meta.url);

// src/source/spec-files.ts
import { isUtf8 } from "node:buffer";
import path from "node:path";
var SPEC_EXTENSIONS = /* @__PURE__ */ new Set([".json", ".yaml", ".yml"]);
var MAX_SPEC_BYTES = 256 * 1024;
function isSpecName(name) {
  return SPEC_EXTENSIONS.has(path.extname(name).toLowerCase());
}
function tooLarge(size) {
  return `${size} bytes, over the ${MAX_SPEC_BYTES}-byte limit for a spec file`;
}
function escapeName(name) {
  let out = "";
  for (let i = 0; i < name.length; ) {
    const length = sequenceLength(name[i]);
    const char = length > 0 && isUtf8(name.subarray(i, i + length)) ? name.toString("utf8", i, i + length) : void 0;
    const code = char?.codePointAt(0) ?? 0;
    if (char === void 0 || code < 32 || code === 127 || char === "\\") {
      out += char === "\\" ? "\\\\" : `\\x${name[i].toString(16).padStart(2, "0")}`;
      i += 1;
    } else {
      out += char;
      i += length;
    }
  }
  return out;
}
function sequenceLength(lead) {
  if (lead < 128) return 1;
  if (lead >= 194 && lead <= 223) return 2;
  if (lead >= 224 && lead <= 239) return 3;
  return lead >= 240 && lead <= 244 ? 4 : 0;
}

export {
  MAX_SPEC_BYTES,
  isSpecName,
  tooLarge,
  escapeName
};
