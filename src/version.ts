import { createRequire } from 'node:module';

/** Set by the bundler (scripts/build.mjs, scripts/bundle-action.mjs) to package.json's version; absent when running from source. */
declare const TEND_VERSION: string | undefined;

/** tend's version, from its package.json: built into the bundle, which has no package.json beside it. */
export const VERSION: string =
  typeof TEND_VERSION === 'string' ? TEND_VERSION : (createRequire(import.meta.url)('../package.json') as { version: string }).version;
