import os from 'node:os';

/**
 * Two projects that share one config: `unit` (pure logic, quick, `npm run test:unit`) and
 * `integration` (real git, files, processes, sockets, a container engine; needs `npm run build` and
 * `npm run bundle`). swc only strips the types (tsconfig's `isolatedModules` keeps every file
 * transpilable alone): `tsc --noEmit` checks the types.
 */
const shared = {
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
  extensionsToTreatAsEsm: ['.ts'],
  testEnvironment: 'node',
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // Beside the other tools' caches rather than under os.tmpdir(), which `npm test` points at a new folder each run.
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
};

/** @type {import('jest').Config} */
export default {
  projects: [
    { ...shared, displayName: 'unit', roots: ['<rootDir>/tests/unit'] },
    { ...shared, displayName: 'integration', roots: ['<rootDir>/tests/integration'] },
  ],
  // A test's own bound where it waits longer; the rest fail within 30 s instead of hanging.
  testTimeout: 30000,
  // Jest's default is one worker fewer than the cores: one worker on a 2-core machine. The
  // integration tests spend most of their time waiting on the processes, sockets and files they
  // drive, so more workers than cores pay; the unit tests, CPU-bound, lose little to the third.
  // A number: jest reads a percentage over 100 ('150%') as that many workers.
  maxWorkers: Math.ceil(os.availableParallelism() * 1.5),
};
