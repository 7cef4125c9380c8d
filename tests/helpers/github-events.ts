/**
 * Webhook payloads as GitHub sends them to a workflow (GITHUB_EVENT_PATH), with the fields of
 * GitHub's own `pull_request` and `push` payloads that a step may read; values are the caller's.
 */
const repository = (fullName: string) => {
  const [owner, name] = fullName.split('/') as [string, string];
  return {
    id: 1296269,
    name,
    full_name: fullName,
    private: false,
    owner: { login: owner, id: 1, type: 'Organization' },
    html_url: `https://github.com/${fullName}`,
    default_branch: 'main',
    fork: false,
  };
};

export function pullRequestEvent(options: { number: number; headSha: string; baseSha: string; base: string; head?: string }) {
  const head = options.head ?? options.base;
  return {
    action: 'synchronize',
    number: options.number,
    pull_request: {
      url: `https://api.github.com/repos/${options.base}/pulls/${options.number}`,
      id: 1,
      number: options.number,
      state: 'open',
      title: 'Scale web to 4',
      user: { login: 'octocat', id: 583231 },
      head: {
        label: `${head.split('/')[0]}:scale-web`,
        ref: 'scale-web',
        sha: options.headSha,
        repo: { ...repository(head), fork: head !== options.base },
      },
      base: { label: `${options.base.split('/')[0]}:main`, ref: 'main', sha: options.baseSha, repo: repository(options.base) },
      merged: false,
      draft: false,
    },
    repository: repository(options.base),
    sender: { login: 'octocat', id: 583231, type: 'User' },
  };
}

export function pushEvent(options: { before: string; after: string; repository: string; ref?: string }) {
  return {
    ref: options.ref ?? 'refs/heads/main',
    before: options.before,
    after: options.after,
    created: false,
    deleted: false,
    forced: false,
    compare: `https://github.com/${options.repository}/compare/${options.before.slice(0, 12)}...${options.after.slice(0, 12)}`,
    commits: [{ id: options.after, message: 'Scale web to 4', distinct: true }],
    head_commit: { id: options.after, message: 'Scale web to 4' },
    repository: repository(options.repository),
    pusher: { name: 'octocat', email: 'octocat@github.com' },
    sender: { login: 'octocat', id: 583231, type: 'User' },
  };
}
