/**
 * The web page of the GitHub Actions run the environment describes (`GITHUB_SERVER_URL`, default
 * github.com; `GITHUB_REPOSITORY`; `GITHUB_RUN_ID`), for a status's or check run's link; null when
 * the repository or the run is not known.
 */
export function actionsRunUrl(env: NodeJS.ProcessEnv): string | null {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
  if (!GITHUB_REPOSITORY || !GITHUB_RUN_ID) return null;
  const server = (GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  return `${server}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`;
}
