import { createRequire as __tendCreateRequire } from 'node:module';
const require = __tendCreateRequire(import.meta.url);
import {
  groupHasDrift
} from "./chunk-HSGGVQ75.mjs";
import {
  formatDuration
} from "./chunk-WFVJPLRU.mjs";
import {
  TendError
} from "./chunk-RSD3EPRX.mjs";

// src/report/github/rate-limit-gate.ts
import { setTimeout as sleep } from "node:timers/promises";
var SECONDARY_FALLBACK_UNITS = 60;
var RateLimitGate = class {
  /** `unitMs`: what a second of `retry-after` is (TEND_GITHUB_RETRY_BASE); `now`: the clock. */
  constructor(log, options = {}) {
    this.log = log;
    this.unitMs = options.unitMs ?? 1e3;
    this.now = options.now ?? Date.now;
  }
  log;
  notBefore = 0;
  toldFor = 0;
  unitMs;
  now;
  /** The time (ms since the epoch) before which no request may go out, or null when requests may go now. */
  closedUntil() {
    return this.notBefore > this.now() ? this.notBefore : null;
  }
  /** How long until requests may go, by the gate's clock; null when they may go now. */
  waitLeft() {
    const until = this.closedUntil();
    return until === null ? null : until - this.now();
  }
  /** Notes what a response says of the limits; true when it is a refusal for a rate limit (to be asked again later). */
  async note(answer) {
    const { status, headers } = answer;
    const at = this.now();
    const retryAfter = parseRetryAfter(headers.get("retry-after"), at, this.unitMs);
    const exhausted = headers.get("x-ratelimit-remaining") === "0";
    const reset = Number(headers.get("x-ratelimit-reset"));
    if (exhausted && Number.isFinite(reset) && reset > 0) this.close(reset * 1e3);
    if (status !== 403 && status !== 429) return false;
    if (retryAfter !== null) this.close(retryAfter);
    else if (exhausted) return true;
    else if (status === 429 || /secondary rate limit/i.test(await answer.text().catch(() => ""))) {
      this.close(at + SECONDARY_FALLBACK_UNITS * this.unitMs);
    } else return false;
    return true;
  }
  /**
   * Resolves once requests may go: at once when open; after waiting until then when `mayWait` says
   * that fits the report's time; else rejects at once with GITHUB_RATE_LIMITED (not retried: its name
   * is an abort's), saying until when. The wait ends early with the signal.
   */
  async admit(mayWait, signal) {
    const until = this.closedUntil();
    if (until === null) return;
    const ms = until - this.now();
    if (!mayWait(ms)) throw this.refusal();
    await sleep(ms, void 0, signal ? { signal } : {});
  }
  close(at) {
    this.notBefore = Math.max(this.notBefore, at);
  }
  /**
   * GITHUB_RATE_LIMITED, saying until when, for a request given up while GitHub takes none; the
   * first for each time GitHub gave is logged, as the one line every report of the process shares.
   */
  refusal() {
    const until = this.closedUntil() ?? this.now();
    const words = limitWords(until, this.now());
    if (this.toldFor !== until) {
      this.toldFor = until;
      this.log.warn(`GitHub reports: ${words}`, { code: "GITHUB_RATE_LIMITED" });
    }
    const error = new TendError("GITHUB_RATE_LIMITED", words, { transient: true });
    error.name = "AbortError";
    return error;
  }
};
function limitWords(until, now) {
  const at = new Date(Math.ceil(until / 1e3) * 1e3).toISOString().replace(".000Z", "Z");
  return `GitHub's rate limit: it takes requests again at ${at} (in ${formatDuration(Math.max(0, until - now))}); given up until then`;
}
function parseRetryAfter(value, at, unitMs) {
  if (value === null || value.trim() === "") return null;
  if (/^\d+$/.test(value.trim())) return at + Number(value) * unitMs;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : date;
}

// src/outcome/verdict.ts
function verdictOf(result) {
  switch (result.kind) {
    case "valid":
      return verdict("done", 0, true, NOTHING_FOUND, null, null, []);
    case "failed": {
      const cause = { code: result.error.code, message: result.error.message, transient: result.error.transient ?? false };
      const kind = result.problems.length > 0 || INVALID_CODES.has(cause.code) ? "invalid" : stopped(cause);
      return verdict(kind, 1, false, NOTHING_FOUND, cause, null, []);
    }
    case "blocked": {
      const blocked = result.plan.blocked;
      const message = blocked ? `blocked by the ${blocked.reason}: would destroy ${blocked.destroy}, budget ${blocked.budget}` : "blocked";
      const cause = { code: "BLOCKED", message, transient: false };
      const groups = result.plan.groups.map((g) => blockedGroup(g, cause));
      return verdict("blocked", 1, false, foundIn(result.plan), cause, blocked, groups);
    }
    case "planned":
      return plannedVerdict(result.plan);
    case "applied":
      return appliedVerdict(result.plan, result.stopped);
  }
}
var NOTHING_FOUND = { changes: false, drift: false, orphans: false };
var INVALID_CODES = /* @__PURE__ */ new Set(["SPEC_INVALID", "SPEC_PATH_MISSING", "CONFIG_INVALID", "SPECS_NOT_FOUND"]);
function plannedVerdict(plan) {
  const found = foundIn(plan);
  const groups = plan.groups.map(plannedGroup);
  const cause = unobserved(plan);
  if (cause !== null) return verdict(stopped(cause), 1, false, found, cause, null, groups);
  const findings = found.changes || found.drift || found.orphans;
  return verdict(findings ? "findings" : "done", findings ? 2 : 0, !findings, found, null, plan.blocked, groups);
}
function appliedVerdict(plan, stop) {
  const found = foundIn(plan);
  const groups = plan.groups.map(appliedGroup);
  const prunesDone = plan.orphans.every((o) => o.outcome === null || o.outcome === "destroyed");
  const converged = stop === null && prunesDone && groups.every((g) => g.condition === "converged");
  const interrupted = stop !== null || groups.some((g) => g.condition === "interrupted") || plan.orphans.some((o) => o.outcome === "interrupted");
  if (interrupted) {
    const cause2 = stop ? { code: stop.code, message: stop.message, transient: stop.transient ?? true } : { code: "INTERRUPTED", message: "the apply was stopped before it finished", transient: true };
    return verdict("interrupted", 1, false, found, cause2, null, groups);
  }
  const cause = firstFailure(plan, groups);
  if (cause !== null) return verdict(stopped(cause), 1, false, found, cause, null, groups);
  return verdict(converged ? "done" : "findings", converged ? 0 : 1, converged, found, null, null, groups);
}
function verdict(kind, exitCode, converged, found, cause, blocked, groups) {
  const stop = cause === null ? null : cause.transient ? "transient" : "stalled";
  const judged = kind !== "invalid" && !(kind === "failed" && groups.length === 0) && groups.every((g) => g.condition !== "unknown");
  return { kind, judged, exitCode, converged, found, cause, stop, blocked, groups };
}
function stopped(cause) {
  return cause.code === "INTERRUPTED" ? "interrupted" : "failed";
}
function foundIn(plan) {
  return {
    changes: plan.groups.some((g) => g.actions.length > 0) || plan.orphans.some((o) => o.action === "destroy"),
    drift: plan.groups.some(groupHasDrift),
    orphans: plan.orphans.length > 0
  };
}
function unobserved(plan) {
  const failed = plan.groups.filter((g) => g.error !== null);
  const [first] = failed;
  if (first?.error == null) return null;
  const of = failed.length === 1 ? `group ${first.id}` : `${failed.length} of ${plan.groups.length} groups (first ${first.id})`;
  return { ...first.error, message: `${of} could not be observed: ${first.error.message}` };
}
function firstFailure(plan, groups) {
  const group = groups.find(
    (g) => g.condition === "unknown" || g.condition === "failed" || g.condition === "paused" || g.condition === "blocked"
  );
  if (group) return group.reason ?? { code: "PLUGIN_ERROR", message: `group ${group.id} ${group.condition}`, transient: false };
  const orphan = plan.orphans.find((o) => o.outcome !== null && o.outcome !== "destroyed");
  if (orphan === void 0) return null;
  return orphan.outcomeError ?? { code: "PLUGIN_ERROR", message: `the prune of ${orphan.group} ${orphan.outcome}`, transient: false };
}
function plannedGroup(g) {
  if (g.error !== null) return { id: g.id, condition: "unknown", reason: g.error };
  if (g.actions.length > 0) return { id: g.id, condition: "changes", reason: null };
  return { id: g.id, condition: groupHasDrift(g) ? "drifted" : "in-sync", reason: null };
}
function blockedGroup(g, cause) {
  if (g.error !== null) return { id: g.id, condition: "unknown", reason: g.error };
  if (g.actions.length > 0 || groupHasDrift(g)) return { id: g.id, condition: "blocked", reason: cause };
  return { id: g.id, condition: "in-sync", reason: null };
}
function appliedGroup(g) {
  if (g.error !== null) return { id: g.id, condition: "unknown", reason: g.error };
  const { outcome } = g;
  const reason = outcome === "converged" || outcome === "drifted" ? null : g.outcomeError;
  return { id: g.id, condition: outcome, reason };
}

// src/report/pruned-text.ts
var NAMED = 3;
function prunedText(orphans) {
  const names = orphans.filter((o) => o.outcome === "destroyed").map((o) => o.group);
  if (names.length === 0) return null;
  if (names.length <= NAMED) return `pruned ${names.join(", ")}`;
  return `pruned ${names.length} groups: ${names.slice(0, NAMED).join(", ")}, \u2026`;
}

// src/reconcile/applied-plan.ts
function unpruned(orphan) {
  return { ...orphan, outcome: null, outcomeError: null };
}

// src/report/shown-plan.ts
function shownGroups(shown) {
  if (shown.kind === "planned") return shown.plan.groups.map((g) => [g, null]);
  return shown.plan.groups.map((g) => [g, g]);
}
function shownOrphans(shown) {
  return shown.kind === "planned" ? shown.plan.orphans.map(unpruned) : shown.plan.orphans;
}

// src/report/plan-text.ts
var SYMBOL = { create: "+", replace: "~", destroy: "-" };
function planText(shown, phrasing) {
  const { plan } = shown;
  const lines = [];
  for (const [g, applied] of shownGroups(shown)) for (const line of groupLines(g, applied, phrasing)) lines.push(line);
  if (plan.groups.length === 0) lines.push("No groups in the specs.");
  if (plan.orphans.length > 0) {
    lines.push("", "Orphans (instances of groups no longer in the specs):");
    for (const o of shownOrphans(shown))
      lines.push(`  ${o.group}: ${o.instances} instance${o.instances === 1 ? "" : "s"}, ${orphanFate(o)}`);
  }
  lines.push("", summaryLine(shown, phrasing));
  if (plan.blocked) lines.push(blockedLine(plan.blocked));
  return lines.join("\n");
}
function groupLines(g, applied, phrasing) {
  const head = `${g.id}${g.mode === "report" ? " (report mode)" : ""}`;
  if (g.error) return [`${head}  error: ${g.error.message}${applied ? `  \u2192 ${applied.outcome}` : ""}`];
  const counts = `desired ${g.desired.size}, observed ${g.observed.instances}`;
  const state = groupHasDrift(g) ? `drift: ${driftText(g.drift)}` : "in sync";
  const lines = [`${head}  ${counts}  ${state}${applied ? `  \u2192 ${outcomeText(applied.outcome, applied.outcomeError)}` : ""}`];
  if (phrasing !== "drift") {
    for (const a of g.actions) lines.push(`  ${SYMBOL[a.op]} ${a.op} ${actionTarget(a)} (${a.reason})`);
    if (g.mode === "report" && groupHasDrift(g)) lines.push("  report mode: detected, not changed");
  }
  return lines;
}
function orphanFate(o) {
  if (o.action === "keep") return "kept (pass --prune to destroy them)";
  if (o.outcome === null) return "to destroy (--prune)";
  if (o.outcome === "destroyed") return "destroyed (--prune)";
  return `prune ${o.outcome}${o.outcomeError ? `: ${o.outcomeError.message}` : ""}`;
}
function outcomeText(outcome, error) {
  if (!error) return outcome;
  return error.message.startsWith(outcome) ? error.message : `${outcome}: ${error.message}`;
}
function actionTarget(a) {
  const pet = a.logicalId ? `logical ID ${a.logicalId}` : "";
  if (a.op === "create") return pet || "instance";
  return pet ? `${a.instance} (${pet})` : String(a.instance);
}
function driftText(drift) {
  const parts = ["missing", "extra", "stale", "modified", "unhealthy"].filter((k) => drift[k] > 0).map((k) => `${drift[k]} ${k}`);
  return parts.length > 0 ? parts.join(", ") : "none";
}
function summaryLine(shown, phrasing) {
  const { plan } = shown;
  const s = plan.summary;
  const errors = s.errors > 0 ? `, ${s.errors} group${s.errors === 1 ? "" : "s"} in error` : "";
  if (phrasing === "drift") {
    const orphans = plan.orphans.reduce((n, o) => n + o.instances, 0);
    const orphanText = orphans > 0 ? `, ${orphans} orphan instance${orphans === 1 ? "" : "s"}` : "";
    if (s.drifted === 0 && orphans === 0) return `No drift: ${s.groups} group${s.groups === 1 ? "" : "s"} in sync${errors}.`;
    return `Drift: ${s.drifted} of ${s.groups} group${s.groups === 1 ? "" : "s"} drifted${orphanText}${errors}.`;
  }
  const counts = `${s.create} to create, ${s.replace} to replace, ${s.destroy} to destroy`;
  if (phrasing === "plan" || shown.kind === "planned") return `Plan: ${counts}${errors}.`;
  return appliedLine(shown.plan);
}
function appliedLine(plan) {
  const s = plan.summary;
  const tally = (o) => plan.groups.filter((g) => g.outcome === o).length;
  const outcomes = OUTCOMES.filter((o) => tally(o) > 0).map((o) => `${tally(o)} ${o}`);
  const done = verdictOf({ kind: "applied", plan, stopped: null }).converged;
  const pruned = prunedText(plan.orphans);
  const said = `${outcomes.join(", ") || "no groups"}${pruned === null ? "" : `; ${pruned}`}`;
  if (tally("interrupted") > 0 || plan.orphans.some((o) => o.outcome === "interrupted")) {
    return `Apply interrupted: ${said} (planned ${plannedText(s)}); apply again to finish.`;
  }
  return `Apply ${done ? "complete" : "incomplete"}: ${said} (planned ${plannedText(s)}).`;
}
var OUTCOMES = ["converged", "drifted", "paused", "failed", "interrupted", "blocked"];
function plannedText(s) {
  return `${s.create} create${s.create === 1 ? "" : "s"}, ${s.replace} replacement${s.replace === 1 ? "" : "s"}, ${s.destroy} destroy${s.destroy === 1 ? "" : "s"}`;
}
function blockedLine(b) {
  const scope = b.group ? ` in group ${b.group}` : b.managed !== void 0 ? `, pruning included, of the ${b.managed} tend manages` : "";
  const flag = b.group || b.managed !== void 0 ? "--max-destroy-percent" : "--max-destroy";
  return `Blocked by the ${b.reason}: would destroy ${b.destroy} instance${b.destroy === 1 ? "" : "s"}${scope}, budget ${b.budget} (raise ${flag} to allow it). Nothing was changed.`;
}

export {
  verdictOf,
  unpruned,
  shownGroups,
  shownOrphans,
  planText,
  outcomeText,
  driftText,
  summaryLine,
  blockedLine,
  RateLimitGate
};
