/** Progress lines per group, for people watching a terminal; silent when stderr is not one. */
export function progressReporter(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
): ((group: string, message: string) => void) | undefined {
  if (!stream.isTTY) return undefined;
  return (group, message) => {
    stream.write(`[${group}] ${message}\n`);
  };
}
