/** tend's group tag (docs/commands.md: Drift), spelled out here because plugins know nothing of reconcile. */
export const GROUP_TAG = 'tend.group';

const INSTANCE_ID = /^[A-Za-z0-9_.-]{1,128}$/;
const UNSAFE = /[^A-Za-z0-9_.-]/g;
const SUFFIX_LENGTH = 9; // '-' and 8 hex digits

/**
 * True when `id` may name an instance file: 1-128 of [A-Za-z0-9_.-] and no leading dot, so it can
 * never be `.`, `..`, a path, a dotfile or one of the plugin's own temp files.
 */
export function isInstanceId(id: unknown): id is string {
  return typeof id === 'string' && INSTANCE_ID.test(id) && !id.startsWith('.');
}

/**
 * The ID for a new instance of `group`: the group sanitised to safe characters (`instance` when
 * absent or empty), then `-` and the suffix. The result always passes isInstanceId.
 */
export function makeInstanceId(group: string | undefined, suffix: string): string {
  const prefix = (group ?? '')
    .replace(UNSAFE, '_')
    .replace(/^\.+/, '')
    .slice(0, 128 - SUFFIX_LENGTH);
  return `${prefix === '' ? 'instance' : prefix}-${suffix}`;
}
