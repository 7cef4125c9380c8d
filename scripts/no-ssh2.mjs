// Stands in for ssh2 in tend's bundles. The Docker client loads it for engines reached over ssh://,
// which tend does not offer (an engine is a unix:// or tcp:// host); the real one would bring a
// WebAssembly module that looks for files beside it, and native add-ons, neither of which bundles.
export class Client {
  constructor() {
    throw new Error('ssh:// engine hosts are not supported: use unix:// or tcp://');
  }
}
