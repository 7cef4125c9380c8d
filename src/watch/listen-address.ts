import { isIP } from 'node:net';

/**
 * Whether the watcher's servers can be told to listen on `value`: an IP address (`0.0.0.0`,
 * `127.0.0.1`, `::1`) or a host name (`localhost`). What only looks like an IP address
 * (`999.1.1.1`: a name whose last label is a number) is neither.
 */
export function isListenAddress(value: string): boolean {
  if (isIP(value) !== 0) return true;
  const labels = value.split('.');
  return (
    value.length <= 253 &&
    labels.every((label) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label)) &&
    !/^\d+$/.test(labels.at(-1) as string)
  );
}
