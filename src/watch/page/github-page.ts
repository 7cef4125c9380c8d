/**
 * The web page of a repository on GitHub (`https://github.com/owner/name`) from the URL it is
 * cloned from (https, ssh or scp-like), or null for any other host or a local path. Only the owner
 * and the name are kept: credentials or a token in the URL never reach the page.
 */
export function githubPage(url: string | null): string | null {
  if (url === null) return null;
  const scp = /^[\w.-]+@github\.com:([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url);
  if (scp) return `https://github.com/${scp[1]}/${scp[2]}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.hostname !== 'github.com' || !['https:', 'http:', 'ssh:', 'git:'].includes(parsed.protocol)) return null;
  const found = /^\/([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(parsed.pathname);
  return found ? `https://github.com/${found[1]}/${found[2]}` : null;
}
