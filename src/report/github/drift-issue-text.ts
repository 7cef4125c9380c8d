import type { DriftedGroup } from './drift-check.js';
import { driftWords } from './status-words.js';

/** The label every drift issue carries: how tend lists them again. */
export const DRIFT_LABEL = 'tend-drift';

const KINDS = ['missing', 'extra', 'stale', 'modified', 'unhealthy'] as const;
const MARKER = /^<!-- tend-drift (\{[^\n]*\}) -->/;
/** Instances named in one issue; the rest are counted. */
const INSTANCES_SHOWN = 50;

/** What the hidden first line of a drift issue says: whose it is (the status context, the group, or the summary) and since when. */
export interface IssueMarker {
  context: string;
  /** The group; null for the summary issue of the groups beyond the limit. */
  group: string | null;
  /** When the drift was first found, as an ISO time. */
  since: string;
  /** The summary's shard (`1/3`): each shard of a matrix lists its own groups beyond the limit. */
  scope?: string;
}

/** The marker a body starts with, or null when it is no drift issue's. */
export function readMarker(body: string): IssueMarker | null {
  const found = MARKER.exec(body);
  if (!found?.[1]) return null;
  try {
    const m = JSON.parse(found[1]) as Partial<IssueMarker>;
    if (typeof m.context !== 'string' || typeof m.since !== 'string' || (m.group !== null && typeof m.group !== 'string')) return null;
    return { context: m.context, group: m.group, since: m.since, ...(typeof m.scope === 'string' ? { scope: m.scope } : {}) };
  } catch {
    return null;
  }
}

/** `tend: drift in group web` (`tend/prod: …` for another status context). */
export function groupTitle(context: string, group: string): string {
  return `${context}: drift in group ${group}`;
}

/** `tend: drift in 3 more groups` */
export function summaryTitle(context: string, count: number, scope?: string): string {
  return `${context}: drift in ${count} more group${count === 1 ? '' : 's'}${scope ? ` (shard ${scope})` : ''}`;
}

/** A group's issue body: the marker, then counts by kind, the instances, since when, the commit and the spec's place. */
export function groupBody(marker: IssueMarker, group: DriftedGroup, revision: string): string {
  const rows = KINDS.filter((k) => group.drift[k] > 0).map((k) => `| ${k} | ${group.drift[k]} |`);
  const named = group.instances.slice(0, INSTANCES_SHOWN).map((i) => `- \`${code(i.id)}\`: ${i.reason}`);
  if (group.instances.length > INSTANCES_SHOWN) named.push(`- and ${group.instances.length - INSTANCES_SHOWN} more`);
  if (group.missing > 0) named.push(`- ${group.missing} to be created (missing)`);
  const spec = group.place ? `\`${code(group.place.file)}\`, line ${group.place.line}` : 'not known';
  return [
    markerLine(marker),
    `Group **${code(group.id)}** differs from its spec: ${driftWords(group.drift)}.`,
    '',
    '| drift | instances |',
    '| --- | --- |',
    ...rows,
    '',
    '**Instances**',
    '',
    ...(named.length > 0 ? named : ['- none named']),
    '',
    `- **Since**: ${marker.since}`,
    `- **Enforced commit**: ${revision}`,
    `- **Spec**: ${spec}`,
    '',
    'tend updates this issue while the drift lasts, and closes it when the drift ends.',
  ].join('\n');
}

/** The summary issue's body: one line per drifted group beyond the limit of issues. */
export function summaryBody(marker: IssueMarker, groups: readonly DriftedGroup[], revision: string, limit: number): string {
  return [
    markerLine(marker),
    `More groups have drifted than the ${limit} that get an issue of their own (\`github.driftIssueLimit\`):`,
    '',
    ...groups.map(
      (g) => `- **${code(g.id)}**: ${driftWords(g.drift)}${g.place ? ` (\`${code(g.place.file)}\`, line ${g.place.line})` : ''}`,
    ),
    '',
    `- **Since**: ${marker.since}`,
    `- **Enforced commit**: ${revision}`,
  ].join('\n');
}

/** The comment that closes an issue: how the drift ended. */
export function endedComment(applied: boolean, revision: string, at: Date): string {
  const how = applied ? `tend applied commit ${revision}` : `fixed by hand: found in sync with commit ${revision}`;
  return `The drift ended at ${at.toISOString()}: ${how}. Closing.`;
}

function markerLine(marker: IssueMarker): string {
  // `>` escaped, so that no group's name can end the comment early.
  return `<!-- tend-drift ${JSON.stringify(marker).replace(/>/g, '\\u003e')} -->`;
}

/** Text from specs and plugins kept from ending an inline code span or a comment. */
function code(text: string): string {
  return text.replace(/[`\r\n]/g, ' ').replace(/-->/g, '-- >');
}
