/** What a TendError shows a test: its code, message and whether it is transient. */
export interface Thrown {
  code: string;
  message: string;
  transient: boolean;
  cause?: unknown;
}

/** What a failing call threw, for asserting its code and message. */
export async function failure(promise: Promise<unknown>): Promise<Thrown> {
  try {
    await promise;
  } catch (err) {
    return err as Thrown;
  }
  throw new Error('expected a failure, got a result');
}

/** What a failing synchronous call threw. */
export function thrown(call: () => unknown): Thrown {
  try {
    call();
  } catch (err) {
    return err as Thrown;
  }
  throw new Error('expected a failure, got a result');
}
