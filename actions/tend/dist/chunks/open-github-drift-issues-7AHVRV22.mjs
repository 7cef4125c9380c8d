import { createRequire as __tendCreateRequire } from 'node:module';
const require = __tendCreateRequire(import.meta.url);
import {
  driftWords,
  githubError,
  octokitSession
} from "./chunk-MGIBANUW.mjs";
import "./chunk-YDBF3IIB.mjs";
import "./chunk-HSGGVQ75.mjs";
import "./chunk-WFVJPLRU.mjs";
import {
  TendError,
  errorMessage
} from "./chunk-RSD3EPRX.mjs";
import "./chunk-CBVZSY3F.mjs";

// src/report/github/drift-issue-client.ts
function driftIssueClient(settings, log) {
  const { ready, redact } = octokitSession(settings, log);
  const { owner, name: repo } = settings.repo;
  const fail = (err, what) => githubError(err, `${what} on ${owner}/${repo}`, settings.credential, redact);
  return {
    async listIssues(label, page, signal) {
      try {
        const octokit = await ready();
        const res = await octokit.request("GET /repos/{owner}/{repo}/issues", {
          owner,
          repo,
          labels: label,
          state: "all",
          per_page: 100,
          page,
          request: { signal }
        });
        const issues = res.data.filter((i) => !i.pull_request).map((i) => ({
          number: i.number,
          title: i.title,
          body: i.body ?? "",
          state: i.state === "open" ? "open" : "closed"
        }));
        return { issues, next: /rel="next"/.test(res.headers.link ?? "") };
      } catch (err) {
        throw fail(err, `read the issues labelled ${label}`);
      }
    },
    async createIssue(title, body, label, signal) {
      try {
        const octokit = await ready();
        const res = await octokit.request("POST /repos/{owner}/{repo}/issues", {
          owner,
          repo,
          title,
          body,
          labels: [label],
          request: { signal }
        });
        return { number: res.data.number };
      } catch (err) {
        throw fail(err, `open the issue "${title}"`);
      }
    },
    async updateIssue(number, change, signal) {
      try {
        const octokit = await ready();
        const reason = change.state === "closed" ? { state_reason: "completed" } : change.state === "open" ? { state_reason: "reopened" } : {};
        await octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
          owner,
          repo,
          issue_number: number,
          ...change,
          ...reason,
          request: { signal }
        });
      } catch (err) {
        throw fail(err, `update issue #${number}`);
      }
    },
    async comment(number, body, signal) {
      try {
        const octokit = await ready();
        await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
          owner,
          repo,
          issue_number: number,
          body,
          request: { signal }
        });
      } catch (err) {
        throw fail(err, `comment on issue #${number}`);
      }
    }
  };
}

// src/report/github/drift-issue-text.ts
var DRIFT_LABEL = "tend-drift";
var KINDS = ["missing", "extra", "stale", "modified", "unhealthy"];
var MARKER = /^<!-- tend-drift (\{[^\n]*\}) -->/;
var INSTANCES_SHOWN = 50;
function readMarker(body) {
  const found = MARKER.exec(body);
  if (!found?.[1]) return null;
  try {
    const m = JSON.parse(found[1]);
    if (typeof m.context !== "string" || typeof m.since !== "string" || m.group !== null && typeof m.group !== "string") return null;
    return { context: m.context, group: m.group, since: m.since, ...typeof m.scope === "string" ? { scope: m.scope } : {} };
  } catch {
    return null;
  }
}
function groupTitle(context, group) {
  return `${context}: drift in group ${group}`;
}
function summaryTitle(context, count, scope) {
  return `${context}: drift in ${count} more group${count === 1 ? "" : "s"}${scope ? ` (shard ${scope})` : ""}`;
}
function groupBody(marker, group, revision) {
  const rows = KINDS.filter((k) => group.drift[k] > 0).map((k) => `| ${k} | ${group.drift[k]} |`);
  const named = group.instances.slice(0, INSTANCES_SHOWN).map((i) => `- \`${code(i.id)}\`: ${i.reason}`);
  if (group.instances.length > INSTANCES_SHOWN) named.push(`- and ${group.instances.length - INSTANCES_SHOWN} more`);
  if (group.missing > 0) named.push(`- ${group.missing} to be created (missing)`);
  const spec = group.place ? `\`${code(group.place.file)}\`, line ${group.place.line}` : "not known";
  return [
    markerLine(marker),
    `Group **${code(group.id)}** differs from its spec: ${driftWords(group.drift)}.`,
    "",
    "| drift | instances |",
    "| --- | --- |",
    ...rows,
    "",
    "**Instances**",
    "",
    ...named.length > 0 ? named : ["- none named"],
    "",
    `- **Since**: ${marker.since}`,
    `- **Enforced commit**: ${revision}`,
    `- **Spec**: ${spec}`,
    "",
    "tend updates this issue while the drift lasts, and closes it when the drift ends."
  ].join("\n");
}
function summaryBody(marker, groups, revision, limit) {
  return [
    markerLine(marker),
    `More groups have drifted than the ${limit} that get an issue of their own (\`github.driftIssueLimit\`):`,
    "",
    ...groups.map(
      (g) => `- **${code(g.id)}**: ${driftWords(g.drift)}${g.place ? ` (\`${code(g.place.file)}\`, line ${g.place.line})` : ""}`
    ),
    "",
    `- **Since**: ${marker.since}`,
    `- **Enforced commit**: ${revision}`
  ].join("\n");
}
function endedComment(applied, revision, at) {
  const how = applied ? `tend applied commit ${revision}` : `fixed by hand: found in sync with commit ${revision}`;
  return `The drift ended at ${at.toISOString()}: ${how}. Closing.`;
}
function markerLine(marker) {
  return `<!-- tend-drift ${JSON.stringify(marker).replace(/>/g, "\\u003e")} -->`;
}
function code(text) {
  return text.replace(/[`\r\n]/g, " ").replace(/-->/g, "-- >");
}

// src/report/github/drift-issues.ts
var MAX_PAGES = 50;
var DriftIssues = class {
  constructor(settings, api, log) {
    this.settings = settings;
    this.api = api;
    this.log = log;
  }
  settings;
  api;
  log;
  queue = Promise.resolve();
  refused = false;
  said = /* @__PURE__ */ new Set();
  deadline = 0;
  /** The groups (null: the summary) whose issue is open, as last read and written; null until read. */
  open = null;
  /** Whether a wait of `ms` (a retry, a rate limit) still ends before the sync's time is up. */
  mayWait(ms) {
    return Date.now() + ms < this.deadline;
  }
  /** Brings the issues in line with what one run found; resolves once done or given up. Never rejects. */
  sync(check) {
    this.queue = this.queue.then(() => this.syncNow(check));
    return this.queue;
  }
  async syncNow(check) {
    if (this.refused) return;
    if (check.drifted.length === 0 && this.open?.size === 0) return;
    this.deadline = Date.now() + this.settings.reportTimeoutMs;
    const signal = AbortSignal.timeout(this.settings.reportTimeoutMs);
    try {
      const known = await this.read(signal);
      this.open = null;
      const open = new Set([...known].filter(([, k]) => k.issue.state === "open").map(([group]) => group));
      const own = this.ownIssues(check, known);
      for (const group of own) {
        await this.upsert(known.get(group.id), group, check, signal);
        open.add(group.id);
      }
      const overflow = check.drifted.filter((g) => !own.includes(g));
      await this.summary(known.get(null), overflow, check, signal);
      if (overflow.length > 0) open.add(null);
      else open.delete(null);
      for (const id of check.inSync) {
        await this.end(known.get(id), check, check.applied.includes(id), signal);
        open.delete(id);
      }
      this.open = open;
      for (const key of this.said) if (key.startsWith("failure ")) this.said.delete(key);
    } catch (err) {
      this.failed(err, signal);
    }
  }
  /**
   * Every drift issue of this context, by group (null: the summary): the oldest open one where there
   * is one, else the newest. A second open one (two runners that checked the group at the same
   * instant) is closed as a duplicate of the first.
   */
  async read(signal) {
    const found = /* @__PURE__ */ new Map();
    const duplicates = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const listing = await this.api.listIssues(DRIFT_LABEL, page, signal);
      for (const issue of listing.issues) {
        const marker = readMarker(issue.body);
        if (marker === null || marker.context !== this.settings.context) continue;
        if (marker.group === null && marker.scope !== this.settings.scope) continue;
        const held = found.get(marker.group);
        const other = { issue, marker };
        if (held && issue.state === "open" && held.issue.state === "open") duplicates.push(preferred(issue, held.issue) ? held : other);
        if (!held || preferred(issue, held.issue)) found.set(marker.group, other);
      }
      if (!listing.next) break;
    }
    for (const dup of duplicates) {
      const kept = found.get(dup.marker.group)?.issue.number;
      await this.api.comment(dup.issue.number, `A duplicate of #${kept}, which tracks this drift: closing.`, signal);
      await this.api.updateIssue(dup.issue.number, { state: "closed" }, signal);
    }
    return found;
  }
  /** The drifted groups that get an issue of their own: those that have an open one first, then by ID, up to the limit. */
  ownIssues(check, known) {
    const open = (g) => known.get(g.id)?.issue.state === "open";
    const ordered = [...check.drifted].sort((a, b) => Number(open(b)) - Number(open(a)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return ordered.slice(0, this.settings.limit);
  }
  async upsert(known, group, check, signal) {
    const { context } = this.settings;
    const open = known?.issue.state === "open";
    const since = open ? known.marker.since : check.at.toISOString();
    const body = groupBody({ context, group: group.id, since }, group, check.revision);
    const title = groupTitle(context, group.id);
    if (!known) {
      await this.api.createIssue(title, body, DRIFT_LABEL, signal);
      return;
    }
    if (open && known.issue.body === body && known.issue.title === title) return;
    await this.api.updateIssue(known.issue.number, { title, body, ...open ? {} : { state: "open" } }, signal);
  }
  async summary(known, overflow, check, signal) {
    const { context, limit } = this.settings;
    if (overflow.length === 0) return this.end(known, check, false, signal);
    const open = known?.issue.state === "open";
    const since = open ? known.marker.since : check.at.toISOString();
    const { scope } = this.settings;
    const body = summaryBody({ context, group: null, since, ...scope ? { scope } : {} }, overflow, check.revision, limit);
    const title = summaryTitle(context, overflow.length, scope);
    if (!known) {
      await this.api.createIssue(title, body, DRIFT_LABEL, signal);
      return;
    }
    if (open && known.issue.body === body && known.issue.title === title) return;
    await this.api.updateIssue(known.issue.number, { title, body, ...open ? {} : { state: "open" } }, signal);
  }
  /** An open issue whose drift is gone: one comment saying how it ended, then closed. */
  async end(known, check, applied, signal) {
    if (known?.issue.state !== "open") return;
    await this.api.comment(known.issue.number, endedComment(applied, check.revision, check.at), signal);
    await this.api.updateIssue(known.issue.number, { state: "closed" }, signal);
  }
  failed(err, signal) {
    const error = signal.aborted ? new TendError("GITHUB_UNREACHABLE", "GitHub did not answer in time", { transient: true }) : err instanceof TendError ? err : new TendError("GITHUB_UNREACHABLE", errorMessage(err), { transient: true });
    if (error.code === "GITHUB_RATE_LIMITED") return;
    if (error.code === "GITHUB_AUTH" || error.code === "GITHUB_FORBIDDEN") {
      this.refused = true;
      if (error.code === "GITHUB_FORBIDDEN" && this.settings.onForbidden) return this.settings.onForbidden(error);
      this.log.warn(`GitHub drift issues: ${error.message}; no drift issue is written (the token needs issues: write)`, {
        code: error.code
      });
      return;
    }
    const key = `failure ${error.code} ${error.message}`;
    if (this.said.has(key)) return;
    this.said.add(key);
    this.log.warn(`GitHub drift issues: ${error.message}${error.transient ? "; tried again at the next check" : ""}`, { code: error.code });
  }
};
function preferred(a, b) {
  if (a.state !== b.state) return a.state === "open";
  return a.state === "open" ? a.number < b.number : a.number > b.number;
}

// src/report/github/open-github-drift-issues.ts
function openGithubDriftIssues(options, log) {
  const { repo, apiUrl, credential, userAgent, timing, gate, ...settings } = options;
  const api = driftIssueClient({ repo, apiUrl, credential, userAgent, timing, gate, mayWait: (ms) => issues.mayWait(ms) }, log);
  const issues = new DriftIssues(settings, api, log);
  return issues;
}
export {
  openGithubDriftIssues
};
