import { createRequire as __tendCreateRequire } from 'node:module';
const require = __tendCreateRequire(import.meta.url);
import {
  groupHasDrift
} from "./chunk-HSGGVQ75.mjs";
import "./chunk-CBVZSY3F.mjs";

// src/report/github/drift-issue-reporter.ts
function driftIssueReporter(sink, kind, pathOf = (file) => file, now = () => /* @__PURE__ */ new Date()) {
  let places = /* @__PURE__ */ new Map();
  return {
    async report(event) {
      if (event.kind === "judged") places = event.places ?? /* @__PURE__ */ new Map();
      if (event.kind !== "finished") return;
      const check = driftCheckOf(event.result, kind, places, pathOf, now());
      if (check !== null) await sink.sync(check);
    }
  };
}
function driftCheckOf(result, kind, places, pathOf, at) {
  if (result.kind === "failed" || result.kind === "blocked" || result.revision.sha === null) return null;
  if (kind === "check" !== (result.kind === "planned")) return null;
  const judged = result.plan.groups.filter((g) => g.error === null);
  const outcomes = new Map(result.kind === "applied" ? result.plan.groups.map((g) => [g.id, g.outcome]) : []);
  const drifted = (g) => kind === "check" ? groupHasDrift(g) : outcomes.get(g.id) === "drifted";
  const inSync = (g) => kind === "check" ? !groupHasDrift(g) : outcomes.get(g.id) === "converged";
  const place = (g) => {
    const p = places.get(g.id);
    return p ? { file: pathOf(p.file), line: Math.max(1, p.line) } : null;
  };
  return {
    revision: result.revision.sha,
    at,
    drifted: judged.filter(drifted).map((g) => ({
      id: g.id,
      drift: g.drift,
      instances: g.actions.flatMap((a) => a.instance ? [{ id: a.instance, reason: a.reason }] : []),
      missing: g.drift.missing,
      place: place(g)
    })),
    inSync: judged.filter(inSync).map((g) => g.id),
    applied: kind === "apply" ? judged.filter((g) => inSync(g) && (g.actions.length > 0 || groupHasDrift(g))).map((g) => g.id) : []
  };
}
export {
  driftCheckOf,
  driftIssueReporter
};
