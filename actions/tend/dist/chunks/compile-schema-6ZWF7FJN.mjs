import { createRequire as __tendCreateRequire } from 'node:module';
const require = __tendCreateRequire(import.meta.url);
import {
  require_ajv
} from "./chunk-WFVDQ7UH.mjs";
import {
  __toESM
} from "./chunk-CBVZSY3F.mjs";

// src/config/compile-schema.ts
var import_ajv = __toESM(require_ajv(), 1);
function compileSchema(schema) {
  return new import_ajv.Ajv({ allErrors: true, discriminator: true, strict: false }).compile(schema);
}
export {
  compileSchema
};
