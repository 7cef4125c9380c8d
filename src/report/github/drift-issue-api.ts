/** An issue as GitHub lists it: what drift issues read to find theirs again. */
export interface ListedIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
}

/** One page of a repository's issues with a label, open and closed, and whether another follows. */
export interface IssuePage {
  issues: ListedIssue[];
  next: boolean;
}

/** What an issue is to become: its title and body, and whether it is open. */
export interface IssueChange {
  title?: string;
  body?: string;
  state?: 'open' | 'closed';
}

/**
 * The issue calls of GitHub's REST API that drift issues make, failing as StatusApi's do
 * (TendError: GITHUB_AUTH, GITHUB_FORBIDDEN when the token lacks `issues: write`, GITHUB_REJECTED,
 * GITHUB_RATE_LIMITED, GITHUB_UNREACHABLE).
 */
export interface DriftIssueApi {
  /** Page `page` (from 1) of the issues carrying `label`, open and closed, 100 a page (pull requests left out). Safe to retry. */
  listIssues(label: string, page: number, signal: AbortSignal): Promise<IssuePage>;
  /** Opens an issue with `label`; resolves with its number. Retrying may open it twice. */
  createIssue(title: string, body: string, label: string, signal: AbortSignal): Promise<{ number: number }>;
  /** Changes issue `number` (title, body, open or closed). Safe to retry. */
  updateIssue(number: number, change: IssueChange, signal: AbortSignal): Promise<void>;
  /** Adds a comment to issue `number`. Retrying may add it twice. */
  comment(number: number, body: string, signal: AbortSignal): Promise<void>;
}
