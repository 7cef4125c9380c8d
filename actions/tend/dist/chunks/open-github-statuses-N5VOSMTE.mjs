import { createRequire as __tendCreateRequire } from 'node:module';
const require = __tendCreateRequire(import.meta.url);
import {
  statusesFor
} from "./chunk-ERY4TVQV.mjs";
import {
  githubError,
  octokitSession
} from "./chunk-MGIBANUW.mjs";
import {
  RateLimitGate
} from "./chunk-YDBF3IIB.mjs";
import "./chunk-HSGGVQ75.mjs";
import {
  formatDuration
} from "./chunk-WFVJPLRU.mjs";
import {
  TendError,
  errorMessage
} from "./chunk-RSD3EPRX.mjs";
import "./chunk-CBVZSY3F.mjs";

// src/report/github/github-client.ts
function githubClient(settings, log) {
  const { ready, redact } = octokitSession(settings, log);
  const { owner, name: repo } = settings.repo;
  return {
    async listStatuses(sha, page, etag, signal) {
      try {
        const octokit = await ready();
        const res = await octokit.request("GET /repos/{owner}/{repo}/commits/{ref}/statuses", {
          owner,
          repo,
          ref: sha,
          per_page: 100,
          page,
          headers: etag ? { "if-none-match": etag } : {},
          request: { signal }
        });
        const statuses = res.data.map((s) => ({ id: s.id, context: s.context, state: s.state, description: s.description ?? null }));
        return { notModified: false, etag: res.headers.etag ?? null, statuses, next: /rel="next"/.test(res.headers.link ?? "") };
      } catch (err) {
        if (err.status === 304) return { notModified: true };
        throw githubError(err, `read the statuses of ${sha.slice(0, 12)} on ${owner}/${repo}`, settings.credential, redact);
      }
    },
    async createStatus(sha, status, targetUrl, signal) {
      try {
        const octokit = await ready();
        const res = await octokit.request("POST /repos/{owner}/{repo}/statuses/{sha}", {
          owner,
          repo,
          sha,
          state: status.state,
          context: status.context,
          description: status.description,
          ...targetUrl ? { target_url: targetUrl } : {},
          request: { signal }
        });
        return { id: res.data.id };
      } catch (err) {
        throw githubError(err, `post a status on ${sha.slice(0, 12)} of ${owner}/${repo}`, settings.credential, redact);
      }
    }
  };
}

// src/report/github/status-ledger.ts
var StatusLedger = class {
  constructor(maxCommits = 64) {
    this.maxCommits = maxCommits;
  }
  maxCommits;
  commits = /* @__PURE__ */ new Map();
  /** The memory of `sha`, made empty when new; marks it the most recently used. */
  commit(sha) {
    let memory = this.commits.get(sha);
    if (memory) this.commits.delete(sha);
    else memory = { posted: /* @__PURE__ */ new Map(), capped: /* @__PURE__ */ new Set(), pages: /* @__PURE__ */ new Map(), judged: /* @__PURE__ */ new Map(), pending: /* @__PURE__ */ new Map() };
    this.commits.set(sha, memory);
    for (const oldest of this.commits.keys()) {
      if (this.commits.size <= this.maxCommits) break;
      this.commits.delete(oldest);
    }
    return memory;
  }
};
function contextKey(context) {
  return context.toLowerCase();
}
function latest(a, b) {
  if (a === void 0) return b;
  if (b === void 0) return a;
  return b.id > a.id ? b : a;
}

// src/report/github/read-latest.ts
var MAX_PAGES = 100;
async function readLatest(api, memory, sha, contexts, signal) {
  const wanted = new Set(contexts.map(contextKey));
  const found = /* @__PURE__ */ new Map();
  let unchanged = false;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const cached = memory.pages.get(page);
    const listing = unchanged && cached ? cached : await readPage(api, memory, sha, page, cached, signal);
    if (page === 1) unchanged = listing === cached;
    for (const s of listing.statuses) {
      const key = contextKey(s.context);
      if (!found.has(key)) found.set(key, s);
    }
    if (!listing.next || [...wanted].every((k) => found.has(k))) break;
  }
  return found;
}
async function readPage(api, memory, sha, page, cached, signal) {
  const answer = await api.listStatuses(sha, page, cached?.etag ?? null, signal);
  if (answer.notModified) return cached ?? { etag: null, statuses: [], next: false };
  const fresh = { etag: answer.etag, statuses: answer.statuses, next: answer.next };
  memory.pages.set(page, fresh);
  return fresh;
}

// src/report/github/github-statuses.ts
var GithubStatuses = class {
  constructor(settings, api, log) {
    this.settings = settings;
    this.api = api;
    this.log = log;
  }
  settings;
  api;
  log;
  ledger = new StatusLedger();
  said = /* @__PURE__ */ new Set();
  queue = Promise.resolve();
  queued = 0;
  stop = new AbortController();
  deadline = 0;
  refused = null;
  /** Batches given up for a rate limit, by commit and kind of run, the newest of each: posted when the limit ends. */
  held = /* @__PURE__ */ new Map();
  release;
  /**
   * The reporter of one kind of run: `pending` as an apply starts, the final state once any run
   * finishes; on the judged revision's commit, or on `commit` when the driver names the one to
   * report on (a pull request's head, whose merge commit was judged). Specs from a plain folder
   * have no commit either way.
   */
  reporter(phrasing, commit) {
    return { report: (event) => this.report(event, phrasing, commit) };
  }
  /** Whether a wait of `ms` (a retry) still ends before the report's time is up. */
  mayWait(ms) {
    return Date.now() + ms < this.deadline;
  }
  /** Abandons every request in flight and everything queued (a watcher shutting down). */
  close() {
    clearTimeout(this.release);
    this.held.clear();
    this.stop.abort();
    this.stop = new AbortController();
  }
  async report(event, phrasing, commit) {
    const { context, perGroupLimit } = this.settings;
    const batch = statusesFor(event, { context, perGroupLimit, phrasing });
    if (batch !== null) this.enqueue(commit !== void 0 && batch.sha !== null ? { ...batch, sha: commit } : batch, phrasing);
    if (event.kind === "finished") await this.settle();
  }
  enqueue(batch, phrasing) {
    const { signal } = this.stop;
    this.queued += batch.statuses.length;
    this.deadline = Math.max(this.deadline, Date.now() + this.settings.reportTimeoutMs + this.queued * this.settings.writeIntervalMs);
    this.queue = this.queue.then(() => this.post(batch, phrasing, signal)).finally(() => this.queued -= batch.statuses.length);
  }
  /** Waits for the queue, at most until the report's time is up; then abandons what is left, to be posted at the next report. */
  async settle() {
    let timer;
    const late = new Promise((resolve) => timer = setTimeout(() => resolve(true), Math.max(0, this.deadline - Date.now())));
    const timedOut = await Promise.race([this.queue.then(() => false), late]);
    clearTimeout(timer);
    if (!timedOut) return;
    this.close();
    const fate = this.settings.reportsAgain === true ? "what was not posted is posted at the next report" : "what was not posted is given up";
    const message = `GitHub statuses: GitHub did not answer within ${formatDuration(this.settings.reportTimeoutMs)}; ${fate}`;
    this.once("failure timeout", message, "GITHUB_UNREACHABLE");
  }
  async post(batch, phrasing, signal) {
    if (batch.sha === null) {
      this.once(
        "GITHUB_NO_COMMIT",
        "--report github: the specs come from a folder, not a commit, so no commit status is posted (read them with --repo)"
      );
      return;
    }
    if (this.refused !== null || signal.aborted) return;
    const { sha } = batch;
    const memory = this.ledger.commit(sha);
    const judged = memory.judged.get(phrasing) ?? /* @__PURE__ */ new Map();
    memory.judged.set(phrasing, judged);
    const wanted = batch.statuses.filter(
      (s) => !memory.capped.has(contextKey(s.context)) && !(s.state === "pending" && memory.pending.get(contextKey(s.context)) === s.description)
    );
    try {
      if (wanted.length === 0) return;
      const listed = await readLatest(
        this.api,
        memory,
        sha,
        wanted.map((s) => s.context),
        signal
      );
      for (const status of wanted) {
        const key = contextKey(status.context);
        const known = latest(listed.get(key), memory.posted.get(key));
        const words = `${status.state} ${status.description}`;
        const repeated = judged.get(key) === words;
        if (known && known.state === status.state && known.description === status.description) {
          judged.set(key, words);
          continue;
        }
        if (repeated && known !== void 0 && memory.posted.get(key)?.id === known.id) continue;
        try {
          const { id } = await this.api.createStatus(sha, status, this.settings.targetUrl, signal);
          memory.posted.set(key, { id, context: status.context, state: status.state, description: status.description });
          if (status.state === "pending") memory.pending.set(key, status.description);
          judged.set(key, words);
        } catch (err) {
          if (!(err instanceof TendError && err.code === "GITHUB_LIMIT")) throw err;
          memory.capped.add(key);
          this.once(
            `GITHUB_LIMIT ${sha} ${key}`,
            `GitHub statuses: ${err.message}; ${status.context} is not posted on this commit again`,
            "GITHUB_LIMIT"
          );
        }
      }
      for (const key of this.said) if (key.startsWith("failure ")) this.said.delete(key);
    } catch (err) {
      if (signal.aborted) return;
      if (err instanceof TendError && err.code === "GITHUB_RATE_LIMITED") return this.hold(batch, phrasing);
      this.failed(err);
    }
  }
  /** A batch given up for a rate limit (the gate said so in one line): held until GitHub takes requests again, when asked to. */
  hold(batch, phrasing) {
    const until = this.settings.gate?.closedUntil() ?? null;
    if (!this.settings.reportsAgain || until === null || batch.sha === null) return;
    this.held.set(`${batch.sha} ${phrasing}`, { batch, phrasing });
    clearTimeout(this.release);
    this.release = setTimeout(() => {
      const held = [...this.held.values()];
      this.held.clear();
      for (const h of held) this.enqueue(h.batch, h.phrasing);
    }, until - Date.now());
    this.release.unref();
  }
  failed(err) {
    const error = err instanceof TendError ? err : new TendError("GITHUB_UNREACHABLE", errorMessage(err), { transient: true });
    if (error.code === "GITHUB_AUTH" || error.code === "GITHUB_FORBIDDEN") {
      this.refused = error;
      const { onForbidden } = this.settings;
      if (error.code === "GITHUB_FORBIDDEN" && onForbidden) onForbidden(error);
      else this.log.error(`GitHub statuses: ${error.message}; no status is posted`, { code: error.code });
      return;
    }
    const retry = error.transient ? this.settings.reportsAgain === true ? "; tried again at the next report" : "; not posted" : "";
    this.once(`failure ${error.code} ${error.message}`, `GitHub statuses: ${error.message}${retry}`, error.code);
  }
  /** Logs a warning once for the life of the process (for failures: until posting works again). */
  once(key, message, code = key) {
    if (this.said.has(key)) return;
    this.said.add(key);
    this.log.warn(message, { code });
  }
};

// src/report/github/open-github-statuses.ts
function openGithubStatuses(options, log) {
  const { repo, apiUrl, credential, userAgent, timing, ...rest } = options;
  const gate = options.gate ?? new RateLimitGate(log, { unitMs: timing.retryBaseMs });
  const api = githubClient({ repo, apiUrl, credential, userAgent, timing, gate, mayWait: (ms) => statuses.mayWait(ms) }, log);
  const statuses = new GithubStatuses({ ...rest, gate, writeIntervalMs: timing.writeIntervalMs }, api, log);
  return statuses;
}
export {
  openGithubStatuses
};
