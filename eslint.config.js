import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

/** The out-of-process transports: only the registry (composed by the drivers) builds them. */
const transports = ['**/plugins/rpc/**', '**/plugins/exec/**', '**/plugins/kit/**', '**/plugins/wire/**'];

/** Folders that may not be imported from the folder named by the key (docs/contributing.md: the direction of imports). */
const layers = {
  'src/group-spec/**': [
    '**/pipeline/**',
    '**/reconcile/**',
    '**/plugins/**',
    '!**/plugins/spi.js',
    '**/cli/**',
    '**/report/**',
    '**/watch/**',
    '**/source/**',
    '**/config/**',
  ],
  'src/plugins/**': [
    '**/pipeline/**',
    '**/reconcile/**',
    '**/cli/**',
    '**/report/**',
    '**/watch/**',
    '**/source/**',
    '**/config/**',
    '**/group-spec/**',
  ],
  'src/pipeline/**': ['**/cli/**', '**/watch/**', '**/plugins/file/**', '**/plugins/vanilla/**', '**/plugins/registry*', ...transports],
  'src/reconcile/**': [
    '**/pipeline/**',
    '**/cli/**',
    '**/report/**',
    '**/watch/**',
    '**/source/**',
    '**/config/**',
    '**/plugins/file/**',
    '**/plugins/vanilla/**',
    '**/plugins/registry*',
    ...transports,
  ],
  'src/report/**': ['**/pipeline/**', '**/cli/**', '**/watch/**', '**/source/**', '**/plugins/**', '**/group-spec/load-*'],
  'src/source/**': ['**/pipeline/**', '**/cli/**', '**/reconcile/**', '**/report/**', '**/watch/**', '**/plugins/**'],
  'src/config/**': ['**/pipeline/**', '**/cli/**', '**/reconcile/**', '**/report/**', '**/watch/**', '**/source/**'],
  'src/watch/**': ['**/cli/**'],
  // The verdict of a run: pure, below the pipeline and the reporters that render it.
  'src/outcome/**': [
    '**/pipeline/**',
    '**/cli/**',
    '**/report/**',
    '**/watch/**',
    '**/source/**',
    '**/config/**',
    '**/plugins/**',
    '**/group-spec/**',
    '**/compose/**',
    '**/action/**',
  ],
  // What every driver composes the pipeline from (config, source, plugins, the process's signals): drivers import it, it imports no driver.
  'src/compose/**': ['**/cli/**', '**/watch/**', '**/action/**'],
  // The GitHub Action's entry: a driver beside the CLI, composing the same pipeline; nothing imports it.
  'src/action/**': ['**/cli/**'],
  // The status page's browser code: of the server's side, only the JSON types it is served (import type).
  'src/web/**': [
    '**/pipeline/**',
    '**/reconcile/**',
    '**/plugins/**',
    '**/cli/**',
    '**/report/**',
    // Files, not folders: a file is let through only when no folder above it is excluded.
    '**/watch/*.js',
    '**/watch/page/*.js',
    '!**/watch/page/status-api-types.js',
    '**/source/**',
    '**/config/**',
    '**/group-spec/**',
    '**/outcome/**',
    '**/compose/**',
    '**/action/**',
    '../*.js',
  ],
};

/** The drivers' side (run, compose, action): only these may import compose, and nothing below them imports a driver. */
const driverSide = ['src/watch/**', 'src/compose/**', 'src/action/**'];

/** Each third-party I/O library lives in one place. */
const libraryHomes = [
  { name: 'commander', home: 'src/cli/**' },
  { name: 'proper-lockfile', home: 'src/compose/**' },
  { name: 'pino', home: 'src/log-json.ts' },
  // The JSON scanner under tend's one JSON reader, for spec files and the plugin wire alike.
  { name: 'jsonc-parser', home: 'src/read-json.ts' },
  { name: 'jsonc-parser/**', home: 'src/read-json.ts' },
  { name: 'simple-git', home: 'src/source/**' },
  { name: '@actions/core', home: 'src/action/**' },
  // GitHub's API client; the webhook signature check (@octokit/webhooks-methods) is the watcher's, in src/watch/.
  { name: '@octokit/core', home: 'src/report/github/**' },
  { name: '@octokit/plugin-*', home: 'src/report/github/**' },
  { name: '@octokit/auth-*', home: 'src/report/github/**' },
  { name: 'bottleneck', home: 'src/report/github/**' },
  { name: 'cron', home: 'src/watch/**' },
  { name: 'prom-client', home: 'src/watch/**' },
  { name: '@octokit/webhooks-methods', home: 'src/watch/**' },
  // The Docker Engine API's client: the docker instance plugin's.
  { name: 'dockerode', home: 'src/plugins/docker/**' },
];

/** Adapters inside a layer, with the library only they may use: GitHub's API (and a GitHub App's key file), the Docker Engine API. */
const adapters = { 'src/report/github/**': 'src/report/**', 'src/plugins/docker/**': 'src/plugins/**' };

/** Node's process and network modules live in one place each: processes and sockets in plugins/, servers in run/ too (its webhook, health and metrics server). */
const nodeHomes = [
  { name: 'node:child_process', homes: ['src/plugins/**'] },
  { name: 'node:net', homes: ['src/plugins/**', 'src/watch/**'] },
  { name: 'node:http', homes: ['src/plugins/**', 'src/watch/**'] },
  { name: 'node:https', homes: ['src/plugins/**', 'src/watch/**'] },
];

/** The node modules a place may not import, as no-restricted-imports paths. */
function nodeOutsideHomes(place) {
  return nodeHomes
    .filter((m) => !m.homes.includes(place))
    .map((m) => ({ name: m.name, message: `${m.name} lives in ${m.homes.join(' and ')} only (docs/contributing.md)` }));
}

/** Pure modules, by the layer they sit in: no file system, processes or network (docs/contributing.md: the direction of imports). */
const pure = {
  'src/group-spec/**': ['src/group-spec/**'],
  'src/reconcile/**': ['src/reconcile/plan*.ts', 'src/reconcile/budget.ts'],
  'src/report/**': ['src/report/**'],
  'src/outcome/**': ['src/outcome/**'],
  'src/web/**': ['src/web/**'],
};
const ioModules = ['node:fs', 'node:fs/promises', 'node:child_process', 'node:net', 'node:http', 'node:https'];

/** Files in no layer above (the CLI, and the shared modules at the top of src/), with the files among them that are a library's home. */
const unlayered = { 'src/cli/**': [], 'src/*.ts': ['src/log-json.ts', 'src/read-json.ts'] };

/** Only the library-home rule, for a file in no layer: a library imported outside its home is an error there too. */
function homesOnly(place) {
  const patterns = libraryHomes
    .filter((l) => l.home !== place)
    .map((l) => ({ group: [l.name], message: `${l.name} lives in ${l.home} only` }));
  return { 'no-restricted-imports': ['error', { patterns, paths: nodeOutsideHomes(place) }] };
}

function restrictions(layer, withoutIo, place = layer) {
  const patterns = [
    {
      group: layers[layer],
      message:
        'imports go one way (docs/contributing.md): cli, watch, action → compose → pipeline → reconcile, report, source, config → outcome, group-spec, plugins/spi',
    },
    { group: ['**/cli/**'], message: 'nothing imports cli' },
    ...(driverSide.includes(layer)
      ? []
      : [{ group: ['**/compose/**', '**/action/**'], message: 'only drivers compose: nothing below them imports compose or action' }]),
    ...libraryHomes.filter((l) => l.home !== place).map((l) => ({ group: [l.name], message: `${l.name} lives in ${l.home} only` })),
  ];
  const pure = withoutIo ? ioModules.map((name) => ({ name, message: 'this module is pure: do I/O in an adapter' })) : [];
  const paths = [...pure, ...nodeOutsideHomes(layer).filter((m) => !pure.some((p) => p.name === m.name))];
  return { 'no-restricted-imports': ['error', { patterns, paths }] };
}

export default tseslint.config(
  { ignores: ['dist/**', 'actions/tend/dist/**', 'node_modules/**', 'bench/**', 'coverage/**', 'jest.config.js', 'eslint.config.js'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    // Imports name the emitted `.js`; the cycle check reads the `.ts` beside it. Packages are not followed: a cycle is within src/.
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // Plugins implement promise-returning SPIs with synchronous bodies on purpose (sync fs is faster).
      '@typescript-eslint/require-await': 'off',
    },
  },
  // ESLint replaces a rule's options per matching block, so each pure block repeats its layer's rules.
  ...Object.keys(layers).map((layer) => ({ files: [layer], rules: restrictions(layer, false) })),
  ...Object.entries(pure).map(([layer, files]) => ({ files, rules: restrictions(layer, true) })),
  ...Object.entries(adapters).map(([home, layer]) => ({ files: [home], rules: restrictions(layer, false, home) })),
  ...Object.entries(unlayered).map(([files, homes]) => ({ files: [files], ignores: homes, rules: homesOnly(files) })),
  ...Object.values(unlayered)
    .flat()
    .map((home) => ({ files: [home], rules: homesOnly(home) })),
  // The build and start scripts are plain Node JavaScript, outside the TypeScript project: linted without types.
  { files: ['scripts/**/*.mjs', 'tests/fixtures/**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['tests/**'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
