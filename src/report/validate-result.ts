/** `specs: 3 groups in 2 files, all valid.`: what `tend validate` says of valid specs. */
export function validLine(label: string, groups: number, files: number): string {
  return `${label}: ${groups} group${groups === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}, all valid.`;
}

/** What `tend validate --json` prints for valid specs (docs/commands.md: JSON output). */
export function validJson(revision: string | null, files: number, groups: readonly string[]): string {
  return JSON.stringify({ revision, files, groups }, null, 2);
}
