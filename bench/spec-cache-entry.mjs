// What bench/spec-cache-probe.mjs loads of tend, bundled from src/ by the bench (bench/out/spec-cache.mjs).
export { loadSpecs } from '../src/group-spec/load-specs.ts';
export { createSpecCache } from '../src/group-spec/spec-cache.ts';
