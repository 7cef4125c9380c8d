import { createRequire as __tendCreateRequire } from 'node:module';
const require = __tendCreateRequire(import.meta.url);
import {
  blockedLine,
  driftText,
  outcomeText,
  shownGroups,
  shownOrphans,
  summaryLine
} from "./chunk-YDBF3IIB.mjs";
import {
  groupHasDrift
} from "./chunk-HSGGVQ75.mjs";

// src/report/actions/fit-summary.ts
var STEP_SUMMARY_LIMIT = 1024 * 1024;
var RESERVE = 1024;
function fitSections(sections2, limit, whole, fitting = "GitHub's 1 MiB step summary") {
  const out = [];
  let used = 0;
  let full = false;
  const left = /* @__PURE__ */ new Map();
  const add = (line) => {
    out.push(line);
    used += Buffer.byteLength(line, "utf8") + 1;
  };
  for (const section of sections2) {
    if (full) {
      left.set(section.unit, (left.get(section.unit) ?? 0) + section.rows.length);
      continue;
    }
    for (const line of section.head) add(line);
    let shown = 0;
    for (const line of section.rows) {
      if (used + Buffer.byteLength(line, "utf8") + 1 > limit - RESERVE) break;
      add(line);
      shown++;
    }
    if (shown < section.rows.length) {
      full = true;
      left.set(section.unit, (left.get(section.unit) ?? 0) + section.rows.length - shown);
    }
    for (const line of section.tail ?? []) add(line);
  }
  if (full) {
    const counts = [...left].filter(([, n]) => n > 0).map(([unit, n]) => `${n} ${unit}`);
    add("");
    add(`> **Truncated** to fit ${fitting}: ${counts.join(", ")} not shown. ${whole}`);
  }
  return `${out.join("\n")}
`;
}

// src/report/actions/markdown.ts
function cell(text) {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("\\", "\\\\").replaceAll("|", "\\|").replaceAll("[", "\\[").replaceAll("]", "\\]").replace(/[\r\n]+/g, " ");
}
function inline(text) {
  return cell(text).replaceAll("`", "\\`").replaceAll("*", "\\*").replaceAll("_", "\\_");
}
function tableHead(columns) {
  return [`| ${columns.join(" | ")} |`, `|${columns.map(() => " --- ").join("|")}|`];
}
function row(cells) {
  return `| ${cells.map(cell).join(" | ")} |`;
}

// src/report/actions/job-summary.ts
function jobSummary(input, limit = STEP_SUMMARY_LIMIT) {
  const head = [`### tend ${inline(input.command)}`, "", inline(input.about), ""];
  return fitSections([{ head, rows: [], unit: "lines" }, ...sections(input.result)], limit, input.whole, input.fitting);
}
function sections(result) {
  if (result.kind === "valid") return [{ head: [`**${inline(result.line)}**`], rows: [], unit: "lines" }];
  if (result.kind === "failed") {
    const verdict2 = [`**Failed** (\`${result.error.code}\`): ${inline(result.error.message)}`, ""];
    if (result.problems.length === 0) return [{ head: verdict2, rows: [], unit: "lines" }];
    const rows = result.problems.map((p) => row([`${p.file}:${p.line}:${p.column}`, p.code, p.path, p.message]));
    return [{ head: [...verdict2, ...tableHead(["place", "code", "key", "problem"])], rows, unit: "problems" }];
  }
  const { shown, phrasing } = result;
  const { plan } = shown;
  const verdict = [`**${inline(summaryLine(shown, phrasing))}**`, ""];
  if (plan.blocked) verdict.push(`> ${inline(blockedLine(plan.blocked))}`, "");
  const groups = {
    head: [...verdict, ...tableHead(["group", "mode", "desired", "observed", "drift", "actions", "outcome"])],
    rows: shownGroups(shown).map(
      ([g, applied]) => row([g.id, g.mode, String(g.desired.size), String(g.observed.instances), drift(g), tally(g.actions), outcome(g, applied)])
    ),
    unit: "groups"
  };
  const parts = [groups];
  if (plan.orphans.length > 0) {
    const orphanHead = [
      "",
      "Orphans (instances of groups no longer in the specs):",
      "",
      ...tableHead(["group", "instances", "action", "outcome"])
    ];
    parts.push({ head: orphanHead, rows: shownOrphans(shown).map(orphanRow), unit: "orphans" });
  }
  const actions = plan.groups.flatMap((g) => g.actions.map((a) => `- \`${g.id}\` ${actionLine(a)}`));
  if (actions.length > 0 && phrasing !== "drift") {
    parts.push({
      head: ["", `<details><summary>Actions (${actions.length})</summary>`, ""],
      rows: actions,
      tail: ["", "</details>"],
      unit: "actions"
    });
  }
  return parts;
}
function drift(g) {
  return g.error ? "?" : driftText(g.drift);
}
function tally(actions) {
  if (actions.length === 0) return "\u2014";
  const n = (op) => actions.filter((a) => a.op === op).length;
  return `+${n("create")} ~${n("replace")} -${n("destroy")}`;
}
function outcome(g, applied) {
  const error = applied?.outcomeError ?? g.error;
  if (applied) return outcomeText(applied.outcome, error);
  if (error) return `error: ${error.message}`;
  if (g.mode === "report" && groupHasDrift(g)) return "drift (report mode: not changed)";
  if (g.actions.length > 0) return "changes planned";
  return groupHasDrift(g) ? "drift" : "in sync";
}
function orphanRow(o) {
  const fate = o.outcome ? `${o.outcome}${o.outcomeError ? `: ${o.outcomeError.message}` : ""}` : "\u2014";
  return row([o.group, String(o.instances), o.action, fate]);
}
function actionLine(a) {
  const symbol = { create: "+", replace: "~", destroy: "-" }[a.op];
  const target = a.op === "create" ? a.logicalId ? `logical ID ${a.logicalId}` : "instance" : `${a.instance ?? ""}${a.logicalId ? ` (logical ID ${a.logicalId})` : ""}`;
  return `${symbol} ${a.op} ${inline(target)} (${a.reason})`;
}

export {
  jobSummary
};
