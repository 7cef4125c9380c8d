// jsonc-parser's scanner alone, from its CommonJS build: the package's main entry is a UMD wrapper
// whose require() calls a bundler cannot follow, while this file requires nothing. Its types are the package's own.
declare module 'jsonc-parser/lib/umd/impl/scanner.js' {
  // eslint-disable-next-line no-restricted-imports -- the types of the module declared here
  export { createScanner } from 'jsonc-parser';
}
