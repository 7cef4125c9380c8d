// Every driver names itself by one version: the CLI's is the shared one.
export { VERSION } from '../version.js';
