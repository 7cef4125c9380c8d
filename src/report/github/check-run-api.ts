import type { CheckAnnotation, CheckConclusion } from './check-run.js';

/** What a check run shows: its title, its summary (Markdown, at most 65535 characters) and at most 50 annotations. */
export interface CheckRunOutput {
  title: string;
  summary: string;
  annotations: CheckAnnotation[];
}

/** A check run to create, completed: its name, the commit it is on, its conclusion and the page it links to. */
export interface NewCheckRun {
  name: string;
  sha: string;
  conclusion: CheckConclusion;
  detailsUrl: string | null;
}

/**
 * The check-run calls of GitHub's REST API that the reporter makes, failing as StatusApi's do
 * (TendError: GITHUB_AUTH, GITHUB_FORBIDDEN when the token lacks `checks: write`, GITHUB_REJECTED,
 * GITHUB_UNREACHABLE).
 */
export interface CheckRunApi {
  /** Creates the check run, completed, with the output's first annotations (at most 50); resolves with its id. Retrying may create it twice. */
  createCheckRun(run: NewCheckRun, output: CheckRunOutput, signal: AbortSignal): Promise<{ id: number }>;
  /** Adds the output's annotations (at most 50) to check run `id`, after those it holds; title and summary are set again. */
  updateCheckRun(id: number, output: CheckRunOutput, signal: AbortSignal): Promise<void>;
}
