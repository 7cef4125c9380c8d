// What the CLI's bundle (build.mjs) and the action's (bundle-action.mjs) have in common: ES modules
// for Node 20 and later, every library inside, tend's version built in.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** esbuild options for a tend bundle of the package at `root`. */
export function nodeBundleOptions(root) {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The bundle has no package.json beside it to read the version from (src/version.ts).
    define: { TEND_VERSION: JSON.stringify(pkg.version) },
    // Bundled CommonJS libraries call require() for Node's built-in modules; an ES module has none.
    banner: {
      js: "import { createRequire as __tendCreateRequire } from 'node:module';\nconst require = __tendCreateRequire(import.meta.url);",
    },
    // Parts of the Docker client tend never uses, left out (see each file): its ssh:// transport and its image builds.
    alias: {
      ssh2: './scripts/no-ssh2.mjs',
      '@grpc/grpc-js': './scripts/no-buildkit.mjs',
      '@grpc/proto-loader': './scripts/no-buildkit.mjs',
    },
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  };
}
