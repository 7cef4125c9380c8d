/**
 * Where plugin calls wait while the test holds them: the test knows exactly which calls are in
 * flight when it acts (sends a signal, takes a lock away), instead of making so many calls that
 * one is likely to be in flight.
 */
export class CallGate {
  private closed: Promise<void> | null = null;
  private letGo: () => void = () => undefined;
  private waiting = 0;
  private watchers: Array<{ count: number; resolve: () => void }> = [];

  /** Holds every call that comes to the gate from now on, until `open()`. */
  hold(): void {
    if (this.closed !== null) return;
    this.waiting = 0;
    this.closed = new Promise((resolve) => (this.letGo = resolve));
  }

  /** Lets the held calls go, and every later one through. */
  open(): void {
    this.letGo();
    this.closed = null;
  }

  /** Resolves once `count` calls are held at the gate. */
  held(count = 1): Promise<void> {
    if (this.waiting >= count) return Promise.resolve();
    return new Promise((resolve) => this.watchers.push({ count, resolve }));
  }

  /** Called by the plugin: returns at once while the gate is open, else when it opens. */
  async pass(): Promise<void> {
    if (this.closed === null) return;
    this.waiting++;
    for (const w of this.watchers.filter((w) => this.waiting >= w.count)) w.resolve();
    this.watchers = this.watchers.filter((w) => this.waiting < w.count);
    await this.closed;
  }
}
