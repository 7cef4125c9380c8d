import type { IncomingHttpHeaders } from 'node:http';
import { verify } from '@octokit/webhooks-methods';

/** How one delivery ended, as the metrics count it. */
export type DeliveryResult = 'accepted' | 'ignored' | 'ping' | 'unauthorized' | 'bad_request' | 'too_large';

export interface Delivery {
  result: DeliveryResult;
  status: number;
  /** A short word for the sender's delivery log. */
  message: string;
  /** A push to the watched ref: the watcher should tick now. */
  tick: boolean;
}

/** A push payload is a few kilobytes; GitHub's own cap is 25 MB, far more than a ref name needs. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/**
 * Classifies one GitHub webhook delivery (docs/watcher.md: Watching a repository: webhook). The body is checked
 * against `X-Hub-Signature-256` (HMAC-SHA256 with the shared secret, compared in constant time by
 * @octokit/webhooks-methods) before anything reads it: a bad or missing signature is 401. Then
 * `ping` is answered, a push to `watchedRef` (a full ref name; null: any ref, when the watched ref
 * is not known yet) asks for a tick, and anything else is 202 with nothing done.
 */
export async function classifyDelivery(
  headers: IncomingHttpHeaders,
  body: Buffer,
  secret: string,
  watchedRef: string | null,
): Promise<Delivery> {
  const signature = headers['x-hub-signature-256'];
  if (typeof signature !== 'string' || signature === '') return reply('unauthorized', 401, 'missing X-Hub-Signature-256');
  const payload = body.toString('utf8');
  if (!(await verifySafely(secret, payload, signature))) return reply('unauthorized', 401, 'bad signature');
  const event = headers['x-github-event'];
  if (event === 'ping') return reply('ping', 200, 'pong');
  if (event !== 'push') return reply('ignored', 202, `ignored: event ${typeof event === 'string' ? event : '(none)'}`);
  let ref: unknown;
  try {
    ref = (JSON.parse(payload) as { ref?: unknown } | null)?.ref;
  } catch {
    return reply('bad_request', 400, 'the payload is not JSON');
  }
  if (typeof ref !== 'string') return reply('bad_request', 400, 'a push payload names its ref');
  if (watchedRef !== null && ref !== watchedRef) return reply('ignored', 202, `ignored: ${ref} is not the watched ref`);
  return { ...reply('accepted', 202, 'tick requested'), tick: true };
}

/** A signature that is not even well formed fails to verify, rather than throwing. */
async function verifySafely(secret: string, payload: string, signature: string): Promise<boolean> {
  try {
    return await verify(secret, payload, signature);
  } catch {
    return false;
  }
}

function reply(result: DeliveryResult, status: number, message: string): Delivery {
  return { result, status, message, tick: false };
}
