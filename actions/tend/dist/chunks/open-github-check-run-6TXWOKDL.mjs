import { createRequire as __tendCreateRequire } from 'node:module';
const require = __tendCreateRequire(import.meta.url);
import {
  jobSummary
} from "./chunk-HW4WL3Q6.mjs";
import {
  statusesFor
} from "./chunk-ERY4TVQV.mjs";
import {
  blockedWords,
  driftWords,
  fit,
  githubError,
  octokitSession,
  outcomeWords,
  planWords
} from "./chunk-MGIBANUW.mjs";
import "./chunk-YDBF3IIB.mjs";
import {
  groupHasDrift
} from "./chunk-HSGGVQ75.mjs";
import "./chunk-WFVJPLRU.mjs";
import {
  TendError,
  errorMessage
} from "./chunk-RSD3EPRX.mjs";
import "./chunk-CBVZSY3F.mjs";

// src/report/github/check-run-client.ts
function checkRunClient(settings, log) {
  const { ready, redact } = octokitSession(settings, log);
  const { owner, name: repo } = settings.repo;
  return {
    async createCheckRun(run, output, signal) {
      try {
        const octokit = await ready();
        const res = await octokit.request("POST /repos/{owner}/{repo}/check-runs", {
          owner,
          repo,
          name: run.name,
          head_sha: run.sha,
          status: "completed",
          conclusion: run.conclusion,
          ...run.detailsUrl ? { details_url: run.detailsUrl } : {},
          output,
          request: { signal }
        });
        return { id: Number(res.data.id) };
      } catch (err) {
        throw githubError(
          err,
          `create the check run ${run.name} on ${run.sha.slice(0, 12)} of ${owner}/${repo}`,
          settings.credential,
          redact
        );
      }
    },
    async updateCheckRun(id, output, signal) {
      try {
        const octokit = await ready();
        await octokit.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
          owner,
          repo,
          check_run_id: id,
          output,
          request: { signal }
        });
      } catch (err) {
        throw githubError(err, `add annotations to check run ${id} of ${owner}/${repo}`, settings.credential, redact);
      }
    }
  };
}

// src/report/github/check-run.ts
var CHECK_SUMMARY_LIMIT = 65535;
var MESSAGE_LIMIT = 4e3;
function checkRunFor(result, places, options) {
  const summaryResult = result.kind === "failed" ? { kind: "failed", error: result.error, problems: result.problems } : { kind: "plan", shown: result, phrasing: result.kind === "blocked" ? "plan" : options.phrasing };
  const whole = "The whole result is in the log and the job summary of the run.";
  const fitting = "a check run's 65535 characters";
  const { conclusion, title } = aggregateOf(result, options.phrasing);
  return {
    conclusion,
    title,
    summary: jobSummary({ command: options.command, about: options.about, result: summaryResult, whole, fitting }, CHECK_SUMMARY_LIMIT),
    annotations: [
      ...result.kind === "failed" ? problemAnnotations(result.problems, "failure", options) : groupAnnotations(result, places, options),
      ...problemAnnotations(options.warnings ?? [], "warning", options)
    ]
  };
}
function aggregateOf(result, phrasing) {
  const aggregate = statusesFor({ kind: "finished", result }, { context: "tend", perGroupLimit: 0, phrasing })?.statuses.at(-1);
  if (!aggregate) return { conclusion: "failure", title: fit(`error: ${result.kind === "failed" ? result.error.message : "unknown"}`) };
  return { conclusion: aggregate.state === "success" ? "success" : "failure", title: aggregate.description };
}
function problemAnnotations(problems, level, options) {
  return problems.map((p) => ({
    path: options.pathOf(p.file),
    start_line: lineOf(p),
    end_line: lineOf(p),
    start_column: p.column,
    end_column: p.column,
    annotation_level: level,
    message: cut(`${p.path ? `${p.path}: ` : ""}${p.message}`),
    title: p.code
  }));
}
function groupAnnotations(result, places, options) {
  const out = [];
  const verdicts = result.kind === "applied" ? result.plan.groups.map((g) => [g, appliedVerdict(g)]) : result.plan.groups.map((g) => [g, groupVerdict(g, result, options.phrasing)]);
  for (const [g, said] of verdicts) {
    const place = places.get(g.id);
    if (!place || !said) continue;
    const path = options.pathOf(place.file);
    out.push({
      path,
      start_line: lineOf(place),
      end_line: lineOf(place),
      annotation_level: said.level,
      message: cut(said.message),
      title: fit(`tend: group ${g.id}`)
    });
  }
  return out;
}
function appliedVerdict(g) {
  if (g.error !== null) return unobserved(g.error);
  if (g.outcome === "converged") return null;
  return { level: g.outcome === "drifted" ? "warning" : "failure", message: outcomeWords(g) };
}
function groupVerdict(g, result, phrasing) {
  if (g.error !== null) return unobserved(g.error);
  const { plan } = result;
  const changes = g.actions.length > 0;
  if (!changes && !groupHasDrift(g)) return null;
  if ((result.kind === "blocked" || phrasing === "plan") && plan.blocked)
    return { level: "failure", message: `${blockedWords(plan.blocked)}; ${driftWords(g.drift)}` };
  const planned = phrasing !== "drift" && changes ? ` \u2192 ${planWords(counts(g))}` : "";
  return { level: "warning", message: `${driftWords(g.drift)}${planned}` };
}
function unobserved(error) {
  return { level: "failure", message: `could not be observed: ${error.message}` };
}
function counts(g) {
  const c = { create: 0, replace: 0, destroy: 0 };
  for (const a of g.actions) c[a.op]++;
  return c;
}
function lineOf(place) {
  return Math.max(1, place.line);
}
function cut(text) {
  return text.length <= MESSAGE_LIMIT ? text : `${text.slice(0, MESSAGE_LIMIT - 1)}\u2026`;
}

// src/report/github/github-check-run.ts
var ANNOTATIONS_PER_REQUEST = 50;
var GithubCheckRun = class {
  constructor(settings, api, log) {
    this.settings = settings;
    this.api = api;
    this.log = log;
  }
  settings;
  api;
  log;
  places = /* @__PURE__ */ new Map();
  deadline = 0;
  /** Whether a wait of `ms` (a retry) still ends before the check run's time is up. */
  mayWait(ms) {
    return Date.now() + ms < this.deadline;
  }
  /** Takes one event of the run (a pipeline Reporter: its events are RunViews by shape); `finished` resolves once posted or given up. Never rejects. */
  async report(event) {
    if (event.kind === "judged") this.places = event.places ?? /* @__PURE__ */ new Map();
    if (event.kind !== "finished") return;
    const { conclusion, title, summary, annotations } = checkRunFor(event.result, this.places, {
      ...this.settings,
      warnings: this.settings.warnings?.() ?? []
    });
    const batches = [];
    for (let i = 0; i === 0 || i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
      batches.push({ title, summary, annotations: annotations.slice(i, i + ANNOTATIONS_PER_REQUEST) });
    }
    const { name, sha, detailsUrl, reportTimeoutMs, writeIntervalMs } = this.settings;
    const allowed = reportTimeoutMs + batches.length * writeIntervalMs;
    this.deadline = Date.now() + allowed;
    const signal = AbortSignal.timeout(allowed);
    try {
      const [first, ...more] = batches;
      const { id } = await this.api.createCheckRun({ name, sha, conclusion, detailsUrl }, first, signal);
      for (const batch of more) await this.api.updateCheckRun(id, batch, signal);
    } catch (err) {
      this.failed(err, signal);
    }
  }
  failed(err, signal) {
    const error = signal.aborted ? new TendError("GITHUB_UNREACHABLE", "GitHub did not answer in time", { transient: true }) : err instanceof TendError ? err : new TendError("GITHUB_UNREACHABLE", errorMessage(err), { transient: true });
    if (error.code === "GITHUB_RATE_LIMITED") return;
    if (error.code === "GITHUB_FORBIDDEN" && this.settings.onForbidden) return this.settings.onForbidden(error);
    this.log.warn(`GitHub check run: ${error.message}`, { code: error.code });
  }
};

// src/report/github/open-github-check-run.ts
function openGithubCheckRun(options, log) {
  const { repo, apiUrl, credential, userAgent, timing, gate, ...rest } = options;
  const api = checkRunClient({ repo, apiUrl, credential, userAgent, timing, gate, mayWait: (ms) => checkRun.mayWait(ms) }, log);
  const checkRun = new GithubCheckRun({ ...rest, writeIntervalMs: timing.writeIntervalMs }, api, log);
  return checkRun;
}
export {
  openGithubCheckRun
};
