import { createRequire as __tendCreateRequire } from 'node:module';
const require = __tendCreateRequire(import.meta.url);
import {
  blockedWords,
  convergedWords,
  driftWords,
  fit,
  invalidWords,
  outcomeWords,
  planWords,
  unfinishedWords
} from "./chunk-MGIBANUW.mjs";
import {
  verdictOf
} from "./chunk-YDBF3IIB.mjs";
import {
  hasChanges
} from "./chunk-HSGGVQ75.mjs";

// src/report/github/commit-statuses.ts
function statusesFor(event, options) {
  if (event.kind === "judged") {
    if (options.phrasing !== "apply" || event.plan.blocked !== null || !hasChanges(event.plan)) return null;
    return { sha: event.revision.sha, statuses: pendingStatuses(event.plan, options) };
  }
  if (event.kind !== "finished") return null;
  const { result } = event;
  if (result.kind === "failed") {
    if (result.revision === null) return null;
    const description = result.problems.length > 0 ? invalidWords(result.problems) : `error: ${result.error.message}`;
    return { sha: result.revision.sha, statuses: [status(options.context, "error", description)] };
  }
  return { sha: result.revision.sha, statuses: finalStatuses(result, options) };
}
function pendingStatuses(plan, options) {
  const groups = perGroup(plan.groups, options).filter((g) => g.actions.length > 0).map((g) => status(groupContext(options, g), "pending", planWords(counts(g), "applying")));
  return [status(options.context, "pending", planWords(plan.summary, "applying")), ...groups];
}
function finalStatuses(result, options) {
  const verdict2 = verdictOf(result);
  const conditions = new Map(verdict2.groups.map((g) => [g.id, g]));
  const said = (g, applied) => ({
    context: groupContext(options, g),
    ...groupStatus(g, applied, conditions.get(g.id), result, options.phrasing)
  });
  const groups = result.kind === "applied" ? perGroup(result.plan.groups, options).map((g) => said(g, g)) : perGroup(result.plan.groups, options).map((g) => said(g, null));
  return [...groups, status(options.context, ...aggregate(result, verdict2, options.phrasing))];
}
function aggregate(result, verdict2, phrasing) {
  const { plan } = result;
  if (!verdict2.judged) {
    const unobserved = verdict2.groups.filter((g) => g.condition === "unknown").length;
    return ["error", `error: ${unobserved} of ${plan.groups.length} groups could not be observed`];
  }
  const instances = plan.groups.reduce((n, g) => n + g.desired.size, 0);
  if (verdict2.blocked && (result.kind === "blocked" || phrasing === "plan")) return ["failure", blockedWords(verdict2.blocked)];
  if (result.kind === "applied") {
    if (verdict2.converged) return ["success", convergedWords(instances)];
    return ["failure", unfinishedWords(result.plan, verdict2.kind === "interrupted")];
  }
  const orphaned = plan.orphans.reduce((n, o) => n + o.instances, 0);
  if (phrasing === "plan") return ["success", planWords(plan.summary)];
  if (verdict2.found.drift || verdict2.found.orphans) return ["failure", driftWords(sumDrift(plan.groups), orphaned)];
  return ["success", convergedWords(instances)];
}
function groupStatus(g, applied, condition, result, phrasing) {
  const said = condition?.condition ?? "unknown";
  if (said === "unknown") return verdict("error", `error: ${g.error?.message ?? "not observed"}`);
  if (phrasing === "plan" && result.kind === "planned") {
    const { blocked } = result.plan;
    if (blocked === null) return verdict("success", planWords(counts(g)));
    if (said === "changes" || said === "drifted") return verdict("failure", blockedWords(blocked));
    return verdict("success", convergedWords(g.desired.size));
  }
  switch (said) {
    case "in-sync":
    case "converged":
      return verdict("success", convergedWords(g.desired.size));
    case "blocked":
      return verdict("failure", result.plan.blocked ? blockedWords(result.plan.blocked) : "blocked");
    case "changes":
      return verdict("failure", phrasing === "plan" ? planWords(counts(g)) : driftWords(g.drift));
    case "drifted":
      return verdict("failure", applied ? outcomeWords(applied) : driftWords(g.drift));
    default:
      return verdict("failure", applied ? outcomeWords(applied) : said);
  }
}
function verdict(state, description) {
  return { state, description: fit(description) };
}
function status(context, state, description) {
  return { context, state, description: fit(description) };
}
function perGroup(groups, options) {
  return groups.length <= options.perGroupLimit ? groups : [];
}
function groupContext(options, g) {
  return `${options.context}/${g.id}`;
}
function counts(g) {
  const c = { create: 0, replace: 0, destroy: 0 };
  for (const a of g.actions) c[a.op]++;
  return c;
}
function sumDrift(groups) {
  const sum = { missing: 0, extra: 0, stale: 0, modified: 0, unhealthy: 0 };
  for (const g of groups) for (const k of Object.keys(sum)) sum[k] += g.drift[k];
  return sum;
}

export {
  statusesFor
};
